/**
 * Every console change is a confirm-or-revert transaction (issue #6, console side): the keep-or-revert dialog with
 * the checks, the management URL and a countdown; keep, revert now, timeout, a decision from another session, a
 * second change refused while one is pending, a change left by an earlier console finished at start, and the quit
 * question. The console runs on the in-process simulated host with the in-process guardian (as with --simulate).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { applyPlan } from '../../src/backends/apply-plan.js';
import { planFromManagement, validatePlan, type HostState, type Plan } from '../../src/model/index.js';
import { AuditLog, requestConfirm, requestRevert, startTransaction, type TransactionHandle } from '../../src/transaction/index.js';
import { writeJournal, OTHER } from '../transaction/support/fixtures.js';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, runManagementFlow } from './support/flows.js';

const WINDOW_MS = 3000;

/** From the menu: open Hostname, type `name`, and apply it from the review. Ends once the change is under way. */
async function applyHostname(h: ConsoleHarness, name: string): Promise<void> {
  await h.type('h');
  await h.press('enter');
  await h.waitForText('Letters, digits and hyphens');
  await h.replaceField(name);
  await h.press('enter');
  await h.waitForText('Apply? F8/y');
  await h.type('y');
}

/** A plan renaming the host, from `state`. */
function renamePlan(state: HostState, hostname: string, capabilities: Parameters<typeof validatePlan>[2]): Plan {
  const input = planFromManagement(state);
  if (input === null) throw new Error('no management interface');
  const { plan } = validatePlan({ ...input, hostname }, state, capabilities);
  if (plan === null) throw new Error('invalid plan');
  return plan;
}

/** A pid that is certainly not running (a process that has ended). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  if (r.pid === undefined) throw new Error('no pid');
  return r.pid;
}

describe('screens: confirm or revert (in-process simulated host and guardian)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('y keeps the change: the dialog shows the checks, the new URL and the countdown; the host has it', async () => {
    h = await ConsoleHarness.start();
    await applyHostname(h, 'xcp-ng-kept');
    await h.waitForText('Keep these settings?');
    const dialog = h.screenText();
    expect(dialog).to.include('[ok] New addresses present: 192.0.2.10/24, 2001:db8::10/64 on eth0');
    expect(dialog).to.include('[ok] Management address answers: https://192.0.2.10/');
    expect(dialog).to.include('Management URL: https://192.0.2.10/');
    expect(dialog).to.match(/F8\/y: keep {3}n\/Esc: revert now {3}\(reverting in (60|59) s\)/);
    expect(h.line(23)).to.include('F8/y Keep').and.to.include('n/Esc Revert now');
    await h.type('y');
    await h.waitForText('Change kept');
    expect(h.flatText()).to.include('1 step applied and kept (confirmed by tester on /dev/pts/9)');
    expect((await h.hostState()).hostname).to.equal('xcp-ng-kept');
    expect(h.sim?.callCount('host.set_hostname_live')).to.equal(1);
    expect(h.store.read()).to.equal(null);
    expect(h.store.readLast()?.tx.phase).to.equal('confirmed');
  });

  it('n reverts at once: every PIF and host record is as before, and the result says what was restored', async () => {
    h = await ConsoleHarness.start();
    const before = await h.records();
    await runManagementFlowUntilKeep(h);
    expect(JSON.stringify(await h.records())).not.to.equal(JSON.stringify(before));
    await h.type('n');
    await h.waitForText('Change reverted', 15_000);
    const text = h.flatText();
    expect(text).to.include('Reverted: a revert was asked for; the previous settings are back.');
    expect(text).to.include('Restored (the change -> the previous settings):');
    expect(text).to.include('eth0 IPv4 addresses: 192.0.2.20/24 -> 192.0.2.10/24');
    expect(await h.records()).to.deep.equal(before);
    expect(h.store.readLast()?.tx.revertReason).to.equal('requested');
  });

  it('no answer: reverted when the countdown ends, the dialog says so and what was restored; one tick redraws only the seconds', async () => {
    h = await ConsoleHarness.start({ confirmTimeoutMs: WINDOW_MS });
    const before = await h.records();
    await applyHostname(h, 'xcp-ng-timeout');
    await h.waitForText('(reverting in 2 s)');
    const mark = h.mark();
    await h.waitForText('(reverting in 1 s)');
    const perTick = h.bytesSince(mark);
    console.log(`      bytes per countdown tick: ${perTick}`);
    // The seconds digit, the cursor moves around it and the attributes: nothing else is redrawn.
    expect(perTick).to.be.greaterThan(0).and.lessThan(40);
    await h.waitForText('Change reverted', 15_000);
    const text = h.flatText();
    expect(text).to.include('Reverted: no confirmation came within the window; the previous settings are back.');
    expect(text).to.include('Hostname: xcp-ng-timeout -> xcp-ng-01');
    expect(await h.records()).to.deep.equal(before);
    expect(h.store.readLast()?.tx.revertReason).to.equal('timeout');
  });

  it('DNS servers go through the same dialog (revert now restores the list)', async () => {
    h = await ConsoleHarness.start();
    const before = (await h.hostState()).dns;
    await h.type('d');
    await h.press('enter');
    await h.waitForText('Used in this order');
    await h.type('d'); // delete the selected server
    await h.press('enter');
    await h.waitForText('Apply? F8/y');
    await h.type('y');
    await h.waitForText('Keep these settings?');
    await h.press('escape');
    await h.waitForText('Change reverted', 15_000);
    expect(h.screenText()).to.include('DNS servers:');
    expect((await h.hostState()).dns).to.deep.equal(before);
  });

  it('a confirmation from another session (hostconsole confirm) closes the dialog with "kept"', async () => {
    h = await ConsoleHarness.start();
    await applyHostname(h, 'xcp-ng-elsewhere');
    await h.waitForText('Keep these settings?');
    const r = requestConfirm(h.store, OTHER);
    expect(r.ok).to.equal(true);
    await h.waitForText('Change kept');
    expect(h.flatText()).to.include('confirmed by admin on /dev/pts/7 from 192.0.2.99');
    expect((await h.hostState()).hostname).to.equal('xcp-ng-elsewhere');
  });

  it('a revert from another session (hostconsole revert) closes the dialog with what was restored', async () => {
    h = await ConsoleHarness.start();
    await applyHostname(h, 'xcp-ng-undone');
    await h.waitForText('Keep these settings?');
    expect(requestRevert(h.store, OTHER).ok).to.equal(true);
    await h.waitForText('Change reverted', 15_000);
    expect(h.screenText()).to.include('Hostname: xcp-ng-undone -> xcp-ng-01');
    expect((await h.hostState()).hostname).to.equal('xcp-ng-01');
  });

  it('a second change while one is pending is refused with who made it and when it reverts; nothing is sent', async () => {
    h = await ConsoleHarness.start();
    const other = h.otherClient();
    let handle: TransactionHandle | null = null;
    try {
      const state = await other.loadState();
      if (!state.ok) throw new Error(state.error.message);
      const started = await startTransaction({
        backend: other,
        backendDescription: 'another console',
        plan: renamePlan(state.value, 'xcp-ng-pending', other.capabilities),
        baseState: state.value,
        store: h.store,
        audit: new AuditLog(`${h.store.dir}/audit.log`),
        who: OTHER,
        confirmTimeoutMs: 30_000,
        guardian: { kind: 'in-process' },
      });
      if (!started.ok) throw new Error(started.refusal.message);
      handle = started.handle;
      const deadline = Date.now() + 10_000;
      while (handle.phase() !== 'awaiting-confirmation' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await h.waitForText('| xcp-ng-pending |');
      const writes = h.writeCalls();
      await applyHostname(h, 'xcp-ng-second');
      await h.waitForText('Another change is pending');
      expect(h.boxText('Another change is pending')).to.match(/^Another change is pending \(by admin on \/dev\/pts\/7 from 192\.0\.2\.99, reverting in \d+ s\): confirm or revert it first\./);
      expect(h.writeCalls()).to.equal(writes);
      await h.press('enter');
      await backToMenu(h);
    } finally {
      if (handle !== null) {
        handle.revert();
        await handle.outcome;
      }
      await other.close();
    }
    expect((await h.hostState()).hostname).to.equal('xcp-ng-01');
  });

  it('at start, a change whose guardian is gone is reverted and the console says what was restored', async () => {
    let saved: unknown = null;
    h = await ConsoleHarness.start({
      beforeConsole: async (hh) => {
        saved = await hh.records();
        const other = hh.otherClient();
        try {
          const snap = await other.snapshot();
          const state = await other.loadState();
          if (!snap.ok || !state.ok) throw new Error('cannot read the host');
          const plan = renamePlan(state.value, 'xcp-ng-orphan', other.capabilities);
          expect((await applyPlan(other, plan, state.value)).kind).to.equal('applied');
          const pid = deadPid();
          writeJournal(hh.store, state.value, plan, { phase: 'awaiting-confirmation', deadline: Date.now() + 60_000 }, {
            snapshot: snap.value,
            backendDescription: 'simulated host',
            backendRef: null,
            guardianMode: 'detached',
            consolePid: pid,
            guardianPid: pid,
            changes: [{ key: 'hostname', path: 'Hostname', before: 'xcp-ng-01', after: 'xcp-ng-orphan', kind: 'config' }],
          });
        } finally {
          await other.close();
        }
      },
    });
    await h.waitForText('An unfinished change was reverted', 15_000);
    // (Within the dialog: the menu beside it has more items now.)
    const text = h.boxText('An unfinished change was reverted');
    expect(text).to.include('left without its guardian');
    expect(text).to.include('Hostname: xcp-ng-orphan -> xcp-ng-01');
    await h.press('enter');
    await h.waitForText('| xcp-ng-01 |');
    expect(await h.records()).to.deep.equal(saved);
    expect(h.store.readLast()?.tx.revertReason).to.equal('guardian-gone');
  });

  it('quitting while the change waits asks first and says what happens to it (the simulated host ends with the console)', async () => {
    h = await ConsoleHarness.start();
    await applyHostname(h, 'xcp-ng-quit');
    await h.waitForText('Keep these settings?');
    await h.press('ctrl-c');
    await h.waitForText('Quit hostconsole?');
    expect(h.boxText('Quit hostconsole?')).to.include('The simulated host lives in this console and ends with it, pending change and all.');
    await h.type('n');
    await h.waitForText('Keep these settings?');
    await h.type('y');
    await h.waitForText('Change kept');
  });
});

/** The management flow to IPv4-only static 192.0.2.20, stopping at the keep-or-revert dialog. */
async function runManagementFlowUntilKeep(h: ConsoleHarness): Promise<void> {
  await runManagementFlow(h, { layout: 'dual-ipv4-primary', ipv4: 'static', ipv6: 'static' }, { layout: 'ipv4-only', ipv4: 'static', ipv6: 'none' }, false);
}
