/**
 * Plain HTTP GETs to xapi besides its RPC (the RRD updates, rrd-traffic-source.ts): on a connection pool of their
 * own, made on first use with the same endpoint and TLS trust as the transport's (connection-pool.ts: kept alive,
 * each https connection's certificate checked before a request is written on it). The host is never written into a
 * URL here: the pool's request options carry it, and the path holds only the query.
 */
import http from 'node:http';
import { FINGERPRINT_MISMATCH, connectionPool, type ConnectionPool, type TlsTrust } from './connection-pool.js';
import { describeEndpoint, type XapiEndpoint } from './endpoint.js';
import { fromNodeError, transportError } from './xapi-error.js';
import type { PostResult } from './http-post.js';

export interface HttpGetter {
  get(path: string, timeoutMs?: number): Promise<PostResult>;
  close(): void;
}

export function httpGetter(endpoint: XapiEndpoint, trust: TlsTrust): HttpGetter {
  const target = describeEndpoint(endpoint);
  let pool: Promise<ConnectionPool> | null = null;
  let closed = false;
  const connections = (): Promise<ConnectionPool> =>
    (pool ??= (async () => {
      const tls = endpoint.kind === 'tcp' && endpoint.scheme === 'https' ? await import('node:tls') : null;
      const made = connectionPool(endpoint, trust, tls);
      if (closed) made.close();
      return made;
    })());
  return {
    async get(path, timeoutMs = 10_000) {
      const options = (await connections()).requestOptions();
      return new Promise<PostResult>((resolve) => {
        let settled = false;
        const finish = (result: PostResult): void => {
          if (!settled) {
            settled = true;
            resolve(result);
          }
        };
        const req = http.request({ ...options, path, method: 'GET', headers: { accept: 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => finish({ ok: false, error: fromNodeError(err, target) }));
          res.on('end', () =>
            finish({ ok: true, value: { status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') } }),
          );
        });
        req.on('error', (err) => {
          const code = typeof err === 'object' && 'code' in err ? (err as { code: unknown }).code : undefined;
          finish({ ok: false, error: code === FINGERPRINT_MISMATCH ? transportError('tls-fingerprint-mismatch', target) : fromNodeError(err, target) });
        });
        req.setTimeout(timeoutMs, () => {
          req.destroy();
          finish({ ok: false, error: transportError('timeout', target) });
        });
        req.end();
      });
    },
    close() {
      closed = true;
      void pool?.then((p) => p.close());
    },
  };
}
