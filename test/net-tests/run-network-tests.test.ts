import { expect } from 'chai';
import { succeeded } from '../../src/backends/backend-error.js';
import { planNetworkTests, type NetworkTest } from '../../src/model/index.js';
import { failedResults, netTestEnvironment, runNetworkTests, type NetTestEnvironment, type NetworkTestResult } from '../../src/net-tests/run-network-tests.js';
import { FakeBackend } from '../transaction/support/fake-backend.js';
import { dualState } from '../model/builders.js';
import { answered, fakeTools, silent, type FakeToolsOptions } from './fake-tools.js';

const STATE = dualState();
const TESTS = planNetworkTests(STATE).tests;

function env(options: FakeToolsOptions = {}, extra: Partial<NetTestEnvironment> = {}): NetTestEnvironment {
  return {
    tools: fakeTools(options),
    noToolsReason: '',
    probeManagement: async (address) => succeeded({ address, answered: address.includes('.'), summary: address.includes('.') ? `https://${address}/ answered (xapi, no login needed)` : `https://[${address}]/ did not answer: connection refused`, rttMs: 3 }),
    ...extra,
  };
}

function byId(results: readonly NetworkTestResult[]): Map<string, NetworkTestResult> {
  return new Map(results.map((r) => [r.test.id, r]));
}

describe('network test runner', () => {
  it('runs every test with the right tool and reports each result in plan order', async () => {
    const tools = fakeTools({
      answers: { '127.0.0.1': answered(0.02), '::1': answered(0.02), '10.0.0.1': answered(0.4), '10.0.0.53': answered(1, 'answered: no such name') },
      lookups: { 'xcp1.example.net/ipv4': { kind: 'answered', rttMs: 1, detail: '10.0.0.10', addresses: ['10.0.0.10'] } },
    });
    const results = await runNetworkTests(TESTS, { ...env(), tools });
    expect(results.map((r) => r.test.id)).to.deep.equal(TESTS.map((t) => t.id));
    expect(results.map((r) => r.index)).to.deep.equal(TESTS.map((_, i) => i));
    const r = byId(results);
    expect(r.get('loopback-ipv6')).to.deep.include({ status: 'answered', rttMs: 0.02, detail: '3 of 3 answered' });
    expect(r.get('gateway-ipv6')).to.deep.include({ status: 'no-answer', rttMs: null, detail: 'timeout after 2 s (0 of 3 answered)' });
    expect(r.get('name-ipv4')).to.deep.include({ status: 'answered', addresses: ['10.0.0.10'] });
    expect(r.get('name-ipv6')).to.deep.include({ status: 'no-answer', detail: 'name not found' });
    expect(r.get('management-ipv4')).to.deep.include({ status: 'answered', rttMs: 3, detail: 'answered (xapi, no login needed)' });
    expect(r.get('management-ipv6')).to.deep.include({ status: 'no-answer', detail: 'connection refused' });
    expect(tools.asked).to.include.members(['ping 127.0.0.1 ipv4', 'ping ::1 ipv6', 'ping 2a00:1::1 ipv6', 'dns 10.0.0.53 xcp1.example.net', 'lookup xcp1.example.net ipv6']);
    expect(failedResults(results).map((x) => x.test.id)).to.include.members(['gateway-ipv6', 'management-ipv6']);
  });

  it('streams: each result as it completes, fast ones first', async () => {
    const seen: string[] = [];
    const delays: Record<string, number> = { 'ping 127.0.0.1 ipv4': 60, 'ping ::1 ipv6': 5 };
    await runNetworkTests(TESTS.slice(0, 2), env({ answers: { '127.0.0.1': answered(), '::1': answered() }, delayMs: (k) => delays[k] ?? 0 }), { onResult: (r) => seen.push(r.test.id) });
    expect(seen).to.deep.equal(['loopback-ipv6', 'loopback-ipv4']);
  });

  it('bounded: what is still running at the limit ends as "no answer within the limit", and the run ends then', async () => {
    const started = Date.now();
    const results = await runNetworkTests(TESTS.slice(0, 3), env({ answers: { '127.0.0.1': answered() }, delayMs: (k) => (k.includes('127.0.0.1') ? 0 : 60_000) }), { deadlineMs: 150 });
    expect(Date.now() - started).to.be.lessThan(5_000);
    expect(results.map((r) => `${r.status}: ${r.detail}`)).to.deep.equal([
      'answered: 3 of 3 answered',
      'no-answer: no answer within the 0.15 s limit',
      'no-answer: no answer within the 0.15 s limit',
    ]);
  });

  it('cancellable: an abort ends every test at once as not tested (cancelled); the tools see the abort', async () => {
    const controller = new AbortController();
    const seen: NetworkTestResult[] = [];
    const pending = runNetworkTests(TESTS, env({ delayMs: 60_000 }), { signal: controller.signal, onResult: (r) => seen.push(r) });
    setTimeout(() => controller.abort(), 20);
    const results = await pending;
    expect(results.every((r) => r.status === 'not-tested' && r.detail === 'cancelled')).to.equal(true);
    expect(seen).to.have.length(TESTS.length);
    const already = new AbortController();
    already.abort();
    expect((await runNetworkTests(TESTS, env(), { signal: already.signal })).every((r) => r.detail === 'cancelled')).to.equal(true);
  });

  it('at most `concurrency` tests at once', async () => {
    let running = 0;
    let most = 0;
    const tools = fakeTools({ delayMs: 10 });
    const ping = tools.ping.bind(tools);
    Object.assign(tools, {
      ping: async (...args: Parameters<typeof ping>) => {
        running += 1;
        most = Math.max(most, running);
        const r = await ping(...args);
        running -= 1;
        return r;
      },
    });
    const pings = TESTS.filter((t) => t.probe.method === 'ping');
    await runNetworkTests([...pings, ...pings].map((t, i): NetworkTest => ({ ...t, id: `${t.id}-${i}` })), { ...env(), tools }, { concurrency: 2 });
    expect(most).to.equal(2);
  });

  it('a backend without tools: every ping, lookup and DNS test says why, the management probe still runs', async () => {
    const backend = new FakeBackend(STATE);
    Object.assign(backend, {
      capabilities: { ...backend.capabilities, gatewayPing: false, notes: { gatewayPing: 'cannot ping from the host over a remote connection' } },
      probeManagement: async (address: string) => succeeded({ address, answered: true, summary: `https://${address}/ answered (xapi, no login needed)` }),
    });
    const results = await runNetworkTests(TESTS, netTestEnvironment(backend));
    for (const r of results) {
      if (r.test.kind === 'management') expect(r.status, r.test.id).to.equal('answered');
      else expect(r, r.test.id).to.deep.include({ status: 'not-tested', detail: 'cannot ping from the host over a remote connection' });
    }
    expect(failedResults(results)).to.deep.equal([]);
  });

  it('an optional test that does not answer does not fail the run', async () => {
    const results = await runNetworkTests([{ ...TESTS[0]!, optional: 'IPv4 is off on this host' }], env({ answers: { '127.0.0.1': silent() } }));
    expect(results[0]?.status).to.equal('no-answer');
    expect(failedResults(results)).to.deep.equal([]);
  });

  it('an empty plan resolves at once', async () => {
    expect(await runNetworkTests([], env())).to.deep.equal([]);
  });
});
