/** The right pane of the Authentication items: who is logged in, the automatic log-out, how passwords are checked. */
import type { PaneContent } from '../ui/screen-contract.js';

export interface AuthPaneFacts {
  readonly user: string | null;
  readonly timeoutMs: number;
  /** How passwords are checked, or null while the host is being opened. */
  readonly mechanism: string | null;
  readonly users: readonly string[];
}

/** "5 minutes", "90 seconds", "1 minute 30 seconds". */
export function describeDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const m = minutes === 0 ? '' : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const s = rest === 0 ? '' : `${rest} second${rest === 1 ? '' : 's'}`;
  return [m, s].filter((x) => x !== '').join(' ') || '0 seconds';
}

export function authPane(line: string, facts: AuthPaneFacts): PaneContent {
  return {
    title: 'Authentication',
    blocks: [
      { kind: 'text', paragraphs: [line] },
      {
        kind: 'key-value',
        rows: [
          { key: 'Logged in', value: facts.user === null ? 'no (viewing needs no log-in; every change asks for the password)' : `as ${facts.user}` },
          { key: 'Auto-logout', value: `after ${describeDuration(facts.timeoutMs)} without a key` },
          { key: 'May log in', value: facts.users.join(', ') },
          { key: 'Checked by', value: facts.mechanism ?? 'known once the host is open' },
        ],
      },
    ],
  };
}
