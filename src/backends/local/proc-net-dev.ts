/**
 * Pure parsers of the kernel's per-interface counters: the interface's totals (/proc/net/dev) and its IPv6 share
 * (/proc/net/dev_snmp6/<dev>). The reading is in proc-traffic-source.ts.
 */
import type { Counters } from '../../model/traffic-sample.js';

/**
 * /proc/net/dev: two header lines, then `<name>: rx bytes packets errs drop fifo frame compressed multicast tx bytes
 * packets errs drop fifo colls carrier compressed`. Names never contain ':' or spaces (the kernel's dev_valid_name
 * refuses them) but may contain '.' and '-' (`bond0.20`), and a long name touches the colon (`vcap.20:    6080`).
 */
export function parseProcNetDev(text: string): ReadonlyMap<string, Counters> {
  const result = new Map<string, Counters>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (name === '' || name.includes('|')) continue;
    const fields = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (fields.length < 16 || fields.some((n) => !Number.isFinite(n))) continue;
    result.set(name, {
      rx: { bytes: fields[0] ?? 0, packets: fields[1] ?? 0 },
      tx: { bytes: fields[8] ?? 0, packets: fields[9] ?? 0 },
    });
  }
  return result;
}

/**
 * /proc/net/dev_snmp6/<dev>: `Name<whitespace>value` lines. IPv6 packets in are Ip6InReceives; out, the packets the
 * interface sent: Ip6OutTransmits where the kernel has it (6.3 and later), else locally generated plus forwarded
 * (Ip6OutRequests + Ip6OutForwDatagrams). Bytes are Ip6InOctets/Ip6OutOctets (IP layer, no link header).
 * Null when the text has none of these counters.
 */
export function parseDevSnmp6(text: string): Counters | null {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+)\s+(\d+)\s*$/.exec(line);
    if (match !== null) values.set(match[1] ?? '', Number(match[2]));
  }
  const inPackets = values.get('Ip6InReceives');
  const inBytes = values.get('Ip6InOctets');
  const outBytes = values.get('Ip6OutOctets');
  if (inPackets === undefined || inBytes === undefined || outBytes === undefined) return null;
  const outPackets = values.get('Ip6OutTransmits') ?? (values.get('Ip6OutRequests') ?? 0) + (values.get('Ip6OutForwDatagrams') ?? 0);
  return { rx: { bytes: inBytes, packets: inPackets }, tx: { bytes: outBytes, packets: outPackets } };
}
