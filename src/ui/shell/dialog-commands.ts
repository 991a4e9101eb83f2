/**
 * Keys on the top dialog: one command (resolved from the key table for the dialog's context) changes the dialog's
 * state or answers it. Forms and lists are the form host's, views and reviews the view host's.
 */
import type { Dialog } from '../dialogs.js';
import { jumpToLetter, moveBy } from '../state/menu-state.js';
import type { DialogHost, Refusal } from './dialog-host.js';
import { runFormCommand, runListCommand } from './form-host.js';
import { runReviewCommand, runViewCommand } from './view-host.js';

export function runDialogCommand(host: DialogHost, dialog: Dialog, id: string, name: string, ch: string | undefined): Refusal {
  const { stack } = host;
  switch (dialog.kind) {
    case 'message':
      stack.pop(dialog);
      return dialog.resolve();
    case 'confirm':
      stack.pop(dialog);
      return dialog.resolve(id === 'confirm.yes');
    case 'error':
      if (id === 'error.details') return stack.replace(dialog, { ...dialog, showDetails: !dialog.showDetails });
      stack.pop(dialog);
      return dialog.resolve();
    case 'choose': {
      if (id === 'choose.up' || id === 'choose.down') return stack.replace(dialog, { ...dialog, menu: moveBy(dialog.menu, id === 'choose.up' ? -1 : 1) });
      if (id === 'choose.jump') return stack.replace(dialog, { ...dialog, menu: jumpToLetter(dialog.menu, ch ?? '') });
      stack.pop(dialog);
      return dialog.resolve(id === 'choose.pick' ? (dialog.items[dialog.menu.selected]?.value ?? null) : null);
    }
    case 'progress':
      return 'Please wait until the steps have finished.';
    case 'keep-or-revert':
      stack.pop(dialog);
      return dialog.resolve(id === 'keep.yes' ? 'keep' : 'revert');
    case 'view':
      return runViewCommand(host, dialog, id, name);
    case 'review':
      return runReviewCommand(host, dialog, id, name);
    case 'form':
      return runFormCommand(host, dialog, id, name, ch);
    case 'list':
      return runListCommand(host, dialog, id);
  }
}
