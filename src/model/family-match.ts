import { parseAddress } from '../addressing/address.js';
import { classify, type AddressScope } from '../addressing/classify.js';
import type { FamilyConfig } from './host-state.js';
import type { Ipv4Mode, Ipv6Mode } from './modes.js';
import type { Ipv4Plan, Ipv6Plan } from './plan.js';

/**
 * True when a family's current configuration already is what the plan asks: same mode and, for Static, exactly the
 * planned address (link-local addresses, which the kernel adds by itself, are ignored) and the planned gateway. For
 * DHCP, autoconf and None only the mode counts: the network decides the rest.
 */
export function familyMatches(current: FamilyConfig<Ipv4Mode | Ipv6Mode>, plan: Ipv4Plan | Ipv6Plan): boolean {
  if (current.mode !== plan.mode) return false;
  if (plan.mode !== 'static') return true;
  const configured = current.addresses.filter((a) => a.scope !== 'link-local');
  const only = configured[0];
  return (
    configured.length === 1 &&
    only !== undefined &&
    only.address === plan.address.address &&
    only.prefix === plan.address.prefix &&
    current.gateway === plan.gateway
  );
}

/**
 * A family's configuration once the plan is applied, as far as the plan decides it: for Static the planned address
 * (plus the link-local addresses the kernel keeps) and gateway; for DHCP/autoconf the current values when the mode
 * does not change, else only the link-local addresses (the network decides the rest); for None nothing.
 */
export function familyAfter(current: FamilyConfig<Ipv4Mode>, plan: Ipv4Plan): FamilyConfig<Ipv4Mode>;
export function familyAfter(current: FamilyConfig<Ipv6Mode>, plan: Ipv6Plan): FamilyConfig<Ipv6Mode>;
export function familyAfter(current: FamilyConfig<Ipv4Mode | Ipv6Mode>, plan: Ipv4Plan | Ipv6Plan): FamilyConfig<Ipv4Mode | Ipv6Mode> {
  if (familyMatches(current, plan)) return current;
  const linkLocal = current.addresses.filter((a) => a.scope === 'link-local');
  switch (plan.mode) {
    case 'static':
      return {
        mode: plan.mode,
        addresses: [{ address: plan.address.address, prefix: plan.address.prefix, scope: scopeOfCanonical(plan.address.address) }, ...linkLocal],
        gateway: plan.gateway,
      };
    case 'dhcp':
    case 'autoconf':
      return current.mode === plan.mode ? current : { mode: plan.mode, addresses: linkLocal, gateway: null };
    case 'none':
      return { mode: plan.mode, addresses: [], gateway: null };
    case 'link-local':
      return { mode: plan.mode, addresses: linkLocal, gateway: null };
    case 'ignore':
      // Left alone: whatever the kernel or other tools put there stays.
      return { mode: plan.mode, addresses: current.addresses, gateway: current.gateway };
  }
}

/** The scope of an address already in canonical form (plans and states hold only those). */
export function scopeOfCanonical(address: string): AddressScope {
  const parsed = parseAddress(address);
  if (!parsed.ok) throw new Error(`bug: '${address}' in a plan or state is not an address`);
  return classify(parsed.value).scope;
}
