/**
 * Status: everything about the host — both families' addresses with scope (link-local ones with their zone),
 * gateways, DNS, the management URL of each family, pool — as a full-screen view that follows the host while it is
 * open (a change made elsewhere shows up at once; only the cells that changed are redrawn).
 */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function statusScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'status',
    title: 'Status',
    menuLabel: 'Status display',
    describe: () => menuPane('Enter: the full status.', session.state(), session.readError()?.message ?? null),
    open: async (ctx) => {
      const first = session.state();
      if (first === null) {
        await ctx.message('Status', [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
        return;
      }
      // Loaded when opened, not with the first frame.
      const { statusContent } = await import('../src/presentation/host-summary.js');
      const content = () => {
        const connection = session.connection();
        const view = connection.error === undefined ? { status: connection.status } : { status: connection.status, message: connection.error.message };
        return statusContent(session.state() ?? first, session.description, view);
      };
      const view = ctx.liveView(content());
      const off = session.onChange(() => view.update(content()));
      try {
        await view.closed;
      } finally {
        off();
      }
    },
    refresh: () => session.refresh(),
  };
}
