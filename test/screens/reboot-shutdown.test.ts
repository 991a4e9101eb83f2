/**
 * Reboot or shutdown, end to end through the headless terminal on the simulated host: maintenance mode refused in
 * words when VMs cannot move (nothing changed), accepted in a pool (VMs moved, host disabled, the coordinator's note),
 * exit, and a reboot through maintenance mode; each written to the audit log.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleHarness } from './support/console-harness.js';
import { jumpTo, waitBox } from './support/menu-jump.js';

function auditActions(h: ConsoleHarness): string[] {
  const text = readFileSync(join(h.store.dir, 'audit.log'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l['event'] === 'host-action')
    .map((l) => `${String(l['action'])}:${String(l['outcome'])}`);
}

describe('screens: reboot or shutdown, maintenance mode (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('standalone host: maintenance mode is refused, each VM named with why, and nothing changes', async () => {
    h = await ConsoleHarness.start();
    await jumpTo(h, 'r', 'Reboot or shutdown');
    await h.waitForText('Enter: maintenance mode');
    await h.press('enter');
    await h.waitForText('Enter maintenance mode (move VMs away)');
    expect(h.screenText()).to.include('2 VM(s) running');
    await h.press('enter');
    await h.waitForText('not possible now');
    const title = 'Enter maintenance mode: not possible now';
    await waitBox(h, title, 'Shut these VMs down');
    const text = h.boxText(title);
    expect(text).to.include('cannot be put into maintenance mode: 2 VMs cannot be moved to another server. Nothing was changed.');
    expect(text).to.match(/- build-01: no other server in the pool can run it/);
    expect(text).to.match(/- web-01: no other server in the pool can run it/);
    await h.press('enter');
    await h.waitForText('Enter Open');
    const host = h.sim?.db.allRecords('host')[0]?.[1];
    expect(host?.['enabled']).to.equal(true);
    expect(h.sim?.callCount('host.disable')).to.equal(0);
    expect(h.sim?.callCount('host.evacuate')).to.equal(0);
    expect(auditActions(h)).to.deep.equal(['maintenance-enter:refused']);
  });

  it('pool coordinator with a VM on local storage: refused, naming the VM and its storage; the others are not listed', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool-local-disk' });
    await jumpTo(h, 'r', 'Reboot or shutdown');
    await h.press('enter');
    await h.waitForText('Enter maintenance mode (move VMs away)');
    await h.press('enter');
    const title = 'Enter maintenance mode: not possible now';
    await waitBox(h, title, 'Shut these VMs down');
    const text = h.boxText(title);
    expect(text).to.include('a VM cannot be moved to another server. Nothing was changed.');
    expect(text).to.include("- ci-runner: its disk is on 'Local storage on xcp-ng-a', which the other servers cannot reach (local storage).");
    expect(text).not.to.include('app-01');
    expect(h.writeCalls()).to.equal(0);
  });

  it('pool coordinator: enters maintenance mode (VMs moved to the members), says what it means for the pool, exits again', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool' });
    const a = h.sim?.db.hostRef('xcp-ng-a') ?? '';
    await jumpTo(h, 'r', 'Reboot or shutdown');
    await h.press('enter');
    await h.waitForText('Enter maintenance mode (move VMs away)');
    await h.press('enter');
    await waitBox(h, 'Enter maintenance mode', 'coordinator (master) of a pool of 3');
    expect(h.boxText('Enter maintenance mode')).to.include('the pool cannot be managed');
    expect(h.boxText('Enter maintenance mode')).to.include('Its 2 running VM(s) are moved to other servers');
    await h.type('y');
    await waitBox(h, 'Enter maintenance mode', 'xcp-ng-a is in maintenance mode: no VM runs or starts on it.', 15_000);
    const vms = h.sim?.db.allRecords('VM') ?? [];
    for (const name of ['app-01', 'app-02']) {
      const vm = vms.find(([, r]) => r['name_label'] === name)?.[1];
      expect(vm?.['resident_on'], name).to.not.equal(a);
    }
    expect(h.sim?.db.allRecords('host').find(([ref]) => ref === a)?.[1]['enabled']).to.equal(false);
    await h.press('enter');
    await h.waitForText('Enter Open');
    // Again: now it offers the way out.
    await h.press('enter');
    await h.waitForText('Exit maintenance mode (accept VMs again)');
    expect(h.screenText()).to.include('maintenance mode');
    await h.press('enter');
    await waitBox(h, 'Exit maintenance mode', 'Let xcp-ng-a run VMs again?');
    await h.type('y');
    await waitBox(h, 'Exit maintenance mode', 'xcp-ng-a accepts VMs again.');
    expect(h.sim?.db.allRecords('host').find(([ref]) => ref === a)?.[1]['enabled']).to.equal(true);
    expect(auditActions(h)).to.deep.equal(['maintenance-enter:started', 'maintenance-enter:done', 'maintenance-exit:started', 'maintenance-exit:done']);
  });

  it('pool coordinator: reboot goes through maintenance mode, then the host reboots (away, then back enabled)', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool' });
    const a = h.sim?.db.hostRef('xcp-ng-a') ?? '';
    await jumpTo(h, 'r', 'Reboot or shutdown');
    await h.press('enter');
    await h.waitForText('Reboot the host');
    await h.press('down');
    await h.press('enter');
    await waitBox(h, 'Reboot xcp-ng-a?', 'Reboot xcp-ng-a now? The host is put into maintenance mode first: its 2 running VM(s) are moved to other servers.');
    await h.type('y');
    await waitBox(h, 'Reboot', 'xcp-ng-a is rebooting.', 15_000);
    expect(h.sim?.callCount('host.reboot')).to.equal(1);
    const metrics = String(h.sim?.db.allRecords('host').find(([ref]) => ref === a)?.[1]['metrics']);
    expect(h.sim?.db.allRecords('host_metrics').find(([ref]) => ref === metrics)?.[1]['live']).to.equal(false);
    expect(auditActions(h)).to.deep.equal(['reboot:started', 'reboot:done']);
    // The simulated reboot takes a few seconds; then the host is live and enabled again (xapi's host_auto_enable).
    const deadline = Date.now() + 10_000;
    const back = (): boolean =>
      h?.sim?.db.allRecords('host_metrics').find(([ref]) => ref === metrics)?.[1]['live'] === true &&
      h.sim.db.allRecords('host').find(([ref]) => ref === a)?.[1]['enabled'] === true;
    while (!back() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(back(), 'live and enabled after the reboot').to.equal(true);
  });

  it('standalone host with running VMs: reboot is refused before anything changes', async () => {
    h = await ConsoleHarness.start();
    await jumpTo(h, 'r', 'Reboot or shutdown');
    await h.press('enter');
    await h.waitForText('Shut down the host');
    await h.press('down', 2);
    await h.press('enter');
    await waitBox(h, 'Shut down: not possible now', '- web-01: no other server in the pool can run it');
    expect(h.sim?.callCount('host.disable')).to.equal(0);
    expect(h.sim?.callCount('host.shutdown')).to.equal(0);
  });
});
