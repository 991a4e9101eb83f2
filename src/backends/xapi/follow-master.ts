/**
 * Where to go when a login answers HOST_IS_SLAVE [master address]: the master, over the same scheme and port as the
 * member was reached (https://MASTER/ for a member's unix socket), or — for a standalone simulator — the loopback
 * endpoint its address map gives for the master's address.
 */
import { readFileSync } from 'node:fs';
import { canonicalAddress } from '../../addressing/index.js';
import { describeEndpoint, type XapiEndpoint } from './endpoint.js';

function fromMap(file: string, address: string): XapiEndpoint | null {
  try {
    const map = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { host?: unknown; port?: unknown }>;
    const entry = map[address];
    return entry !== undefined && typeof entry.host === 'string' && typeof entry.port === 'number' ? { kind: 'tcp', scheme: 'http', host: entry.host, port: entry.port } : null;
  } catch {
    return null;
  }
}

/** The simulated address a loopback endpoint answers for (the address map read backwards). */
function simulatedAddress(file: string, endpoint: Extract<XapiEndpoint, { kind: 'tcp' }>): string | null {
  try {
    const map = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { host?: unknown; port?: unknown }>;
    return Object.entries(map).find(([, e]) => e.host === endpoint.host && e.port === endpoint.port)?.[0] ?? null;
  } catch {
    return null;
  }
}

/** The master's endpoint and the member's name for messages; null when the master's address is not usable. */
export function masterEndpoint(masterAddress: string, member: XapiEndpoint, addressMapFile?: string): { endpoint: XapiEndpoint; member: string } | null {
  const canonical = canonicalAddress(masterAddress.trim());
  if (!canonical.ok) return null;
  const memberName = member.kind === 'tcp' ? member.host : describeEndpoint(member);
  if (addressMapFile !== undefined) {
    const mapped = fromMap(addressMapFile, canonical.value);
    return mapped === null ? null : { endpoint: mapped, member: member.kind === 'tcp' ? (simulatedAddress(addressMapFile, member) ?? memberName) : memberName };
  }
  if (member.kind === 'unix') return { endpoint: { kind: 'tcp', scheme: 'https', host: canonical.value, port: 443 }, member: memberName };
  return { endpoint: { ...member, host: canonical.value }, member: memberName };
}
