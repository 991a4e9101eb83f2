/**
 * What an iputils `ping -c 3 -W 2 -n` run says, in our words — pure, no I/O. Reads the exit code (0: some replies,
 * 1: no reply, 2: an error before or while sending), the "PING name (address)" line, ICMP errors reported by a router
 * ("From 2001:db8::1 icmp_seq=1 Destination unreachable: No route"), the statistics line and the rtt line; and the
 * error messages iputils 2016–2022 and glibc print (checked against Debian 12's iputils 20221126 in a namespace).
 */
import type { Family } from '../addressing/family.js';
import type { ProbeOutcome } from '../backends/net-tools.js';

export interface PingRun {
  /** Exit code, or null when the process was killed. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PingSettings {
  readonly count: number;
  /** -W: seconds to wait for a reply. */
  readonly waitSeconds: number;
  readonly family: Family;
  /** True when the target was a name (ping resolved it). */
  readonly byName: boolean;
}

export interface PingStatistics {
  readonly transmitted: number;
  readonly received: number;
  readonly errors: number;
  /** Average round trip (ms), or null. */
  readonly rttAvgMs: number | null;
  /** The address ping sent to ("PING name (address)"), without a zone. */
  readonly address: string | null;
}

export function pingStatistics(stdout: string): PingStatistics {
  const stats = /(\d+) packets transmitted, (\d+) (?:packets )?received(?:, \+(\d+) errors)?/.exec(stdout);
  const rtt = /(?:rtt|round-trip) min\/avg\/max(?:\/mdev)? = [\d.]+\/([\d.]+)\//.exec(stdout);
  const head = /^PING \S+?\s?\(([^)\s]+)\)/m.exec(stdout);
  const address = head?.[1]?.split('%')[0] ?? null;
  return {
    transmitted: Number(stats?.[1] ?? 0),
    received: Number(stats?.[2] ?? 0),
    errors: Number(stats?.[3] ?? 0),
    rttAvgMs: rtt?.[1] !== undefined ? Number(rtt[1]) : null,
    address,
  };
}

/** ICMP errors a router or this host reported, as "what — reported by whom". */
function icmpError(stdout: string): string | null {
  const m = /^From (\S+?)(?: \([^)]*\))? icmp_seq=\d+ (.+)$/m.exec(stdout);
  if (m === null) return null;
  const by = m[1] ?? '';
  const what = (m[2] ?? '').trim();
  const phrase = (() => {
    if (/Destination Host Unreachable|Address unreachable/i.test(what)) return 'host unreachable (no neighbour answered)';
    if (/Destination Net Unreachable|unreachable: No route/i.test(what)) return 'no route';
    if (/prohibited|Packet filtered|Beyond scope|Port Unreachable|Destination Protocol Unreachable/i.test(what)) return 'blocked by a firewall';
    if (/Time to live exceeded|Hop limit/i.test(what)) return 'routing loop (time to live exceeded)';
    return what.toLowerCase();
  })();
  return `${phrase} (reported by ${by})`;
}

function recordType(family: Family): string {
  return family === 'ipv4' ? 'A' : 'AAAA';
}

/** Errors printed on stderr before anything was sent, in our words; null when none is recognised. */
function stderrReason(stderr: string, settings: PingSettings): { readonly kind: 'no-answer' | 'not-tested'; readonly reason: string } | null {
  const text = stderr.trim();
  if (text === '') return null;
  const no = (reason: string) => ({ kind: 'no-answer' as const, reason });
  if (/Network is unreachable/i.test(text)) return no('no route');
  if (/No route to host/i.test(text)) return no('no route to host');
  if (/Cannot assign requested address/i.test(text)) return no(`no ${settings.family === 'ipv4' ? 'IPv4' : 'IPv6'} address to send from`);
  if (/sendmsg: Operation not permitted|sendto: Operation not permitted/i.test(text)) return no("blocked by this host's firewall");
  if (/SO_BINDTODEVICE|unknown iface|No such device/i.test(text)) return no('no such interface on this host');
  if (/Address family for hostname not supported|No address associated with hostname/i.test(text)) {
    return no(settings.byName ? `name has no ${recordType(settings.family)} record` : 'not an address of this family');
  }
  if (/Name or service not known|Unknown host|unknown host/i.test(text)) return no('name not found');
  if (/Temporary failure in name resolution/i.test(text)) return no('name lookup failed (no DNS server answered)');
  if (/socket: Operation not permitted|Permission denied|Lacking privilege/i.test(text)) {
    return { kind: 'not-tested', reason: 'this user may not ping (ping needs CAP_NET_RAW or net.ipv4.ping_group_range)' };
  }
  return null;
}

export function interpretPing(run: PingRun, settings: PingSettings): ProbeOutcome {
  const stats = pingStatistics(run.stdout);
  const addresses = settings.byName && stats.address !== null ? [stats.address] : [];
  if (stats.received > 0) {
    const via = settings.byName && stats.address !== null ? ` at ${stats.address}` : '';
    return { kind: 'answered', rttMs: stats.rttAvgMs, detail: `${stats.received} of ${stats.transmitted} answered${via}`, addresses };
  }
  const icmp = icmpError(run.stdout);
  if (icmp !== null) return { kind: 'no-answer', reason: icmp };
  const early = stderrReason(run.stderr, settings);
  if (early !== null) return early;
  if (run.code === 1 || (stats.transmitted > 0 && stats.received === 0)) {
    return { kind: 'no-answer', reason: `timeout after ${settings.waitSeconds} s (0 of ${stats.transmitted || settings.count} answered)` };
  }
  const line = run.stderr.trim().split('\n')[0] ?? '';
  if (line !== '') return { kind: 'no-answer', reason: line.replace(/^ping: /, '') };
  return { kind: 'no-answer', reason: run.code === null ? 'ping was stopped' : `ping ended with code ${run.code}` };
}
