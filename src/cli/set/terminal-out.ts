/** Writes to the terminal until it is gone (after SIGHUP writes may fail; the transaction goes on). */
import type { CliIo } from '../io.js';

export class TerminalOut {
  #gone = false;
  constructor(private readonly io: CliIo) {}

  get tty(): boolean {
    return !this.#gone && (this.io.stdout as { isTTY?: boolean }).isTTY === true;
  }

  hangUp(): void {
    this.#gone = true;
  }

  line(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    if (this.#gone) return;
    try {
      this.io[stream].write(text + '\n');
    } catch {
      this.#gone = true;
    }
  }

  raw(text: string): void {
    if (this.#gone) return;
    try {
      this.io.stdout.write(text);
    } catch {
      this.#gone = true;
    }
  }

  /** Clears the countdown line on a terminal. */
  clearLine(): void {
    if (this.tty) this.raw('\r\x1b[K');
  }
}
