/**
 * The systemd backstop: detection (this sandbox has no systemd as init, so the real detection must say so), the
 * exact systemd-run call and the command its service runs, and what happens when systemd-run refuses.
 */
import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backstopCommand, systemdAvailability, systemdBackstop, systemdRunArgs } from '../../src/cli/systemd-backstop.js';
import { tempDir } from '../transaction/support/fixtures.js';

describe('cli: the systemd backstop', () => {
  it('detects systemd as sd_booted() does (/run/systemd/system), --user for a non-root user, off on request', () => {
    expect(systemdAvailability({}, 0, () => true)).to.deep.equal({ ok: true, systemdRun: 'systemd-run', systemctl: 'systemctl', user: false });
    expect(systemdAvailability({}, 1000, () => true)).to.deep.include({ ok: true, user: true });
    expect(systemdAvailability({}, 0, () => false)).to.deep.equal({ ok: false, reason: 'systemd is not the init system here (/run/systemd/system does not exist)' });
    expect(systemdAvailability({ HOSTCONSOLE_SYSTEMD_RUN: 'off' }, 0, () => true)).to.deep.equal({ ok: false, reason: 'turned off by HOSTCONSOLE_SYSTEMD_RUN=off' });
    expect(systemdAvailability({ HOSTCONSOLE_SYSTEMD_RUN: '/x/run', HOSTCONSOLE_SYSTEMCTL: '/x/ctl' }, 0, () => false)).to.deep.equal({ ok: true, systemdRun: '/x/run', systemctl: '/x/ctl', user: false });
  });

  it('here: the real detection agrees with the machine', () => {
    const here = systemdAvailability({});
    expect(here.ok).to.equal(existsSync('/run/systemd/system'));
  });

  it('starts a transient timer whose service runs `hostconsole revert --if-pending ID` with the change\'s backend', () => {
    const command = backstopCommand({ stateDir: '/var/lib/hostconsole', backendArgs: ['--xapi', 'unix:/var/lib/xcp/xapi'] }, 'ID');
    expect(command[0]).to.equal(process.execPath);
    expect(command.slice(-7)).to.deep.equal(['revert', '--if-pending', 'ID', '--state-dir', '/var/lib/hostconsole', '--xapi', 'unix:/var/lib/xcp/xapi']);
    expect(systemdRunArgs('hostconsole-revert-ID-1', 70, 'ID', ['cmd', 'arg'], false)).to.deep.equal([
      '--unit',
      'hostconsole-revert-ID-1',
      '--description',
      'hostconsole: revert change ID unless it was confirmed',
      '--on-active=70s',
      '--timer-property=AccuracySec=1s',
      '--collect',
      '--quiet',
      '--',
      'cmd',
      'arg',
    ]);
    expect(systemdRunArgs('u', 1, 'ID', ['c'], true)[0]).to.equal('--user');
  });

  it('records why there is no timer: no systemd, systemd-run missing or refusing, a password only the environment holds', () => {
    const { dir, cleanup } = tempDir('backstop-');
    try {
      const refusing = join(dir, 'systemd-run');
      writeFileSync(refusing, '#!/bin/sh\necho "Failed to connect to bus: No medium found" >&2\nexit 1\n', { mode: 0o755 });
      const firesAt = Date.now() + 60_000;
      expect(systemdBackstop({ stateDir: dir, backendArgs: [], env: {}, availability: { ok: false, reason: 'no systemd' } }).arm('id', firesAt)).to.deep.equal({ kind: 'none', reason: 'no systemd' });
      expect(systemdBackstop({ stateDir: dir, backendArgs: [], env: {}, availability: { ok: true, systemdRun: join(dir, 'absent'), systemctl: 'systemctl', user: false } }).arm('id', firesAt)).to.deep.equal({
        kind: 'none',
        reason: `${join(dir, 'absent')} is not installed`,
      });
      expect(systemdBackstop({ stateDir: dir, backendArgs: [], env: {}, availability: { ok: true, systemdRun: refusing, systemctl: 'systemctl', user: false } }).arm('id', firesAt)).to.deep.equal({
        kind: 'none',
        reason: `${refusing} refused: Failed to connect to bus: No medium found`,
      });
      expect(systemdBackstop({ stateDir: dir, backendArgs: [], env: {}, refusal: 'env password', availability: { ok: true, systemdRun: refusing, systemctl: 'x', user: false } }).arm('id', firesAt)).to.deep.equal({ kind: 'none', reason: 'env password' });
    } finally {
      cleanup();
    }
  });
});
