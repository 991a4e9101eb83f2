/**
 * DNS sanity after a change — pure: the resolver (resolv.conf, or the simulator's) must list at least one nameserver
 * of a family the host has an address in. XCP-ng hosts have been seen to write an empty resolv.conf after the primary
 * family became IPv6 (xcp-ng/xcp issue 641), and a host switched to IPv6 only keeps IPv4 nameservers it can no longer
 * reach: both leave every name unresolvable while every address test passes.
 */
import { classify, familyLabel, parseAddress, type Family } from '../addressing/index.js';
import type { ResolverConfig } from '../backends/net-tools.js';
import type { HostState } from '../model/host-state.js';

export interface ResolverVerdict {
  readonly ok: boolean;
  /** One line. */
  readonly detail: string;
}

export const ISSUE_641 = 'XCP-ng has been seen to leave it so after a switch to IPv6: xcp-ng/xcp issue 641';

/** The families the host can send from: an address of the family on some interface (link-local counts for IPv6 link-local servers). */
function familyUp(state: HostState, family: Family, linkLocal: boolean): boolean {
  return state.interfaces.some((i) => i[family].addresses.some((a) => linkLocal || a.scope !== 'link-local'));
}

export function checkResolver(config: ResolverConfig, state: HostState): ResolverVerdict {
  if (config.nameservers.length === 0) {
    return { ok: false, detail: `no nameserver in ${config.source}: names will not resolve (${ISSUE_641})` };
  }
  const usable: string[] = [];
  const unusable: { server: string; family: Family }[] = [];
  for (const server of config.nameservers) {
    const parsed = parseAddress(server.split('%')[0] ?? server);
    if (!parsed.ok) continue;
    const family = parsed.value.family;
    const linkLocal = classify(parsed.value).scope === 'link-local';
    if (familyUp(state, family, linkLocal)) usable.push(server);
    else unusable.push({ server, family });
  }
  const off = [...new Set(unusable.map((u) => u.family))].map((f) => `${familyLabel(f)} is off`).join(', ');
  if (usable.length === 0) {
    const families = [...new Set(unusable.map((u) => familyLabel(u.family)))].join(' and ');
    return {
      ok: false,
      detail: `${config.source} lists only ${families} nameservers (${unusable.map((u) => u.server).join(', ')}) and ${off.replace(/, /g, ' and ')} on this host: names will not resolve (${ISSUE_641})`,
    };
  }
  const rest = unusable.length === 0 ? '' : `; ${unusable.map((u) => u.server).join(', ')} cannot be used (${off})`;
  return { ok: true, detail: `${usable.join(', ')} in ${config.source}${rest}` };
}
