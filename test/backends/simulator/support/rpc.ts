/** A minimal xapi client for the simulator's tests: raw HTTP over TCP or a unix socket, both protocols. */
import { request } from 'node:http';
import { formatXml } from '@vates/xml/format';
import { parseXml } from '@vates/xml/parse';
import { xmlRpcFormatter } from '@vates/xml-rpc/formatter';
import { xmlRpcParser } from '@vates/xml-rpc/parser';
import type { SimulatorHandle } from '../../../../src/backends/simulator/index.js';

export type Target = { readonly socketPath: string } | { readonly host: string; readonly port: number };

export interface HttpReply {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

export function httpRequest(target: Target, path: string, body: string, contentType = 'text/xml', method = 'POST', withLength = true): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const buf = Buffer.from(body, 'utf8');
    const headers: Record<string, string> = { 'content-type': contentType };
    if (withLength) headers['content-length'] = String(buf.length);
    const req = request({ ...target, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (withLength) req.end(buf);
    else {
      req.write(buf);
      req.end();
    }
  });
}

export type CallResult = { ok: true; value: unknown } | { ok: false; error: string[] };

export async function xmlCall(target: Target, method: string, params: readonly unknown[], path = '/'): Promise<CallResult> {
  const body = formatXml(xmlRpcFormatter.format_methodCall({ methodName: method, params }), { indent: 0 });
  const reply = await httpRequest(target, path, body, 'text/xml');
  const parsed = xmlRpcParser.parse(parseXml(reply.body, { normalize: false, trim: false })) as { params: unknown[] };
  const v = parsed.params[0] as { Status?: string; Value?: unknown; ErrorDescription?: string[] };
  if (v?.Status === 'Success') return { ok: true, value: v.Value };
  if (v?.Status === 'Failure') return { ok: false, error: v.ErrorDescription ?? [] };
  return { ok: true, value: v };
}

export async function jsonCall(target: Target, method: string, params: readonly unknown[], version: '1.0' | '2.0' = '1.0'): Promise<CallResult> {
  const payload = version === '2.0' ? { jsonrpc: '2.0', method, params, id: 7 } : { method, params, id: 7 };
  const reply = await httpRequest(target, '/jsonrpc', JSON.stringify(payload), 'application/json');
  const r = JSON.parse(reply.body) as { result?: unknown; error?: unknown };
  if (version === '2.0') {
    if (r.error !== undefined) {
      const e = r.error as { message: string; data: string[] };
      return { ok: false, error: [e.message, ...e.data] };
    }
    return { ok: true, value: r.result };
  }
  if (r.error !== null && r.error !== undefined) return { ok: false, error: r.error as string[] };
  return { ok: true, value: r.result };
}

/** A logged-in JSON-RPC session; `call` returns the value or throws with the xapi error (tests only). */
export class TestSession {
  private constructor(
    readonly target: Target,
    readonly ref: string,
  ) {}

  static async login(target: Target, password = 'xenroot'): Promise<TestSession> {
    const r = await jsonCall(target, 'session.login_with_password', ['root', password]);
    if (!r.ok) throw new Error(`login failed: ${r.error.join(' ')}`);
    return new TestSession(target, r.value as string);
  }

  async try(method: string, ...args: unknown[]): Promise<CallResult> {
    return jsonCall(this.target, method, [this.ref, ...args]);
  }

  async call<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    const r = await this.try(method, ...args);
    if (!r.ok) throw new Error(`${method}: ${r.error.join(' ')}`);
    return r.value as T;
  }

  /** The xapi error of a call expected to fail. */
  async error(method: string, ...args: unknown[]): Promise<string[]> {
    const r = await this.try(method, ...args);
    if (r.ok) throw new Error(`${method} succeeded, an error was expected`);
    return r.error;
  }
}

export type PifRecord = Record<string, unknown> & {
  device: string;
  IP: string;
  IPv6: string[];
  DNS: string;
  management: boolean;
  VLAN: number;
  host: string;
};

export async function pifByDevice(s: TestSession, device: string, vlan = -1): Promise<[string, PifRecord]> {
  const all = await s.call<Record<string, PifRecord>>('PIF.get_all_records');
  const found = Object.entries(all).find(([, p]) => p.device === device && p.VLAN === vlan);
  if (found === undefined) throw new Error(`no PIF ${device}`);
  return found;
}

export function tcpTarget(handle: SimulatorHandle, index = 0): Target {
  const ep = handle.endpoints.filter((e) => e.kind === 'tcp')[index];
  if (ep === undefined || ep.kind !== 'tcp') throw new Error('no tcp endpoint');
  return { host: ep.host, port: ep.port };
}

export function unixTarget(handle: SimulatorHandle): Target {
  const ep = handle.endpoints.find((e) => e.kind === 'unix');
  if (ep === undefined || ep.kind !== 'unix') throw new Error('no unix endpoint');
  return { socketPath: ep.path };
}

/** Polls `check` until it returns true, at most `ms` milliseconds. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Whether a TCP connection to the target is refused. */
export function refused(target: Target): Promise<boolean> {
  return httpRequest(target, '/', '<methodCall><methodName>system.listMethods</methodName><params></params></methodCall>').then(
    () => false,
    (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED' || e.code === 'ENOENT',
  );
}
