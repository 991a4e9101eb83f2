/**
 * Virtual machines, Storage repositories, Hardware and BIOS, end to end through the headless terminal: what each
 * shows, the IPv4-only storage server flagged on the IPv6-only host, read once and then kept current by events, and
 * no call while idle with all three loaded.
 */
import { expect } from 'chai';
import { XapiClient } from '../../src/backends/xapi/client.js';
import { createTransport } from '../../src/backends/xapi/transport.js';
import { ConsoleHarness } from './support/console-harness.js';
import { jumpTo, waitBox } from './support/menu-jump.js';

const INVENTORY_READS = ['VM', 'VM_guest_metrics', 'host_cpu', 'host_metrics'].map((c) => `${c}.get_all_records`);

describe('screens: virtual machines, storage, hardware (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('VMs: name, state, host and both families from the guest agent; halted and agent-less VMs said so', async () => {
    h = await ConsoleHarness.start();
    // Nothing of the inventory is read before a screen asks for it.
    expect(INVENTORY_READS.map((m) => h?.sim?.callCount(m))).to.deep.equal([0, 0, 0, 0]);
    await jumpTo(h, 'v', 'Virtual machines');
    await h.waitForText('Enter: every VM');
    await h.press('enter');
    await h.waitForText('web-01');
    const text = h.screenText();
    expect(text).to.include('3 VM(s), 2 running.');
    expect(text).to.match(/web-01 +Running +xcp-ng-01 +192\.0\.2\.101 +2001:db8::101/);
    expect(text).to.match(/build-01 +Running +xcp-ng-01 +no agent +no agent/);
    expect(text).to.match(/win-test +Halted +- +- +-/);
    expect(text).not.to.include('Control domain');
    expect(text).not.to.include('fe80::');
    await h.press('escape');
    // The menu pane now has the counts.
    await h.waitForText('3 VM(s), 2 running. Enter: the list.');
  });

  it('Storage on the IPv6-only host: the IPv4-only ISO server is flagged and explained; the IPv6 NFS server is not', async () => {
    h = await ConsoleHarness.start({ scenario: 'ipv6-only' });
    await jumpTo(h, 'd', 'Storage repositories');
    await h.waitForText('Enter: every storage repository');
    await h.press('enter');
    await h.waitForText('Storage repositories');
    await h.waitForText('ISO library');
    const text = h.screenText();
    expect(text).to.match(/NFS shared storage .* nfs +yes +1\.0 TiB \/ 4\.0 TiB +2001:db8::5 \(IPv6\)/);
    expect(text).to.match(/ISO library .* iso +yes .*! 192\.0\.2\.6 \(IPv4\)/);
    await waitBox(h, 'Storage repositories', "! 'ISO library (IPv4 NFS)' is served from 192.0.2.6, an IPv4 address, but this host has no IPv4 address: it cannot reach that server.");
  });

  it('Hardware: CPU, threads and sockets, memory, BIOS and product', async () => {
    h = await ConsoleHarness.start();
    await jumpTo(h, 'h', 'Hardware and BIOS');
    await h.waitForText('Enter: CPU, memory, BIOS and product.');
    await h.press('enter');
    await h.waitForText('PowerEdge R640');
    const text = h.screenText();
    expect(text).to.match(/CPU: +Intel\(R\) Xeon\(R\) Silver 4214 CPU @ 2\.20GHz/);
    expect(text).to.match(/Threads: +16 on 1 socket\(s\)/);
    expect(text).to.match(/Memory: +64 GiB \(51 GiB free\)/);
    expect(text).to.match(/BIOS vendor: +Dell Inc\./);
    expect(text).to.match(/Serial number: +SIM0001/);
  });

  it('read once, then events: a VM moved by another client shows without a re-read; no call while idle with all three loaded', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool' });
    for (const [key, pane] of [['v', 'Virtual machines'], ['d', 'Storage repositories'], ['h', 'Hardware and BIOS']] as const) {
      await jumpTo(h, key, pane);
      await h.press('enter');
      await h.waitForText('Esc Back');
      await h.press('escape');
      await h.waitForText('Enter Open');
    }
    const reads = INVENTORY_READS.map((m) => h?.sim?.callCount(m) ?? -1);
    expect(reads).to.deep.equal([1, 1, 1, 1]);
    // Idle: measuring idleness is inherently a wait.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = h.sim?.callCount() ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(h.sim?.callCount(), 'calls while idle').to.equal(before);
    // Another client moves the coordinator's VMs (maintenance mode from elsewhere).
    const other = new XapiClient({ transport: createTransport({ endpoint: { kind: 'unix', path: h.socketPath } }), credentials: { user: 'root', password: '' } });
    const a = h.sim?.db.hostRef('xcp-ng-a') ?? '';
    expect((await other.call('host.evacuate', a)).ok).to.equal(true);
    await other.logout();
    await jumpTo(h, 'v', 'Virtual machines');
    await h.press('enter');
    await h.waitForText('app-01');
    expect(h.screenText()).not.to.match(/app-0[12] +Running +xcp-ng-a/);
    expect(h.screenText()).to.match(/app-01 +Running +xcp-ng-[bc]/);
    expect(INVENTORY_READS.map((m) => h?.sim?.callCount(m) ?? -1), 'no re-read').to.deep.equal([1, 1, 1, 1]);
    // Looking changes nothing (the evacuation above was the other client's).
    expect((h.writeCalls() ?? 0) - 1).to.equal(0);
  });
});
