/**
 * The traffic source of a remote xapi (reached over TCP): what xapi's RRDs give — the PIF's bytes per second in and
 * out, all families together, averaged over 5 s (rrd-updates.ts) — and, row by row, what they do not: the IPv4/IPv6
 * split and the peers. Each sample reads `/rrd_updates` for the last 30 s (a start relative to the host's latest
 * update, so the two clocks need not agree) and takes its newest complete row.
 */
import type { HostState } from '../../model/host-state.js';
import type { TrafficSample } from '../../model/traffic-sample.js';
import { backendError, failed, succeeded, type BackendError, type BackendResult } from '../backend-error.js';
import type { TrafficSource } from '../traffic-source.js';
import type { PostResult } from './http-post.js';
import { parseRrdUpdates, pifDevices, pifRates, rrdUpdatesPath } from './rrd-updates.js';

export const RRD_SPLIT_MISSING = "xapi's RRDs count bytes per PIF only, not per family.";
export const RRD_PEERS_MISSING = "xapi does not list the host's TCP connections.";

export interface RrdAccess {
  /** A GET to xapi with the path built for a session (rrdUpdatesPath). */
  get(path: string): Promise<PostResult>;
  /** The session to send; `stale` is the one xapi just refused (log in again). */
  session(stale?: string): Promise<BackendResult<string>>;
}

/** The RRD's device for an interface: the VLAN's or the NIC's name as dom0 knows it, whichever xapi has rates for. */
function deviceCandidates(iface: HostState['interfaces'][number]): string[] {
  return [...(iface.vlan === null ? [] : [`${iface.device}.${iface.vlan}`]), iface.device];
}

export class RrdTrafficSource implements TrafficSource {
  readonly origin = "xapi's RRDs: bytes per interface, 5 s averages";

  constructor(
    private readonly access: RrdAccess,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async #read(stale?: string): Promise<BackendResult<string>> {
    const session = await this.access.session(stale);
    if (!session.ok) return session;
    const answer = await this.access.get(rrdUpdatesPath(session.value, -30));
    if (!answer.ok) return failed(answer.error);
    const { status, body } = answer.value;
    if (status === 200) return succeeded(body);
    // xapi refuses an expired session with 401/403: once more with a new one.
    if ((status === 401 || status === 403) && stale === undefined) return this.#read(session.value);
    return failed(rrdError(`xapi ${status === 401 || status === 403 ? 'refused' : 'did not answer'} the RRD request (HTTP ${status})`));
  }

  async sample(state: HostState, interfaceId: string): Promise<BackendResult<TrafficSample>> {
    const iface = state.interfaces.find((i) => i.id === interfaceId);
    if (iface === undefined) return failed(backendError('not-found', `There is no interface ${interfaceId} on this host.`));
    const text = await this.#read();
    if (!text.ok) return text;
    const at = this.now();
    const parsed = parseRrdUpdates(text.value);
    if (!parsed.ok) return failed(rrdError(parsed.reason));
    const candidates = deviceCandidates(iface);
    const device = candidates.find((d) => pifRates(parsed.value, d).length > 0) ?? candidates[0] ?? iface.device;
    const latest = pifRates(parsed.value, device).at(-1);
    const known = pifDevices(parsed.value);
    const missing = [
      ...(latest === undefined
        ? [`Bytes: xapi's RRDs have no rates for ${device} yet (${known.length === 0 ? 'no interface in them' : `interfaces in them: ${known.join(', ')}`}).`]
        : []),
      "Packets: not available: xapi's RRDs count bytes only.",
      `IPv6 and "IPv4 and other": not available: ${RRD_SPLIT_MISSING}`,
    ];
    return succeeded({
      at,
      interfaceName: device,
      total: null,
      ipv6: null,
      sockets: null,
      linkHeaderBytes: 0,
      missing,
      totalRates: latest === undefined ? null : { rxBytes: latest.rxBytesPerSecond, txBytes: latest.txBytesPerSecond },
      unavailable: { split: RRD_SPLIT_MISSING, peers: RRD_PEERS_MISSING },
    });
  }
}

function rrdError(message: string): BackendError {
  return backendError('protocol-error', `Traffic from xapi's RRDs: ${message}.`);
}
