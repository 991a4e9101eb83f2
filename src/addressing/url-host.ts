import { parseIPv6 } from './ipv6.js';

/**
 * The host part of a URL — THE one place the program builds it: an IPv6 literal is canonicalised and bracketed
 * ("2001:DB8::10" or "[2001:db8::10]" → "[2001:db8::10]"); IPv4 addresses and names are returned unchanged.
 * Throws (a bug in the caller) on text with a ':' that is not an IPv6 literal, such as "host:443" or a zone id.
 */
export function urlHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!bare.includes(':') && bare === host) return host;
  const parsed = parseIPv6(bare);
  if (!parsed.ok) throw new RangeError(`urlHost: '${host}' is not a host: ${parsed.error.message}`);
  return `[${parsed.value.text}]`;
}

export interface HostUrlOptions {
  readonly scheme?: 'https' | 'http';
  /** 1–65535; omitted → no port in the URL. */
  readonly port?: number;
  /** Starts with '/' (one is added otherwise); default "/". */
  readonly path?: string;
}

/** "https://[2001:db8::10]/", "http://192.0.2.10:8080/jsonrpc". Throws on a port outside 1–65535 (a bug). */
export function hostUrl(host: string, opts: HostUrlOptions = {}): string {
  const scheme = opts.scheme ?? 'https';
  const port = opts.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new RangeError(`hostUrl: port ${port} is not 1–65535`);
  }
  const rawPath = opts.path ?? '/';
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  return `${scheme}://${urlHost(host)}${port === undefined ? '' : `:${port}`}${path}`;
}
