/**
 * The key reference grouped by where the keys apply — the menu, forms, dialogs (one part per kind of dialog), editable
 * lists, everywhere — so a key such as Esc or Enter is read under the one place it means what it says. The Keys screen
 * (builtin-screens.ts) and docs/keys.md (key-table.ts) are both rendered from these sections of the one key table.
 */
import { KEY_COMMANDS, keyLabel, type KeyCommand, type KeyContext } from './commands.js';

export type KeyGroup = 'menu' | 'forms' | 'dialogs' | 'lists' | 'everywhere';

export const KEY_GROUP_TITLES: Readonly<Record<KeyGroup, string>> = {
  menu: 'In the menu',
  forms: 'In forms',
  dialogs: 'In dialogs',
  lists: 'In editable lists (DNS servers)',
  everywhere: 'Everywhere',
};

const GROUP_OF: Readonly<Record<KeyContext, KeyGroup>> = {
  menu: 'menu',
  form: 'forms',
  choose: 'dialogs',
  view: 'dialogs',
  message: 'dialogs',
  confirm: 'dialogs',
  error: 'dialogs',
  progress: 'dialogs',
  review: 'dialogs',
  'keep-or-revert': 'dialogs',
  list: 'lists',
  'too-small': 'everywhere',
  global: 'everywhere',
};

/** A part of a group: dialogs have one per kind of dialog; the other groups one part without a title. */
const PART_TITLES: Readonly<Partial<Record<KeyContext, string>>> = {
  choose: 'Choice lists',
  view: 'Scrollable views',
  message: 'Messages',
  confirm: 'Yes/no questions',
  error: 'Errors',
  progress: 'Progress (steps being applied)',
  review: 'Review before applying',
  'keep-or-revert': 'Keep or revert a change (the countdown)',
  'too-small': 'When the terminal is smaller than 80x24',
};

export interface KeyRow {
  /** "F8, y" */
  readonly keys: string;
  readonly action: string;
}

export interface KeyPart {
  /** Null for the part every group starts with (its keys apply across the group). */
  readonly title: string | null;
  readonly rows: readonly KeyRow[];
}

export interface KeySection {
  readonly group: KeyGroup;
  readonly title: string;
  readonly parts: readonly KeyPart[];
}

/** The sections in the order menu, forms, dialogs, lists, everywhere; parts in the key table's order. */
export function keySections(commands: readonly KeyCommand[] = KEY_COMMANDS): KeySection[] {
  const groups: KeyGroup[] = ['menu', 'forms', 'dialogs', 'lists', 'everywhere'];
  return groups
    .map((group) => {
      const contexts: KeyContext[] = [];
      for (const c of commands) if (GROUP_OF[c.context] === group && !contexts.includes(c.context)) contexts.push(c.context);
      const parts = contexts.map((context) => ({
        title: PART_TITLES[context] ?? null,
        rows: commands.filter((c) => c.context === context).map((c) => ({ keys: c.keys.map(keyLabel).join(', '), action: c.description })),
      }));
      return { group, title: KEY_GROUP_TITLES[group], parts };
    })
    .filter((s) => s.parts.length > 0);
}
