/** systemd host operations run exactly these systemctl commands (no shell), and report failures in words. */
import { expect } from 'chai';
import type { HostOperations } from '../../../src/backends/host-operations.js';
import type { CommandRunner } from '../../../src/backends/systemd/systemctl.js';
import { SystemdHostOperations } from '../../../src/backends/systemd/systemd-host-operations.js';

function recorder(answers: Record<string, { code: number; stdout?: string; stderr?: string }> = {}): { run: CommandRunner; calls: string[] } {
  const calls: string[] = [];
  const run: CommandRunner = async (file, args) => {
    const line = [file, ...args].join(' ');
    calls.push(line);
    const a = answers[line] ?? { code: 0 };
    return { code: a.code, stdout: a.stdout ?? '', stderr: a.stderr ?? '' };
  };
  return { run, calls };
}

describe('backends: systemd host operations (NetworkManager hosts, SSH without xapi calls)', () => {
  it('reboot and shutdown: systemctl reboot / poweroff', async () => {
    const r = recorder();
    const ops: HostOperations = new SystemdHostOperations(r.run);
    expect((await ops.reboot()).ok).to.equal(true);
    expect((await ops.shutdown()).ok).to.equal(true);
    expect(r.calls).to.deep.equal(['systemctl reboot', 'systemctl poweroff']);
    expect(ops.disable).to.equal(undefined);
    expect(ops.evacuate).to.equal(undefined);
  });

  it('SSH: status from is-active/is-enabled (inactive is an answer), enable/disable --now sshd', async () => {
    const r = recorder({ 'systemctl is-active sshd': { code: 3, stdout: 'inactive\n' }, 'systemctl is-enabled sshd': { code: 1, stdout: 'disabled\n' } });
    const ops = new SystemdHostOperations(r.run);
    const status = await ops.ssh.status();
    expect(status.ok && status.value).to.deep.equal({ enabled: false, enabledTimeoutSeconds: null, expiry: null, consoleIdleTimeoutSeconds: null, via: 'systemctl' });
    await ops.ssh.setEnabled(true);
    await ops.ssh.setEnabled(false);
    expect(r.calls.slice(2)).to.deep.equal(['systemctl enable --now sshd', 'systemctl disable --now sshd']);
  });

  it('a failing systemctl is an error value with its message', async () => {
    const r = recorder({ 'systemctl reboot': { code: 1, stderr: 'Failed to reboot system via logind: Access denied\n' } });
    const result = await new SystemdHostOperations(r.run).reboot();
    expect(result.ok).to.equal(false);
    if (!result.ok) {
      expect(result.error.code).to.equal('systemctl-failed');
      expect(result.error.message).to.equal('systemctl reboot failed: Failed to reboot system via logind: Access denied');
    }
  });
});
