/**
 * The settings a family had on an interface before a change turned it off, so that bringing the family back (IPv6 only
 * → dual stack) offers them instead of an empty form. The states come from the app: the states this console has read,
 * and the previous change's journal (the snapshot taken before it).
 */
import type { Family } from '../addressing/family.js';
import type { HostState } from './host-state.js';
import { findInterface } from './host-queries.js';
import { planFromState } from './plan-from-state.js';
import type { PlanInput } from './plan-input.js';

export type RememberedFamily<F extends Family> = PlanInput[F];

/**
 * The newest of `states` (newest first) in which the interface had the family on — Static with an address, or a
 * dynamic mode — as the form's text; null when none had.
 */
export function rememberedFamily<F extends Family>(states: readonly HostState[], interfaceId: string, family: F): RememberedFamily<F> | null {
  for (const state of states) {
    const iface = findInterface(state, interfaceId);
    if (iface === undefined) continue;
    const config = iface[family];
    if (config.mode === 'none' || config.mode === 'ignore' || config.mode === 'link-local') continue;
    const input = planFromState(state, interfaceId)[family];
    if (config.mode === 'static' && input.address === '') continue;
    return input;
  }
  return null;
}
