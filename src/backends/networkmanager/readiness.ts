/**
 * "Activated" is not "usable": NetworkManager may report a device activated while IPv6 is still tentative (DAD) or,
 * in dual stack, before the second family is configured. This decides, from one read, what is still missing before
 * a profile counts as applied. Pure.
 */
import { classify, parseAddress } from '../../addressing/index.js';
import type { DadState } from './address-probe.js';
import type { ProfileView } from './nm-profile.js';
import { NM_DEVICE_STATE_ACTIVATED, type NmDeviceRead, type NmIpConfigRead } from './nm-state.js';

export interface Readiness {
  /** What is still missing, one phrase each; empty when the profile is applied and its addresses usable. */
  readonly pending: readonly string[];
  /** Set when waiting longer cannot help (duplicate address detected). */
  readonly fatal: string | null;
}

function has(config: NmIpConfigRead | null, address: string, prefix: number): boolean {
  return (config?.addresses ?? []).some((a) => canonical(a.address) === address && a.prefix === prefix);
}
function canonical(text: string): string {
  const p = parseAddress(text);
  return p.ok ? p.value.text : text;
}
function routable(config: NmIpConfigRead | null): string[] {
  return (config?.addresses ?? []).map((a) => canonical(a.address)).filter((a) => {
    const p = parseAddress(a);
    return p.ok && classify(p.value).scope !== 'link-local';
  });
}

export function readiness(device: NmDeviceRead, profile: ProfileView, dad: ReadonlyMap<string, DadState> | null): Readiness {
  const pending: string[] = [];
  const name = device.iface;
  if (!device.profileActive || device.state !== NM_DEVICE_STATE_ACTIVATED) {
    pending.push(`${name} is not activated with profile ${profile.id} yet (device state ${device.state})`);
  }
  const v4 = profile.ipv4;
  if (v4.method === 'manual') {
    for (const a of v4.addresses) if (!has(device.ip4, a.address, a.prefix)) pending.push(`${a.address}/${a.prefix} is not on ${name} yet`);
    if (v4.gateway !== null && canonical(device.ip4?.gateway ?? '') !== v4.gateway) pending.push(`the IPv4 gateway is not ${v4.gateway} yet`);
  } else if (v4.method === 'auto') {
    if (routable(device.ip4).length === 0) pending.push(`no IPv4 address from DHCP on ${name} yet`);
  } else if (v4.method === 'disabled') {
    if ((device.ip4?.addresses ?? []).length > 0) pending.push(`IPv4 addresses are still on ${name}`);
  }

  const v6 = profile.ipv6;
  let fatal: string | null = null;
  const state = (address: string): DadState | undefined => dad?.get(address);
  if (v6.method === 'manual') {
    for (const a of v6.addresses) {
      if (!has(device.ip6, a.address, a.prefix)) pending.push(`${a.address}/${a.prefix} is not on ${name} yet`);
      else if (state(a.address) === 'tentative') pending.push(`${a.address} is still tentative (duplicate address detection)`);
      else if (state(a.address) === 'failed') fatal = `${a.address} is already used by another host on the link (duplicate address detection failed)`;
      else if (dad !== null && state(a.address) === undefined) pending.push(`${a.address} is not in the kernel yet`);
    }
    if (v6.gateway !== null && canonical(device.ip6?.gateway ?? '') !== v6.gateway) pending.push(`the IPv6 gateway is not ${v6.gateway} yet`);
  } else if (v6.method === 'auto' || v6.method === 'dhcp') {
    const got = routable(device.ip6);
    const usable = dad === null ? got : got.filter((a) => state(a) === 'usable');
    if (usable.length === 0) pending.push(`no usable IPv6 address from ${v6.method === 'dhcp' ? 'DHCPv6' : 'router advertisements'} on ${name} yet`);
  } else if (v6.method === 'disabled') {
    if ((device.ip6?.addresses ?? []).length > 0 || (dad !== null && dad.size > 0)) pending.push(`IPv6 addresses are still on ${name}`);
  } else if (v6.method === 'link-local') {
    if (routable(device.ip6).length > 0) pending.push(`routable IPv6 addresses are still on ${name}`);
  }
  return { pending, fatal };
}
