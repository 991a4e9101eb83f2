/**
 * The one error value every backend returns. Adapters normalise their wire errors into it at the edge; screens and
 * the CLI show `message` and may branch on `code`.
 */
export interface BackendError {
  /** Raw code: the backend's own ('PIF_IS_MANAGEMENT_INTERFACE', 'HOST_NAME_INVALID') or one of BACKEND_ERROR_CODES. */
  readonly code: string;
  /** The error's parameters as the backend gave them (xapi ErrorDescription tail), never secrets. */
  readonly params: readonly string[];
  /** One readable sentence saying what went wrong and, when known, what to do. */
  readonly message: string;
  /** True when the same call may succeed if tried again (connection lost, timeout, host busy). */
  readonly retryable: boolean;
}

/** Codes for failures that are not the backend's own (transport, protocol, this program). */
export const BACKEND_ERROR_CODES = {
  connectionRefused: 'connection-refused',
  connectionLost: 'connection-lost',
  timeout: 'timeout',
  authenticationFailed: 'authentication-failed',
  protocol: 'protocol-error',
  unsupported: 'unsupported',
  invalidSnapshot: 'invalid-snapshot',
  closed: 'closed',
} as const;

export type BackendResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BackendError };

export function backendError(code: string, message: string, options: { params?: readonly string[]; retryable?: boolean } = {}): BackendError {
  return Object.freeze({ code, params: Object.freeze([...(options.params ?? [])]), message, retryable: options.retryable ?? false });
}

export function succeeded<T>(value: T): BackendResult<T> {
  return { ok: true, value };
}

export function failed<T = never>(error: BackendError): BackendResult<T> {
  return { ok: false, error };
}

/** "message (CODE param1 param2)" — one line for logs and the CLI's stderr. */
export function describeBackendError(error: BackendError): string {
  const detail = [error.code, ...error.params].join(' ');
  return `${error.message} (${detail})`;
}
