/**
 * The management probe on the simulated hosts users run — with the simulator's DEFAULT delays (5 s before
 * SESSION_AUTHENTICATION_FAILED, as xapi). A probe that logged in with the console's credentials waited that delay
 * out and reported "did not answer in time" on the demo host; tests that zeroed the delay hid it.
 */
import { expect } from 'chai';
import { openBackend } from '../../../src/backends/select-backend.js';
import { startSimulator } from '../../../src/backends/simulator/index.js';
import { createXapiManagementProbe, PROBE_METHOD } from '../../../src/backends/xapi/management-probe.js';
import type { Backend } from '../../../src/backends/backend.js';

describe('xapi management probe (no credentials; default simulator delays)', function () {
  this.timeout(20_000);

  it('the default simulated host (as --simulate opens it) answers on its management address, no login', async () => {
    const opened = await openBackend({ kind: 'simulate', scenario: 'default' });
    if (!opened.ok) throw new Error(opened.error.message);
    const backend: Backend = opened.value.backend;
    try {
      expect(backend.probeManagement).to.be.a('function');
      const v4 = await backend.probeManagement!('192.0.2.10');
      expect(v4.ok && v4.value).to.deep.include({ answered: true });
      expect(v4.ok && v4.value.summary).to.match(/^https:\/\/192\.0\.2\.10\/ \(simulated at 127\.0\.0\.1:\d+\) answered \(xapi, no login needed\)$/);
      const v6 = await backend.probeManagement!('2001:db8::10');
      expect(v6.ok && v6.value.summary).to.match(/^https:\/\/\[2001:db8::10\]\/ .*answered \(xapi, no login needed\)$/);
      const gone = await backend.probeManagement!('192.0.2.99');
      expect(gone.ok && gone.value).to.deep.include({ answered: false });
    } finally {
      await backend.close();
    }
  });

  it('sends no credentials: the simulator sees no login at all, only the session-less call', async () => {
    const sim = await startSimulator({ scenario: 'default', listen: [] });
    try {
      const probe = createXapiManagementProbe({ resolve: (a) => sim.resolve(a) });
      const r = await probe('192.0.2.10');
      expect(r.ok && r.value.answered).to.equal(true);
      expect(sim.callCount('session.login_with_password')).to.equal(0);
      expect(sim.callCount(PROBE_METHOD)).to.equal(1);
    } finally {
      await sim.close();
    }
  });

  it('a pool member answers too (it refuses logins with HOST_IS_SLAVE, but the probe needs none)', async () => {
    const sim = await startSimulator({ scenario: 'pool', listen: [] });
    try {
      const probe = createXapiManagementProbe({ resolve: (a) => sim.resolve(a) });
      const members = sim.db.allRecords('host').map(([, h]) => String(h['address']));
      expect(members.length).to.be.greaterThan(1);
      for (const address of members) {
        const r = await probe(address);
        expect(r.ok && r.value.answered, address).to.equal(true);
      }
    } finally {
      await sim.close();
    }
  });

  it('a cancelled probe ends at once and says so', async () => {
    const sim = await startSimulator({ scenario: 'default', listen: [] });
    try {
      sim.faults.setLatency(3000);
      const controller = new AbortController();
      const probe = createXapiManagementProbe({ resolve: (a) => sim.resolve(a) });
      const pending = probe('192.0.2.10', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const r = await pending;
      expect(r.ok && r.value).to.deep.include({ answered: false });
      expect(r.ok && r.value.summary).to.contain('cancelled');
    } finally {
      sim.faults.setLatency(0);
      await sim.close();
    }
  });
});
