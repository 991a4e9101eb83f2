/** Hostname: change the live hostname, checked with xapi's rules; applied through the same plan path. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { HostState, PlanInput } from '../src/model/index.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function hostnameScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'hostname',
    title: 'Hostname',
    menuLabel: 'Hostname',
    // Changes the host: opening asks the authorizer, and the apply asks again (ctx.authorize in reviewAndApply).
    changesHost: true,
    describe: () => menuPane('Enter: change the hostname.', session.state(), session.readError()?.message ?? null),
    refresh: () => session.refresh(),
    open: async (ctx) => {
      // Loaded when opened, not with the first frame.
      const [{ hostnameFormSpec, updateHostname }, { reviewAndApply }, { planFromManagement }] = await Promise.all([
        import('../src/app/plan-form.js'),
        import('../src/app/review-and-apply.js'),
        import('../src/model/index.js'),
      ]);
      let base: HostState | null = session.state();
      let typed: string | null = null;
      for (;;) {
        if (base === null) {
          await ctx.message('Hostname', [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
          return;
        }
        if (!session.capabilities.hostname) {
          await ctx.message('Hostname', [`This backend cannot change the hostname; it stays ${base.hostname}.`]);
          return;
        }
        const plan = planFromManagement(base);
        if (plan === null) {
          await ctx.message('Hostname', ['Management is disabled on this host; set up the management interface first.']);
          return;
        }
        const draft: PlanInput = typed === null ? plan : { ...plan, hostname: typed };
        const values = await ctx.form(hostnameFormSpec(draft, base, session.capabilities));
        if (values === null) return;
        const next = updateHostname(draft, values);
        const outcome = await reviewAndApply(ctx, session, next, base, 'Hostname');
        if (outcome.kind === 'reload') {
          base = outcome.state;
          typed = null;
        } else if (outcome.kind === 'back') {
          typed = next.hostname;
        } else {
          return;
        }
      }
    },
  };
}
