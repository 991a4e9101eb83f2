import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, openNetworkItem, resetToAutoconfOnEth1 } from './support/flows.js';
import { backendError, failed, succeeded } from '../../src/backends/backend-error.js';
import type { LiveResetSupport } from '../../src/backends/live-reset.js';
import type { ResetRequest } from '../../src/model/reset/reset-request.js';

describe('screens: Emergency network reset (simulated host, end to end)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('resets to IPv6 Autoconf on eth1: before → after files, the simulated reboot, the host IPv6-primary on eth1', async () => {
    h = await ConsoleHarness.start({ hostRootRebootSeconds: 1 });
    await resetToAutoconfOnEth1(h);
    const review = h.screenText();
    expect(review).to.include('new      /var/tmp/network-reset');
    expect(review).to.include('removed  /var/lib/xcp/networkd.db');
    expect(review).to.include('changed  /etc/xensource-inventory');
    await h.press('pagedown', 3);
    expect(h.screenText()).to.include('+ MODE_V6=autoconf');
    expect(h.sim?.callCount('PIF.reconfigure_ipv6'), 'nothing sent before the answer').to.equal(0);
    await h.type('y');
    await h.waitForText('xapi applied the network', 20_000);
    expect(h.screenText()).to.include('Management: eth1, IPv6 primary');
    expect(h.screenText()).to.match(/https:\/\/\[2001:db8:1:[0-9a-f:]+\]\/ \(primary\)/);
    expect(existsSync(join(h.hostRoot, 'var/tmp/network-reset')), 'xapi deleted the trigger').to.equal(false);
    expect(readFileSync(join(h.hostRoot, 'etc/firstboot.d/data/management.conf'), 'utf8')).to.equal("LABEL='eth1'\nMODEV6='autoconf'\n");
    const audit = readFileSync(join(h.store.dir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; event: string; who?: { user: string } });
    expect(audit.filter((e) => e.kind === 'network-reset').map((e) => `${e.event}:${e.who?.user ?? ''}`)).to.deep.equal(['begin:tester', 'applied:tester']);
    await h.press('enter');
    await backToMenu(h);
    expect(h.screenText()).to.include('eth1');
  });

  it('answering n at the review writes nothing and reboots nothing', async () => {
    h = await ConsoleHarness.start({ hostRootRebootSeconds: 1 });
    await resetToAutoconfOnEth1(h);
    await h.type('n');
    await h.waitForText('Writes a new management configuration');
    await h.press('escape');
    expect(existsSync(join(h.hostRoot, 'var/tmp/network-reset'))).to.equal(false);
    expect(existsSync(join(h.hostRoot, 'etc/xensource-inventory.hostconsole-prev'))).to.equal(false);
  });

  it('says it is not offered when the backend has no reset', async () => {
    h = await ConsoleHarness.start();
    await openNetworkItem(h, 'e');
    await h.waitForText('does not offer an');
  });
});

describe('screens: Emergency network reset on a backend whose reset applies at once (as NetworkManager)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** The backend's side recorded: what it was asked to plan and apply (the NetworkManager side is tested in the lab). */
  function recordingLiveReset(result: 'ok' | 'fail') {
    const seen: { planned: ResetRequest[]; applied: number } = { planned: [], applied: 0 };
    const live: LiveResetSupport = {
      summary: 'adds a fresh NetworkManager profile for the device and activates it now (no reboot); the old profiles are deactivated and kept',
      async plan(request) {
        seen.planned.push(request);
        return succeeded({
          request,
          warnings: [],
          changes: [
            { name: `profile hostconsole-reset-${request.device}-20260102-030405 (new)`, before: null, after: ['ipv4: disabled', 'ipv6: auto'], why: `activated on ${request.device} now and first at boot` },
            { name: 'profile Wired connection 1', before: ['ipv4: manual'], after: null, why: `active on ${request.device} now: deactivated, kept as it is` },
          ],
        });
      },
      async apply(_plan, onStep) {
        seen.applied++;
        for (const step of ['create', 'activate', 'wait'] as const) {
          onStep?.(step, 'running');
          if (result === 'fail' && step === 'wait') {
            onStep?.(step, 'failed', 'no address');
            return failed(backendError('timeout', 'eth1 was not usable after 45 s: no IPv6 address yet. The new profile was removed, and Wired connection 1 is active again.'));
          }
          onStep?.(step, 'done');
        }
        return succeeded({ summary: 'eth1 now uses hostconsole-reset-eth1-20260102-030405. Kept, not active: Wired connection 1.' });
      },
    };
    return { live, seen };
  }

  async function fillAutoconfOnEth1(harness: ConsoleHarness): Promise<void> {
    await openNetworkItem(harness, 'e');
    await harness.waitForText('Makes a fresh NetworkManager profile');
    expect(harness.screenText()).to.not.include('VLAN');
    await harness.press('right'); // Interface: eth0 → eth1
    await harness.press('tab'); // IPv4 mode (no VLAN field)
    await harness.press('right'); // Static → None
    await harness.press('tab'); // IPv6 mode
    await harness.press('right', 2); // Static → None → Autoconf
    await harness.press('enter', 2); // to DNS servers (kept under any mode on a live reset, as set management does), then submit
    await harness.waitForText('Emergency network reset: profiles');
  }

  it('same form without VLAN, the profiles before → after, y applies now: audit begin/applied with no reboot', async () => {
    const { live, seen } = recordingLiveReset('ok');
    h = await ConsoleHarness.start({ liveReset: live });
    await fillAutoconfOnEth1(h);
    expect(seen.planned.map((r) => [r.device, r.plan.ipv4.mode, r.plan.ipv6.mode, r.vlan, r.plan.dns])).to.deep.equal([['eth1', 'none', 'autoconf', null, ['192.0.2.53', '2001:db8::53']]]);
    expect(h.screenText()).to.not.include('DNS servers are not written');
    const review = h.screenText();
    expect(review).to.include('new          profile hostconsole-reset-eth1-20260102-030405 (new)');
    expect(review).to.include('deactivated  profile Wired connection 1');
    expect(seen.applied, 'nothing applied before the answer').to.equal(0);
    await h.type('y');
    await h.waitForText('now uses hostconsole-reset-eth1', 20_000);
    expect(seen.applied).to.equal(1);
    const audit = readFileSync(join(h.store.dir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; event: string; reboot?: boolean; device?: string });
    const lines = audit.filter((e) => e.kind === 'network-reset');
    expect(lines.map((e) => e.event)).to.deep.equal(['begin', 'applied']);
    expect(lines[0]).to.deep.include({ reboot: false, device: 'eth1' });
    expect(h.sim?.callCount('PIF.reconfigure_ipv6')).to.equal(0);
  });

  it('a failure is shown with what was put back, and audit-logged as apply-failed', async () => {
    const { live } = recordingLiveReset('fail');
    h = await ConsoleHarness.start({ liveReset: live });
    await fillAutoconfOnEth1(h);
    await h.type('y');
    await h.waitForText('Wired connection 1 is active again', 20_000);
    const audit = readFileSync(join(h.store.dir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; event: string });
    expect(audit.filter((e) => e.kind === 'network-reset').map((e) => e.event)).to.deep.equal(['begin', 'apply-failed']);
  });
});
