/** What the dialog, form and view hosts need from the shell: the stack, the screen size, a redraw, a new dialog. */
import type { Dialog } from '../dialogs.js';
import type { Size } from '../terminal/size-probe.js';
import type { DialogStack } from './dialog-stack.js';

export interface DialogHost {
  readonly stack: DialogStack;
  size(): Size;
  /** Redraw what changed. */
  render(): void;
  /** Open a dialog on top; settles with its answer (cancelled when the shell shuts down). */
  push<T>(make: (resolve: (value: T) => void) => Dialog): Promise<T>;
}

/** A command's result: why it could not run (the footer shows it until the next key), or nothing. */
export type Refusal = string | void;
