/**
 * A remote xapi's traffic: the real XapiBackend against the simulator over TCP (127.0.0.1, port 0), reading its
 * /rrd_updates over HTTP with the adapter's session: the management interface's bytes in and out, all families, and
 * per row why the split and the peers are missing.
 */
import { expect } from 'chai';
import http from 'node:http';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { RrdTrafficSource } from '../../../src/backends/xapi/rrd-traffic-source.js';
import { createTransport } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';
import type { XapiEndpoint } from '../../../src/backends/xapi/endpoint.js';
import { addSample, startWatch, trafficVerdict } from '../../../src/model/traffic-watch.js';
import { rateRows } from '../../../src/presentation/traffic-view.js';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('backends/xapi: traffic from the RRDs of a remote xapi (simulator over TCP)', function () {
  this.timeout(20_000);
  let sim: SimulatorHandle;
  let backend: XapiBackend;
  let port: number;

  beforeEach(async () => {
    sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    const ep = sim.endpoints[0];
    if (ep?.kind !== 'tcp') throw new Error('no tcp endpoint');
    port = ep.port;
    const endpoint: XapiEndpoint = { kind: 'tcp', scheme: 'http', host: ep.host, port: ep.port };
    backend = new XapiBackend({ transport: createTransport({ endpoint, protocol: 'auto', timeoutMs: 10_000 }), credentials: { user: 'root', password: sim.password }, rrd: { endpoint, tls: {} } });
  });
  afterEach(async () => {
    await backend.close();
    await sim.close();
  });

  it("eth0's totals (both families and ARP together, about 8.4 kB/s in, 52 kB/s out); the split and the peers say why not", async () => {
    const source = backend.traffic;
    if (source === undefined) throw new Error('no traffic source over TCP');
    expect(source.origin).to.equal("xapi's RRDs: bytes per interface, 5 s averages").and.equal(new RrdTrafficSource({ get: () => Promise.reject(new Error('unused')), session: () => Promise.reject(new Error('unused')) }).origin);
    const state = await backend.loadState();
    if (!state.ok) throw new Error(state.error.message);
    const eth0 = state.value.interfaces.find((i) => i.device === 'eth0');
    let watch = startWatch('eth0', 120);
    for (let i = 0; i < 2; i++) {
      const s = await source.sample(state.value, eth0?.id ?? '');
      if (!s.ok) throw new Error(s.error.message);
      watch = addSample(watch, s.value);
    }
    const point = watch.points[0];
    // The simulated rates: IPv4 5200 + IPv6 2100 + ARP/LLDP 120 B/s in, plus 14 B of Ethernet header a packet (±10 %).
    expect(point?.allFamilies?.rxBytes).to.be.within(7300, 9400);
    expect(point?.allFamilies?.txBytes).to.be.within(45_000, 57_000);
    expect([point?.ipv6, point?.ipv4AndOther]).to.deep.equal([null, null]);
    const rows = rateRows(watch);
    expect(rows.map((r) => r[0])).to.deep.equal(['All families', 'IPv6', 'IPv4 and other']);
    expect(rows[0]?.[1]).to.match(/kB\/s$/);
    expect(rows[0]?.[3]).to.equal('packets: not available');
    expect(rows[1]?.[1]).to.equal("not available: xapi's RRDs count bytes per PIF only, not per family.");
    expect(trafficVerdict(watch).text).to.equal("Peers by family: not available: xapi does not list the host's TCP connections.");
  });

  it("/rrd_updates as xapi answers it: no session 403, no start 400; legend AVERAGE:host:<uuid>:pif_<dev>_rx|tx", async () => {
    expect((await get(port, '/rrd_updates?start=-30&host=true&json=true')).status).to.equal(403);
    const login = await createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: '127.0.0.1', port }, protocol: 'auto' })('session.login_with_password', ['root', sim.password, '1.0', 'test']);
    const session = login.ok ? String(login.value) : '';
    expect((await get(port, `/rrd_updates?session_id=${encodeURIComponent(session)}&host=true`)).status).to.equal(400);
    const ok = await get(port, `/rrd_updates?session_id=${encodeURIComponent(session)}&start=-30&host=true&cf=AVERAGE&interval=5&json=true`);
    expect(ok.status).to.equal(200);
    const j = JSON.parse(ok.body) as { meta: { step: number; legend: string[]; rows: number }; data: { t: number; values: string[] }[] };
    expect(j.meta.step).to.equal(5);
    expect(j.meta.legend.filter((l) => l.endsWith('pif_eth0_rx') || l.endsWith('pif_eth0_tx'))).to.have.length(2);
    for (const l of j.meta.legend) expect(l).to.match(/^AVERAGE:host:[0-9a-f-]{36}:pif_eth\d_(rx|tx)$/);
    expect(j.data.length).to.equal(j.meta.rows).and.be.at.least(5);
    expect((j.data[0]?.t ?? 0) > (j.data[1]?.t ?? 0), 'newest row first').to.equal(true);
  });
});
