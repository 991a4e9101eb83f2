/**
 * The NetworkManager backend against a REAL NetworkManager (shared/netlab/nm-netns.sh: NM on a private bus in the
 * hc-host namespace, radvd + dnsmasq in hc-router). One file, one lab, run in order; the lab goes down in `after`
 * whatever happens. Every change is checked in the kernel with `ip -n hc-host` and in the lab's resolv.conf.
 * Skips loudly when it cannot run (not root, no netns, no lab packages); on CI (CI=true) that is a failure.
 */
import { expect } from 'chai';
import { applyPlan, type PlanApplyResult } from '../../src/backends/apply-plan.js';
import type { Backend, ConfigSnapshot } from '../../src/backends/backend.js';
import { NmBackend } from '../../src/backends/networkmanager/index.js';
import { planFromState } from '../../src/model/plan-from-state.js';
import type { PlanInput } from '../../src/model/plan-input.js';
import type { HostState } from '../../src/model/host-state.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import {
  IFACE,
  defaultRoute,
  eventually,
  hostconsole,
  kernelAddresses,
  lab,
  labAddressProbe,
  labBus,
  labDownSync,
  labStateDir,
  resolvConf,
  spawnHostconsole,
  whyLabCannotRun,
  type RunningCli,
} from './netlab.js';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = '2001:db8:1';
const SLAAC = `${PREFIX}::ff:fe00:102`;

describe('integration: NetworkManager backend against a real NetworkManager (nm-netns lab)', function () {
  this.timeout(120_000);
  let bus = '';
  let backend: NmBackend | null = null;
  let labUp = false;

  before(async function () {
    const why = whyLabCannotRun();
    if (why !== null) {
      const line = `NetworkManager integration suite cannot run here: ${why}.`;
      if (process.env['CI'] === 'true') throw new Error(`${line} On CI this is a failure: .ci/run installs the lab (nm-netns.sh install) and runs as root.`);
      console.error(`\n  *** SKIPPED: ${line} ***\n`);
      this.skip();
    }
    await lab('up');
    labUp = true;
    bus = await labBus();
    const opened = await NmBackend.open({ busAddress: bus, addressProbe: labAddressProbe, readyTimeoutMs: 40_000 });
    if (!opened.ok) throw new Error(opened.error.message);
    backend = opened.value;
  });

  after(async function () {
    await backend?.close();
    if (labUp) labDownSync();
  });

  function nm(): Backend {
    if (backend === null) throw new Error('backend not open');
    return backend;
  }

  async function state(): Promise<HostState> {
    const s = await nm().loadState();
    if (!s.ok) throw new Error(s.error.message);
    return s.value;
  }

  /** Validates `change` on top of the interface's current form, applies it, and expects it verified. */
  async function applyChange(change: (input: PlanInput) => PlanInput): Promise<PlanApplyResult> {
    const current = await state();
    const input = change(planFromState(current, IFACE));
    const v = validatePlan(input, current, nm().capabilities);
    expect(v.errors.map((e) => e.message), 'plan errors').to.deep.equal([]);
    if (v.plan === null) throw new Error('no plan');
    const result = await applyPlan(nm(), v.plan, current, { verifyAttempts: 20, verifyDelayMs: 250 });
    if (result.kind === 'step-failed') throw new Error(`step failed: ${result.outcome.error.message}`);
    expect(result.kind, JSON.stringify(result)).to.equal('applied');
    return result;
  }

  async function v6(): Promise<string[]> {
    return (await kernelAddresses()).filter((a) => a.family === 'inet6').map((a) => `${a.local}/${a.prefixlen}${a.tentative ? ' tentative' : ''}`);
  }
  async function v4(): Promise<string[]> {
    return (await kernelAddresses()).filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`);
  }

  it('reads the lab host through `hostconsole status --nm --bus … --json` (run inside the host namespace)', async () => {
    const r = await hostconsole(['status', '--nm', '--bus', bus, '--json']);
    expect(r.code, r.stderr).to.equal(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    const text = JSON.stringify(json);
    expect(text).to.contain(IFACE);
    expect(text).to.contain('NetworkManager');
  });

  it('picks NetworkManager by itself when there is no xapi socket and NM answers on the system bus', async () => {
    const r = await hostconsole(['status', '--json'], { DBUS_SYSTEM_BUS_ADDRESS: bus, HOSTCONSOLE_XAPI_SOCKET: '/nonexistent/xapi' });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`NetworkManager on ${bus}`);
  });

  it('sets IPv6 static with gateway and DNS: usable (not tentative) address, default route, resolv.conf', async () => {
    await applyChange((i) => ({
      ...i,
      layout: 'ipv6-only',
      ipv4: { ...i.ipv4, mode: 'none' },
      ipv6: { mode: 'static', address: `${PREFIX}::10/64`, prefix: '', gateway: `${PREFIX}::1` },
      dns: `${PREFIX}::53`,
    }));
    // apply waited for DAD: the address is already usable when it returns
    expect(await v6()).to.include(`${PREFIX}::10/64`);
    expect(await defaultRoute('-6')).to.contain(`via ${PREFIX}::1`);
    expect(resolvConf(bus)).to.contain(`nameserver ${PREFIX}::53`);
    const s = await state();
    const iface = s.interfaces.find((i) => i.id === IFACE);
    expect(iface?.ipv6.mode).to.equal('static');
    expect(iface?.management).to.equal(true);
    expect(s.dns).to.deep.equal([`${PREFIX}::53`]);
  });

  it('sets IPv6 autoconf (SLAAC) with `ra slaac`: the EUI-64 address', async () => {
    await lab('ra', 'slaac');
    await applyChange((i) => ({ ...i, layout: 'ipv6-only', ipv6: { ...i.ipv6, mode: 'autoconf' }, dns: '' }));
    expect(await v6()).to.include(`${SLAAC}/64`);
    expect(await v6()).not.to.include(`${PREFIX}::10/64`);
    expect(await defaultRoute('-6')).to.match(/via fe80::/);
  });

  it('sets DHCPv6 with `ra managed`: a /128 from the dnsmasq range and the DHCPv6 DNS server', async () => {
    await lab('ra', 'managed');
    await applyChange((i) => ({ ...i, layout: 'ipv6-only', ipv6: { ...i.ipv6, mode: 'dhcp' }, dns: '' }));
    const leased = (await v6()).filter((a) => /^2001:db8:1::1[0-9a-f]{3}\/128$/.test(a));
    expect(leased, (await v6()).join(' ')).to.have.length(1);
    expect(await eventually(async () => resolvConf(bus).includes(`nameserver ${PREFIX}::53`), 10_000)).to.equal(true);
  });

  it('sets dual stack: IPv4 by DHCPv4 and IPv6 autoconf, both default routes', async () => {
    // Self-contained: plain SLAAC router advertisements (the previous test left the router in `managed` mode).
    await lab('ra', 'slaac');
    await applyChange((i) => ({ ...i, layout: 'dual-ipv4-primary', ipv4: { ...i.ipv4, mode: 'dhcp' }, ipv6: { ...i.ipv6, mode: 'autoconf' }, dns: '' }));
    expect((await v4()).some((a) => /^192\.0\.2\.(1[0-9][0-9]|200)\/24$/.test(a)), (await v4()).join(' ')).to.equal(true);
    // apply returns once a routable IPv6 address is usable; an address leased by the previous DHCPv6 test may be
    // that one while the EUI-64 address still waits for the next router advertisement (sent every 3–10 s).
    expect(await eventually(async () => (await v6()).includes(`${SLAAC}/64`), 15_000), (await v6()).join(' ')).to.equal(true);
    expect(await defaultRoute('-4')).to.contain('via 192.0.2.1');
    expect(await defaultRoute('-6')).to.match(/via fe80::/);
    const iface = (await state()).interfaces.find((i) => i.id === IFACE);
    expect(iface?.primaryFamily).to.equal('ipv4');
  });

  it('sets DNS of both families with static addressing: both in resolv.conf and read back in order', async () => {
    await applyChange((i) => ({
      ...i,
      layout: 'dual-ipv4-primary',
      ipv4: { mode: 'static', address: '192.0.2.10/24', netmask: '', gateway: '192.0.2.1' },
      ipv6: { mode: 'static', address: `${PREFIX}::10/64`, prefix: '', gateway: `${PREFIX}::1` },
      dns: `192.0.2.53, ${PREFIX}::53`,
      searchDomains: 'lab.example',
    }));
    const conf = resolvConf(bus);
    expect(conf).to.contain('nameserver 192.0.2.53');
    expect(conf).to.contain(`nameserver ${PREFIX}::53`);
    expect(conf).to.match(/search .*lab\.example/);
    const s = await state();
    expect(s.dns).to.deep.equal(['192.0.2.53', `${PREFIX}::53`]);
    expect(s.searchDomains).to.deep.equal(['lab.example']);
    expect(await v4()).to.include('192.0.2.10/24');
  });

  it('disables IPv6 (IPv4 static only): no IPv6 address at all on the interface', async () => {
    await applyChange((i) => ({ ...i, layout: 'ipv4-only', ipv6: { ...i.ipv6, mode: 'none' }, dns: '192.0.2.53' }));
    expect(await v6()).to.deep.equal([]);
    expect(await v4()).to.include('192.0.2.10/24');
    expect(await defaultRoute('-4')).to.contain('via 192.0.2.1');
  });

  it('sets IPv6 link-local only (a NetworkManager mode, offered by its capabilities): fe80:: only', async () => {
    expect(nm().capabilities.ipv6Modes).to.include('link-local');
    await applyChange((i) => ({ ...i, layout: 'ipv4-only', ipv6: { ...i.ipv6, mode: 'link-local' } }));
    const addrs = await v6();
    expect(addrs.length).to.be.greaterThan(0);
    expect(addrs.every((a) => a.startsWith('fe80:')), addrs.join(' ')).to.equal(true);
  });

  it('sets the hostname through hostname1 and reads it back (status and the lab /etc/hostname)', async () => {
    await applyChange((i) => ({ ...i, hostname: 'hc-renamed' }));
    expect((await state()).hostname).to.equal('hc-renamed');
    const file = join(labStateDir(bus), 'hn-etc', 'upper', 'hostname');
    expect(existsSync(file) ? readFileSync(file, 'utf8').trim() : '').to.equal('hc-renamed');
    const r = await hostconsole(['status', '--nm', '--bus', bus, '--json']);
    expect(r.stdout).to.contain('hc-renamed');
  });

  it('rolls back by itself when a checkpoint times out without confirmation (NetworkManager reverts, not us)', async () => {
    const cp = await nm().beginCheckpoint?.(3);
    if (cp === undefined || !cp.ok) throw new Error(`no checkpoint: ${cp?.ok === false ? cp.error.message : 'unsupported'}`);
    await applyChange((i) => ({ ...i, ipv4: { ...i.ipv4, address: '192.0.2.11/24', netmask: '' } }));
    expect(await v4()).to.include('192.0.2.11/24');
    // no confirm: NM rolls back after 3 s
    const back = await eventually(async () => {
      const a = await v4();
      return a.includes('192.0.2.10/24') && !a.includes('192.0.2.11/24');
    }, 20_000, 200);
    expect(back, (await v4()).join(' ')).to.equal(true);
    const confirm = await cp.value.confirm();
    expect(confirm.ok).to.equal(false);
    if (!confirm.ok) expect(confirm.error.code).to.equal('checkpoint-expired');
  });

  it('keeps a change confirmed before the checkpoint runs out', async () => {
    const cp = await nm().beginCheckpoint?.(30);
    if (cp === undefined || !cp.ok) throw new Error('no checkpoint');
    await applyChange((i) => ({ ...i, ipv4: { ...i.ipv4, address: '192.0.2.12/24', netmask: '' } }));
    const confirmed = await cp.value.confirm();
    expect(confirmed.ok, confirmed.ok ? '' : confirmed.error.message).to.equal(true);
    expect(await v4()).to.include('192.0.2.12/24');
  });

  it('rolls back at once on rollback()', async () => {
    const cp = await nm().beginCheckpoint?.(30);
    if (cp === undefined || !cp.ok) throw new Error('no checkpoint');
    await applyChange((i) => ({ ...i, ipv4: { ...i.ipv4, address: '192.0.2.13/24', netmask: '' } }));
    const r = await cp.value.rollback();
    expect(r.ok, r.ok ? '' : r.error.message).to.equal(true);
    expect(await eventually(async () => (await v4()).includes('192.0.2.12/24'), 20_000)).to.equal(true);
  });

  it('restores a snapshot (profile settings and hostname) after a change', async () => {
    const snap = await nm().snapshot();
    if (!snap.ok) throw new Error(snap.error.message);
    const json = JSON.parse(JSON.stringify(snap.value)) as ConfigSnapshot; // as the journal stores it
    await applyChange((i) => ({ ...i, ipv4: { ...i.ipv4, address: '192.0.2.14/24', netmask: '' }, hostname: 'hc-other' }));
    expect(await v4()).to.include('192.0.2.14/24');
    const restored = await nm().restore(json);
    expect(restored.ok, JSON.stringify(restored)).to.equal(true);
    expect(await v4()).to.include('192.0.2.12/24');
    expect((await state()).hostname).to.equal('hc-renamed');
  });

  it('refuses a snapshot from another backend kind', async () => {
    const snap = await nm().snapshot();
    if (!snap.ok) throw new Error(snap.error.message);
    const r = await nm().restore({ ...snap.value, backend: 'xapi' });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.error.code).to.equal('invalid-snapshot');
  });
  describe('`hostconsole set` confirm-or-revert through NetworkManager checkpoints (the CLI inside the host namespace)', () => {
    const BASE = `${PREFIX}::10/64`;
    const NEW = `${PREFIX}::50/64`;
    let stateDir = '';
    const running: RunningCli[] = [];

    before(async () => {
      stateDir = mkdtempSync(join(tmpdir(), 'hc-nm-tx-'));
    });
    after(() => {
      for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
      if (stateDir !== '') rmSync(stateDir, { recursive: true, force: true });
    });

    /** Static IPv4 and IPv6 ::10 (what every case starts from and a revert must come back to). */
    beforeEach(async () => {
      // after a rollback NM re-activates the profile: the address is back at once but tentative for a moment
      const addrs = (await v6()).map((a) => a.replace(/ tentative$/, ''));
      if (addrs.includes(BASE) && !addrs.includes(NEW)) {
        expect(await eventually(async () => (await v6()).includes(BASE), 15_000), (await v6()).join(' ')).to.equal(true);
        return;
      }
      await applyChange((i) => ({
        ...i,
        layout: 'dual-ipv4-primary',
        ipv4: { mode: 'static', address: '192.0.2.10/24', netmask: '', gateway: '192.0.2.1' },
        ipv6: { mode: 'static', address: BASE, prefix: '', gateway: '' },
        dns: '',
        searchDomains: '',
      }));
      expect(await v6()).to.include(BASE);
    });

    function startSet(extraEnv: NodeJS.ProcessEnv = {}, backendArgs: readonly string[] = ['--nm', '--bus', bus]): RunningCli {
      const r = spawnHostconsole(['set', 'management', ...backendArgs, '--ipv6', `static:${NEW}`, '--confirm-timeout', '3', '--state-dir', stateDir], extraEnv);
      running.push(r);
      return r;
    }

    async function untilPrompt(r: RunningCli): Promise<void> {
      const prompted = await r.waitFor('Keep these settings?', 90_000);
      expect(prompted, `no prompt; stdout:\n${r.stdout()}\nstderr:\n${r.stderr()}`).to.equal(true);
      expect(await v6()).to.include(NEW);
    }

    function checkpointActions(): unknown[] {
      const path = join(stateDir, 'audit.log');
      const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '') : [];
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e['event'] === 'checkpoint').map((e) => e['action']);
    }

    function lastJournal(): Record<string, unknown> {
      return JSON.parse(readFileSync(join(stateDir, 'last-transaction.json'), 'utf8')) as Record<string, unknown>;
    }

    it('(a) keeps the change confirmed with `y`: the address stays and NetworkManager holds no checkpoint any more', async () => {
      const r = startSet();
      await untilPrompt(r);
      r.child.stdin?.write('y\n');
      const exit = await r.exited;
      expect(exit.code, r.stderr()).to.equal(0);
      expect(r.stdout()).to.contain('Kept');
      const addrs = await v6();
      expect(addrs).to.include(NEW);
      expect(addrs).not.to.include(BASE);
      expect(checkpointActions().slice(-3)).to.deep.equal(['created', 'extended', 'confirmed']);
      // NM refuses a second checkpoint on the same device while one is pending: this one being taken proves the
      // transaction's checkpoint is gone (confirmed), so NM will not roll the change back later.
      const probe = await nm().beginCheckpoint?.(30);
      expect(probe?.ok, probe?.ok === false ? probe.error.message : 'no checkpoint').to.equal(true);
      if (probe?.ok === true) expect((await probe.value.confirm()).ok).to.equal(true);
      expect(await v6()).to.include(NEW);
    });

    it('(b) the `set` process SIGKILLed during the window: NetworkManager rolls back by itself; a later `confirm` is refused and recovery marks it reverted', async () => {
      const r = startSet();
      await untilPrompt(r);
      r.child.kill('SIGKILL');
      const exit = await r.exited;
      expect(exit.signal).to.equal('SIGKILL');
      const pending = JSON.parse(readFileSync(join(stateDir, 'transaction.json'), 'utf8')) as { checkpoint?: { id: string; expiresAt: number } | null };
      expect(pending.checkpoint?.id).to.match(/^\/org\/freedesktop\/NetworkManager\/Checkpoint\//);
      // nobody is left to revert: NM does it at its deadline (3 s window + 5 s margin)
      const back = await eventually(async () => {
        const a = await v6();
        return a.includes(BASE) && !a.includes(NEW);
      }, 3_000 + 5_000 + 10_000, 200);
      expect(back, (await v6()).join(' ')).to.equal(true);
      expect(await v4()).to.include('192.0.2.10/24');
      // `hostconsole confirm` cannot keep it any more; it finishes the journal (recovery) instead — through its own
      // backend options, which must be the change's (a journal never chooses the bus by itself)
      const confirm = await hostconsole(['confirm', '--nm', '--bus', bus, '--state-dir', stateDir]);
      expect(confirm.code, confirm.stderr).to.equal(1);
      expect(confirm.stderr).to.contain('cannot be kept');
      expect(confirm.stderr).to.contain('Reverted');
      expect(confirm.stderr).not.to.contain('nothing to restore');
      expect(existsSync(join(stateDir, 'transaction.json'))).to.equal(false);
      const last = lastJournal() as { tx: { phase: string; revertReason: string } };
      expect(last.tx.phase).to.equal('reverted');
      expect(last.tx.revertReason).to.equal('guardian-gone');
      expect((await v6()).map((a) => a.replace(/ tentative$/, ''))).to.include(BASE);
    });

    it('(c) no answer: reverted at the deadline through the checkpoint rollback', async () => {
      const r = startSet();
      r.child.stdin?.end();
      await untilPrompt(r);
      const exit = await r.exited;
      expect(exit.code, r.stderr()).to.equal(1);
      expect(r.stdout()).to.contain('Reverted: no confirmation came within the window');
      const addrs = (await v6()).map((a) => a.replace(/ tentative$/, ''));
      expect(addrs).to.include(BASE);
      expect(addrs).not.to.include(NEW);
      expect(checkpointActions().slice(-3)).to.deep.equal(['created', 'extended', 'rolled-back']);
      const reverted = readFileSync(join(stateDir, 'audit.log'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"event":"reverted"'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .pop();
      expect(reverted?.['via']).to.equal('checkpoint');
      expect(reverted?.['matchesSnapshot']).to.equal(true);
    });

    it('(d) with the hostname: SIGKILLed, NM rolls back the interfaces, and `hostconsole revert` (recovery) puts the hostname back', async () => {
      const before = (await state()).hostname;
      const r = spawnHostconsole(['set', 'management', '--nm', '--bus', bus, '--ipv6', `static:${NEW}`, '--hostname', 'hc-checkpoint', '--confirm-timeout', '3', '--state-dir', stateDir]);
      running.push(r);
      await untilPrompt(r);
      expect((await state()).hostname).to.equal('hc-checkpoint');
      r.child.kill('SIGKILL');
      await r.exited;
      const back = await eventually(async () => !(await v6()).map((a) => a.replace(/ tentative$/, '')).includes(NEW), 3_000 + 5_000 + 10_000, 200);
      expect(back, (await v6()).join(' ')).to.equal(true);
      // a checkpoint does not cover the hostname
      expect((await state()).hostname).to.equal('hc-checkpoint');
      // Without the change's backend options the journal's bus is not used: refused, nothing done.
      const foreign = await hostconsole(['revert', '--state-dir', stateDir]);
      expect(foreign.code, foreign.stderr).to.equal(2);
      expect(foreign.stderr).to.contain(`it was made with the backend options [--nm --bus ${bus}], and this command was given [none]`);
      const revert = await hostconsole(['revert', '--nm', '--bus', bus, '--state-dir', stateDir]);
      expect(revert.code, `${revert.stdout}\n${revert.stderr}`).to.equal(0);
      expect(revert.stdout).to.contain(`Hostname: hc-checkpoint → ${before}`);
      expect((await state()).hostname).to.equal(before);
      const last = lastJournal() as { tx: { phase: string } };
      expect(last.tx.phase).to.equal('reverted');
    });

    it('(e) auto-detection landing on NetworkManager guards in-process with a checkpoint too (`n` reverts now)', async () => {
      const r = startSet({ DBUS_SYSTEM_BUS_ADDRESS: bus, HOSTCONSOLE_XAPI_SOCKET: '/nonexistent/xapi' }, []);
      await untilPrompt(r);
      r.child.stdin?.write('n\n');
      const exit = await r.exited;
      expect(exit.code, r.stderr()).to.equal(1);
      expect(r.stdout()).to.contain('Reverted: a revert was asked for');
      expect((await v6()).map((a) => a.replace(/ tentative$/, ''))).to.include(BASE);
      const last = lastJournal() as { guardianMode: string; backendRef: unknown; checkpoint?: { id: string } | null };
      expect(last.guardianMode).to.equal('in-process');
      expect(last.backendRef).to.deep.equal({ kind: 'nm', bus });
      expect(last.checkpoint?.id).to.match(/Checkpoint/);
      expect(checkpointActions().slice(-1)).to.deep.equal(['rolled-back']);
    });
  });
});
