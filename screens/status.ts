/** Status: everything about the host — both families' addresses with scope, gateways, DNS, URL, pool. */
import type { HostSession } from '../src/app/host-session.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function statusScreen(session: HostSession): Screen {
  return {
    id: 'status',
    title: 'Status',
    menuLabel: 'Status',
    describe: () => menuPane('Enter: the full status.', session.state(), session.readError()?.message ?? null),
    open: async (ctx) => {
      const state = session.state();
      if (state === null) {
        await ctx.message('Status', [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
        return;
      }
      const connection = session.connection();
      // Loaded when opened, not with the first frame.
      const { statusContent } = await import('../src/presentation/host-summary.js');
      await ctx.view(statusContent(state, session.description, connection.error === undefined ? { status: connection.status } : { status: connection.status, message: connection.error.message }));
    },
    refresh: () => session.refresh(),
  };
}
