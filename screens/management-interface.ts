/**
 * Management interface: choose the interface → the layout (IPv4 only / IPv6 only / dual stack and which family is
 * primary) → each family's mode and fields → DNS → hostname → review → apply → result. Esc goes back one step (from
 * the interface list, back to the menu); nothing is sent before the review is confirmed.
 */
import type { HostSession } from '../src/app/host-session.js';
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { HostState, PlanInput } from '../src/model/index.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { Screen, ScreenContext } from '../src/ui/screen-contract.js';

/** What the flow runs on, loaded when the screen is opened (not with the first frame). */
async function loadFlow() {
  const [planForm, review, model, view] = await Promise.all([
    import('../src/app/plan-form.js'),
    import('../src/app/review-and-apply.js'),
    import('../src/model/index.js'),
    import('../src/presentation/interface-view.js'),
  ]);
  return { ...planForm, ...review, ...model, ...view };
}
type Flow = Awaited<ReturnType<typeof loadFlow>>;

type StepId = 'interface' | 'layout' | 'ipv4' | 'ipv6' | 'dns' | 'hostname' | 'review';

function sequence(f: Flow, draft: PlanInput | null, session: HostSession): StepId[] {
  const families = draft === null ? [] : f.layoutFamilies(draft.layout);
  return ['interface', 'layout', ...families, 'dns', ...(session.capabilities.hostname ? (['hostname'] as const) : []), 'review'];
}

/** The chosen interface's id, or null on Esc. Interfaces that cannot carry management say why and stay unchosen. */
async function chooseInterface(f: Flow, ctx: ScreenContext, base: HostState, current: string | null): Promise<string | null> {
  let initial = Math.max(0, base.interfaces.findIndex((i) => i.id === (current ?? f.managementInterface(base)?.id)));
  for (;;) {
    const items = base.interfaces.map((i) => ({ value: i.id, label: f.managementChoiceLine(i, base) }));
    const id = await ctx.choose('Management interface: choose the interface', items, initial);
    if (id === null) return null;
    const iface = f.findInterface(base, id);
    if (iface === undefined) return null;
    const refusal = f.managementRefusal(iface, base);
    if (refusal === null) return id;
    initial = base.interfaces.indexOf(iface);
    await ctx.message(`${f.interfaceName(iface)} cannot carry management`, [refusal]);
  }
}

export function managementInterfaceScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'management',
    title: 'Management interface',
    menuLabel: 'Management interface',
    // Changes the host: opening asks the authorizer, and the apply asks again (ctx.authorize in reviewAndApply).
    changesHost: true,
    describe: () => menuPane('Enter: set addresses.', session.state(), session.readError()?.message ?? null),
    refresh: () => session.refresh(),
    open: async (ctx) => {
      const f = await loadFlow();
      let base = session.state();
      if (base === null) {
        await ctx.message('Management interface', [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
        return;
      }
      const caps = session.capabilities;
      let draft: PlanInput | null = null;
      let step: StepId = 'interface';
      for (;;) {
        const order = sequence(f, draft, session);
        const move = (delta: 1 | -1): StepId => order[Math.max(0, order.indexOf(step) + delta)] ?? 'interface';
        switch (step) {
          case 'interface': {
            const id = await chooseInterface(f, ctx, base, draft?.interfaceId ?? null);
            if (id === null) return;
            if (draft === null || draft.interfaceId !== id) draft = f.planFromState(base, id);
            step = 'layout';
            break;
          }
          case 'layout': {
            if (draft === null) return;
            const iface = f.findInterface(base, draft.interfaceId);
            const current = iface === undefined ? null : f.layoutOf(iface.ipv4.mode, iface.ipv6.mode, iface.primaryFamily);
            const layouts = f.offeredLayouts(f.LAYOUTS, caps);
            const items = layouts.map((l) => ({ value: l, label: `${f.describeLayout(l)}${l === current ? ' (current)' : ''}` }));
            const chosen = await ctx.choose(`Address layout on ${iface === undefined ? 'the interface' : f.interfaceName(iface)}`, items, Math.max(0, layouts.indexOf(draft.layout)));
            if (chosen === null) {
              step = 'interface';
              break;
            }
            // A family the layout brings back gets the settings it had before it was turned off.
            const earlier = session.earlierStates?.() ?? [];
            draft = f.withLayout(draft, chosen, caps, { ipv4: f.rememberedFamily(earlier, draft.interfaceId, 'ipv4'), ipv6: f.rememberedFamily(earlier, draft.interfaceId, 'ipv6') });
            const next = sequence(f, draft, session);
            step = next[next.indexOf('layout') + 1] ?? 'review';
            break;
          }
          case 'ipv4':
          case 'ipv6': {
            if (draft === null) return;
            const family: 'ipv4' | 'ipv6' = step;
            const values = await ctx.form(f.familyFormSpec(family, draft, base, caps));
            if (values === null) {
              step = move(-1);
              break;
            }
            draft = f.updateFamily(family)(draft, values);
            step = move(1);
            break;
          }
          case 'dns': {
            if (draft === null) return;
            const values = await ctx.form(f.dnsFormSpec(draft, base, caps));
            if (values === null) {
              step = move(-1);
              break;
            }
            draft = f.updateDns(draft, values);
            step = move(1);
            break;
          }
          case 'hostname': {
            if (draft === null) return;
            const values = await ctx.form(f.hostnameFormSpec(draft, base, caps));
            if (values === null) {
              step = move(-1);
              break;
            }
            draft = f.updateHostname(draft, values);
            step = move(1);
            break;
          }
          case 'review': {
            if (draft === null) return;
            const iface = f.findInterface(base, draft.interfaceId);
            const outcome = await f.reviewAndApply(ctx, session, draft, base, `Management interface ${iface === undefined ? '' : f.interfaceName(iface)}`.trim());
            if (outcome.kind === 'applied' || outcome.kind === 'cancelled') return;
            if (outcome.kind === 'reload') {
              base = outcome.state;
              const still = f.findInterface(base, draft.interfaceId);
              draft = still === undefined ? null : f.planFromState(base, still.id);
              step = draft === null ? 'interface' : 'layout';
              break;
            }
            const target: StepId = outcome.field === undefined ? move(-1) : f.stepOfField(outcome.field);
            step = sequence(f, draft, session).includes(target) ? target : 'layout';
            break;
          }
        }
      }
    },
  };
}
