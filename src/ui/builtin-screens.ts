/**
 * Screens the shell itself provides until (and alongside) the host screens in screens/: About
 * (what the program decided about this terminal) and Keys (the key reference).
 */
import { keySections } from './keys/key-reference.js';
import type { PaneBlock, Screen } from './screen-contract.js';
import type { TerminalSetup } from './terminal/open-terminal.js';

export function aboutScreen(version: string, setup: TerminalSetup): Screen {
  const rows = [
    { key: 'Version', value: version },
    { key: 'Terminal', value: setup.terminal.recognised ? setup.terminal.name : `${setup.terminal.name} (TERM '${setup.terminal.requested}' unknown)` },
    { key: 'Line drawing', value: setup.charset === 'utf8' ? 'UTF-8' : setup.charset === 'acs' ? 'VT100 graphics (ACS)' : 'ASCII' },
    { key: 'Colours', value: setup.theme.name === 'mono' ? 'monochrome' : 'colour' },
    { key: 'Size from', value: setup.sizeSource === 'tty' ? 'the terminal driver' : setup.sizeSource === 'probe' ? 'a cursor-position probe' : 'fallback 80x24' },
  ];
  return {
    id: 'about',
    title: 'About',
    menuLabel: 'About hostconsole',
    describe: () => ({
      title: 'About hostconsole',
      blocks: [
        { kind: 'text', paragraphs: ['Console for the management addressing of this XCP-ng host.'] },
        { kind: 'key-value', rows },
      ],
    }),
    open: async (ctx) => {
      await ctx.message('About hostconsole', [`hostconsole ${version}`, 'Options: --ascii (plain line drawing), --mono (no colour; NO_COLOR also works).']);
    },
  };
}

/** The Keys screen's text: one heading per group (menu, forms, dialogs, lists, everywhere), a sub-heading per kind of dialog. */
export function keyBlocks(): PaneBlock[] {
  const blocks: PaneBlock[] = [];
  for (const section of keySections()) {
    blocks.push({ kind: 'text', paragraphs: [section.title.toUpperCase()] });
    for (const part of section.parts) {
      if (part.title !== null) blocks.push({ kind: 'text', paragraphs: [`${part.title}:`] });
      blocks.push({ kind: 'key-value', rows: part.rows.map((r) => ({ key: r.keys, value: r.action })) });
    }
  }
  return blocks;
}

export function keysScreen(): Screen {
  return {
    id: 'keys',
    title: 'Keys',
    menuLabel: 'Keys',
    describe: () => ({
      title: 'Keys',
      blocks: [{ kind: 'text', paragraphs: ['The footer lists the keys that work where you are. Open this item for the full list.'] }],
    }),
    open: async (ctx) => {
      await ctx.view({ title: 'Keys', blocks: keyBlocks() });
    },
  };
}
