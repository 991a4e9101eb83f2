/** Virtual machines (read-only): name, power state, host, guest addresses of both families; kept current by events. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { InventoryFeed } from '../src/app/inventory-feed.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function virtualMachinesScreen({ session, feed: given }: ScreenDeps): Screen {
  const feed = given ?? new InventoryFeed(session);
  return {
    id: 'vms',
    title: 'Virtual machines',
    menuLabel: 'Virtual machines',
    describe: () => {
      const latest = feed.latest();
      const guests = latest?.vms ?? null;
      const summary = guests === null ? 'Enter: every VM with its state, host and addresses.' : `${guests.length} VM(s), ${guests.filter((v) => v.powerState === 'Running').length} running. Enter: the list.`;
      return { title: 'Virtual machines', blocks: [{ kind: 'text', paragraphs: [summary, ...(feed.error() !== null ? [feed.error()?.message ?? ''] : [])] }] };
    },
    open: async (ctx) => {
      const snapshot = await feed.load();
      if (snapshot === null) {
        await ctx.message('Virtual machines', [feed.error()?.message ?? session.readError()?.message ?? 'This backend has no virtual machines to show (or the host has not been read yet).']);
        return;
      }
      const { vmListContent } = await import('../src/presentation/inventory-view.js');
      await ctx.view(vmListContent(snapshot.vms));
    },
    refresh: async () => {
      await session.refresh();
      if (feed.latest() !== null) await feed.load();
    },
  };
}
