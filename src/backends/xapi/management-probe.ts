/**
 * "Does the management address answer?" for xapi: a login over TCP to https://ADDRESS/ (then logout), the way an
 * admin's next SSH/XO session reaches the host. For a simulated host, the address is looked up in the simulator's
 * address map (in-process `resolve`, or the map file a standalone simulator writes) and reached over plain HTTP on
 * loopback. A refused login (wrong credentials, HOST_IS_SLAVE) still proves xapi answers there.
 *
 * When the credentials carry no password (the local unix socket, where any password is accepted) the probe does not
 * check the certificate: it sends nothing secret, and the host's self-signed certificate is expected. With a
 * password, the caller's TLS trust (--fingerprint / --insecure / system CAs) applies.
 */
import { readFileSync } from 'node:fs';
import type { BackendResult, ManagementProbeReport } from '../backend.js';
import { succeeded } from '../backend-error.js';
import { hostUrl } from '../../addressing/index.js';
import { XapiClient, type Credentials } from './client.js';
import type { TlsTrust } from './http-post.js';
import { createTransport, type WireProtocol } from './transport.js';
import type { XapiEndpoint } from './endpoint.js';
import { isConnectionLost } from './xapi-error.js';

export interface XapiProbeOptions {
  readonly credentials: Credentials;
  readonly tls?: TlsTrust;
  readonly protocol?: WireProtocol;
  /** In-process simulator: SimulatorHandle.resolve. */
  readonly resolve?: (address: string) => { readonly host: string; readonly port: number } | null;
  /** A standalone simulator's address-map file ({"192.0.2.10": {"host": "127.0.0.1", "port": 40123}}). */
  readonly addressMapFile?: string;
  /** Per-call timeout (ms); default 5000. */
  readonly timeoutMs?: number;
}

type Target = { readonly endpoint: XapiEndpoint; readonly shown: string } | { readonly missing: string };

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

function target(options: XapiProbeOptions, address: string): Target {
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

/** The probe function for Backend.probeManagement / the transaction's checks. */
export function createXapiManagementProbe(options: XapiProbeOptions): (address: string) => Promise<BackendResult<ManagementProbeReport>> {
  return async (address) => {
    const t = target(options, address);
    if ('missing' in t) return succeeded({ address, answered: false, summary: t.missing });
    const tls: TlsTrust = options.credentials.password === '' ? { allowUnauthorized: true } : (options.tls ?? {});
    const transport = createTransport({
      endpoint: t.endpoint,
      protocol: options.protocol ?? 'auto',
      tls,
      timeoutMs: options.timeoutMs ?? 5000,
    });
    const client = new XapiClient({ transport, credentials: options.credentials, originator: 'hostconsole-check' });
    const login = await client.login();
    if (login.ok) await client.logout();
    transport.close?.();
    if (login.ok) return succeeded({ address, answered: true, summary: `${t.shown} answered (login accepted)` });
    const { code, message } = login.error;
    if (code === 'SESSION_AUTHENTICATION_FAILED') return succeeded({ address, answered: true, summary: `${t.shown} answered (login refused: these credentials are not valid there)` });
    if (code === 'HOST_IS_SLAVE') return succeeded({ address, answered: true, summary: `${t.shown} answered (a pool member; its master is ${login.error.params[0] ?? 'elsewhere'})` });
    if (code === 'tls-untrusted' || code === 'tls-fingerprint-mismatch') {
      return succeeded({ address, answered: true, summary: `${t.shown} answered, but its TLS certificate is not the trusted one (${message})` });
    }
    if (isConnectionLost(code) || NOT_XAPI.has(code)) return succeeded({ address, answered: false, summary: `${t.shown} did not answer: ${message}` });
    return succeeded({ address, answered: true, summary: `${t.shown} answered (${message})` });
  };
}
