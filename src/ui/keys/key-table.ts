import { KEY_COMMANDS, type KeyCommand } from './commands.js';
import { keySections } from './key-reference.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The key reference as Markdown (docs/keys.md is this text; a test keeps them equal). Grouped as the Keys screen is. */
export function renderKeyTableMarkdown(commands: readonly KeyCommand[] = KEY_COMMANDS): string {
  const lines: string[] = [
    '# hostconsole keys',
    '',
    '<!-- Generated from src/ui/keys/commands.ts by src/ui/keys/key-table.ts; do not edit by hand.',
    '     Regenerate: npx tsx src/ui/keys/write-key-docs.ts -->',
    '',
    'The footer of the console lists the keys that work on the current screen; this is the full list, grouped by where',
    'the keys apply (the console\'s Keys screen shows the same list).',
  ];
  for (const section of keySections(commands)) {
    lines.push('', `## ${section.title}`);
    for (const part of section.parts) {
      if (part.title !== null) lines.push('', `### ${part.title}`);
      lines.push('', '| Keys | Action |', '| --- | --- |');
      for (const row of part.rows) lines.push(`| ${escapeCell(row.keys)} | ${escapeCell(row.action)} |`);
    }
  }
  return lines.join('\n') + '\n';
}
