import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseEndpoint, type XapiEndpoint } from '../../../src/backends/xapi/endpoint.js';
import { autoTransport, jsonRpcTransport, xmlRpcTransport } from '../../../src/backends/xapi/transport.js';
import { XapiClient } from '../../../src/backends/xapi/client.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/tls/${name}`, import.meta.url));
const FINGERPRINT = '9E:B5:82:9B:3A:35:26:FE:E5:ED:15:98:15:15:9E:8C:71:36:F7:B2:57:34:2D:32:F6:2A:A1:6F:D6:D6:18:90';

interface Seen {
  path: string;
  body: string;
}

/** A tiny fake xapi: JSON-RPC on /jsonrpc unless `jsonRpc` is false, XML-RPC elsewhere; records every request. */
function handler(seen: Seen[], opts: { jsonRpc: boolean; answer: (method: string, params: unknown[]) => unknown }) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({ path: req.url ?? '', body });
      if (req.url === '/jsonrpc' && opts.jsonRpc) {
        const call = JSON.parse(body) as { method: string; params: unknown[]; id: number };
        const answer = opts.answer(call.method, call.params);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify(
            Array.isArray(answer)
              ? { jsonrpc: '2.0', error: { code: 1, message: answer[0], data: answer.slice(1) }, id: call.id }
              : { jsonrpc: '2.0', result: answer, id: call.id },
          ),
        );
        return;
      }
      const method = /<methodName>([^<]*)<\/methodName>/.exec(body)?.[1] ?? '';
      const answer = opts.answer(method, []);
      res.setHeader('content-type', 'text/xml');
      const value = Array.isArray(answer)
        ? `<struct><member><name>Status</name><value>Failure</value></member><member><name>ErrorDescription</name><value><array><data>${answer
            .map((a) => `<value>${String(a)}</value>`)
            .join('')}</data></array></value></member></struct>`
        : `<struct><member><name>Status</name><value>Success</value></member><member><name>Value</name><value>${String(answer)}</value></member></struct>`;
      res.end(`<?xml version="1.0"?><methodResponse><params><param><value>${value}</value></param></params></methodResponse>`);
    });
  };
}

async function listen(server: http.Server, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}

describe('xapi transports', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  async function httpsServer(seen: Seen[], host = '127.0.0.1'): Promise<XapiEndpoint> {
    const server = https.createServer(
      { key: fixture('self-signed.key'), cert: fixture('self-signed.crt') },
      handler(seen, { jsonRpc: true, answer: () => 'OpaqueRef:abc' }),
    );
    servers.push(server);
    const port = await listen(server, host);
    return { kind: 'tcp', scheme: 'https', host, port };
  }

  it('refuses a self-signed certificate unless trusted explicitly', async () => {
    const seen: Seen[] = [];
    const endpoint = await httpsServer(seen);
    const result = await jsonRpcTransport({ endpoint })('session.login_with_password', ['root', 'secret']);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.error.code).to.equal('tls-untrusted');
    expect(seen).to.have.length(0);
  });

  it('accepts a self-signed certificate with allowUnauthorized', async () => {
    const endpoint = await httpsServer([]);
    const result = await jsonRpcTransport({ endpoint, tls: { allowUnauthorized: true } })('pool.get_all', []);
    expect(result).to.deep.equal({ ok: true, value: 'OpaqueRef:abc' });
  });

  it('accepts the pinned fingerprint (with or without colons, any case)', async () => {
    const endpoint = await httpsServer([]);
    for (const pin of [FINGERPRINT, FINGERPRINT.replace(/:/g, '').toLowerCase()]) {
      const result = await jsonRpcTransport({ endpoint, tls: { fingerprint256: pin } })('pool.get_all', []);
      expect(result.ok, pin).to.equal(true);
    }
  });

  it('refuses a wrong pinned fingerprint before sending anything', async () => {
    const seen: Seen[] = [];
    const endpoint = await httpsServer(seen);
    const wrong = FINGERPRINT.replace(/^9E/, '00');
    const result = await jsonRpcTransport({ endpoint, tls: { fingerprint256: wrong } })('session.login_with_password', ['root', 'secret']);
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.error.code).to.equal('tls-fingerprint-mismatch');
      expect(result.error.message).to.match(/does not match the pinned/);
    }
    expect(seen).to.have.length(0);
  });

  it('reaches an https URL with a bracketed IPv6 host', async () => {
    const seen: Seen[] = [];
    const actual = await httpsServer(seen, '::1');
    if (actual.kind !== 'tcp') throw new Error('unreachable');
    const parsed = parseEndpoint(`https://[::1]:${actual.port}/`);
    expect(parsed.ok).to.equal(true);
    if (!parsed.ok) return;
    expect(parsed.value).to.deep.equal({ kind: 'tcp', scheme: 'https', host: '::1', port: actual.port });
    const result = await jsonRpcTransport({ endpoint: parsed.value, tls: { allowUnauthorized: true } })('pool.get_all', []);
    expect(result.ok).to.equal(true);
  });

  it('falls back from JSON-RPC to XML-RPC when the host answers text/xml, and stays there', async () => {
    const seen: Seen[] = [];
    const server = http.createServer(handler(seen, { jsonRpc: false, answer: () => 'OpaqueRef:xml' }));
    servers.push(server);
    const port = await listen(server, '127.0.0.1');
    const call = autoTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: '127.0.0.1', port } });
    expect(await call('pool.get_all', [])).to.deep.equal({ ok: true, value: 'OpaqueRef:xml' });
    expect(await call('host.get_all', [])).to.deep.equal({ ok: true, value: 'OpaqueRef:xml' });
    expect(seen.map((s) => s.path)).to.deep.equal(['/jsonrpc', '/', '/']);
  });

  it('turns an XML-RPC failure envelope into a typed error with a readable sentence', async () => {
    const server = http.createServer(
      handler([], { jsonRpc: false, answer: () => ['PIF_IS_MANAGEMENT_INTERFACE', 'OpaqueRef:pif'] }),
    );
    servers.push(server);
    const port = await listen(server, '127.0.0.1');
    const result = await xmlRpcTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: '127.0.0.1', port } })('PIF.reconfigure_ip', []);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.code).to.equal('PIF_IS_MANAGEMENT_INTERFACE');
    expect(result.error.params).to.deep.equal(['OpaqueRef:pif']);
    expect(result.error.message).to.match(/management interface/);
  });

  it('reports a refused connection as retryable', async () => {
    const server = http.createServer();
    servers.push(server);
    const port = await listen(server, '127.0.0.1');
    await new Promise((r) => server.close(r));
    servers.pop();
    const result = await jsonRpcTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: '127.0.0.1', port } })('pool.get_all', []);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.code).to.equal('connection-refused');
    expect(result.error.retryable).to.equal(true);
  });
});

describe('xapi endpoint parsing', () => {
  const cases: Array<[string, XapiEndpoint | RegExp]> = [
    ['unix:/var/lib/xcp/xapi', { kind: 'unix', path: '/var/lib/xcp/xapi' }],
    ['/tmp/x.sock', { kind: 'unix', path: '/tmp/x.sock' }],
    ['https://192.0.2.10', { kind: 'tcp', scheme: 'https', host: '192.0.2.10', port: 443 }],
    ['http://192.0.2.10:8080/', { kind: 'tcp', scheme: 'http', host: '192.0.2.10', port: 8080 }],
    ['https://[2001:DB8:0::10]', { kind: 'tcp', scheme: 'https', host: '2001:db8::10', port: 443 }],
    ['https://xcp-host.example', { kind: 'tcp', scheme: 'https', host: 'xcp-host.example', port: 443 }],
    ['ftp://192.0.2.10', /not supported/],
    ['unix:', /socket path/],
    ['https://2001:db8::10/', /not a URL/],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      const result = parseEndpoint(text);
      if (expected instanceof RegExp) {
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.error.message).to.match(expected);
      } else {
        expect(result).to.deep.equal({ ok: true, value: expected });
      }
    });
  }
});

describe('xapi client sessions', () => {
  it('logs in, re-logs in once on SESSION_INVALID, and never echoes the password', async () => {
    const calls: string[] = [];
    let sessions = 0;
    let valid = '';
    const client = new XapiClient({
      credentials: { user: 'root', password: 'hunter2' },
      transport: async (method, params) => {
        calls.push(method);
        if (method === 'session.login_with_password') {
          valid = `OpaqueRef:s${++sessions}`;
          return { ok: true, value: valid };
        }
        if (params[0] !== valid) return { ok: false, error: { code: 'SESSION_INVALID', params: [String(params[0])], message: '', retryable: false } };
        return { ok: true, value: 'fine' };
      },
    });
    expect(await client.call('host.get_all')).to.deep.equal({ ok: true, value: 'fine' });
    valid = 'OpaqueRef:expired-elsewhere';
    expect(await client.call('host.get_all')).to.deep.equal({ ok: true, value: 'fine' });
    expect(calls).to.deep.equal(['session.login_with_password', 'host.get_all', 'host.get_all', 'session.login_with_password', 'host.get_all']);
    expect(client.callCount).to.equal(5);
  });

  it('reports HOST_IS_SLAVE with the master address and a readable sentence', async () => {
    const client = new XapiClient({
      credentials: { user: 'root', password: 'hunter2' },
      transport: async () => ({
        ok: false,
        error: { code: 'HOST_IS_SLAVE', params: ['192.0.2.10'], message: '', retryable: false },
      }),
    });
    const result = await client.login();
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.code).to.equal('HOST_IS_SLAVE');
    expect(result.error.message).to.contain('192.0.2.10');
  });

  it('removes the password from a failed login error', async () => {
    const client = new XapiClient({
      credentials: { user: 'root', password: 'hunter2' },
      transport: async () => ({
        ok: false,
        error: { code: 'SESSION_AUTHENTICATION_FAILED', params: ['root', 'hunter2'], message: '', retryable: false },
      }),
    });
    const result = await client.login();
    expect(JSON.stringify(result)).not.to.contain('hunter2');
  });
});
