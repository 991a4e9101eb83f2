/**
 * `hostconsole set ntp --nm`: the modes a NetworkManager host offers are checked before anything is changed. The bus
 * is a private dbus-daemon with stand-ins for timedated/timesyncd (test/backends/networkmanager/fake-time-services.ts);
 * on a machine with chrony installed the backend uses chrony (custom, disabled), else timesyncd (custom, factory,
 * disabled) — DHCP is refused either way, with what is offered and why, and nothing is changed.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { setVerb } from '../../src/cli/verbs/set.js';
import { DISTRO, startPrivateBus, type Fake, type PrivateBus } from '../backends/networkmanager/fake-time-services.js';

describe('hostconsole set ntp on a NetworkManager host', function () {
  this.timeout(20_000);
  let dir = '';
  let bus: PrivateBus | null = null;
  const fake: Fake = { ntp: true, synced: true, timezone: 'UTC', system: DISTRO, server: DISTRO[0] ?? '', restarts: 0 };

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'set-ntp-nm-'));
    bus = await startPrivateBus(dir, join(dir, 'root'), fake);
    if (bus === null) {
      if (process.env['CI'] === 'true') throw new Error('dbus-daemon could not start');
      console.error('\n  *** SKIPPED: dbus-daemon is not available ***\n');
      this.skip();
    }
  });
  after(async () => {
    await bus?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('refuses DHCP with the modes offered and the reason; nothing changed', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env['PATH'] } };
    const code = await setVerb.run(['ntp', '--mode', 'dhcp', '--nm', '--bus', bus?.address ?? '', '--state-dir', join(dir, 'state')], io);
    expect(code, err).to.equal(1);
    expect(err).to.match(/--mode dhcp is not offered here \((custom, disabled|custom, factory, disabled)\): NetworkManager host (with chrony|without chrony)/);
    expect(fake.restarts).to.equal(0);
    expect(fake.ntp).to.equal(true);
  });
});
