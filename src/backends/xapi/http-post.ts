/**
 * One HTTP POST to xapi over a unix socket, http or https, with TLS trust decided explicitly:
 * the system CAs by default, a pinned SHA-256 certificate fingerprint, or (only when asked) any certificate.
 */
import http from 'node:http';
import { isIP } from 'node:net';
import type { XapiEndpoint } from './endpoint.js';
import { describeEndpoint } from './endpoint.js';
import { fromNodeError, transportError, type XapiError } from './xapi-error.js';

export interface TlsTrust {
  /** Accept a self-signed or otherwise untrusted certificate (explicit opt-in). */
  readonly allowUnauthorized?: boolean;
  /** Accept exactly the certificate with this SHA-256 fingerprint (hex, colons optional). */
  readonly fingerprint256?: string;
}

export interface PostOptions {
  readonly endpoint: XapiEndpoint;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  readonly tls?: TlsTrust;
  /** Milliseconds without an answer before giving up (event.from long-polls pass a longer value). */
  readonly timeoutMs?: number;
  /** Aborts the request (the answer becomes an 'aborted' error). */
  readonly signal?: AbortSignal;
}

export interface PostResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export type PostResult = { readonly ok: true; readonly value: PostResponse } | { readonly ok: false; readonly error: XapiError };

function normaliseFingerprint(text: string): string {
  return text.replace(/:/g, '').toLowerCase();
}

export async function post(options: PostOptions): Promise<PostResult> {
  const { endpoint } = options;
  const target = describeEndpoint(endpoint);
  const headers = {
    'content-type': options.contentType,
    'content-length': Buffer.byteLength(options.body),
    accept: options.contentType,
  };
  const pinned = options.tls?.fingerprint256;
  // TLS is loaded only for https endpoints (the local unix socket, the usual case on dom0, never needs it).
  const tls = endpoint.kind === 'tcp' && endpoint.scheme === 'https' ? await import('node:tls') : null;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const onResponse = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => finish({ ok: false, error: fromNodeError(err, target) }));
      res.on('end', () =>
        finish({
          ok: true,
          value: {
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          },
        }),
      );
    };
    const send = (extra: http.RequestOptions): http.ClientRequest => {
      const req = http.request({ path: options.path, method: 'POST', headers, ...extra, ...(options.signal !== undefined ? { signal: options.signal } : {}) }, onResponse);
      req.on('error', (err) => finish({ ok: false, error: fromNodeError(err, target) }));
      if (options.timeoutMs !== undefined) {
        req.setTimeout(options.timeoutMs, () => {
          req.destroy();
          finish({ ok: false, error: transportError('timeout', target) });
        });
      }
      req.end(options.body);
      return req;
    };
    if (endpoint.kind === 'unix') {
      send({ socketPath: endpoint.path });
      return;
    }
    if (endpoint.scheme === 'http') {
      send({ host: endpoint.host, port: endpoint.port });
      return;
    }
    // https: connect and check the certificate BEFORE the request (and its credentials) is written.
    const lenient = options.tls?.allowUnauthorized === true || pinned !== undefined;
    if (tls === null) throw new Error('bug: https endpoint without the tls module');
    const socket = tls.connect({
      host: endpoint.host,
      port: endpoint.port,
      rejectUnauthorized: !lenient,
      ...(isIP(endpoint.host) === 0 ? { servername: endpoint.host } : {}),
    });
    socket.once('error', (err) => finish({ ok: false, error: fromNodeError(err, target) }));
    socket.once('secureConnect', () => {
      if (pinned !== undefined) {
        const actual = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
        if (actual !== normaliseFingerprint(pinned)) {
          socket.destroy();
          finish({ ok: false, error: transportError('tls-fingerprint-mismatch', target) });
          return;
        }
      }
      send({ createConnection: () => socket });
    });
  });
}
