import { expect } from 'chai';
import { join } from 'node:path';
import { succeeded } from '../../src/backends/backend-error.js';
import { startSimulator } from '../../src/backends/simulator/index.js';
import { createXapiManagementProbe } from '../../src/backends/xapi/management-probe.js';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { compilePlan } from '../../src/model/compile-plan.js';
import { applySteps } from '../../src/model/step-effects.js';
import { formatCheck, runPostApplyChecks } from '../../src/transaction/backend-checks.js';
import { dualState } from '../model/builders.js';
import { FakeBackend } from './support/fake-backend.js';
import { movePlan, tempDir } from './support/fixtures.js';

describe('post-apply checks', () => {
  const before = dualState();
  const plan = movePlan(before);
  const after = applySteps(before, compilePlan(plan, before, FULL_CAPABILITIES));

  it('finds the new addresses, and says what the backend cannot test', async () => {
    const checks = await runPostApplyChecks({ backend: new FakeBackend(after), plan, state: after });
    expect(checks.map(formatCheck)).to.deep.equal([
      '[ok] New addresses present: 10.0.0.20/24, 2a00:1::10/64 on eth0',
      '[not tested] Management address answers: 10.0.0.20: not tested by this backend',
      '[not tested] IPv4 gateway answers: 10.0.0.1: not tested by this backend',
      '[not tested] IPv6 gateway answers: 2a00:1::1: not tested by this backend',
    ]);
  });

  it('fails the address check when the host did not take the address', async () => {
    const checks = await runPostApplyChecks({ backend: new FakeBackend(before), plan, state: before });
    expect(checks[0]).to.include({ status: 'failed', detail: 'missing on eth0: 10.0.0.20/24' });
  });

  it('uses the probe and the backend ping when there are', async () => {
    const backend = new FakeBackend(after);
    const pinged: string[] = [];
    Object.assign(backend, {
      netTools: {
        where: 'simulated',
        ping: async ({ host }: { host: string }) => {
          pinged.push(host);
          return host.includes('.') ? { kind: 'answered', rttMs: 1, detail: '3/3 answered', addresses: [] } : { kind: 'no-answer', reason: 'timeout after 2 s' };
        },
      },
    });
    const checks = await runPostApplyChecks({
      backend,
      plan,
      state: after,
      probe: async (address) => succeeded({ address, answered: false, summary: `https://${address}/ did not answer: connection refused` }),
    });
    expect(checks.map((c) => c.status)).to.deep.equal(['passed', 'failed', 'passed', 'failed']);
    expect(pinged).to.deep.equal(['10.0.0.1', '2a00:1::1']);
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
