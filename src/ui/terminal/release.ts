/**
 * Releasing the terminal to another program (the local command shell) and taking it back.
 *
 * Release: blessed's key listeners are detached from the input and the tty stops being read (a paused tty stream
 * would still read one more chunk — a keystroke stolen from the shell, or SIGTTIN once the shell owns the
 * foreground), raw mode goes off, blessed's writes are suppressed, and the terminal is reset to a sane state:
 * attributes off, G0 = ASCII and shifted in, keypad normal, cursor shown, normal screen buffer, cleared, cursor home.
 *
 * While released, the keyboard's signals (SIGINT, SIGQUIT, SIGTSTP) are ignored by the console, as system(3) does
 * for the program it waits for: a Ctrl-C meant for the shell (one without job control, or sent to the whole
 * process group) must not end the console under it.
 *
 * Take back: raw mode on, the listeners re-attached, reading resumed, writes let through, the alternate buffer
 * entered again; the caller then reallocates and redraws the whole screen (the other program drew over it).
 */
import type { Readable, Writable } from 'node:stream';
import { RESTORE_SEQUENCE } from './restore.js';

/** What is written on release after RESTORE_SEQUENCE: clear the screen, cursor to the top left. */
export const RELEASE_CLEAR = '\x1b[H\x1b[2J';

interface TtyInput {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
  _handle?: { reading?: boolean; readStop?: () => number; readStart?: () => number } | null;
}

/** The few blessed Program members used here (blessed's own types leave them out). */
export interface ReleasableProgram {
  readonly output: Writable & { write: Writable['write'] };
  alternateBuffer(): unknown;
}

/** The keyboard's signals, ignored while released. */
const KEYBOARD_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGQUIT', 'SIGTSTP'];

/** Ignore the keyboard's signals; returns the function that puts the console's own handlers back. */
function ignoreKeyboardSignals(): () => void {
  const ignore = (): void => undefined;
  const saved = KEYBOARD_SIGNALS.map((signal) => {
    const listeners = process.listeners(signal);
    for (const l of listeners) process.removeListener(signal, l);
    process.on(signal, ignore);
    return [signal, listeners] as const;
  });
  return () => {
    for (const [signal, listeners] of saved) {
      process.removeListener(signal, ignore);
      for (const l of listeners) process.on(signal, l);
    }
  };
}

/** Input events blessed listens to (its keypress decoder hangs on 'data'). */
const INPUT_EVENTS = ['data', 'keypress'] as const;

function setRaw(input: Readable, on: boolean): void {
  const tty = input as Readable & TtyInput;
  if (tty.isTTY === true && typeof tty.setRawMode === 'function') tty.setRawMode(on);
}

/**
 * Stops the tty from being read now (pause() alone leaves one read pending); returns the function that starts
 * reading again (the stream's own bookkeeping still counts the read as pending, so resume() alone would not).
 */
function stopReading(input: Readable): () => void {
  input.pause();
  const handle = (input as Readable & TtyInput)._handle;
  if (handle === null || handle === undefined || handle.reading !== true || typeof handle.readStop !== 'function') {
    return () => input.resume();
  }
  handle.readStop();
  handle.reading = false;
  return () => {
    input.resume();
    if (handle.reading !== true && typeof handle.readStart === 'function') {
      handle.readStart();
      handle.reading = true;
    }
  };
}

/**
 * Release the terminal; returns the function that takes it back (idempotent). `output` is the stream the console
 * writes to (the reset sequence goes there directly, before blessed's writes are suppressed).
 */
export function releaseTerminal(program: ReleasableProgram, input: Readable, output: Writable): () => void {
  const detached = INPUT_EVENTS.map((event) => {
    const listeners = input.listeners(event) as ((...args: unknown[]) => void)[];
    for (const l of listeners) input.removeListener(event, l);
    return [event, listeners] as const;
  });
  const startReading = stopReading(input);
  setRaw(input, false);
  const restoreSignals = ignoreKeyboardSignals();
  try {
    output.write(RESTORE_SEQUENCE + RELEASE_CLEAR);
  } catch {
    // The terminal is gone; the caller finds out when the shell cannot start.
  }
  const write = program.output.write;
  program.output.write = (() => true) as Writable['write'];
  let taken = false;
  return () => {
    if (taken) return;
    taken = true;
    restoreSignals();
    program.output.write = write;
    setRaw(input, true);
    for (const [event, listeners] of detached) for (const l of listeners) input.on(event, l);
    startReading();
    program.alternateBuffer();
  };
}
