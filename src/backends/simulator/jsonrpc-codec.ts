/** JSON-RPC 1.0 and 2.0 as xapi speaks it on /jsonrpc. */
import { fail, ok, type Result } from '../../addressing/result.js';
import type { XapiError } from './errors.js';
import type { JsonValue, Wire } from './values.js';

export interface JsonRpcRequest {
  readonly method: string;
  readonly params: readonly unknown[];
  readonly id: JsonValue;
  /** "2.0" when the request said so; 1.0 otherwise. */
  readonly version: '1.0' | '2.0';
}

export function decodeJsonRpcRequest(body: string): Result<JsonRpcRequest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fail('request', body.slice(0, 80), 'unparsable JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return fail('request', body.slice(0, 80), 'not a JSON-RPC request object');
  const req = parsed as { method?: unknown; params?: unknown; id?: unknown; jsonrpc?: unknown };
  if (typeof req.method !== 'string') return fail('request', body.slice(0, 80), 'no method');
  const params = req.params === undefined ? [] : req.params;
  if (!Array.isArray(params)) return fail('request', body.slice(0, 80), 'params must be an array');
  return ok({ method: req.method, params, id: (req.id ?? null) as JsonValue, version: req.jsonrpc === '2.0' ? '2.0' : '1.0' });
}

export function wireToJson(w: Wire): JsonValue {
  switch (w.t) {
    case 'string':
    case 'int':
    case 'float':
    case 'bool':
    case 'datetime':
      return w.v;
    case 'array':
      return w.v.map(wireToJson);
    case 'struct': {
      const out: { [key: string]: JsonValue } = {};
      for (const [k, v] of w.v) out[k] = wireToJson(v);
      return out;
    }
  }
}

export function encodeJsonRpcSuccess(req: Pick<JsonRpcRequest, 'id' | 'version'>, value: Wire): string {
  const result = wireToJson(value);
  return JSON.stringify(req.version === '2.0' ? { jsonrpc: '2.0', result, id: req.id } : { result, error: null, id: req.id });
}

export function encodeJsonRpcFailure(req: Pick<JsonRpcRequest, 'id' | 'version'>, error: XapiError): string {
  if (req.version === '2.0') {
    return JSON.stringify({ jsonrpc: '2.0', error: { code: 1, message: error.code, data: [...error.params] }, id: req.id });
  }
  return JSON.stringify({ result: null, error: [error.code, ...error.params], id: req.id });
}
