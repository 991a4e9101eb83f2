/**
 * Last-resort terminal restore, written when the normal path (blessed's leave) could not run:
 * attributes off, G0 = ASCII and shifted in, cursor shown, keypad normal, leave the alternate screen.
 * Harmless on terminals that lack a feature (they ignore unknown private modes).
 */
export const RESTORE_SEQUENCE = '\x1b[m\x1b(B\x0f\x1b[?25h\x1b[?1l\x1b>\x1b[?1049l';

/** The process events on which the console must restore the terminal before leaving. */
export type ExitReason = 'quit' | 'signal' | 'error' | 'input-closed';

export interface ExitGuardTarget {
  /** Restores the terminal and stops the UI; must be idempotent. */
  shutdown(reason: ExitReason): void;
}

/**
 * Route SIGTERM, SIGHUP, SIGINT (not normally delivered in raw mode) and uncaught errors through
 * the shell's shutdown. Returns a function that removes the guards. Used by the CLI verb only; the
 * tests drive `shutdown` directly.
 */
export function installExitGuards(target: ExitGuardTarget, onSignal: (signal: NodeJS.Signals) => void): () => void {
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
  const handlers = signals.map((signal) => {
    const handler = (): void => {
      target.shutdown('signal');
      onSignal(signal);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  let failed = false;
  const onError = (error: unknown): void => {
    if (failed) {
      // A second failure while handling the first (e.g. stderr on a hung-up tty): leave now
      // rather than loop on errors.
      process.exit(70);
    }
    failed = true;
    process.exitCode = 70;
    target.shutdown('error');
    try {
      process.stderr.on('error', () => undefined);
      process.stderr.write(`hostconsole: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    } catch {
      // stderr is the dead terminal; nothing to report to.
    }
  };
  const onExit = (): void => target.shutdown('quit');
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  process.on('exit', onExit);
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    process.removeListener('uncaughtException', onError);
    process.removeListener('unhandledRejection', onError);
    process.removeListener('exit', onExit);
  };
}
