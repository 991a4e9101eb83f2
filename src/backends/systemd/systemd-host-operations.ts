/**
 * Host operations where systemd is the only way: reboot and shutdown (systemctl reboot / poweroff, which go through
 * systemd-logind) and the SSH service (sshd: enable --now / disable --now). No maintenance mode: a host without
 * xapi runs no VMs of a pool to move. Used by the NetworkManager backend, and by the xapi adapter for SSH when the
 * local xapi has no SSH calls.
 */
import { succeeded, type BackendResult } from '../backend-error.js';
import type { HostOperations, PowerStatus, SshControl, SshStatus } from '../host-operations.js';
import { execFileRunner, systemctl, type CommandRunner } from './systemctl.js';

/** The SSH unit: sshd on XCP-ng and RHEL-likes. */
export const SSH_UNIT = 'sshd';

export class SystemctlSsh implements SshControl {
  constructor(private readonly run: CommandRunner = execFileRunner, private readonly unit = SSH_UNIT) {}

  async status(): Promise<BackendResult<SshStatus>> {
    // is-active exits 3 for an inactive unit: that is an answer, not a failure.
    const active = await this.run('systemctl', ['is-active', this.unit]);
    const enabled = await this.run('systemctl', ['is-enabled', this.unit]);
    const isActive = active.stdout.trim() === 'active';
    const isEnabled = enabled.stdout.trim() === 'enabled';
    return succeeded({ enabled: isActive || isEnabled, enabledTimeoutSeconds: null, expiry: null, consoleIdleTimeoutSeconds: null, via: 'systemctl' });
  }

  async setEnabled(on: boolean): Promise<BackendResult<null>> {
    const r = await systemctl(this.run, [on ? 'enable' : 'disable', '--now', this.unit]);
    return r.ok ? succeeded(null) : r;
  }
}

export class SystemdHostOperations implements HostOperations {
  readonly ssh: SshControl;

  constructor(private readonly run: CommandRunner = execFileRunner) {
    this.ssh = new SystemctlSsh(run);
  }

  async status(): Promise<BackendResult<PowerStatus>> {
    return succeeded({ enabled: true, coordinatorOfPool: false, poolSize: 1, runningVms: 0, via: 'systemd' });
  }

  async reboot(): Promise<BackendResult<null>> {
    const r = await systemctl(this.run, ['reboot']);
    return r.ok ? succeeded(null) : r;
  }

  async shutdown(): Promise<BackendResult<null>> {
    const r = await systemctl(this.run, ['poweroff']);
    return r.ok ? succeeded(null) : r;
  }
}
