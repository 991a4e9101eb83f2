/** `unix:PATH`, `tcp:HOST:PORT`, `tcp:[::1]:PORT` — where the simulator listens. */
import { isIP } from 'node:net';
import { fail, ok, type Result } from '../../addressing/result.js';

export type ListenSpec = { readonly kind: 'unix'; readonly path: string } | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/** What a listener actually bound (the port resolved when 0 was asked). */
export type Endpoint = ListenSpec;

const FIELD = 'listen address';

export function parseListenSpec(text: string): Result<ListenSpec> {
  if (text.startsWith('unix:')) {
    const path = text.slice(5);
    return path === '' ? fail(FIELD, text, "'unix:' needs a socket path, e.g. unix:/tmp/xapi.sock") : ok({ kind: 'unix', path });
  }
  if (!text.startsWith('tcp:')) return fail(FIELD, text, "use unix:PATH, tcp:HOST:PORT or tcp:[IPv6]:PORT");
  const rest = text.slice(4);
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):([0-9]{1,5})$/.exec(rest);
  if (m === null) return fail(FIELD, text, 'expected tcp:HOST:PORT, with an IPv6 host in brackets (tcp:[::1]:8080)');
  const host = m[1] ?? m[2] ?? '';
  const port = Number(m[3]);
  if (port > 65535) return fail(FIELD, text, `port ${port} is out of range (0–65535)`);
  if (m[1] !== undefined && isIP(host) !== 6) return fail(FIELD, text, `'${host}' is not an IPv6 address`);
  if (m[2] !== undefined && isIP(host) === 6) return fail(FIELD, text, 'an IPv6 host must be in brackets: tcp:[::1]:PORT');
  return ok({ kind: 'tcp', host, port });
}

export function formatListenSpec(spec: ListenSpec): string {
  if (spec.kind === 'unix') return `unix:${spec.path}`;
  return `tcp:${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
}
