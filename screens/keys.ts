/** Keys: the key reference (every command of the key table, grouped by where it applies), the same list as docs/keys.md. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { KeySection } from '../src/ui/keys/key-reference.js';
import type { PaneBlock, Screen } from '../src/ui/screen-contract.js';

/** The Keys screen's text: one heading per group (menu, forms, dialogs, lists, everywhere), a sub-heading per kind of dialog. */
export function keyBlocks(sections: readonly KeySection[]): PaneBlock[] {
  const blocks: PaneBlock[] = [];
  for (const section of sections) {
    blocks.push({ kind: 'text', paragraphs: [section.title.toUpperCase()] });
    for (const part of section.parts) {
      if (part.title !== null) blocks.push({ kind: 'text', paragraphs: [`${part.title}:`] });
      blocks.push({ kind: 'key-value', rows: part.rows.map((r) => ({ key: r.keys, value: r.action })) });
    }
  }
  return blocks;
}

export function keysScreen(_deps: ScreenDeps): Screen {
  return {
    id: 'keys',
    title: 'Keys',
    menuLabel: 'Keys',
    describe: () => ({
      title: 'Keys',
      blocks: [{ kind: 'text', paragraphs: ['The footer lists the keys that work where you are. Open this item for the full list.'] }],
    }),
    open: async (ctx) => {
      // The key reference loads when the screen is opened, not with the first frame.
      const { keySections } = await import('../src/ui/keys/key-reference.js');
      await ctx.view({ title: 'Keys', blocks: keyBlocks(keySections()) });
    },
  };
}
