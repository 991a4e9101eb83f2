/**
 * The xapi adapter's host operations against the simulator: status, evacuation blockers in words, SSH through the
 * API on xapi 25.21 and refused in words on an older xapi without a local systemctl.
 */
import { expect } from 'chai';
import { startRig, type Rig } from './support.js';

describe('xapi adapter: host operations', function () {
  this.timeout(20_000);
  let rig: Rig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('standalone: status, and every running VM named as blocking with why', async () => {
    rig = await startRig('default');
    const ops = rig.backend.hostOperations;
    const status = await ops.status();
    expect(status.ok && status.value).to.deep.equal({ enabled: true, coordinatorOfPool: false, poolSize: 1, runningVms: 2, via: 'xapi' });
    const blockers = await ops.evacuationBlockers?.();
    expect(blockers?.ok && blockers.value.map((b) => `${b.vm}: ${b.reason}`)).to.deep.equal([
      'build-01: no other server in the pool can run it (a standalone host has none; disabled or offline members do not count)',
      'web-01: no other server in the pool can run it (a standalone host has none; disabled or offline members do not count)',
    ]);
    expect(blockers?.ok && blockers.value[0]?.details).to.match(/^NO_HOSTS_AVAILABLE OpaqueRef:/);
  });

  it('pool: the coordinator knows it is one; nothing blocks', async () => {
    rig = await startRig('pool');
    const ops = rig.backend.hostOperations;
    const status = await ops.status();
    expect(status.ok && status.value.coordinatorOfPool).to.equal(true);
    expect(status.ok && status.value.poolSize).to.equal(3);
    const blockers = await ops.evacuationBlockers?.();
    expect(blockers?.ok && blockers.value).to.deep.equal([]);
  });

  it('SSH on xapi 25.21: status, off, timeout (sent as an int over XML-RPC and JSON-RPC)', async () => {
    for (const protocol of ['xml-rpc', 'json-rpc'] as const) {
      rig = await startRig('default', { protocol });
      const ssh = rig.backend.hostOperations.ssh;
      const before = await ssh?.status();
      expect(before?.ok && before.value).to.include({ enabled: true, via: 'xapi', enabledTimeoutSeconds: 0, consoleIdleTimeoutSeconds: 0 });
      expect((await ssh?.setEnabled(false))?.ok).to.equal(true);
      expect((await ssh?.setEnabledTimeout?.(900))?.ok).to.equal(true);
      const after = await ssh?.status();
      expect(after?.ok && after.value).to.include({ enabled: false, enabledTimeoutSeconds: 900 });
      const tooLong = await ssh?.setEnabledTimeout?.(172801);
      expect(tooLong?.ok === false && tooLong.error.code).to.equal('INVALID_VALUE');
      await rig.close();
      rig = undefined;
    }
  });

  it('SSH on an older xapi, not this machine: refused in words (no systemctl on someone else\'s host)', async () => {
    rig = await startRig('dhcp');
    const status = await rig.backend.hostOperations.ssh?.status();
    expect(status?.ok).to.equal(false);
    if (status !== undefined && !status.ok) {
      expect(status.error.code).to.equal('unsupported');
      expect(status.error.message).to.include('has no SSH calls (they came with 25.13)');
    }
  });
});
