/**
 * Messages quote what the user typed ("--ipv4 is none, dhcp or static:ADDR/PREFIX, not '…'"). A 100 KB argument
 * must not come back as a 200 KB line on a serial console: every quoted value longer than MAX_ECHO characters is
 * cut to its start and its length, and any line still longer than MAX_LINE is cut. Applied to everything the CLI
 * writes on stderr (main.ts), so no message can echo a value whole.
 */
import { Writable } from 'node:stream';

export const MAX_ECHO = 80;
export const MAX_LINE = 1000;

const QUOTED = new RegExp(`'([^'\\n]{${MAX_ECHO + 1},})'`, 'g');

export function clipEchoes(text: string): string {
  const clipped = text.replace(QUOTED, (_, value: string) => `'${value.slice(0, 40)}…' (${value.length} characters)`);
  return clipped
    .split('\n')
    .map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters cut)` : line))
    .join('\n');
}

/** A stream that writes `clipEchoes(chunk)` to `target` synchronously (nothing is buffered if the process exits). */
export function clippingStream(target: NodeJS.WritableStream): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      try {
        target.write(clipEchoes(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
  });
}
