/**
 * Where `--listen unix:PATH` may bind. A path that exists is taken over only when it is a stale socket — a socket
 * nobody answers on (a simulator that was killed leaves one behind); a live socket is another server's ("in use"),
 * and anything else (a regular file, a directory, a symlink, a FIFO) is refused, never deleted. On dom0 the path
 * could be /var/lib/xcp/xapi itself.
 */
import { lstatSync, unlinkSync, type Stats } from 'node:fs';
import { connect } from 'node:net';

export type SocketPathCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

function kindOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFile()) return 'a regular file';
  return 'not a socket';
}

/** Resolves once a connection to the socket at `path` succeeded (true) or was refused (false). */
function answers(path: string, timeoutMs: number): Promise<boolean | string> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    const timer = setTimeout(() => {
      socket.destroy();
      // Accepting nothing for a second is a server that hangs: still someone else's socket.
      resolve(true);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code === 'ECONNREFUSED' ? false : (err.code ?? err.message));
    });
  });
}

/** Makes `path` free for a new unix socket listener, or says why it must not be used. */
export async function prepareSocketPath(path: string, timeoutMs = 1000): Promise<SocketPathCheck> {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true };
    return { ok: false, message: `cannot use ${path}: ${code ?? (err as Error).message}` };
  }
  if (!st.isSocket()) return { ok: false, message: `${path} exists and is ${kindOf(st)}, not a socket; refusing to replace it` };
  const live = await answers(path, timeoutMs);
  if (live === true) return { ok: false, message: `${path} is in use: another server answers on that socket` };
  if (live !== false) return { ok: false, message: `cannot tell whether the socket ${path} is in use (${live}); refusing to replace it` };
  try {
    // A stale socket (nobody listens): left by a server that was killed.
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return { ok: false, message: `cannot remove the stale socket ${path}: ${(err as Error).message}` };
  }
  return { ok: true };
}
