import { makeCidr, networkText, parseAddress } from '../addressing/index.js';
import type { Capabilities } from './capabilities.js';
import { managementInterface } from './host-queries.js';
import { layoutUses, type Layout } from './layout.js';
import type { Ipv6Mode } from './modes.js';
import type { Plan } from './plan.js';
import { planFromState } from './plan-from-state.js';
import type { PlanInput } from './plan-input.js';
import { planError } from './plan-issues.js';
import { poolReadiness, type PoolIssue } from './pool-readiness.js';
import { findPoolHost, type PoolHost, type PoolState } from './pool-state.js';
import { validatePlan, type PlanValidation } from './validate-plan.js';

/** A pool-wide management change as typed (CLI flags or the Pool screen's form). */
export interface PoolPlanInput {
  readonly layout: Layout;
  /** Host (name, hostname or id) → "ADDR/PREFIX" for a static IPv6 address. */
  readonly addresses: Readonly<Record<string, string>>;
  /** IPv6 mode for every host; null: static when an address is given or the host has a static one, else its current mode. */
  readonly ipv6Mode: Extract<Ipv6Mode, 'static' | 'dhcp' | 'autoconf'> | null;
  /** IPv6 gateway for every host; null keeps each host's own. */
  readonly gateway6: string | null;
}

export interface PoolHostPlan {
  readonly host: PoolHost;
  readonly input: PlanInput;
  readonly validation: PlanValidation;
}

export interface PoolPlanValidation {
  /** One plan per host, in apply order: members first (by name), the master last. */
  readonly hosts: readonly PoolHostPlan[];
  /** Pool-wide and per-host errors (each names its host); the change may go ahead only when there is none. */
  readonly errors: readonly PoolIssue[];
  readonly warnings: readonly PoolIssue[];
  /** The validated plans in apply order, exactly when there is no error. */
  readonly plans: readonly { readonly host: PoolHost; readonly plan: Plan }[] | null;
}

function hostInput(host: PoolHost, input: PoolPlanInput, address: string | undefined): PlanInput | null {
  const iface = managementInterface(host.state);
  if (iface === null) return null;
  const base = planFromState(host.state, iface.id);
  const mode: Ipv6Mode = address !== undefined ? 'static' : (input.ipv6Mode ?? (iface.ipv6.mode === 'none' ? 'static' : iface.ipv6.mode));
  const slash = address?.indexOf('/') ?? -1;
  return {
    ...base,
    layout: input.layout,
    ipv4: layoutUses(input.layout, 'ipv4') ? base.ipv4 : { ...base.ipv4, mode: 'none' },
    ipv6: {
      mode,
      address: address === undefined ? base.ipv6.address : slash < 0 ? address : address.slice(0, slash),
      prefix: address === undefined ? base.ipv6.prefix : slash < 0 ? '' : address.slice(slash + 1),
      gateway: input.gateway6 ?? base.ipv6.gateway,
    },
  };
}

/** Apply order: members by name, then the master (so the pool keeps its coordinator until the end, as xapi does). */
export function applyOrder(pool: PoolState): PoolHost[] {
  return [...pool.hosts.filter((h) => h.role !== 'master'), ...pool.hosts.filter((h) => h.role === 'master')];
}

/**
 * Validates a pool-wide change: one plan per host through the single-host validation (so every host gets the same
 * checks a console on it would make, gateway on-link included), then what only the pool can check — hosts named in
 * --address exist, no two hosts share an address, all static addresses on one prefix — and the readiness report
 * for the target layout.
 */
export function validatePoolPlan(pool: PoolState, input: PoolPlanInput, capabilities: Capabilities): PoolPlanValidation {
  const errors: PoolIssue[] = [];
  const warnings: PoolIssue[] = [];
  const byHost = new Map<string, string>();
  for (const [key, address] of Object.entries(input.addresses)) {
    const host = findPoolHost(pool, key);
    if (host === null) {
      errors.push({ ...planError('pool-host-unknown', 'ipv6.address', `--address ${key}=${address}: the pool has no host '${key}' (hosts: ${pool.hosts.map((h) => h.state.name).join(', ')}).`), host: null });
      continue;
    }
    byHost.set(host.id, address);
  }

  const hosts: PoolHostPlan[] = [];
  for (const host of applyOrder(pool)) {
    const hostIn = hostInput(host, input, byHost.get(host.id));
    if (hostIn === null) {
      errors.push({ ...planError('interface-unknown', 'interface', `${host.state.name} has no management interface (management is disabled there).`), host: host.state.name });
      continue;
    }
    const validation = validatePlan(hostIn, host.state, capabilities);
    hosts.push({ host, input: hostIn, validation });
    for (const e of validation.errors) errors.push({ ...e, message: `${host.state.name}: ${e.message}`, host: host.state.name });
    for (const w of validation.warnings) {
      // The pool report below says the same about storage and DHCP DNS once for the pool.
      if (w.code === 'storage-ipv4-only' || w.code === 'dhcp-dns-overrides-ipv6-dns') continue;
      // The members follow the master's family in this same move (before it): they do not lose it.
      if (w.code === 'pool-master-primary-switch') continue;
      warnings.push({ ...w, message: `${host.state.name}: ${w.message}`, host: host.state.name });
    }
  }

  const seen = new Map<string, string>();
  let prefix: { network: string; host: string } | null = null;
  for (const { host, validation } of hosts) {
    const v6 = validation.plan?.ipv6;
    if (v6?.mode !== 'static') continue;
    const other = seen.get(v6.address.address);
    if (other !== undefined) {
      errors.push({ ...planError('pool-address-duplicate', 'ipv6.address', `${host.state.name} and ${other} would both have ${v6.address.address}; give each host its own address.`), host: host.state.name });
    }
    seen.set(v6.address.address, host.state.name);
    const parsed = parseAddress(v6.address.address);
    if (!parsed.ok) continue;
    const network = networkText(makeCidr(parsed.value, v6.address.prefix));
    if (prefix === null) prefix = { network, host: host.state.name };
    else if (prefix.network !== network) {
      errors.push({ ...planError('pool-prefix-mismatch', 'ipv6.address', `${host.state.name} would be on ${network}, ${prefix.host} on ${prefix.network}: put every host on the same management prefix.`), host: host.state.name });
    }
  }

  for (const issue of poolReadiness(pool, input.layout)) {
    // What the move itself fixes is not worth a warning about the move.
    if (issue.code === 'pool-host-no-ipv6' || issue.code === 'pool-master-ipv4-only') continue;
    if (issue.code === 'pool-primary-family-differs') continue;
    (issue.severity === 'error' ? errors : warnings).push(issue);
  }
  const plans = errors.length === 0 ? hosts.flatMap((h) => (h.validation.plan === null ? [] : [{ host: h.host, plan: h.validation.plan }])) : null;
  return { hosts, errors, warnings, plans };
}
