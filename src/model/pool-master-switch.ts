/**
 * The pool master's primary-family switch: members reach the master by its management address (xapi's pool.master →
 * host.address, one address of the master's primary family), so switching that family moves the address the members
 * use. A warning, not an error: xapi allows it on the master, and the members can follow.
 */
import { familyLabel } from '../addressing/family.js';
import type { HostState, NetworkInterface } from './host-state.js';
import { managementAddress } from './host-queries.js';
import { layoutPrimaryFamily } from './layout.js';
import type { PlanInput } from './plan-input.js';
import { planWarning, type PlanIssue } from './plan-issues.js';

export function checkPoolMasterSwitch(input: PlanInput, state: HostState, target: NetworkInterface | null, primaryFamilyChoice: boolean, issues: PlanIssue[]): void {
  if (state.pool.role !== 'master' || target === null || !target.management || !primaryFamilyChoice) return;
  const from = target.primaryFamily;
  const to = layoutPrimaryFamily(input.layout);
  if (from === to) return;
  const count = state.pool.memberCount;
  const members = count === undefined ? 'its members' : count === 1 ? 'its 1 member' : `its ${count} members`;
  const they = count === 1 ? 'it' : 'they';
  const address = managementAddress(state);
  const at = address === null ? `by its ${familyLabel(from)} address` : `at ${address} (its ${familyLabel(from)} address)`;
  const pool = state.pool.name === '' ? 'its pool' : `pool ${state.pool.name}`;
  issues.push(
    planWarning(
      'pool-master-primary-switch',
      'layout',
      `This host is the master of ${pool}: ${members} reach it ${at}. Switching its primary family to ${familyLabel(to)} moves that address, and ${they} lose the master — no VM start, migration or pool operation from ${count === 1 ? 'it' : 'them'} — until each member's management is switched to ${familyLabel(to)} too.`,
    ),
  );
}
