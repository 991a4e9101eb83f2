import { expect } from 'chai';
import { join } from 'node:path';
import { succeeded } from '../../src/backends/backend-error.js';
import { startSimulator } from '../../src/backends/simulator/index.js';
import { createXapiManagementProbe } from '../../src/backends/xapi/management-probe.js';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { compilePlan } from '../../src/model/compile-plan.js';
import { applySteps } from '../../src/model/step-effects.js';
import { formatCheck, runPostApplyChecks } from '../../src/transaction/backend-checks.js';
import { dualState, input } from '../model/builders.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { FakeBackend } from './support/fake-backend.js';
import { movePlan, tempDir } from './support/fixtures.js';
import { answered, fakeTools } from '../net-tests/fake-tools.js';

describe('post-apply checks', () => {
  const before = dualState();
  const plan = movePlan(before);
  const after = applySteps(before, compilePlan(plan, before, FULL_CAPABILITIES));

  it('finds the new addresses, and says what the backend cannot test', async () => {
    const checks = await runPostApplyChecks({ backend: new FakeBackend(after), plan, state: after });
    expect(checks.map(formatCheck)).to.deep.equal([
      '[ok] New addresses present: 10.0.0.20/24, 2a00:1::10/64 on eth0',
      '[not tested] Management address answers: 10.0.0.20: not tested by this backend',
      '[not tested] Gateways, DNS servers and resolver: not tested by this backend',
    ]);
  });

  it('fails the address check when the host did not take the address', async () => {
    const checks = await runPostApplyChecks({ backend: new FakeBackend(before), plan, state: before });
    expect(checks[0]).to.include({ status: 'failed', detail: 'missing on eth0: 10.0.0.20/24' });
  });

  it('tests the new gateways and the DNS servers with the backend\'s tools, and the probe', async () => {
    const backend = new FakeBackend(after);
    const tools = fakeTools({
      answers: { '10.0.0.1': answered(0.4), '10.0.0.53': answered(1.2, 'answered: no such name') },
      resolver: { source: '/etc/resolv.conf', nameservers: ['10.0.0.53'], search: [] },
    });
    Object.assign(backend, { netTools: tools });
    const checks = await runPostApplyChecks({
      backend,
      plan,
      state: after,
      probe: async (address) => succeeded({ address, answered: false, summary: `https://${address}/ did not answer: connection refused` }),
    });
    expect(checks.map(formatCheck)).to.deep.equal([
      '[ok] New addresses present: 10.0.0.20/24, 2a00:1::10/64 on eth0',
      '[FAILED] Management address answers: https://10.0.0.20/ did not answer: connection refused',
      '[ok] IPv4 gateway answers: 10.0.0.1 answered in 0.4 ms',
      '[FAILED] IPv6 gateway answers: 2a00:1::1 did not answer: timeout after 2 s (0 of 3 answered)',
      '[FAILED] DNS servers answer: 10.0.0.53 answered in 1.2 ms; 2a00:1::53 did not answer (timeout after 2 s)',
      '[ok] Resolver has a usable nameserver: 10.0.0.53 in /etc/resolv.conf',
    ]);
    expect(tools.asked).to.include.members(['ping 10.0.0.1 ipv4', 'ping 2a00:1::1 ipv6']);
  });

  it('after a switch to IPv6 only: the IPv4 DNS server is not tested (IPv4 is off), an empty resolv.conf fails (xcp-ng/xcp 641)', async () => {
    const v = validatePlan(input(before, { layout: 'ipv6-only', ipv4: { mode: 'none' } }), before, FULL_CAPABILITIES);
    if (v.plan === null) throw new Error(v.errors.map((e) => e.message).join('; '));
    const v6Plan = v.plan;
    const v6After = applySteps(before, compilePlan(v6Plan, before, FULL_CAPABILITIES));
    const backend = new FakeBackend(v6After);
    Object.assign(backend, { netTools: fakeTools({ answers: { '2a00:1::1': answered(), '2a00:1::53': answered() }, resolver: { source: '/etc/resolv.conf', nameservers: [], search: [] } }) });
    const checks = await runPostApplyChecks({ backend, plan: v6Plan, state: v6After });
    const byId = new Map(checks.map((c) => [c.id, c]));
    expect(byId.get('gateway-ipv4')).to.equal(undefined);
    expect(byId.get('gateway-ipv6')?.status).to.equal('passed');
    expect(byId.get('dns')).to.deep.include({ status: 'passed', detail: '10.0.0.53 not tested (IPv4 is off on this host); 2a00:1::53 answered in 0.5 ms' });
    expect(byId.get('resolver')?.status).to.equal('failed');
    expect(byId.get('resolver')?.detail).to.contain('no nameserver in /etc/resolv.conf').and.contain('xcp-ng/xcp issue 641');
  });

  it('probes xapi without logging in at the address the simulator resolves, old address gone', async () => {
    const { dir, cleanup } = tempDir();
    const sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'unix', path: join(dir, 'xapi') }] });
    try {
      const probe = createXapiManagementProbe({ resolve: (a) => sim.resolve(a) });
      const here = await probe('192.0.2.10');
      expect(here.ok && here.value.answered).to.equal(true);
      expect(here.ok && here.value.summary).to.contain('answered (xapi, no login needed)');
      const nowhere = await probe('192.0.2.99');
      expect(nowhere.ok && nowhere.value).to.deep.include({ answered: false });
    } finally {
      await sim.close();
      cleanup();
    }
  });
});
