/**
 * Keys are data: every command the shell understands, the keys that trigger it, what the footer
 * says about it and what the key reference says. The footer (presentation/footer.ts) and
 * docs/keys.md (keys/key-table.ts) are both rendered from this one list.
 *
 * Key names are blessed's: 'up', 'down', 'enter', 'escape', 'S-tab', 'C-l', 'f5', 'pageup', plain
 * characters; '<letter>' stands for any letter or digit and '<text>' for any printable character.
 */
export type KeyContext =
  | 'global'
  | 'menu'
  | 'form'
  | 'choose'
  | 'view'
  | 'message'
  | 'confirm'
  | 'error'
  | 'progress'
  | 'review'
  | 'keep-or-revert'
  | 'list'
  | 'too-small';

export interface FooterHint {
  /** How the footer names the keys, e.g. "Up/Down". */
  readonly keys: string;
  /** What they do here, e.g. "Select". */
  readonly text: string;
}

export interface KeyCommand {
  readonly id: string;
  readonly context: KeyContext;
  readonly keys: readonly string[];
  /** Shown in the footer when this command is enabled in the current context; null: never. */
  readonly footer: FooterHint | null;
  /** One line for the key reference. */
  readonly description: string;
}

const hint = (keys: string, text: string): FooterHint => ({ keys, text });

export const KEY_COMMANDS: readonly KeyCommand[] = [
  // Menu (the left column).
  { id: 'menu.up', context: 'menu', keys: ['up'], footer: null, description: 'Select the previous item (wraps to the last).' },
  { id: 'menu.down', context: 'menu', keys: ['down'], footer: hint('Up/Down', 'Select'), description: 'Select the next item (wraps to the first).' },
  { id: 'menu.open', context: 'menu', keys: ['enter', 'right'], footer: hint('Enter', 'Open'), description: 'Open the selected item (a section lists its own items).' },
  { id: 'menu.jump', context: 'menu', keys: ['<letter>'], footer: null, description: 'Jump to the next item starting with that letter.' },
  { id: 'menu.back', context: 'menu', keys: ['escape', 'left'], footer: hint('Esc', 'Back'), description: 'Back from a section to the main menu (nothing to do at the top).' },
  { id: 'pane.scroll-up', context: 'menu', keys: ['pageup'], footer: null, description: 'Scroll the right pane up.' },
  { id: 'pane.scroll-down', context: 'menu', keys: ['pagedown'], footer: hint('PgUp/PgDn', 'Scroll'), description: 'Scroll the right pane down.' },
  { id: 'app.refresh', context: 'menu', keys: ['f5'], footer: hint('F5', 'Refresh'), description: 'Re-read the host and redraw what is shown.' },
  { id: 'app.quit-key', context: 'menu', keys: ['q'], footer: hint('q', 'Quit'), description: 'Quit (asks first when a change is in flight).' },

  // Forms (dialogs with fields).
  { id: 'form.next', context: 'form', keys: ['tab', 'down'], footer: hint('Tab', 'Next'), description: 'Next field (checks the field being left).' },
  { id: 'form.prev', context: 'form', keys: ['S-tab', 'up'], footer: null, description: 'Previous field (checks the field being left).' },
  { id: 'form.choice-prev', context: 'form', keys: ['left'], footer: null, description: 'Choice field: previous option.' },
  { id: 'form.choice-next', context: 'form', keys: ['right', 'space'], footer: hint('Space', 'Change'), description: 'Choice field: next option.' },
  { id: 'form.type', context: 'form', keys: ['<text>'], footer: null, description: 'Text field: type; the first key replaces a prefilled value.' },
  { id: 'form.erase', context: 'form', keys: ['backspace'], footer: null, description: 'Text field: erase the last character.' },
  { id: 'form.enter', context: 'form', keys: ['enter'], footer: hint('Enter', 'Next/Submit'), description: 'Next field; on the last field, check every field and submit.' },
  { id: 'form.cancel', context: 'form', keys: ['escape'], footer: hint('Esc', 'Cancel'), description: 'Leave the form without changing anything.' },

  // Choice list (a submenu in a dialog).
  { id: 'choose.up', context: 'choose', keys: ['up'], footer: null, description: 'Select the previous option (wraps).' },
  { id: 'choose.down', context: 'choose', keys: ['down'], footer: hint('Up/Down', 'Select'), description: 'Select the next option (wraps).' },
  { id: 'choose.jump', context: 'choose', keys: ['<letter>'], footer: null, description: 'Jump to the next option starting with that letter.' },
  { id: 'choose.pick', context: 'choose', keys: ['enter', 'right'], footer: hint('Enter', 'Choose'), description: 'Choose the selected option.' },
  { id: 'choose.back', context: 'choose', keys: ['escape', 'left'], footer: hint('Esc', 'Back'), description: 'Go back without choosing.' },

  // Full-screen views (Status, Keys, details, live views). A view may add keys of its own, shown first in the footer.
  { id: 'view.up', context: 'view', keys: ['up', 'pageup'], footer: null, description: 'Scroll up (Up: a line, PgUp: a page).' },
  { id: 'view.down', context: 'view', keys: ['down', 'pagedown'], footer: hint('PgUp/PgDn', 'Scroll'), description: 'Scroll down (Down: a line, PgDn: a page).' },
  { id: 'view.close', context: 'view', keys: ['escape', 'left', 'enter'], footer: hint('Esc', 'Back'), description: 'Leave the view (back to the menu or the list it came from).' },

  // Message, confirmation, error and progress dialogs.
  { id: 'message.close', context: 'message', keys: ['enter', 'escape'], footer: hint('Enter', 'OK'), description: 'Close the message.' },
  { id: 'confirm.yes', context: 'confirm', keys: ['f8', 'y'], footer: hint('F8/y', 'Yes'), description: 'Confirm.' },
  { id: 'confirm.no', context: 'confirm', keys: ['n', 'escape'], footer: hint('n/Esc', 'No'), description: 'Decline.' },
  { id: 'error.close', context: 'error', keys: ['enter', 'escape'], footer: hint('Enter', 'OK'), description: 'Close the error.' },
  { id: 'error.details', context: 'error', keys: ['d'], footer: hint('d', 'Details'), description: 'Show or hide the details (the raw error code).' },

  // Review before applying (a before -> after table).
  { id: 'review.up', context: 'review', keys: ['up', 'pageup'], footer: null, description: 'Scroll up (Up: a line, PgUp: a page).' },
  { id: 'review.down', context: 'review', keys: ['down', 'pagedown'], footer: null, description: 'Scroll down (Down: a line, PgDn: a page).' },
  { id: 'review.yes', context: 'review', keys: ['f8', 'y'], footer: hint('F8/y', 'Apply'), description: 'Apply the change shown.' },
  { id: 'review.no', context: 'review', keys: ['n', 'escape', 'left'], footer: hint('n/Esc', 'Back'), description: 'Go back without applying.' },

  // Keep or revert a change just applied (the confirmation window, with its countdown).
  { id: 'keep.yes', context: 'keep-or-revert', keys: ['f8', 'y'], footer: hint('F8/y', 'Keep'), description: 'Keep the new settings (confirm the change).' },
  {
    id: 'keep.no',
    context: 'keep-or-revert',
    keys: ['n', 'escape'],
    footer: hint('n/Esc', 'Revert now'),
    description: 'Restore the previous settings now. Without an answer they come back by themselves when the countdown ends.',
  },
  { id: 'keep.quit', context: 'keep-or-revert', keys: ['q'], footer: hint('q', 'Quit'), description: 'Quit: asks first and says what becomes of the pending change.' },

  // Editable lists (DNS servers).
  { id: 'list.up', context: 'list', keys: ['up'], footer: null, description: 'Select the previous entry (wraps).' },
  { id: 'list.down', context: 'list', keys: ['down'], footer: hint('Up/Down', 'Select'), description: 'Select the next entry (wraps).' },
  { id: 'list.add', context: 'list', keys: ['a', 'insert'], footer: hint('a', 'Add'), description: 'Add an entry after the selected one.' },
  { id: 'list.delete', context: 'list', keys: ['d', 'delete'], footer: hint('d', 'Delete'), description: 'Delete the selected entry.' },
  { id: 'list.move-up', context: 'list', keys: ['u'], footer: hint('u/j', 'Move up/down'), description: 'Move the selected entry up.' },
  { id: 'list.move-down', context: 'list', keys: ['j'], footer: null, description: 'Move the selected entry down.' },
  { id: 'list.save', context: 'list', keys: ['enter', 'f8'], footer: hint('Enter', 'Save'), description: 'Keep this list (a review of the change follows).' },
  { id: 'list.cancel', context: 'list', keys: ['escape', 'left'], footer: hint('Esc', 'Cancel'), description: 'Leave the list without changing anything.' },

  { id: 'progress.wait', context: 'progress', keys: ['enter', 'escape'], footer: null, description: 'Nothing: the steps run to their end.' },
  { id: 'progress.quit', context: 'progress', keys: ['q'], footer: hint('q', 'Quit'), description: 'Quit: asks first, as a change is in flight.' },

  // Terminal below 80x24.
  { id: 'too-small.quit', context: 'too-small', keys: ['q'], footer: null, description: 'Quit.' },

  // Everywhere.
  { id: 'app.quit', context: 'global', keys: ['C-c'], footer: null, description: 'Quit (asks first when a change is in flight).' },
  { id: 'app.redraw', context: 'global', keys: ['C-l'], footer: null, description: 'Redraw the whole screen (and re-probe the size on a serial line).' },
];

/** Blessed key name → how people write it. */
export function keyLabel(key: string): string {
  const named: Record<string, string> = {
    up: 'Up',
    down: 'Down',
    left: 'Left',
    right: 'Right',
    enter: 'Enter',
    escape: 'Esc',
    tab: 'Tab',
    'S-tab': 'Shift-Tab',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    backspace: 'Backspace',
    space: 'Space',
    insert: 'Ins',
    delete: 'Del',
    '<letter>': 'a letter',
    '<text>': 'any character',
  };
  const fixed = named[key];
  if (fixed !== undefined) return fixed;
  if (/^f\d+$/.test(key)) return key.toUpperCase();
  const ctrl = /^C-(.)$/.exec(key);
  if (ctrl?.[1] !== undefined) return `Ctrl-${ctrl[1].toUpperCase()}`;
  return key;
}

/** The commands of one context, in declaration order. */
export function commandsFor(context: KeyContext): readonly KeyCommand[] {
  return KEY_COMMANDS.filter((c) => c.context === context);
}

/**
 * The command of `context` bound to the key `name` (a blessed full key name): exact key names win
 * over the '<letter>' / '<text>' wildcards, so 'q' quits from the menu rather than jumping.
 */
export function resolveKey(context: KeyContext, name: string, ch: string | undefined): KeyCommand | undefined {
  const commands = commandsFor(context);
  const exact = commands.find((c) => c.keys.includes(name));
  if (exact !== undefined) return exact;
  const letter = ch !== undefined && /^[A-Za-z0-9]$/.test(ch);
  const printable = ch !== undefined && ch.length === 1 && ch >= ' ' && ch <= '~';
  return commands.find((c) => (letter && c.keys.includes('<letter>')) || (printable && c.keys.includes('<text>')));
}
