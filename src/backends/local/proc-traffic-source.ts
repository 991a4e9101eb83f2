/**
 * The traffic source of a backend that runs on the host itself: the kernel's counters in /proc/net (per-interface
 * totals, the interface's IPv6 share, the TCP tables). Plain file reads, no tools, no shell. docs/traffic.md says
 * why /proc rather than netlink sock_diag.
 */
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import type { HostState, NetworkInterface } from '../../model/host-state.js';
import type { TcpSocket, TrafficSample } from '../../model/traffic-sample.js';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { TrafficSource } from '../traffic-source.js';
import { parseDevSnmp6, parseProcNetDev } from './proc-net-dev.js';
import { parseProcNetTcp } from './proc-net-tcp.js';

/** Ethernet's header: what /proc/net/dev counts per packet on top of the IP layer's octets. */
const ETHERNET_HEADER_BYTES = 14;

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The kernel device that carries an interface's addresses. On XCP-ng the addresses sit on the bridge, not on the
 * NIC: the bridge the backend names (NetworkInterface.ipDevice), else the device holding one of the interface's IPv6 addresses (/proc/net/if_inet6) when there is one, else
 * `xenbrN` for `ethN` when it exists, else the device itself.
 */
export function kernelDevice(iface: NetworkInterface, ifInet6: string | null, devices: ReadonlySet<string>): string {
  // The backend knows it (xapi: the network's bridge).
  if (iface.ipDevice !== undefined && devices.has(iface.ipDevice)) return iface.ipDevice;
  const wanted = new Set(iface.ipv6.addresses.map((a) => a.address));
  for (const line of (ifInet6 ?? '').split('\n')) {
    const fields = line.trim().split(/\s+/);
    const hex = fields[0] ?? '';
    const device = fields[5];
    if (hex.length !== 32 || device === undefined) continue;
    const groups = hex.match(/.{4}/g) ?? [];
    const text = groups.map((g) => parseInt(g, 16).toString(16)).join(':');
    // Compare canonically: both sides through the same normalisation (expanded groups without leading zeros).
    for (const address of wanted) if (expand(address) === text) return device;
  }
  const bridge = /^eth(\d+)$/.exec(iface.device);
  if (bridge !== null && devices.has(`xenbr${bridge[1] ?? ''}`)) return `xenbr${bridge[1] ?? ''}`;
  return iface.vlan === null ? iface.device : `${iface.device}.${iface.vlan}`;
}

/** "2001:db8::10" → "2001:db8:0:0:0:0:0:10" (for comparing with if_inet6's 32 hex digits). */
function expand(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const zeros = address.includes('::') ? Array<string>(8 - left.length - right.length).fill('0') : [];
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16)).join(':');
}

export class ProcTrafficSource implements TrafficSource {
  readonly origin = "this host's kernel counters (/proc/net)";

  constructor(
    private readonly root = '/proc',
    private readonly now: () => number = () => performance.now(),
    private readonly order = endianness(),
  ) {}

  async sample(state: HostState, interfaceId: string): Promise<BackendResult<TrafficSample>> {
    const iface = state.interfaces.find((i) => i.id === interfaceId);
    if (iface === undefined) return failed(backendError('not-found', `There is no interface ${interfaceId} on this host.`));
    const [dev, ifInet6, tcp, tcp6] = await Promise.all([
      readText(`${this.root}/net/dev`),
      readText(`${this.root}/net/if_inet6`),
      readText(`${this.root}/net/tcp`),
      readText(`${this.root}/net/tcp6`),
    ]);
    const at = this.now();
    const totals = parseProcNetDev(dev ?? '');
    const device = kernelDevice(iface, ifInet6, new Set(totals.keys()));
    const snmp6 = await readText(`${this.root}/net/dev_snmp6/${device}`);
    const missing: string[] = [];
    const total = totals.get(device) ?? null;
    if (total === null) missing.push(`Interface counters: the kernel has no device ${device}.`);
    const ipv6 = snmp6 === null ? null : parseDevSnmp6(snmp6);
    if (ipv6 === null) missing.push(`IPv6 counters: the kernel keeps none for ${device} (IPv6 disabled on it?).`);
    let sockets: TcpSocket[] | null = null;
    if (tcp === null && tcp6 === null) missing.push('Peers: /proc/net/tcp and tcp6 cannot be read.');
    else sockets = [...parseProcNetTcp(tcp ?? '', 'ipv4', this.order), ...parseProcNetTcp(tcp6 ?? '', 'ipv6', this.order)];
    return succeeded({ at, interfaceName: device, total, ipv6, sockets, linkHeaderBytes: ETHERNET_HEADER_BYTES, missing });
  }
}
