/**
 * Private temporary directories (the in-process simulated host's socket, its journal) removed however the process
 * ends: by their owner's cleanup, or on 'exit' — which also runs when a signal handler calls process.exit() — so
 * that `set --simulate` ended by SIGTERM leaves no $TMPDIR/hostconsole-* behind.
 */
import { rmSync } from 'node:fs';

const dirs = new Set<string>();
let hooked = false;

/** Registers `dir`; the returned function removes it now (and forgets it). */
export function removeOnExit(dir: string): () => void {
  dirs.add(dir);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return () => {
    dirs.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  };
}
