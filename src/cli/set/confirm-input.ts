/**
 * The answer to "Keep these settings?": keys on a terminal (Enter or y keeps, n or Ctrl-C reverts), or lines on a
 * pipe ("y"/"yes", "n"/"no"). At the end of piped input nothing happens: `hostconsole confirm`, `hostconsole revert`
 * or the deadline decide.
 */
import type { CliIo } from '../io.js';

export const PROMPT = 'Keep these settings? Press Enter to confirm, or Ctrl-C to revert now';

/** Starts reading; returns the function that stops it (and leaves raw mode). */
export function readConfirmation(io: CliIo, onAnswer: (answer: 'confirm' | 'revert') => void): () => void {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (stdin.isTTY === true && typeof stdin.setRawMode === 'function') {
    stdin.setRawMode(true);
    const onData = (data: Buffer): void => {
      const key = data.toString('utf8');
      if (key === '\r' || key === '\n' || key === 'y' || key === 'Y') onAnswer('confirm');
      else if (key === '\u0003' || key === 'n' || key === 'N') onAnswer('revert');
    };
    stdin.on('data', onData);
    stdin.resume();
    return () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
  }
  let buffer = '';
  const onData = (data: Buffer | string): void => {
    buffer += data.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const answer = buffer.slice(0, nl).trim().toLowerCase();
      buffer = buffer.slice(nl + 1);
      if (answer === 'y' || answer === 'yes') onAnswer('confirm');
      else if (answer === 'n' || answer === 'no') onAnswer('revert');
    }
  };
  io.stdin.on('data', onData);
  io.stdin.resume();
  return () => {
    io.stdin.off('data', onData);
    io.stdin.pause();
  };
}
