/** Shared PIF mechanics: attaching/detaching (addresses, carrier) and moving the management interface. */
import { managementAddress, ipv4Fields, ipv6Fields, shownDns } from '../pif-addressing.js';
import { bool, str, strs, type SimState } from '../state.js';
import { xapiDateTime, type XRecord } from '../values.js';

/** Sets currently_attached and what follows from it: dynamic addresses, PIF_metrics carrier/speed. */
export function setAttached(state: SimState, ref: string, attached: boolean): void {
  const pif = state.record('PIF', ref);
  if (pif === undefined) return;
  const segment = state.segmentOfNetwork(str(pif.network));
  let next: XRecord = { ...pif, currently_attached: attached };
  const v6 = strs(pif.IPv6);
  next = { ...next, ...ipv4Fields(next, segment, str(pif.ip_configuration_mode), str(pif.IP), str(pif.netmask), str(pif.gateway)) };
  next = { ...next, ...ipv6Fields(next, segment, str(pif.ipv6_configuration_mode), v6[0] ?? '', str(pif.ipv6_gateway)) };
  next = { ...next, DNS: shownDns(next, segment, str(pif.DNS)) };
  state.db.update('PIF', ref, next);
  const link = state.links[ref] ?? { link: bool(pif.physical), speed: 0 };
  const carrier = attached && (bool(pif.physical) ? link.link : true);
  const metrics = str(pif.metrics);
  if (state.record('PIF_metrics', metrics) !== undefined) {
    state.db.update('PIF_metrics', metrics, {
      carrier,
      speed: carrier && bool(pif.physical) ? link.speed : 0,
      duplex: carrier,
      last_updated: xapiDateTime(new Date()),
    });
  }
  if (bool(next.management)) syncHostAddress(state, ref);
}

/** host.address follows the management PIF's primary family. */
export function syncHostAddress(state: SimState, pifRef: string): void {
  const pif = state.record('PIF', pifRef);
  if (pif === undefined || !bool(pif.management)) return;
  const hostRef = str(pif.host);
  if (state.record('host', hostRef) === undefined) return;
  state.db.update('host', hostRef, { address: managementAddress(pif) });
}

/** Makes `pifRef` its host's management interface (the others lose the flag) and plugs it. */
export function makeManagement(state: SimState, pifRef: string): void {
  const pif = state.record('PIF', pifRef);
  if (pif === undefined) return;
  const hostRef = str(pif.host);
  for (const [ref, other] of state.db.allRecords('PIF')) {
    if (ref !== pifRef && other.host === hostRef && bool(other.management)) state.db.update('PIF', ref, { management: false });
  }
  state.db.update('PIF', pifRef, { management: true });
  if (!bool(pif.currently_attached)) setAttached(state, pifRef, true);
  syncHostAddress(state, pifRef);
}

export function managementPifOf(state: SimState, hostRef: string): string | undefined {
  return state.db.find('PIF', (p) => p.host === hostRef && bool(p.management))?.[0];
}
