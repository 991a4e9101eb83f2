/**
 * How to reach this host over SSH, per family: "ssh://root@192.0.2.10", "ssh://root@[2001:db8::10]" — the host
 * part through urlHost, the one bracketing function. Addresses are the management interface's global ones (pure).
 */
import { urlHost } from '../addressing/url-host.js';
import type { HostState } from '../model/host-state.js';

export interface SshAddress {
  readonly family: 'IPv4' | 'IPv6';
  readonly address: string;
  readonly url: string;
  /** The command line: ssh takes a bare IPv6 address. */
  readonly command: string;
}

export function sshAddresses(state: HostState | null, user = 'root'): SshAddress[] {
  if (state === null) return [];
  // (Not model/index.js: the menu pane calls this, and the model loads after the first frame.)
  const iface = state.interfaces.find((i) => i.management);
  if (iface === undefined) return [];
  const out: SshAddress[] = [];
  for (const a of iface.ipv4.addresses) out.push({ family: 'IPv4', address: a.address, url: `ssh://${user}@${urlHost(a.address)}`, command: `ssh ${user}@${a.address}` });
  for (const a of iface.ipv6.addresses) {
    if (a.scope === 'link-local' || a.scope === 'host') continue;
    out.push({ family: 'IPv6', address: a.address, url: `ssh://${user}@${urlHost(a.address)}`, command: `ssh ${user}@${a.address}` });
  }
  return out;
}
