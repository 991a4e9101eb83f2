/**
 * "Does the management address answer?" for xapi, without logging in: one call over TCP to https://ADDRESS/ with no
 * session (`pool.get_all("OpaqueRef:NULL")`), which a live xapi answers at once with SESSION_INVALID. Any xapi answer
 * (that one, HOST_IS_SLAVE, HOST_STILL_BOOTING, …) proves xapi answers there; a refused or silent connection, or an
 * HTTP server that is not xapi, proves it does not. No credentials are sent, so the probe never waits out xapi's
 * delay after a wrong password and never depends on which password this console was started with.
 *
 * For a simulated host, the address is looked up in the simulator's address map (in-process `resolve`, or the map
 * file a standalone simulator writes) and reached over plain HTTP on loopback. The caller's TLS trust (--fingerprint /
 * --insecure / system CAs) applies; a certificate that is not the trusted one still answered (reported as such).
 */
import { readFileSync } from 'node:fs';
import type { BackendResult, ManagementProbeOptions, ManagementProbeReport } from '../backend.js';
import { succeeded } from '../backend-error.js';
import { hostUrl } from '../../addressing/index.js';
import type { TlsTrust } from './http-post.js';
import { createTransport, type WireProtocol } from './transport.js';
import type { XapiEndpoint } from './endpoint.js';
import { isConnectionLost } from './xapi-error.js';

export interface XapiProbeOptions {
  readonly tls?: TlsTrust;
  readonly protocol?: WireProtocol;
  /** In-process simulator: SimulatorHandle.resolve. */
  readonly resolve?: (address: string) => { readonly host: string; readonly port: number } | null;
  /** A standalone simulator's address-map file ({"192.0.2.10": {"host": "127.0.0.1", "port": 40123}}). */
  readonly addressMapFile?: string;
  /** Timeout of the one call (ms); default 5000. A probe call's own options.timeoutMs wins. */
  readonly timeoutMs?: number;
}

/** The call a live xapi answers without a session: SESSION_INVALID for the null reference. */
export const PROBE_METHOD = 'pool.get_all';
export const PROBE_SESSION = 'OpaqueRef:NULL';

export type Target = { readonly endpoint: XapiEndpoint; readonly shown: string } | { readonly missing: string };

function fromMapFile(file: string, address: string): { host: string; port: number } | null {
  try {
    const map = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { host?: unknown; port?: unknown }>;
    const entry = map[address] ?? map[`[${address}]`];
    if (entry !== undefined && typeof entry.host === 'string' && typeof entry.port === 'number') return { host: entry.host, port: entry.port };
    return null;
  } catch {
    return null;
  }
}

/** Where a management address is reached (a simulated host's through its address map). */
export function target(options: Omit<XapiProbeOptions, 'credentials'>, address: string): Target {
  const shown = hostUrl(address, { scheme: 'https' });
  if (options.resolve !== undefined || options.addressMapFile !== undefined) {
    const found = options.resolve?.(address) ?? (options.addressMapFile !== undefined ? fromMapFile(options.addressMapFile, address) : null);
    if (found === null) return { missing: `${shown} did not answer: nothing listens on ${address} (simulated host)` };
    return { endpoint: { kind: 'tcp', scheme: 'http', host: found.host, port: found.port }, shown: `${shown} (simulated at ${found.host}:${found.port})` };
  }
  return { endpoint: { kind: 'tcp', scheme: 'https', host: address, port: 443 }, shown };
}

/** Besides a lost connection, what shows that nothing xapi-like answers at the address. */
const NOT_XAPI = new Set(['http-status', 'protocol-error', 'unsupported-transport']);

/** The probe function for Backend.probeManagement / the transaction's checks / Test network. */
export function createXapiManagementProbe(
  options: XapiProbeOptions,
): (address: string, call?: ManagementProbeOptions) => Promise<BackendResult<ManagementProbeReport>> {
  return async (address, call = {}) => {
    const t = target(options, address);
    if ('missing' in t) return succeeded({ address, answered: false, summary: t.missing });
    const transport = createTransport({
      endpoint: t.endpoint,
      protocol: options.protocol ?? 'auto',
      tls: options.tls ?? {},
      timeoutMs: call.timeoutMs ?? options.timeoutMs ?? 5000,
    });
    const started = performance.now();
    const result = await transport(PROBE_METHOD, [PROBE_SESSION], call.signal !== undefined ? { signal: call.signal } : {});
    // Kept-alive transports hold their connection: one probe, one connection, closed.
    transport.close?.();
    const rttMs = Math.round((performance.now() - started) * 10) / 10;
    const answered = (summary: string) => succeeded({ address, answered: true, summary, rttMs });
    if (result.ok) return answered(`${t.shown} answered (xapi)`);
    const { code, message } = result.error;
    if (code === 'SESSION_INVALID') return answered(`${t.shown} answered (xapi, no login needed)`);
    if (code === 'HOST_IS_SLAVE') return answered(`${t.shown} answered (a pool member; its master is ${result.error.params[0] ?? 'elsewhere'})`);
    if (code === 'tls-untrusted' || code === 'tls-fingerprint-mismatch') {
      return answered(`${t.shown} answered, but its TLS certificate is not the trusted one (${message})`);
    }
    if (code === 'aborted') return succeeded({ address, answered: false, summary: `${t.shown}: cancelled` });
    if (isConnectionLost(code) || NOT_XAPI.has(code)) return succeeded({ address, answered: false, summary: `${t.shown} did not answer: ${message}` });
    return answered(`${t.shown} answered (${message})`);
  };
}
