/**
 * The kernel's view of IPv6 addresses (Duplicate Address Detection state), which NetworkManager's D-Bus API does not
 * expose: IP6Config lists an address while it is still tentative and unusable. Read from /proc/net/if_inet6 when
 * this process shares the network namespace with NetworkManager (the normal case on a host); when the interface is
 * not visible here the probe says so (null) and the adapter relies on NetworkManager's view alone.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { addressFromBytes } from '../../addressing/index.js';

export type DadState = 'usable' | 'tentative' | 'failed';

export interface AddressProbe {
  /** Canonical IPv6 address → DAD state for `iface`, or null when this probe cannot see the interface. */
  ipv6States(iface: string): Promise<ReadonlyMap<string, DadState> | null>;
}

const IFA_F_DADFAILED = 0x08;
const IFA_F_TENTATIVE = 0x40;

/** Parses /proc/net/if_inet6 text for one interface (null when the interface is absent). Pure. */
export function parseIfInet6(text: string, iface: string): Map<string, DadState> | null {
  let seen = false;
  const out = new Map<string, DadState>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || f[5] !== iface) continue;
    seen = true;
    const hex = f[0] ?? '';
    if (!/^[0-9a-f]{32}$/i.test(hex)) continue;
    const bytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
    const flags = parseInt(f[4] ?? '0', 16);
    const state: DadState = flags & IFA_F_DADFAILED ? 'failed' : flags & IFA_F_TENTATIVE ? 'tentative' : 'usable';
    out.set(addressFromBytes('ipv6', bytes).text, state);
  }
  return seen ? out : null;
}

/** The probe for this process's own network namespace. */
export function procAddressProbe(file = '/proc/net/if_inet6', sysClassNet = '/sys/class/net'): AddressProbe {
  return {
    async ipv6States(iface) {
      try {
        const states = parseIfInet6(await readFile(file, 'utf8'), iface);
        // Visible here but absent from the list: the interface has no IPv6 address at all.
        if (states === null && !iface.includes('/') && existsSync(`${sysClassNet}/${iface}`)) return new Map();
        return states;
      } catch {
        return null; // no IPv6 in this kernel, or no /proc: cannot tell
      }
    },
  };
}
