import { KEY_COMMANDS, keyLabel, type KeyCommand, type KeyContext } from './commands.js';

const CONTEXT_TITLES: Readonly<Record<KeyContext, string>> = {
  menu: 'Main menu',
  form: 'Forms',
  choose: 'Choice lists',
  view: 'Full-screen views',
  message: 'Message dialogs',
  confirm: 'Confirmation dialogs',
  error: 'Error dialogs',
  progress: 'Progress dialogs',
  review: 'Review before applying',
  'keep-or-revert': 'Keep or revert a change (the confirmation window)',
  list: 'Editable lists (DNS servers)',
  'too-small': 'Terminal too small',
  global: 'Everywhere',
};

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The key reference as Markdown (docs/keys.md is this text; a test keeps them equal). */
export function renderKeyTableMarkdown(commands: readonly KeyCommand[] = KEY_COMMANDS): string {
  const lines: string[] = [
    '# hostconsole keys',
    '',
    '<!-- Generated from src/ui/keys/commands.ts by src/ui/keys/key-table.ts; do not edit by hand.',
    '     Regenerate: npx tsx src/ui/keys/write-key-docs.ts -->',
    '',
    'The footer of the console lists the keys that work on the current screen; this is the full list.',
  ];
  const contexts: KeyContext[] = [];
  for (const c of commands) if (!contexts.includes(c.context)) contexts.push(c.context);
  for (const context of contexts) {
    lines.push('', `## ${CONTEXT_TITLES[context]}`, '', '| Keys | Action |', '| --- | --- |');
    for (const c of commands.filter((x) => x.context === context)) {
      lines.push(`| ${escapeCell(c.keys.map(keyLabel).join(', '))} | ${escapeCell(c.description)} |`);
    }
  }
  return lines.join('\n') + '\n';
}
