/**
 * The shell's stack of dialogs and full-screen views, each with the blessed box that draws it. The top one owns the
 * keys. Dialog states are immutable: a change replaces the entry's state (`replace`), found by identity.
 */
import type blessed from 'blessed';
import type { Dialog } from '../dialogs.js';
import { BoxSlot } from '../widgets/box-slot.js';

export interface StackEntry {
  dialog: Dialog;
  readonly slot: BoxSlot;
}

export class DialogStack {
  private readonly entries: StackEntry[] = [];
  private closed = false;

  constructor(private readonly screen: blessed.Widgets.Screen) {}

  /** Top first is the last; in drawing order (bottom first). */
  all(): readonly StackEntry[] {
    return this.entries;
  }

  top(): Dialog | undefined {
    return this.entries[this.entries.length - 1]?.dialog;
  }

  has(dialog: Dialog): boolean {
    return this.entries.some((e) => e.dialog === dialog);
  }

  /** The entry holding `dialog` now (it keeps its place when its state is replaced). */
  entryOf(dialog: Dialog): StackEntry | undefined {
    return this.entries.find((e) => e.dialog === dialog);
  }

  push(dialog: Dialog): void {
    if (this.closed) return;
    this.entries.push({ dialog, slot: new BoxSlot(this.screen, { border: true, padding: 1 }) });
  }

  pop(dialog: Dialog): void {
    const at = this.entries.findIndex((e) => e.dialog === dialog);
    if (at === -1) return;
    const [entry] = this.entries.splice(at, 1);
    entry?.slot.destroy();
  }

  replace(dialog: Dialog, next: Dialog): void {
    const entry = this.entryOf(dialog);
    if (entry) entry.dialog = next;
  }

  /** Shutdown: every dialog answers "cancelled", top first; no dialog opens afterwards. */
  cancelAll(): void {
    this.closed = true;
    for (const { dialog } of this.entries.splice(0).reverse()) cancelValue(dialog);
  }
}

/** Resolve a dialog with its "cancelled" answer (used when the shell shuts down under it). */
export function cancelValue(dialog: Dialog): void {
  switch (dialog.kind) {
    case 'message':
    case 'error':
      return dialog.resolve();
    case 'view':
      return dialog.resolve('shutdown');
    case 'confirm':
    case 'review':
      return dialog.resolve(false);
    case 'form':
    case 'choose':
    case 'list':
      return dialog.resolve(null);
    case 'keep-or-revert':
      return dialog.resolve('shutdown');
    case 'progress':
      return;
  }
}
