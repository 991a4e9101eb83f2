/** Hardware and BIOS (read-only): CPU, memory, BIOS and product from the host's records. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { InventoryFeed } from '../src/app/inventory-feed.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function hardwareScreen({ session, feed: given }: ScreenDeps): Screen {
  const feed = given ?? new InventoryFeed(session);
  return {
    id: 'hardware',
    title: 'Hardware',
    menuLabel: 'Hardware and BIOS',
    describe: () => {
      const hw = feed.latest()?.hardware ?? null;
      const summary = hw === null ? 'Enter: CPU, memory, BIOS and product.' : `${hw.cpuCount} x ${hw.cpuModel}. Enter: the details.`;
      return { title: 'Hardware and BIOS', blocks: [{ kind: 'text', paragraphs: [summary] }] };
    },
    open: async (ctx) => {
      const snapshot = await feed.load();
      if (snapshot === null) {
        await ctx.message('Hardware and BIOS', [feed.error()?.message ?? session.readError()?.message ?? 'This backend has no hardware information.']);
        return;
      }
      const { hardwareContent } = await import('../src/presentation/inventory-view.js');
      await ctx.view(hardwareContent(snapshot.hardware));
    },
    refresh: async () => {
      await session.refresh();
      if (feed.latest() !== null) await feed.load();
    },
  };
}
