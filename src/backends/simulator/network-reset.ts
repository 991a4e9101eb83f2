/**
 * The simulated host's start-up after a reboot: what xapi's check_network_reset (ocaml/xapi/xapi.ml) does with
 * /var/tmp/network-reset. The trigger is split into lines and each line on '=' into exactly two parts; DEVICE is
 * required, MODE "static" is Static and any other value DHCP, MODE_V6 "static"/"autoconf" else DHCP; the host's
 * networking is reset (the PIFs xapi re-creates by scan take the inventory's MANAGEMENT_ADDRESS_TYPE, as
 * ocaml/xapi/xapi_pif.ml introduce does), the management PIF gets reconfigure_ip / reconfigure_ipv6 with DNS, then
 * management_reconfigure; the trigger is deleted only when all of it succeeded (else xapi logs the error and keeps
 * it). One simplification: a VLAN PIF is used when it already exists (xapi creates a missing one).
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { mergeDns } from './ip-checks.js';
import { ipv4Fields, ipv6Fields, shownDns } from './pif-addressing.js';
import { makeManagement } from './handlers/pif-state.js';
import { HOST_FILES, hostPath } from './host-root.js';
import { bool, str, type SimState } from './state.js';
import type { XRecord } from './values.js';

export type ResetOutcome = { readonly applied: false; readonly reason: 'no-trigger' } | { readonly applied: true } | { readonly applied: false; readonly reason: 'error'; readonly message: string };

function readOr(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function keyValues(text: string, split: (line: string) => [string, string]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [k, v] = split(line);
    if (!out.has(k)) out.set(k, v);
  }
  return out;
}

/** check_network_reset's parse: exactly one '=' or the line counts as ("", ""). */
function triggerLine(line: string): [string, string] {
  const parts = line.split('=');
  return parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : ['', ''];
}

/** The inventory's KEY='value' parse (quotes stripped). */
function inventoryLine(line: string): [string, string] {
  const eq = line.indexOf('=');
  return eq < 0 ? ['', ''] : [line.slice(0, eq).trim(), line.slice(eq + 1).trim().replace(/^'+|'+$/g, '')];
}

export function applyNetworkReset(state: SimState, root: string): ResetOutcome {
  const triggerPath = hostPath(root, HOST_FILES.networkReset);
  const text = readOr(triggerPath);
  if (text === null) return { applied: false, reason: 'no-trigger' };
  const args = keyValues(text, triggerLine);
  const device = args.get('DEVICE');
  if (device === undefined) return { applied: false, reason: 'error', message: 'Not_found (DEVICE)' };
  const vlan = args.get('VLAN');
  const modeText = args.get('MODE');
  const mode = modeText === undefined ? null : modeText === 'static' ? 'Static' : 'DHCP';
  const mode6Text = args.get('MODE_V6');
  const mode6 = mode6Text === undefined ? null : mode6Text === 'static' ? 'Static' : mode6Text === 'autoconf' ? 'Autoconf' : 'DHCP';
  const inventory = keyValues(readOr(hostPath(root, HOST_FILES.inventory)) ?? '', inventoryLine);
  const addressType = inventory.get('MANAGEMENT_ADDRESS_TYPE') === 'IPv6' ? 'IPv6' : 'IPv4';

  const host = state.localHostRef;
  const pifs = state.db.allRecords('PIF').filter(([, p]) => p.host === host);
  const wanted = vlan === undefined ? -1 : Number(vlan);
  const target = pifs.find(([, p]) => p.device === device && p.VLAN === wanted);
  if (target === undefined) return { applied: false, reason: 'error', message: `management PIF ${device}${vlan === undefined ? '' : ` VLAN ${vlan}`} not found` };

  // Host.reset_networking + PIF.scan: every PIF of this host comes back unconfigured, typed by the inventory.
  for (const [ref, p] of pifs) {
    const seg = state.segmentOfNetwork(str(p.network));
    let next: XRecord = { ...p, management: false, primary_address_type: addressType, DNS: '' };
    next = { ...next, ...ipv4Fields(next, seg, 'None', '', '', '') };
    next = { ...next, ...ipv6Fields(next, seg, 'None', '', '') };
    state.db.update('PIF', ref, next);
  }
  const [ref] = target;
  const pif = state.record('PIF', ref) ?? {};
  const segment = state.segmentOfNetwork(str(pif.network));
  const dns = args.get('DNS') ?? '';
  let next: XRecord = { ...pif, currently_attached: true };
  if (mode !== null) {
    next = { ...next, ...ipv4Fields(next, segment, mode, args.get('IP') ?? '', args.get('NETMASK') ?? '', args.get('GATEWAY') ?? '') };
    next = { ...next, DNS: mergeDns(dns, str(next.DNS), 'ipv4') };
  }
  if (mode6 !== null) {
    next = { ...next, ...ipv6Fields(next, segment, mode6, args.get('IPV6') ?? '', args.get('GATEWAY_V6') ?? '') };
    next = { ...next, DNS: mergeDns(dns, str(next.DNS), 'ipv6') };
  }
  next = { ...next, DNS: shownDns(next, segment, str(next.DNS)) };
  state.db.update('PIF', ref, next);
  makeManagement(state, ref);
  if (!bool(state.record('PIF', ref)?.management)) return { applied: false, reason: 'error', message: 'management_reconfigure failed' };
  try {
    unlinkSync(triggerPath);
  } catch {
    // already gone
  }
  return { applied: true };
}
