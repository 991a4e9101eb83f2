/**
 * The frame first (issue #5): the console draws its frame before its backend has answered — the host items say
 * "reading the host..." — and fills in the host when it has read it, as `hostconsole console` runs it (a
 * DeferredHostSession, the live session attached later). Startup recovery waits for the live session and still runs
 * before any change can start.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { applyPlan } from '../../src/backends/apply-plan.js';
import { planFromManagement, validatePlan } from '../../src/model/index.js';
import { writeJournal } from '../transaction/support/fixtures.js';
import { ConsoleHarness } from './support/console-harness.js';
import { openNetworkItem } from './support/flows.js';

/** A pid that is certainly not running (a process that has ended). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  if (r.pid === undefined) throw new Error('no pid');
  return r.pid;
}

/** Rename the host from another client and leave a journal whose guardian is gone (an earlier console died). */
async function leaveOrphanChange(h: ConsoleHarness): Promise<void> {
  const other = h.otherClient();
  try {
    const snap = await other.snapshot();
    const state = await other.loadState();
    if (!snap.ok || !state.ok) throw new Error('cannot read the host');
    const input = planFromManagement(state.value);
    if (input === null) throw new Error('no management interface');
    const { plan } = validatePlan({ ...input, hostname: 'xcp-ng-orphan' }, state.value, other.capabilities);
    if (plan === null) throw new Error('invalid plan');
    expect((await applyPlan(other, plan, state.value)).kind).to.equal('applied');
    const pid = deadPid();
    writeJournal(h.store, state.value, plan, { phase: 'awaiting-confirmation', deadline: Date.now() + 60_000 }, {
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
}

describe('screens: the first frame does not wait for the backend', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('draws the frame with "reading the host..." before the backend is open and while its read is held, then fills in the host', async () => {
    h = await ConsoleHarness.start({ deferred: true, holdReads: true, term: 'vt100', env: { LANG: 'C' } });
    // The frame: top line with the backend named, the menu, the pane saying the host is being read.
    expect(h.line(0)).to.match(/^ hostconsole \| - \| simulated host \(scenario default\) +03:04 $/);
    expect(h.screenText()).to.include('Network and Management');
    expect(h.screenText()).to.include('Host: reading the host...');
    expect(h.screenText()).to.include('Enter: the full status.');
    // A host item opened now says so, and changes nothing.
    await h.press('enter');
    await h.waitForText('The host has not been read yet');
    await h.press('enter');
    await h.waitForText('Enter Open');
    // The live session takes over; its first read is still held back.
    await h.attach();
    expect(h.screenText()).to.include('Host: reading the host...');
    expect(h.screenText()).not.to.include('xcp-ng-01');
    // The read answers: the host fills in, top line and pane.
    h.releaseReads();
    await h.waitForText('URL:          https://192.0.2.10/');
    expect(h.line(0)).to.match(/^ XCP-ng 8\.3\.0 \| xcp-ng-01 \| simulated host \(scenario default\) +03:04 $/);
    expect(h.screenText()).not.to.include('reading the host');
    // The host screens work on the live session.
    await openNetworkItem(h, 'n');
    await h.waitForText('eth0: link up, 1 Gb/s');
    await h.press('escape');
    await h.waitForText('Enter Open');
    expect(h.writeCalls()).to.equal(0);
  });

  it('a menu move while the host is being read costs what a move costs (the pane does not change)', async () => {
    h = await ConsoleHarness.start({ deferred: true, holdReads: true, term: 'vt100', env: { LANG: 'C' } });
    await h.type('n');
    await h.press('enter');
    await h.press('down');
    await h.press('down');
    expect(h.meanBytes('down')).to.be.below(120);
    expect(h.screenText()).to.include('Enter: add, delete, reorder.');
  });

  it('startup recovery waits for the live session, then reverts the change an earlier console left', async () => {
    h = await ConsoleHarness.start({ deferred: true, beforeConsole: leaveOrphanChange });
    // Before the live session: no recovery yet (the journal is still pending, the host still renamed).
    expect(h.store.read()?.tx.phase).to.equal('awaiting-confirmation');
    expect(h.screenText()).not.to.include('An unfinished change');
    await h.attach();
    await h.waitForText('An unfinished change was reverted', 15_000);
    expect(h.flatText()).to.include('Hostname: xcp-ng-orphan -> xcp-ng-01');
    await h.press('enter');
    await h.waitForText('| xcp-ng-01 |');
    expect(h.store.read()).to.equal(null);
    expect(h.store.readLast()?.tx.revertReason).to.equal('guardian-gone');
  });

  it('a flow the user opened before the live session keeps the screen; recovery follows when it closes, before the menu is back', async () => {
    h = await ConsoleHarness.start({ deferred: true, beforeConsole: leaveOrphanChange });
    // Keys (a view) opened while the host is being read.
    await h.type('k');
    await h.press('enter');
    await h.waitForText('lines 1-');
    await h.attach();
    // Recovery is queued behind the open view: the view stays on top, the change is not finished yet.
    expect(h.screenText()).to.include('lines 1-');
    expect(h.screenText()).not.to.include('An unfinished change');
    expect(h.store.read()?.tx.phase).to.equal('awaiting-confirmation');
    await h.press('escape');
    // The recovery runs before the menu takes keys again.
    await h.waitForText('An unfinished change was reverted', 15_000);
    await h.press('enter');
    await h.waitForText('| xcp-ng-01 |');
    expect(h.store.readLast()?.tx.revertReason).to.equal('guardian-gone');
  });
});
