/** The footer's hints: the commands of the current context that can run here, in the key table's order. */
import type { Dialog } from '../dialogs.js';
import { commandsFor, type FooterHint, type KeyContext } from '../keys/commands.js';
import * as form from '../state/form-state.js';

export interface FooterSituation {
  readonly context: KeyContext;
  readonly top: Dialog | undefined;
  /** The menu shows a section's items (Esc goes back). */
  readonly inSection: boolean;
  /** The selected menu entry can re-read what it shows (F5). */
  readonly canRefresh: boolean;
  /** The right pane has more lines than fit. */
  readonly paneScrolls: boolean;
  /** The top view has more lines than fit. */
  readonly viewScrolls: boolean;
}

export function footerHints(s: FooterSituation): FooterHint[] {
  const hints: FooterHint[] = [];
  // A view's own keys come first (Test network's "p Pause"), then the view's scrolling and Esc.
  if (s.top?.kind === 'view') for (const key of s.top.keys) if (key.footer !== null) hints.push(key.footer);
  for (const command of commandsFor(s.context)) {
    if (command.footer === null) continue;
    if (command.id === 'menu.back' && !s.inSection) continue;
    if (command.id === 'pane.scroll-down' && !s.paneScrolls) continue;
    if (command.id === 'view.down' && !s.viewScrolls) continue;
    if (command.id === 'app.refresh' && !s.canRefresh) continue;
    if (s.context === 'form') {
      const kind = s.top?.kind === 'form' ? form.focused(s.top.state)?.spec.kind : undefined;
      if (command.id === 'form.choice-next' && kind !== 'choice') continue;
    }
    if (s.context === 'list') {
      const count = s.top?.kind === 'list' ? s.top.items.length : 0;
      if ((command.id === 'list.down' || command.id === 'list.delete') && count === 0) continue;
      if (command.id === 'list.move-up' && count < 2) continue;
    }
    hints.push(command.footer);
  }
  return hints;
}
