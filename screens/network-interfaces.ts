/** Network interfaces: every interface with its link, bond/VLAN and both families; Enter shows one in detail. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function networkInterfacesScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'interfaces',
    title: 'Network interfaces',
    menuLabel: 'Network interfaces',
    describe: () => menuPane('Enter: each interface.', session.state(), session.readError()?.message ?? null),
    open: async (ctx) => {
      // Loaded when opened, not with the first frame.
      const [{ findInterface }, { interfaceDetail, interfaceLine }] = await Promise.all([import('../src/model/index.js'), import('../src/presentation/interface-view.js')]);
      let selected = 0;
      for (;;) {
        const state = session.state();
        if (state === null) {
          await ctx.message('Network interfaces', [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
          return;
        }
        const items = state.interfaces.map((i) => ({ value: i.id, label: interfaceLine(i, state) }));
        const id = await ctx.choose('Network interfaces (Enter: details)', items, selected);
        if (id === null) return;
        selected = Math.max(0, items.findIndex((i) => i.value === id));
        // Re-read from the latest state: the host may have changed while the list was open.
        const latest = session.state() ?? state;
        const iface = findInterface(latest, id);
        if (iface !== undefined) await ctx.view(interfaceDetail(iface, latest));
      }
    },
    refresh: () => session.refresh(),
  };
}
