/**
 * Key dispatch: a key (as blessed reports it) becomes one command of the key table (keys/commands.ts) — global
 * commands first, then the top full-screen view's own keys, then the commands of the current context (the menu, the
 * top dialog's kind, or the too-small screen).
 */
import type { Dialog } from '../dialogs.js';
import { resolveKey, type KeyContext } from '../keys/commands.js';
import type { ViewKey } from '../screen-contract.js';
import type { Refusal } from './dialog-host.js';
import { viewKeyFor } from './view-host.js';

export interface KeyInfo {
  readonly full?: string;
  readonly name?: string;
}

export interface KeyTarget {
  context(): KeyContext;
  topDialog(): Dialog | undefined;
  /** Run a command of the key table. */
  run(commandId: string, name: string, ch: string | undefined): Refusal;
  /** A key of the top view's own (a live view's `p`, `r`). */
  runViewKey(key: ViewKey): Refusal;
}

/** The key's name ('down', 'S-tab', 'q', 'enter'), or null for a key that is reported twice and ignored once. */
export function keyName(ch: string | undefined, key: KeyInfo | undefined): string | null {
  const name = key?.full ?? ch ?? '';
  if (name === 'return') return null; // blessed emits 'enter' as well for '\r'
  return name === 'linefeed' ? 'enter' : name;
}

/** Runs the key's command; returns why it could not run (for the footer), or nothing. */
export function dispatchKey(target: KeyTarget, name: string, ch: string | undefined): Refusal {
  const global = resolveKey('global', name, ch);
  if (global !== undefined) return target.run(global.id, name, ch);
  const context = target.context();
  const top = target.topDialog();
  if (context !== 'too-small' && top !== undefined) {
    const own = viewKeyFor(top, name);
    if (own !== undefined) return target.runViewKey(own);
  }
  const command = resolveKey(context, name, ch);
  if (command !== undefined) return target.run(command.id, name, ch);
}
