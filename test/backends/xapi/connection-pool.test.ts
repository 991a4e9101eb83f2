/**
 * Kept-alive connections over TLS, counted on a local TLS server (test/fixtures/tls, self-signed) that forwards to
 * the simulator: reading the host the way `hostconsole status` does costs one TLS handshake per concurrent call, not
 * one per call, and a connection's certificate is checked before any request is written on it — also when the pinned
 * fingerprint is wrong.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { createTransport, isRepeatable } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/tls/${name}`, import.meta.url));
const FINGERPRINT = '9E:B5:82:9B:3A:35:26:FE:E5:ED:15:98:15:15:9E:8C:71:36:F7:B2:57:34:2D:32:F6:2A:A1:6F:D6:D6:18:90';

/** A TLS front for the simulator's TCP listener that counts handshakes and the bytes clients send through it. */
interface TlsFront {
  readonly port: number;
  handshakes: number;
  bytesIn: number;
  close(): Promise<void>;
}

async function tlsFront(target: { host: string; port: number }): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  const front = {
    port: 0,
    handshakes: 0,
    bytesIn: 0,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = tls.createServer({ key: fixture('self-signed.key'), cert: fixture('self-signed.crt') }, (clear) => {
    front.handshakes += 1;
    const upstream = net.connect(target.port, target.host);
    sockets.add(clear).add(upstream);
    clear.on('data', (d: Buffer) => (front.bytesIn += d.length));
    clear.pipe(upstream).pipe(clear);
    const end = (): void => {
      clear.destroy();
      upstream.destroy();
    };
    clear.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.port = (server.address() as AddressInfo).port;
  return front;
}

describe('xapi: kept-alive connections over TLS (handshakes counted on a local TLS server)', function () {
  this.timeout(15_000);
  let sim: SimulatorHandle;
  let front: TlsFront;
  beforeEach(async () => {
    sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    const ep = sim.endpoints[0];
    if (ep === undefined || ep.kind !== 'tcp') throw new Error('no TCP listener');
    front = await tlsFront({ host: ep.host, port: ep.port });
  });
  afterEach(async () => {
    await front.close();
    await sim.close();
  });

  function backend(trust: { allowUnauthorized?: true; fingerprint256?: string }) {
    const transport = createTransport({ endpoint: { kind: 'tcp', scheme: 'https', host: '127.0.0.1', port: front.port }, tls: trust });
    return { transport, backend: new XapiBackend({ transport, credentials: { user: 'root', password: sim.password } }) };
  }

  for (const [name, trust] of [['accepted self-signed', { allowUnauthorized: true as const }], ['pinned fingerprint', { fingerprint256: FINGERPRINT }]] as const) {
    it(`a status read (${name}): one handshake per concurrent call, reused for the rest`, async () => {
      const { transport, backend: b } = backend(trust);
      const loaded = await b.loadState();
      expect(loaded.ok, loaded.ok ? '' : loaded.error.message).to.equal(true);
      const again = await b.loadState();
      expect(again.ok).to.equal(true);
      await b.close();
      const calls = sim.callCount();
      // login ‖ listMethods, the read (event.from ""), a second read, and the logout: 5 calls on 2 connections.
      expect(calls).to.equal(5);
      expect(front.handshakes, `${calls} calls`).to.equal(2);
      expect(transport.connectionsMade).to.equal(2);
    });
  }

  it('a long-poll holds its own connection while other calls reuse the rest', async () => {
    const { backend: b } = backend({ allowUnauthorized: true });
    const states: unknown[] = [];
    b.subscribe((e) => e.kind === 'state' && states.push(e.state));
    const deadline = Date.now() + 5000;
    while (!sim.callLog().some((c) => c.method === 'event.from' && c.token !== '' && c.answered === null) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(states).to.have.length(1);
    for (let i = 0; i < 3; i++) expect((await b.loadState()).ok).to.equal(true);
    await b.close();
    expect(front.handshakes).to.be.at.most(3);
  });

  it('a wrong pinned fingerprint: the connection is refused before a byte of any request is written', async () => {
    const { transport, backend: b } = backend({ fingerprint256: FINGERPRINT.replace(/^9E/, '00') });
    const loaded = await b.loadState();
    expect(loaded.ok).to.equal(false);
    if (!loaded.ok) expect(loaded.error.code).to.equal('tls-fingerprint-mismatch');
    await b.close();
    expect(sim.callCount()).to.equal(0);
    expect(front.bytesIn).to.equal(0);
    transport.close?.();
  });
});

describe('xapi: a kept-alive connection xapi dropped while idle', () => {
  /** A JSON-RPC server that drops a connection, unanswered, when a request arrives on it after its first. */
  async function droppingServer(): Promise<{ port: number; connections: number; requests: number; close(): Promise<void> }> {
    const state = { port: 0, connections: 0, requests: 0, close: async () => undefined as void };
    const server = net.createServer((socket) => {
      state.connections += 1;
      let served = 0;
      socket.on('data', (data: Buffer) => {
        if (!data.toString('latin1').startsWith('POST')) return;
        state.requests += 1;
        served += 1;
        if (served > 1) return void socket.resetAndDestroy();
        const body = JSON.stringify({ jsonrpc: '2.0', result: 'OpaqueRef:ok', id: 1 });
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.port = (server.address() as AddressInfo).port;
    state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    return state;
  }

  it('is not an error: the call goes again on a new connection (it never reached xapi)', async () => {
    const server = await droppingServer();
    const transport = createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: '127.0.0.1', port: server.port }, protocol: 'json-rpc' });
    try {
      expect(await transport('pool.get_all', [])).to.deep.equal({ ok: true, value: 'OpaqueRef:ok' });
      // The second call reuses the kept-alive connection, which the server drops: sent again, on a new one.
      expect(await transport('pool.get_all', [])).to.deep.equal({ ok: true, value: 'OpaqueRef:ok' });
      expect(server.connections).to.equal(2);
      expect(server.requests).to.equal(3);
    } finally {
      transport.close?.();
      await server.close();
    }
  });

  it('a change on a dropped kept-alive connection is reported (the adapter checks before repeating it), a read is not', async () => {
    const server = await droppingServer();
    const transport = createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: '127.0.0.1', port: server.port }, protocol: 'json-rpc' });
    try {
      expect(await transport('pool.get_all', [])).to.deep.equal({ ok: true, value: 'OpaqueRef:ok' });
      const change = await transport('PIF.reconfigure_ip', []);
      expect(change.ok).to.equal(false);
      if (!change.ok) expect(change.error.code).to.equal('connection-reset');
      expect(server.requests).to.equal(2);
      expect([isRepeatable('PIF.get_record'), isRepeatable('event.from'), isRepeatable('host.set_hostname_live'), isRepeatable('PIF.add_to_other_config')]).to.deep.equal([true, true, false, false]);
    } finally {
      transport.close?.();
      await server.close();
    }
  });

  it('a connection dropped on its first request is reported, not retried', async () => {
    const server = net.createServer((socket) => socket.on('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const transport = createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: '127.0.0.1', port }, protocol: 'json-rpc' });
    let connections = 0;
    server.on('connection', () => (connections += 1));
    try {
      const result = await transport('pool.get_all', []);
      expect(result.ok).to.equal(false);
      if (!result.ok) expect(result.error.code).to.equal('connection-reset');
      expect(connections).to.equal(1);
    } finally {
      transport.close?.();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
