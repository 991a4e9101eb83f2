/**
 * At start, before the menu takes keys: a change an earlier console left without its guardian is reverted here (the
 * guardian logic, in this process) and the user is told what was restored; a change still pending under a live
 * guardian is reported, with who decides it.
 */
import type { ProgressHandle, ScreenContext } from '../ui/screen-contract.js';
import type { HostSession } from './host-session.js';

/** A recovery that takes longer than this (a revert) shows a progress dialog meanwhile. */
const SHOW_PROGRESS_AFTER_MS = 300;

export async function recoverOnStart(ctx: ScreenContext, session: HostSession): Promise<void> {
  let progress: ProgressHandle | null = null;
  const timer = setTimeout(() => {
    progress = ctx.progress('Finishing an unfinished change', [{ id: 'restore', label: 'Restore the settings saved before it' }]);
    progress.update('restore', 'running');
  }, SHOW_PROGRESS_AFTER_MS);
  let result;
  try {
    result = await session.recover();
  } finally {
    clearTimeout(timer);
    (progress as ProgressHandle | null)?.close();
  }
  if (result.kind === 'none') return;
  // The words (and the transaction layer they use) are loaded only when there is something to say.
  const { recoveryMessage } = await import('../presentation/pending-change.js');
  const message = recoveryMessage(result, Date.now());
  if (message !== null) await ctx.message(message.title, message.paragraphs);
  // What was restored changed the host: read it again for the screens.
  if (result.kind === 'recovered') await session.refresh();
}
