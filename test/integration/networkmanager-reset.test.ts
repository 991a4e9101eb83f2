/**
 * `hostconsole reset-network` against a REAL NetworkManager (shared/netlab/nm-netns.sh): the lab's device starts
 * on a static IPv4-only profile (the "broken" configuration), the reset makes a fresh IPv6 autoconf profile, and the
 * host is then reachable from the router namespace at its SLAAC address, with the old profile kept but inactive.
 * Skips loudly when the lab cannot run here; on CI (CI=true) that is a failure. The lab goes down in `after`.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { applyPlan } from '../../src/backends/apply-plan.js';
import { NmBackend } from '../../src/backends/networkmanager/index.js';
import { planFromState } from '../../src/model/plan-from-state.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { IFACE, defaultRoute, eventually, hostconsole, kernelAddresses, lab, labAddressProbe, labBus, labDownSync, whyLabCannotRun } from './netlab.js';

const run = promisify(execFile);
const PREFIX = '2001:db8:1';
const SLAAC = `${PREFIX}::ff:fe00:102`;

interface Profile {
  readonly name: string;
  readonly uuid: string;
  readonly active: boolean;
}

describe('integration: emergency network reset on a real NetworkManager (nm-netns lab)', function () {
  this.timeout(120_000);
  let bus = '';
  let labUp = false;
  let stateDir = '';

  before(async function () {
    const why = whyLabCannotRun();
    if (why !== null) {
      const line = `NetworkManager reset suite cannot run here: ${why}.`;
      if (process.env['CI'] === 'true') throw new Error(`${line} On CI this is a failure: .ci/run installs the lab (nm-netns.sh install) and runs as root.`);
      console.error(`\n  *** SKIPPED: ${line} ***\n`);
      this.skip();
    }
    await lab('up');
    labUp = true;
    bus = await labBus();
    stateDir = mkdtempSync(join(tmpdir(), 'hc-nm-reset-'));
    // The "broken" starting point: static IPv4 only, no IPv6 at all, on the device's own profile.
    const opened = await NmBackend.open({ busAddress: bus, addressProbe: labAddressProbe, readyTimeoutMs: 40_000 });
    if (!opened.ok) throw new Error(opened.error.message);
    const nm = opened.value;
    try {
      const current = await nm.loadState();
      if (!current.ok) throw new Error(current.error.message);
      const input = { ...planFromState(current.value, IFACE), layout: 'ipv4-only' as const, ipv4: { mode: 'static' as const, address: '192.0.2.10/24', netmask: '', gateway: '192.0.2.1' }, ipv6: { mode: 'none' as const, address: '', prefix: '', gateway: '' }, dns: '', searchDomains: '' };
      const v = validatePlan(input, current.value, nm.capabilities);
      if (v.plan === null) throw new Error(v.errors.map((e) => e.message).join('; '));
      const applied = await applyPlan(nm, v.plan, current.value, { verifyAttempts: 20, verifyDelayMs: 250 });
      if (applied.kind !== 'applied') throw new Error(`could not set up the starting point: ${JSON.stringify(applied)}`);
    } finally {
      await nm.close();
    }
    await lab('ra', 'slaac');
  });

  after(() => {
    if (labUp) labDownSync();
    if (stateDir !== '') rmSync(stateDir, { recursive: true, force: true });
  });

  async function profiles(): Promise<Profile[]> {
    const r = await run('nmcli', ['-t', '-f', 'NAME,UUID,ACTIVE', 'connection', 'show'], { env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: bus } });
    return r.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [name = '', uuid = '', active = ''] = l.split(':');
        return { name, uuid, active: active === 'yes' };
      });
  }

  async function v6(): Promise<string[]> {
    return (await kernelAddresses()).filter((a) => a.family === 'inet6' && !a.tentative).map((a) => `${a.local}/${a.prefixlen}`);
  }

  it('refuses bad input and a VLAN with nothing changed (same checks as set management)', async () => {
    const before = await profiles();
    const bad = await hostconsole(['reset-network', '--nm', '--bus', bus, '--interface', IFACE, '--ipv4', 'none', '--ipv6', 'static:2001:db8:1::zz/64', '--yes', '--state-dir', stateDir]);
    expect(bad.code, bad.stderr).to.equal(1);
    expect(bad.stderr).to.match(/IPv6 address/i);
    const vlan = await hostconsole(['reset-network', '--nm', '--bus', bus, '--interface', IFACE, '--vlan', '5', '--ipv4', 'none', '--ipv6', 'autoconf', '--yes', '--state-dir', stateDir]);
    expect(vlan.code, vlan.stderr).to.equal(1);
    expect(vlan.stderr).to.contain('VLAN');
    expect(await profiles()).to.deep.equal(before);
  });

  it('resets hc-h0 to IPv6 autoconf: a fresh active profile, the old one kept inactive, reachable at the SLAAC address', async () => {
    const before = await profiles();
    const old = before.find((p) => p.active);
    expect(old, JSON.stringify(before)).to.not.equal(undefined);
    expect(await v6()).to.not.include(`${SLAAC}/64`);

    const r = await hostconsole(['reset-network', '--nm', '--bus', bus, '--interface', IFACE, '--ipv4', 'none', '--ipv6', 'autoconf', '--yes', '--state-dir', stateDir]);
    expect(r.code, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).to.equal(0);
    // before → after view: the new profile's settings, the old profile named as deactivated and kept
    expect(r.stdout).to.match(/profile hostconsole-reset-hc-h0-\d{8}-\d{6} \(new\)/);
    expect(r.stdout).to.contain('+ ipv6: auto');
    expect(r.stdout).to.contain('+ ipv4: disabled');
    expect(r.stdout).to.contain(`profile ${old?.name ?? ''}: active on ${IFACE} now: deactivated, kept as it is`);

    // NM: the old profile exists (same uuid) and is inactive; exactly one new one, active
    const after = await profiles();
    const kept = after.find((p) => p.uuid === old?.uuid);
    expect(kept, JSON.stringify(after)).to.deep.include({ active: false });
    const fresh = after.filter((p) => !before.some((b) => b.uuid === p.uuid));
    expect(fresh).to.have.length(1);
    expect(fresh[0]?.name).to.match(/^hostconsole-reset-hc-h0-/);
    expect(fresh[0]?.active).to.equal(true);

    // the kernel: the SLAAC address (past DAD), no IPv4 any more, an IPv6 default route from the RA
    expect(await v6()).to.include(`${SLAAC}/64`);
    expect((await kernelAddresses()).filter((a) => a.family === 'inet')).to.deep.equal([]);
    expect(await defaultRoute('-6')).to.match(/via fe80::/);

    // reachable at the new address from the router namespace
    const reached = await eventually(async () => {
      try {
        await run('ip', ['netns', 'exec', 'hc-router', 'ping', '-6', '-c', '1', '-W', '2', SLAAC]);
        return true;
      } catch {
        return false;
      }
    }, 15_000, 500);
    expect(reached, `ping ${SLAAC} from hc-router`).to.equal(true);

    // audit-logged: begin and applied, kind network-reset, no reboot
    const auditPath = join(stateDir, 'audit.log');
    expect(existsSync(auditPath)).to.equal(true);
    const events = readFileSync(auditPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e['kind'] === 'network-reset');
    expect(events.map((e) => e['event'])).to.deep.equal(['begin', 'applied']);
    expect(events[0]?.['reboot']).to.equal(false);
    expect(events[0]?.['device']).to.equal(IFACE);

    // status reads the host as IPv6-only autoconf on hc-h0
    const s = await hostconsole(['status', '--nm', '--bus', bus, '--json']);
    expect(s.code, s.stderr).to.equal(0);
    expect(s.stdout).to.contain(SLAAC);
  });

  it('a reset that cannot become usable (the router\'s own address: it never passes duplicate address detection) is undone: new profile removed, the previous one active again', async () => {
    const before = await profiles();
    const active = before.find((p) => p.active);
    const r = await hostconsole(['reset-network', '--nm', '--bus', bus, '--interface', IFACE, '--ipv4', 'none', '--ipv6', `static:${PREFIX}::1/64`, '--yes', '--state-dir', stateDir]);
    expect(r.code, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`).to.equal(3);
    expect(r.stderr).to.contain(`${active?.name ?? ''} is active again`);
    const after = await profiles();
    expect(after.map((p) => p.uuid).sort()).to.deep.equal(before.map((p) => p.uuid).sort());
    expect(after.find((p) => p.active)?.uuid).to.equal(active?.uuid);
    expect(await eventually(async () => (await v6()).includes(`${SLAAC}/64`), 15_000), (await v6()).join(' ')).to.equal(true);
    const events = readFileSync(join(stateDir, 'audit.log'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e['kind'] === 'network-reset');
    expect(events.map((e) => e['event'])).to.deep.equal(['begin', 'applied', 'begin', 'apply-failed']);
  });
});
