/**
 * xapi's RRD updates: the parser on a sample in xapi's JSON form (test/fixtures/rrd-updates/README.md: the shape of
 * `Rrd_updates.json_of_t`, ocaml/libs/xapi-rrd/lib/rrd_updates.ml, and the PIF data sources of
 * ocaml/xcp-rrdd/bin/rrdp-netdev/rrdp_netdev.ml), and the RRD traffic source's rows and retries on a fake xapi.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { succeeded } from '../../../src/backends/backend-error.js';
import { RrdTrafficSource, type RrdAccess } from '../../../src/backends/xapi/rrd-traffic-source.js';
import { parseRrdUpdates, pifDevices, pifRates, rrdUpdatesPath } from '../../../src/backends/xapi/rrd-updates.js';
import { hostState, iface } from '../../model/builders.js';

const sample = readFileSync(new URL('../../fixtures/rrd-updates/host-eth0.json', import.meta.url), 'utf8');

describe("backends/xapi: RRD updates in xapi's JSON form", () => {
  it('reads meta, legend and rows; values given as strings, "NaN" as NaN', () => {
    const parsed = parseRrdUpdates(sample);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.step).to.equal(5);
    expect(parsed.value.legend).to.have.length(8);
    expect(parsed.value.rows.map((r) => r.t)).to.deep.equal([1765166415, 1765166410, 1765166405]);
    expect(parsed.value.rows[1]?.values[0]).to.be.NaN;
  });

  it("a PIF's rx/tx columns (not its _rx_errors, not another device's), rows without a value skipped, oldest first", () => {
    const parsed = parseRrdUpdates(sample);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(pifRates(parsed.value, 'eth0')).to.deep.equal([
      { t: 1765166405, step: 5, rxBytesPerSecond: 1500, txBytesPerSecond: 750.25 },
      { t: 1765166415, step: 5, rxBytesPerSecond: 2048.4, txBytesPerSecond: 1024 },
    ]);
    expect(pifRates(parsed.value, 'xenbr0').at(-1)?.rxBytesPerSecond).to.equal(2000.2);
    expect(pifRates(parsed.value, 'eth9')).to.deep.equal([]);
    expect(pifDevices(parsed.value)).to.deep.equal(['eth0', 'xenbr0', 'aggr']);
  });

  it('anything but the JSON form is a reason, not a throw', () => {
    expect(parseRrdUpdates('<xport></xport>')).to.deep.equal({ ok: false, reason: 'the RRD update is not JSON' });
    expect(parseRrdUpdates('{"meta":{}}').ok).to.equal(false);
    expect(parseRrdUpdates('{"meta":{"legend":["a"]},"data":[{"t":"x","values":[]}]}').ok).to.equal(false);
  });

  it("the request: xapi's parameters, the session and a start relative to the host's latest update", () => {
    expect(rrdUpdatesPath('OpaqueRef:s/1', -30)).to.equal('/rrd_updates?session_id=OpaqueRef%3As%2F1&start=-30&host=true&cf=AVERAGE&interval=5&json=true');
  });
});

describe('backends/xapi: the RRD traffic source', () => {
  const state = hostState({ interfaces: [iface('eth0', { management: true })] });

  function access(statuses: number[], sessions: string[]): RrdAccess & { paths: string[]; stale: (string | undefined)[] } {
    const paths: string[] = [];
    const stale: (string | undefined)[] = [];
    return {
      paths,
      stale,
      get(path) {
        paths.push(path);
        const status = statuses.shift() ?? 200;
        return Promise.resolve({ ok: true, value: { status, contentType: 'application/json', body: status === 200 ? sample : 'Forbidden' } });
      },
      session(s) {
        stale.push(s);
        return Promise.resolve(succeeded(sessions.shift() ?? 'OpaqueRef:last'));
      },
    };
  }

  it('the newest complete row as the totals; the split and the peers not available, each with its reason', async () => {
    const r = await new RrdTrafficSource(access([], ['OpaqueRef:a']), () => 1000).sample(state, 'eth0');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totalRates).to.deep.equal({ rxBytes: 2048.4, txBytes: 1024 });
    expect([r.value.total, r.value.ipv6, r.value.sockets]).to.deep.equal([null, null, null]);
    expect(r.value.unavailable).to.deep.equal({ split: "xapi's RRDs count bytes per PIF only, not per family.", peers: "xapi does not list the host's TCP connections." });
  });

  it('a refused session (403) is replaced once; a second refusal is an error', async () => {
    const a = access([403], ['OpaqueRef:old', 'OpaqueRef:new']);
    const r = await new RrdTrafficSource(a).sample(state, 'eth0');
    expect(r.ok).to.equal(true);
    expect(a.stale).to.deep.equal([undefined, 'OpaqueRef:old']);
    expect(a.paths[1]).to.include('session_id=OpaqueRef%3Anew');
    const b = await new RrdTrafficSource(access([403, 403], [])).sample(state, 'eth0');
    expect(b.ok ? '' : b.error.message).to.include('HTTP 403');
    expect(b.ok ? '' : b.error.message).to.not.include('OpaqueRef');
  });

  it('an interface xapi has no rates for: no totals, and which interfaces it has', async () => {
    const other = hostState({ interfaces: [iface('eth3', { management: true })] });
    const r = await new RrdTrafficSource(access([], [])).sample(other, 'eth3');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totalRates).to.equal(null);
    expect(r.value.missing[0]).to.include('no rates for eth3').and.include('eth0, xenbr0, aggr');
  });
});
