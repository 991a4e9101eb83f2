/**
 * A transport is a function `(method, params) → result`: one xapi call, its outcome as a value.
 * JSON-RPC is preferred; XML-RPC is the fallback for hosts that do not speak it (as Xen Orchestra's client does).
 */
import { connectionPool, type ConnectionPool } from './connection-pool.js';
import type { XapiEndpoint } from './endpoint.js';
import { post, type TlsTrust } from './http-post.js';
import { transportError, xapiError, type XapiError } from './xapi-error.js';

export type CallResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: XapiError };
/**
 * Per-call options: `signal` aborts the call (a closing client ends its pending event.from long-poll with it);
 * `onSent` is told once the request has been written out (not yet answered).
 */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onSent?: () => void;
}
/** One xapi call as a value; `close` (when present) ends the transport's kept-alive connections. */
export interface Transport {
  (method: string, params: readonly unknown[], options?: CallOptions): Promise<CallResult>;
  close?(): void;
  /** Connections made so far (over https each one a TLS handshake); absent for transports without their own. */
  readonly connectionsMade?: number;
}

export type WireProtocol = 'json-rpc' | 'xml-rpc' | 'auto';

export interface TransportOptions {
  readonly endpoint: XapiEndpoint;
  readonly protocol?: WireProtocol;
  readonly tls?: TlsTrust;
  /** Per-call timeout; event.from calls get their own timeout plus this margin. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Calls that only read (or log in): safe to send again when a kept-alive connection turns out closed (http-post.ts).
 * Changes are repeated by the adapter, which knows how to check first.
 */
export function isRepeatable(method: string): boolean {
  const name = method.split('.').pop() ?? '';
  return /^get(_|$)/.test(name) || ['event.from', 'system.listMethods', 'session.login_with_password', 'session.logout'].includes(method);
}

/** event.from(classes, token, timeout) blocks up to `timeout` seconds: give the HTTP request that long plus a margin. */
function callTimeout(method: string, params: readonly unknown[], base: number): number {
  if (method === 'event.from') {
    const seconds = Number(params[params.length - 1]);
    if (Number.isFinite(seconds)) return base + seconds * 1000;
  }
  return base;
}

function unsupported(detail: string): CallResult {
  return { ok: false, error: transportError('unsupported-transport', detail) };
}

function protocolError(detail: string): CallResult {
  return { ok: false, error: transportError('protocol-error', detail) };
}

/** Reads xapi's `{Status, Value | ErrorDescription}` envelope (XML-RPC). */
function readEnvelope(envelope: unknown): CallResult {
  if (typeof envelope !== 'object' || envelope === null || !('Status' in envelope)) {
    // system.listMethods answers a bare value.
    return { ok: true, value: envelope };
  }
  const record = envelope as { Status: unknown; Value?: unknown; ErrorDescription?: unknown };
  if (record.Status === 'Success') return { ok: true, value: record.Value };
  const description = Array.isArray(record.ErrorDescription) ? record.ErrorDescription : [];
  const [code, ...params] = description;
  return { ok: false, error: xapiError(typeof code === 'string' ? code : 'INTERNAL_ERROR', params) };
}

let nextId = 1;

/**
 * The connections of one transport, made on first use (node:tls is loaded only for an https endpoint; the local unix
 * socket, the usual case on dom0, never needs it).
 */
class Connections {
  #pool: Promise<ConnectionPool> | null = null;
  #made: ConnectionPool | null = null;
  #closed = false;

  constructor(private readonly options: TransportOptions) {}

  get(): Promise<ConnectionPool> {
    this.#pool ??= (async () => {
      const { endpoint } = this.options;
      const tls = endpoint.kind === 'tcp' && endpoint.scheme === 'https' ? await import('node:tls') : null;
      const pool = connectionPool(endpoint, this.options.tls ?? {}, tls);
      if (this.#closed) pool.close();
      this.#made = pool;
      return pool;
    })();
    return this.#pool;
  }

  get made(): number {
    return this.#made?.connectionsMade ?? 0;
  }

  close(): void {
    this.#closed = true;
    void this.#pool?.then((pool) => pool.close());
  }
}

/** A transport function with its connections' close and count attached. */
function withConnections(call: (method: string, params: readonly unknown[], options?: CallOptions) => Promise<CallResult>, connections: Connections): Transport {
  const transport = Object.assign(call, { close: () => connections.close() });
  return Object.defineProperty(transport, 'connectionsMade', { get: () => connections.made });
}

export function jsonRpcTransport(options: TransportOptions, connections = new Connections(options)): Transport {
  const base = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return withConnections(async (method, params, call) => {
    const id = nextId++;
    const response = await post({
      endpoint: options.endpoint,
      pool: await connections.get(),
      path: '/jsonrpc',
      contentType: 'application/json',
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id }),
      repeatable: isRepeatable(method),
      timeoutMs: callTimeout(method, params, base),
      ...(call?.signal !== undefined ? { signal: call.signal } : {}),
      ...(call?.onSent !== undefined ? { onSent: call.onSent } : {}),
    });
    if (!response.ok) return response;
    const { status, contentType, body } = response.value;
    if (!contentType.startsWith('application/json')) return unsupported(`JSON-RPC (answered ${contentType || 'no content type'})`);
    if (status < 200 || status > 299) return { ok: false, error: transportError('http-status', String(status)) };
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return protocolError('invalid JSON');
    }
    if (typeof reply !== 'object' || reply === null) return protocolError('JSON-RPC reply is not an object');
    const r = reply as { result?: unknown; error?: unknown };
    if (r.error === undefined || r.error === null) return { ok: true, value: r.result };
    if (Array.isArray(r.error)) {
      // JSON-RPC 1.0 style: [CODE, params...]
      const [code, ...rest] = r.error as unknown[];
      return { ok: false, error: xapiError(String(code), rest) };
    }
    const e = r.error as { message?: unknown; data?: unknown };
    return { ok: false, error: xapiError(String(e.message ?? 'INTERNAL_ERROR'), Array.isArray(e.data) ? e.data : []) };
  }, connections);
}

export function xmlRpcTransport(options: TransportOptions, connections = new Connections(options)): Transport {
  const base = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return withConnections(async (method, params, call) => {
    // The XML-RPC codec is loaded on first use: hosts that speak JSON-RPC never pay for it.
    const wire = await import('./xml-rpc-wire.js');
    const body = wire.encodeCall(method, params);
    const response = await post({
      endpoint: options.endpoint,
      pool: await connections.get(),
      path: '/',
      contentType: 'text/xml',
      body,
      repeatable: isRepeatable(method),
      timeoutMs: callTimeout(method, params, base),
      ...(call?.signal !== undefined ? { signal: call.signal } : {}),
      ...(call?.onSent !== undefined ? { onSent: call.onSent } : {}),
    });
    if (!response.ok) return response;
    const { status, contentType, body: xml } = response.value;
    if (status < 200 || status > 299) return { ok: false, error: transportError('http-status', String(status)) };
    if (!contentType.startsWith('text/xml') && !contentType.startsWith('application/xml')) {
      return unsupported(`XML-RPC (answered ${contentType || 'no content type'})`);
    }
    let parsed: unknown;
    try {
      parsed = wire.decodeResponse(xml);
    } catch (err) {
      return protocolError(`invalid XML-RPC: ${err instanceof Error ? err.message : String(err)}`);
    }
    const reply = parsed as { params?: unknown[]; fault?: unknown };
    if (reply.fault !== undefined) return protocolError(`XML-RPC fault: ${JSON.stringify(reply.fault)}`);
    return readEnvelope(reply.params?.[0]);
  }, connections);
}

/** JSON-RPC first; on 'unsupported-transport' switch to XML-RPC for this and every later call (same connections). */
export function autoTransport(options: TransportOptions): Transport {
  const connections = new Connections(options);
  const json = jsonRpcTransport(options, connections);
  const xml = xmlRpcTransport(options, connections);
  let current: Transport = json;
  return withConnections(async (method, params, call) => {
    const result = await current(method, params, call);
    if (!result.ok && result.error.code === 'unsupported-transport' && current === json) {
      current = xml;
      return current(method, params, call);
    }
    return result;
  }, connections);
}

export function createTransport(options: TransportOptions): Transport {
  switch (options.protocol ?? 'auto') {
    case 'json-rpc':
      return jsonRpcTransport(options);
    case 'xml-rpc':
      return xmlRpcTransport(options);
    case 'auto':
      return autoTransport(options);
  }
}
