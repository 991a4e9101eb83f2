/**
 * One HTTP POST to xapi over a unix socket, http or https, on a transport's connection pool (connection-pool.ts: kept
 * alive, and over https each connection's certificate checked before a request is written on it).
 */
import http from 'node:http';
import { FINGERPRINT_MISMATCH, type ConnectionPool } from './connection-pool.js';
import type { XapiEndpoint } from './endpoint.js';
import { describeEndpoint } from './endpoint.js';
import { fromNodeError, transportError, type XapiError } from './xapi-error.js';

export type { TlsTrust } from './connection-pool.js';

export interface PostOptions {
  readonly endpoint: XapiEndpoint;
  readonly pool: ConnectionPool;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  /** Milliseconds without an answer before giving up (event.from long-polls pass a longer value). */
  readonly timeoutMs?: number;
  /** Aborts the request (the answer becomes an 'aborted' error). */
  readonly signal?: AbortSignal;
  /**
   * The call only reads (a getter, event.from, login): it may be sent again when a kept-alive connection turns out to
   * have been closed. A change never is here — the adapter decides how to repeat one (xapi-backend.ts).
   */
  readonly repeatable?: boolean;
  /** Called once the request has been written out to the connection. */
  readonly onSent?: () => void;
}

export interface PostResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export type PostResult = { readonly ok: true; readonly value: PostResponse } | { readonly ok: false; readonly error: XapiError };

function errorOf(err: unknown, target: string): XapiError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  return code === FINGERPRINT_MISMATCH ? transportError('tls-fingerprint-mismatch', target) : fromNodeError(err, target);
}

/**
 * A kept-alive connection xapi closed while it sat idle (xapi restarted, or its own idle limit) fails as soon as it is
 * reused, before any answer: a call that only reads is sent again on another connection, as Node's documentation of
 * `request.reusedSocket` advises. Anything else is reported: a failure on a fresh connection, after an answer began,
 * or of a change — a connection dropped just after xapi applied it looks the same, and the adapter checks before it
 * repeats one.
 */
const STALE = new Set(['ECONNRESET', 'EPIPE']);
const MAX_STALE_RETRIES = 3;

function staleConnection(req: http.ClientRequest, err: unknown, answered: boolean): boolean {
  if (!req.reusedSocket || answered) return false;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  return STALE.has(code) || (err instanceof Error && err.message === 'socket hang up');
}

export function post(options: PostOptions, attempt = 0): Promise<PostResult> {
  const target = describeEndpoint(options.endpoint);
  const headers = {
    'content-type': options.contentType,
    'content-length': Buffer.byteLength(options.body),
    accept: options.contentType,
  };
  return new Promise((resolve) => {
    let settled = false;
    let answered = false;
    const finish = (result: PostResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const req = http.request(
      { ...options.pool.requestOptions(), path: options.path, method: 'POST', headers, ...(options.signal !== undefined ? { signal: options.signal } : {}) },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => finish({ ok: false, error: errorOf(err, target) }));
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
      },
    );
    if (options.onSent !== undefined) req.once('finish', options.onSent);
    req.on('error', (err) => {
      if (!settled && options.repeatable === true && attempt < MAX_STALE_RETRIES && options.signal?.aborted !== true && staleConnection(req, err, answered)) {
        settled = true;
        // Told once already: the first attempt was written out too.
        const { onSent: _told, ...again } = options;
        resolve(post(again, attempt + 1));
        return;
      }
      finish({ ok: false, error: errorOf(err, target) });
    });
    if (options.timeoutMs !== undefined) {
      req.setTimeout(options.timeoutMs, () => {
        req.destroy();
        finish({ ok: false, error: transportError('timeout', target) });
      });
    }
    req.end(options.body);
  });
}
