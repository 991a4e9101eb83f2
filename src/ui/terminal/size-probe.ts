import type { Readable, Writable } from 'node:stream';

export interface Size {
  readonly cols: number;
  readonly rows: number;
}

export const FALLBACK_SIZE: Size = { cols: 80, rows: 24 };

/**
 * Ask the terminal its size: save cursor, move to 999;999 (clamped to the corner), request a
 * cursor-position report, restore; and also ask xterm-style CSI 18 t. Either answer is enough.
 */
export const SIZE_PROBE_REQUEST = '\x1b7\x1b[999;999H\x1b[6n\x1b8\x1b[18t';

const CPR = /\x1b\[(\d+);(\d+)R/;
const TEXT_AREA = /\x1b\[8;(\d+);(\d+)t/;

/** Parse a reply to SIZE_PROBE_REQUEST; null when no complete, plausible reply is in `text`. */
export function parseSizeReply(text: string): Size | null {
  const area = TEXT_AREA.exec(text);
  if (area) return plausible(Number(area[2]), Number(area[1]));
  const cpr = CPR.exec(text);
  if (cpr) return plausible(Number(cpr[2]), Number(cpr[1]));
  return null;
}

function plausible(cols: number, rows: number): Size | null {
  if (!Number.isInteger(cols) || !Number.isInteger(rows)) return null;
  if (cols < 2 || rows < 2 || cols > 1000 || rows > 1000) return null;
  return { cols, rows };
}

/** The size the tty reports, or null when it reports nothing usable (serial lines say 0×0). */
export function reportedSize(output: Writable): Size | null {
  const s = output as Writable & { columns?: number; rows?: number };
  const cols = s.columns ?? 0;
  const rows = s.rows ?? 0;
  return cols > 0 && rows > 0 ? { cols, rows } : null;
}

/**
 * Write the probe and wait (bounded) for a reply on `input`. Resolves null on timeout. The caller
 * must keep the reply bytes away from key handling while this runs.
 */
export function probeSize(input: Readable, output: Writable, timeoutMs = 400): Promise<Size | null> {
  return new Promise((resolve) => {
    let received = '';
    const onData = (chunk: Buffer | string): void => {
      received += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
      const size = parseSizeReply(received);
      if (size) finish(size);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    const finish = (size: Size | null): void => {
      clearTimeout(timer);
      input.removeListener('data', onData);
      resolve(size);
    };
    input.on('data', onData);
    if (input.isPaused()) input.resume();
    output.write(SIZE_PROBE_REQUEST);
  });
}
