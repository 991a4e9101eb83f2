/**
 * The control endpoint of a standalone simulator (not an xapi call, not in system.listMethods):
 *   GET  /simulator/faults         → the active faults
 *   POST /simulator/faults         {"latencyMs":200} | {"restart":{"seconds":3}} | {"drop":{"applied":true,"method":"PIF.plug"}}
 *                                  | {"fail":{"method":"PIF.reconfigure_ip","code":"INTERNAL_ERROR","params":["boom"],"times":2}}
 *                                  | {"clear":true}   (keys combine; "times" may be "always")
 *   GET  /simulator/address-map    → {"192.0.2.10":{"host":"127.0.0.1","port":40123}}
 *   GET  /simulator/calls          → {"total":12,"byMethod":{…}}
 */
import type { ControlApi } from './http-server.js';
import type { Faults } from './faults.js';
import type { ListenerManager } from './listeners.js';
import type { SimState } from './state.js';

interface FaultRequest {
  latencyMs?: unknown;
  restart?: { seconds?: unknown };
  drop?: { applied?: unknown; method?: unknown };
  fail?: { method?: unknown; code?: unknown; params?: unknown; times?: unknown };
  clear?: unknown;
}

export function controlApi(state: SimState, faults: Faults, listeners: () => ListenerManager | undefined): ControlApi {
  return {
    handle(method, path, body) {
      if (path === '/simulator/faults' && method === 'GET') return { status: 200, body: faults.status() };
      if (path === '/simulator/address-map' && method === 'GET') return { status: 200, body: listeners()?.addressMap() ?? {} };
      if (path === '/simulator/calls' && method === 'GET') return { status: 200, body: { total: state.totalCalls, byMethod: Object.fromEntries(state.callCounts) } };
      if (path !== '/simulator/faults' || method !== 'POST') return { status: 404, body: { ok: false, error: `no ${method} ${path}` } };
      let req: FaultRequest;
      try {
        req = JSON.parse(body === '' ? '{}' : body) as FaultRequest;
      } catch {
        return { status: 400, body: { ok: false, error: 'the body must be JSON' } };
      }
      if (typeof req !== 'object' || req === null) return { status: 400, body: { ok: false, error: 'the body must be a JSON object' } };
      if (req.clear === true) faults.clear();
      if (req.latencyMs !== undefined) {
        if (typeof req.latencyMs !== 'number' || req.latencyMs < 0) return { status: 400, body: { ok: false, error: 'latencyMs must be a number ≥ 0' } };
        faults.setLatency(req.latencyMs);
      }
      if (req.drop !== undefined) {
        const { applied, method: m } = req.drop;
        faults.dropNext({ applied: applied === true, ...(typeof m === 'string' ? { method: m } : {}) });
      }
      if (req.fail !== undefined) {
        const { method: m, code, params, times } = req.fail;
        if (typeof m !== 'string' || typeof code !== 'string') return { status: 400, body: { ok: false, error: 'fail needs "method" and "code"' } };
        const list = Array.isArray(params) ? params.map(String) : [];
        const count = times === 'always' ? 'always' : typeof times === 'number' && times > 0 ? times : 1;
        const r = faults.failCall(m, code, list, count);
        if (!r.ok) return { status: 400, body: { ok: false, error: `${r.error.field}: ${r.error.message}` } };
      }
      let after: (() => void) | undefined;
      if (req.restart !== undefined) {
        const seconds = typeof req.restart.seconds === 'number' ? req.restart.seconds : 5;
        after = () => void faults.restart(seconds);
      }
      return { status: 200, body: { ok: true, faults: faults.status() }, ...(after !== undefined ? { after } : {}) };
    },
  };
}
