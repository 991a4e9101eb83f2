/**
 * Network time through the xapi adapter against the simulated xapi, both wire protocols' semantics as xapi has them
 * (ocaml/xapi/xapi_host.ml): every mode, the errors, status per source, and a host without the API (older xapi).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { createTransport } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';

async function open(ntpApi: boolean, scenario = 'default'): Promise<{ sim: SimulatorHandle; backend: XapiBackend; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ntp-'));
  const path = join(dir, 'xapi');
  const sim = await startSimulator({ scenario, listen: [{ kind: 'unix', path }], authFailureDelayMs: 0, ntpApi });
  const backend = new XapiBackend({ transport: createTransport({ endpoint: { kind: 'unix', path } }), credentials: { user: 'root', password: '' } });
  return { sim, backend, dir };
}

describe('network time: xapi adapter on the simulated xapi', () => {
  let env: Awaited<ReturnType<typeof open>> | undefined;
  afterEach(async () => {
    if (env === undefined) return;
    await env.backend.close();
    await env.sim.close();
    rmSync(env.dir, { recursive: true, force: true });
    env = undefined;
  });

  async function read() {
    const r = await env!.backend.ntp.read();
    if (!r.ok) throw new Error(r.error.message);
    if (!r.value.available) throw new Error(r.value.reason);
    return r.value.status;
  }

  it('starts in Factory mode with the factory servers, synchronised', async () => {
    env = await open(true);
    const s = await read();
    expect(s.mode).to.equal('factory');
    expect(s.timezone).to.equal('UTC');
    expect(s.sources.map((x) => x.server)).to.deep.equal(['0.pool.ntp.org', '1.pool.ntp.org', '2.pool.ntp.org']);
    expect(s.sources[0]?.state).to.equal('synced');
    expect(s.synchronized).to.equal(true);
  });

  it('Custom needs servers first (INVALID_NTP_CONFIG), then uses two IPv6 servers with their state', async () => {
    env = await open(true);
    const refused = await env.backend.ntp.setMode('custom');
    expect(refused.ok).to.equal(false);
    if (!refused.ok) {
      expect(refused.error.code).to.equal('INVALID_NTP_CONFIG');
      expect(refused.error.params).to.deep.equal(["Can't set ntp_mode to Custom when ntp_custom_servers is empty"]);
    }
    expect((await env.backend.ntp.setCustomServers(['2001:db8::123', '2001:db8::124'])).ok).to.equal(true);
    expect((await env.backend.ntp.setMode('custom')).ok).to.equal(true);
    const s = await read();
    expect(s.mode).to.equal('custom');
    expect(s.sources).to.deep.equal([
      { server: '2001:db8::123', state: 'synced' },
      { server: '2001:db8::124', state: 'combined' },
    ]);
    const empty = await env.backend.ntp.setCustomServers([]);
    expect(!empty.ok && empty.error.code).to.equal('INVALID_NTP_CONFIG');
  });

  it('an IPv4 server on an IPv6-only host is unreachable; the reachable IPv6 one is selected', async () => {
    env = await open(true, 'ipv6-only');
    await env.backend.ntp.setCustomServers(['192.0.2.123', '2001:db8::123']);
    await env.backend.ntp.setMode('custom');
    const s = await read();
    expect(s.sources).to.deep.equal([
      { server: '192.0.2.123', state: 'unreachable' },
      { server: '2001:db8::123', state: 'synced' },
    ]);
  });

  it('DHCP mode on a DHCP host uses the NTP servers of the lease', async () => {
    env = await open(true, 'dhcp');
    expect((await env.backend.ntp.setMode('dhcp')).ok).to.equal(true);
    const s = await read();
    expect(s.mode).to.equal('dhcp');
    expect(s.sources).to.deep.equal([
      { server: '192.0.2.123', state: 'synced' },
      { server: '2001:db8::123', state: 'combined' },
    ]);
  });

  it('DHCP mode uses the servers of the DHCP lease (none on a static host), Disabled stops the service', async () => {
    env = await open(true);
    expect((await env.backend.ntp.setMode('dhcp')).ok).to.equal(true);
    let s = await read();
    expect(s.mode).to.equal('dhcp');
    expect(s.sources).to.deep.equal([]);
    expect(s.synchronized).to.equal(false);
    expect((await env.backend.ntp.setMode('disabled')).ok).to.equal(true);
    s = await read();
    expect(s.mode).to.equal('disabled');
    expect(s.sources).to.deep.equal([]);
    expect((await env.backend.ntp.setMode('factory')).ok).to.equal(true);
    expect((await read()).synchronized).to.equal(true);
  });

  it('set_timezone takes IANA names and refuses others with INVALID_VALUE', async () => {
    env = await open(true);
    expect((await env.backend.ntp.setTimezone('Europe/Paris')).ok).to.equal(true);
    expect((await read()).timezone).to.equal('Europe/Paris');
    const bad = await env.backend.ntp.setTimezone('Mars/Olympus');
    expect(!bad.ok && bad.error.code).to.equal('INVALID_VALUE');
    expect(!bad.ok && bad.error.params).to.deep.equal(['timezone', 'Mars/Olympus']);
  });

  it('an older xapi without the API: read says so with its versions, changes are refused, no NTP call is made', async () => {
    env = await open(false);
    const r = await env.backend.ntp.read();
    expect(r.ok && !r.value.available && r.value.reason).to.match(/predates the NTP API \(xapi 26\.0\.0/);
    expect(r.ok && !r.value.available && r.value.reason).to.match(/API 2\.21, xapi 2[45]\.\d+/); // the scenario's xapi (25.x since the SSH calls, still before 26.0.0)
    const set = await env.backend.ntp.setMode('disabled');
    expect(!set.ok && set.error.code).to.equal('MESSAGE_METHOD_UNKNOWN');
    expect(env.sim.callCount('host.set_ntp_mode')).to.equal(0);
  });
});
