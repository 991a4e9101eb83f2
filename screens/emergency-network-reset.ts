/**
 * Emergency network reset (xsconsole's, and xe-reset-networking's): a new management configuration written to the
 * files xapi and xcp-networkd read at boot, shown before → after, then a reboot. Login first (ctx.authorize).
 */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { LiveResetSupport } from '../src/backends/live-reset.js';
import type { Screen, ScreenContext } from '../src/ui/screen-contract.js';
import type { FormValues } from '../src/ui/state/form-state.js';
import type { HostState } from '../src/model/index.js';

const TITLE = 'Emergency network reset';

export function emergencyNetworkResetScreen({ session }: ScreenDeps): Screen {
  /** Either reset's end: its error, or the host read again and its management summary under the reset's own line. */
  const showOutcome = async (
    ctx: ScreenContext,
    result: { readonly ok: true; readonly value: { readonly summary: string } } | { readonly ok: false; readonly error: { readonly message: string; readonly code: string; readonly params: readonly string[] } },
    managementSummaryLines: (state: HostState) => string[],
  ): Promise<void> => {
    if (!result.ok) {
      await ctx.error({ title: TITLE, message: result.error.message, details: [result.error.code, ...result.error.params].join(' ') });
      return;
    }
    await session.refresh();
    const after = session.state();
    await ctx.message(TITLE, [result.value.summary, ...(after === null ? [] : managementSummaryLines(after))]);
    ctx.invalidate();
  };
  /** NetworkManager: a fresh profile for the device, applied now; same form and checks, profiles before → after. */
  const liveReset = async (ctx: ScreenContext, live: LiveResetSupport): Promise<void> => {
    if (!(await ctx.authorize(TITLE))) return;
    const [app, { liveResetReviewContent }, { managementSummaryLines }] = await Promise.all([
      import('../src/app/emergency-reset.js'),
      import('../src/presentation/live-reset-view.js'),
      import('../src/presentation/reset-review.js'),
    ]);
    let typed: FormValues | null = null;
    for (;;) {
      const state = session.state();
      if (state === null) {
        await ctx.message(TITLE, [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
        return;
      }
      const values = await ctx.form(app.resetFormSpec(state, session.capabilities, typed, true));
      if (values === null) return;
      typed = values;
      const validation = app.validateResetValues(state, session.capabilities, values, true);
      if (validation.request === null) {
        await ctx.message(TITLE, validation.errors.map((e) => e.message));
        continue;
      }
      const planned = await live.plan(validation.request);
      if (!planned.ok) {
        await ctx.message(TITLE, [planned.error.message]);
        continue;
      }
      const warnings = [...validation.warnings.map((w) => w.message), ...planned.value.warnings];
      if (!(await ctx.review(liveResetReviewContent(planned.value.changes, warnings, live.summary), 'Make this profile and activate it now?'))) continue;
      const done = ctx.beginChange(TITLE, () => ['An emergency network reset is being applied.']);
      const progress = ctx.progress(TITLE, [
        { id: 'create', label: 'Add the new profile' },
        { id: 'activate', label: 'Activate it (the old one is deactivated)' },
        { id: 'wait', label: 'Wait until the addresses are usable' },
      ]);
      const tx = `reset-${Date.now().toString(36)}`;
      await session.auditNote?.(tx, 'network-reset', 'begin', { device: validation.request.device, profiles: planned.value.changes.map((c) => c.name), reboot: false });
      const result = await live.apply(planned.value, (step, s, note) => progress.update(step, s, note));
      await session.auditNote?.(tx, 'network-reset', result.ok ? 'applied' : 'apply-failed', result.ok ? {} : { error: result.error.message });
      progress.close();
      done();
      await showOutcome(ctx, result, managementSummaryLines);
      return;
    }
  };
  return {
    id: 'emergency-network-reset',
    title: TITLE,
    menuLabel: 'Emergency network reset',
    changesHost: true,
    describe: () =>
      menuPane(
        session.emergencyReset !== undefined
          ? 'Enter: rewrite the management configuration and reboot, when the network cannot be fixed live.'
          : session.liveReset !== undefined
            ? 'Enter: a fresh profile for the management NIC, applied now (no reboot); the old profiles are kept.'
            : 'Not offered by this backend (an xapi on another machine).',
        session.state(),
        session.readError()?.message ?? null,
      ),
    refresh: () => session.refresh(),
    open: async (ctx) => {
      const support = session.emergencyReset;
      const live = session.liveReset;
      if (support === undefined && live !== undefined) {
        await liveReset(ctx, live);
        return;
      }
      if (support === undefined) {
        await ctx.message(TITLE, [
          `${session.description} does not offer an emergency network reset.`,
          'It needs xapi on this machine (or the simulated host), or NetworkManager.',
        ]);
        return;
      }
      if (!(await ctx.authorize(TITLE))) return;
      // Loaded when opened, not with the first frame.
      const [app, { resetReviewContent, managementSummaryLines }] = await Promise.all([import('../src/app/emergency-reset.js'), import('../src/presentation/reset-review.js')]);
      let typed: FormValues | null = null;
      for (;;) {
        const state = session.state();
        if (state === null) {
          await ctx.message(TITLE, [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
          return;
        }
        const values = await ctx.form(app.resetFormSpec(state, session.capabilities, typed));
        if (values === null) return;
        typed = values;
        const validation = app.validateResetValues(state, session.capabilities, values);
        if (validation.request === null) {
          await ctx.message(TITLE, validation.errors.map((e) => e.message));
          continue;
        }
        const changes = app.plannedChanges(support, validation.request);
        const go = await ctx.review(resetReviewContent(state, validation, changes, support.rebootText), 'Write these files and reboot now?');
        if (!go) continue;
        const done = ctx.beginChange(TITLE, () => ['An emergency network reset is running; the host reboots when it is done.']);
        const progress = ctx.progress(TITLE, [
          { id: 'prepare', label: 'Stop what would rewrite the files' },
          { id: 'write', label: 'Write the files (old ones kept)' },
          { id: 'reboot', label: 'Reboot' },
        ]);
        const tx = `reset-${Date.now().toString(36)}`;
        await session.auditNote?.(tx, 'network-reset', 'begin', { root: support.root, files: changes.map((c) => c.path), reboot: true });
        // 'applied' once the files are written: a real host's reboot may not leave time for another line.
        const result = await app.runReset(support, changes, (step, s, note) => {
          progress.update(step, s, note);
          if (step === 'write' && s === 'done') void session.auditNote?.(tx, 'network-reset', 'applied', {});
          if (s === 'failed') void session.auditNote?.(tx, 'network-reset', 'apply-failed', { step, error: note ?? '' });
        });
        progress.close();
        done();
        await showOutcome(ctx, result, managementSummaryLines);
        return;
      }
    },
  };
}
