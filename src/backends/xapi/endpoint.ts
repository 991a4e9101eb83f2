/** Where xapi is: a unix socket or an http(s) URL (IPv6 hosts bracketed in the URL, bare everywhere else). */
import { parseAddress } from '../../addressing/address.js';
import { fail, ok, type Result } from '../../addressing/result.js';
import { hostUrl } from '../../addressing/url-host.js';

export type XapiEndpoint =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'tcp'; readonly scheme: 'http' | 'https'; readonly host: string; readonly port: number };

export const DEFAULT_XAPI_SOCKET = '/var/lib/xcp/xapi';

/** Parses `unix:PATH`, an absolute socket path, or `http(s)://host[:port][/]` (IPv6 literal in brackets). */
export function parseEndpoint(text: string, field = 'xapi address'): Result<XapiEndpoint> {
  if (text.startsWith('unix:')) {
    const path = text.slice('unix:'.length);
    if (path === '') return fail(field, text, "'unix:' needs a socket path, e.g. unix:/var/lib/xcp/xapi");
    return ok({ kind: 'unix', path });
  }
  if (text.startsWith('/')) return ok({ kind: 'unix', path: text });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(field, text, `'${text}' is not a URL; use https://HOST, https://[IPv6]:PORT or unix:PATH`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(field, text, `'${url.protocol}' is not supported; use http:, https: or unix:`);
  }
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  let host = url.hostname;
  if (host.startsWith('[') && host.endsWith(']')) {
    const inner = parseAddress(host.slice(1, -1), field);
    if (!inner.ok) return inner;
    host = inner.value.text;
  } else if (/^[0-9.]+$/.test(host)) {
    const v4 = parseAddress(host, field);
    if (!v4.ok) return v4;
    host = v4.value.text;
  }
  const port = url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port);
  return ok({ kind: 'tcp', scheme, host, port });
}

/** Human form for messages and logs: `unix:/var/lib/xcp/xapi`, `https://[2001:db8::10]/`. */
export function describeEndpoint(endpoint: XapiEndpoint): string {
  if (endpoint.kind === 'unix') return `unix:${endpoint.path}`;
  const defaultPort = endpoint.scheme === 'https' ? 443 : 80;
  return hostUrl(endpoint.host, {
    scheme: endpoint.scheme,
    ...(endpoint.port !== defaultPort ? { port: endpoint.port } : {}),
  });
}
