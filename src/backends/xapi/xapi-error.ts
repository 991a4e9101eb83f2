/**
 * Typed xapi errors. Every failure from the wire (an xapi ErrorDescription, a refused connection, a TLS problem)
 * becomes one XapiError value: the raw code and params are kept, and `message` is a readable sentence.
 */
import { lstatSync } from 'node:fs';
import { describeXapiCode } from './error-messages.js';

export interface XapiError {
  /** The raw code: an xapi code (e.g. 'PIF_IS_MANAGEMENT_INTERFACE') or one of ours for transport failures. */
  readonly code: string;
  readonly params: readonly string[];
  /** A readable sentence for the console and the CLI. */
  readonly message: string;
  /** True when trying again later can succeed (xapi restarting, a dropped connection). */
  readonly retryable: boolean;
}

/** Our codes for failures below xapi (kebab-case, so they never collide with xapi's UPPER_CASE codes). */
export type TransportErrorCode =
  | 'connection-refused'
  | 'connection-reset'
  | 'socket-not-found'
  | 'not-a-socket'
  | 'permission-denied'
  | 'timeout'
  | 'tls-fingerprint-mismatch'
  | 'tls-untrusted'
  | 'http-status'
  | 'protocol-error'
  | 'unsupported-transport'
  | 'aborted';

const RETRYABLE_XAPI = new Set(['HOST_STILL_BOOTING', 'EVENTS_LOST', 'TOO_MANY_PENDING_TASKS']);
/** The codes that mean xapi could not be reached or dropped the connection (restarting, moved, not yet up). */
const CONNECTION_LOST = new Set<string>(['connection-refused', 'connection-reset', 'socket-not-found', 'timeout']);

/** True when the call failed because xapi could not be reached: waiting and trying again may succeed. */
export function isConnectionLost(code: string): boolean {
  return CONNECTION_LOST.has(code);
}

export function xapiError(code: string, params: readonly unknown[] = []): XapiError {
  const strings = params.map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
  return {
    code,
    params: strings,
    message: describeXapiCode(code, strings),
    retryable: RETRYABLE_XAPI.has(code) || isConnectionLost(code),
  };
}

export function transportError(code: TransportErrorCode, detail: string): XapiError {
  return xapiError(code, [detail]);
}

/** "Readable sentence (CODE param, …)" — the raw code stays available to whoever needs it. */
export function formatXapiError(error: XapiError): string {
  const raw = [error.code, ...error.params].join(' ');
  return `${error.message} (${raw})`;
}

/**
 * A refused connection to a unix socket path: xapi is down (a socket nobody listens on), or the path is no socket
 * at all (a regular file, a directory, a FIFO, /dev/null) — which no retry can fix.
 */
function refusedOnPath(target: string): XapiError {
  const path = target.slice('unix:'.length);
  try {
    const st = lstatSync(path);
    if (!st.isSocket()) {
      const what = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSymbolicLink() ? 'a symbolic link' : 'a regular file';
      return transportError('not-a-socket', `${target} (${what})`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EACCES') return transportError('permission-denied', target);
  }
  return transportError('connection-refused', target);
}

/** Maps a Node.js socket error onto our transport codes. */
export function fromNodeError(err: unknown, target: string): XapiError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const text = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return target.startsWith('unix:') ? refusedOnPath(target) : transportError('connection-refused', target);
    case 'ENOENT':
      return transportError('socket-not-found', target);
    case 'ENOTSOCK':
      return transportError('not-a-socket', target);
    case 'EACCES':
    case 'EPERM':
      return transportError('permission-denied', target);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return transportError('connection-reset', target);
    case 'ABORT_ERR':
      return transportError('aborted', target);
    case 'ETIMEDOUT':
      return transportError('timeout', target);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return xapiError('tls-untrusted', [target, 'it is issued for another name or address']);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return xapiError('tls-untrusted', [target, 'it is self-signed']);
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return xapiError('tls-untrusted', [target, 'no trusted authority issued it']);
    case 'CERT_HAS_EXPIRED':
      return xapiError('tls-untrusted', [target, 'it has expired']);
    default:
      if (text === 'socket hang up') return transportError('connection-reset', target);
      return transportError('protocol-error', `${target}: ${text.split('\n')[0] ?? ''}`);
  }
}
