/** Storage (read-only): SRs with type, shared, size, and the server of network storage with its family. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { InventoryFeed } from '../src/app/inventory-feed.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function storageScreen({ session, feed: given }: ScreenDeps): Screen {
  const feed = given ?? new InventoryFeed(session);
  return {
    id: 'storage',
    title: 'Storage',
    // xsconsole's name; its letter (d) is its own on the top level, where Status already starts with s.
    menuLabel: 'Disks and storage',
    describe: () => {
      const srs = feed.latest()?.srs ?? null;
      const summary = srs === null ? 'Enter: every storage repository, and which servers this host can reach.' : `${srs.length} storage repositories. Enter: the list.`;
      return { title: 'Storage repositories', blocks: [{ kind: 'text', paragraphs: [summary] }] };
    },
    open: async (ctx) => {
      const snapshot = await feed.load();
      if (snapshot === null) {
        await ctx.message('Storage repositories', [feed.error()?.message ?? session.readError()?.message ?? 'This backend has no storage repositories to show.']);
        return;
      }
      const { srListContent } = await import('../src/presentation/inventory-view.js');
      await ctx.view(srListContent(snapshot.srs, session.state()));
    },
    refresh: async () => {
      await session.refresh();
      if (feed.latest() !== null) await feed.load();
    },
  };
}
