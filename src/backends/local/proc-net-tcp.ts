/**
 * TCP sockets from /proc/net/tcp and /proc/net/tcp6, and the family each peer really uses. Pure parsers of the
 * kernel's text; the reading is elsewhere.
 *
 * The trap: a dual-stack listener on `::` (as xapi and sshd listen) sees IPv4 clients as IPv4-mapped IPv6
 * addresses (`::ffff:192.0.2.50`) in /proc/net/tcp6. Such a peer talks IPv4 on the wire, so `peerFamily` is
 * 'ipv4' and `peer` is the bare IPv4 address.
 */
import { formatIPv4Bytes, formatIPv6Bytes, isIPv4MappedBytes, type Family } from '../../addressing/index.js';
import type { TcpSocket, TcpState } from '../../model/traffic-sample.js';

/** The kernel's TCP states (include/net/tcp_states.h), by their hex code in the `st` column. */
const TCP_STATES: Readonly<Record<string, TcpState>> = {
  '01': 'established',
  '02': 'syn-sent',
  '03': 'syn-recv',
  '04': 'fin-wait1',
  '05': 'fin-wait2',
  '06': 'time-wait',
  '07': 'close',
  '08': 'close-wait',
  '09': 'last-ack',
  '0A': 'listen',
  '0B': 'closing',
  '0C': 'new-syn-recv',
};

export type ByteOrder = 'LE' | 'BE';

/**
 * The kernel prints each 32-bit word of an address as a host-order integer in hex: on a little-endian machine the
 * bytes of each word come out reversed. `order` is the machine's (os.endianness()).
 */
function addressBytes(hex: string, order: ByteOrder): number[] | null {
  if (!/^[0-9A-Fa-f]+$/.test(hex) || (hex.length !== 8 && hex.length !== 32)) return null;
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const wordBytes: number[] = [];
    for (let i = 0; i < 8; i += 2) wordBytes.push(parseInt(hex.slice(word + i, word + i + 2), 16));
    bytes.push(...(order === 'LE' ? wordBytes.reverse() : wordBytes));
  }
  return bytes;
}

function endpoint(text: string, table: Family, order: ByteOrder): { address: string; port: number; family: Family } | null {
  const [hex, portHex] = text.split(':');
  if (hex === undefined || portHex === undefined || !/^[0-9A-Fa-f]{4}$/.test(portHex)) return null;
  if (hex.length !== (table === 'ipv4' ? 8 : 32)) return null;
  const bytes = addressBytes(hex, order);
  if (bytes === null) return null;
  const port = parseInt(portHex, 16);
  if (bytes.length === 4) return { address: formatIPv4Bytes(bytes), port, family: 'ipv4' };
  if (isIPv4MappedBytes(bytes)) return { address: formatIPv4Bytes(bytes.slice(12)), port, family: 'ipv4' };
  return { address: formatIPv6Bytes(bytes), port, family: 'ipv6' };
}

/** Parses /proc/net/tcp (table 'ipv4') or /proc/net/tcp6 (table 'ipv6'); lines it cannot read are skipped. */
export function parseProcNetTcp(text: string, table: Family, order: ByteOrder): TcpSocket[] {
  const sockets: TcpSocket[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local rem st …
    if (fields.length < 4 || !/^\d+:$/.test(fields[0] ?? '')) continue;
    const local = endpoint(fields[1] ?? '', table, order);
    const peer = endpoint(fields[2] ?? '', table, order);
    const state = TCP_STATES[(fields[3] ?? '').toUpperCase()];
    if (local === null || peer === null || state === undefined) continue;
    sockets.push({ table, local: local.address, localPort: local.port, peer: peer.address, peerPort: peer.port, peerFamily: peer.family, state });
  }
  return sockets;
}
