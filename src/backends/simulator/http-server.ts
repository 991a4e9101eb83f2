/**
 * The HTTP side of xapi: POST /jsonrpc → JSON-RPC, any other path → XML-RPC; Content-Length required;
 * content-type exactly text/xml or application/json. Plus the simulator's own control endpoint under
 * /simulator/ (faults, address map), which is not an xapi call and not in system.listMethods, and xapi's
 * GET /rrd_updates (the host's PIF byte rates, rrd-updates-reply.ts).
 */
import { ok, type Result } from '../../addressing/result.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { dispatch, type CallOrigin, type DispatchResult } from './dispatcher.js';
import { xapiError } from './errors.js';
import type { Faults } from './faults.js';
import { decodeJsonRpcRequest, encodeJsonRpcFailure, encodeJsonRpcSuccess } from './jsonrpc-codec.js';
import { checkJsonShape, checkXmlShape, MAX_RPC_BODY_BYTES } from './request-limits.js';
import type { SimState } from './state.js';

export interface ControlApi {
  /** Handles a /simulator/… request: status, JSON body, and what to do once the reply is sent. */
  handle(method: string, path: string, body: string): { status: number; body: unknown; after?: () => void };
}

export interface ConnectionTracker {
  /** Called with the call's method once decoded; the returned function is called when it has been answered. */
  begin(socket: Socket, method: string): () => void;
}

export interface ServerDeps {
  readonly state: SimState;
  readonly faults: Faults;
  readonly control: ControlApi;
  readonly origin: CallOrigin;
  readonly tracker: ConnectionTracker;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(buf.length) });
  res.end(buf);
}

/** The body, or null when it is larger than xapi accepts (reading stops there: nothing more is buffered). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size <= MAX_RPC_BODY_BYTES) {
        chunks.push(c);
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > MAX_RPC_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** Refuses an oversized request and closes the connection (its unread body is never buffered). */
function tooLarge(res: ServerResponse): void {
  res.setHeader('connection', 'close');
  send(res, 413, 'text/plain', `request too large: xapi accepts at most ${MAX_RPC_BODY_BYTES} bytes\n`);
}

interface DecodedCall {
  readonly method: string;
  readonly params: readonly unknown[];
  readonly contentType: 'application/json' | 'text/xml';
  encode(result: DispatchResult): string;
}

function isJsonPath(path: string): boolean {
  return path === '/jsonrpc' || path.startsWith('/jsonrpc/');
}

/** Decodes a call; the XML-RPC codec (Xen Orchestra's, with its XML parser) loads with the first XML-RPC request. */
async function decodeCall(path: string, body: string): Promise<Result<DecodedCall>> {
  if (isJsonPath(path)) {
    const shape = checkJsonShape(body);
    if (!shape.ok) return { ok: false, error: { field: 'request', input: '', message: `the request is refused: ${shape.reason}` } };
    const r = decodeJsonRpcRequest(body);
    if (!r.ok) return r;
    const req = r.value;
    return ok({
      method: req.method,
      params: req.params,
      contentType: 'application/json',
      encode: (result) => (result.kind === 'failure' ? encodeJsonRpcFailure(req, result.error) : encodeJsonRpcSuccess(req, result.value)),
    });
  }
  const shape = checkXmlShape(body);
  if (!shape.ok) return { ok: false, error: { field: 'request', input: '', message: `the request is refused: ${shape.reason}` } };
  const { decodeXmlRpcRequest, encodeXmlRpcBare, encodeXmlRpcFailure, encodeXmlRpcSuccess } = await import('./xmlrpc-codec.js');
  const r = decodeXmlRpcRequest(body);
  if (!r.ok) return r;
  return ok({
    method: r.value.method,
    params: r.value.params,
    contentType: 'text/xml',
    encode: (result) =>
      result.kind === 'failure' ? encodeXmlRpcFailure(result.error) : result.kind === 'bare' ? encodeXmlRpcBare(result.value) : encodeXmlRpcSuccess(result.value),
  });
}

export function requestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req, res).catch((e: unknown) => {
      // A bug: answer 500 rather than leaving the client hanging.
      if (!res.headersSent) send(res, 500, 'text/plain', `simulator error: ${e instanceof Error ? e.message : String(e)}\n`);
      else res.destroy();
    });
  };
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (Number(req.headers['content-length'] ?? 0) > MAX_RPC_BODY_BYTES) return tooLarge(res);
  if (path.startsWith('/simulator/')) {
    const body = await readBody(req);
    if (body === null) return tooLarge(res);
    const reply = deps.control.handle(req.method ?? 'GET', path, body);
    if (reply.after !== undefined) res.once('finish', reply.after);
    return send(res, reply.status, 'application/json', JSON.stringify(reply.body) + '\n');
  }
  if (path === '/rrd_updates' && req.method === 'GET') {
    const { rrdUpdatesReply } = await import('./rrd-updates-reply.js');
    const reply = rrdUpdatesReply(deps.state, new URLSearchParams((req.url ?? '').split('?')[1] ?? ''), Date.now());
    return send(res, reply.status, reply.contentType, reply.body);
  }
  if (req.method !== 'POST') return send(res, 404, 'text/plain', 'xapi answers POST requests (XML-RPC on /, JSON-RPC on /jsonrpc)\n');
  if (req.headers['content-length'] === undefined) return send(res, 411, 'text/plain', 'Content-Length required\n');
  const body = await readBody(req);
  if (body === null) return tooLarge(res);

  const call = await decodeCall(path, body);
  if (!call.ok) {
    // One clear line. XML-RPC gets xapi's fault for a request it cannot unmarshal; JSON-RPC a plain 400.
    if (isJsonPath(path)) return send(res, 400, 'text/plain', `${call.error.message}\n`);
    const { encodeXmlRpcFailure } = await import('./xmlrpc-codec.js');
    return send(res, 200, 'text/xml', encodeXmlRpcFailure(xapiError('XMLRPC_UNMARSHAL_FAILURE', 'an XML-RPC methodCall', call.error.message).error));
  }
  const { method, params, encode, contentType } = call.value;
  // The client hanging up ends a pending wait (event.from, a login's delay): nothing is left running for it.
  const hangUp = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) hangUp.abort();
  });

  const done = deps.tracker.begin(req.socket, method);
  try {
    const drop = deps.faults.takeDrop(method);
    if (drop !== undefined && drop.applied !== true) {
      req.socket.destroy();
      return;
    }
    const result: DispatchResult = await dispatch(deps.state, deps.faults, deps.origin, method, params, hangUp.signal);
    if (drop !== undefined) {
      req.socket.destroy();
      return;
    }
    if (res.destroyed || req.socket.destroyed) return;
    send(res, 200, contentType, encode(result));
  } finally {
    res.once('finish', done);
    if (res.writableFinished || res.destroyed) done();
  }
}
