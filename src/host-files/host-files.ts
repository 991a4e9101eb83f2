/** Reads the files an emergency network reset changes, under a root directory (/ on a real host). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESET_PATHS } from '../model/reset/reset-paths.js';
import type { HostFiles } from '../model/reset/reset-request.js';

/** `path` (absolute on the host) under `root`. */
export function underRoot(root: string, path: string): string {
  return root === '/' ? path : join(root, path);
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export function readHostFiles(root: string): HostFiles {
  const at = (p: string) => underRoot(root, p);
  return {
    managementConf: readOrNull(at(RESET_PATHS.managementConf)),
    networkReset: readOrNull(at(RESET_PATHS.networkReset)),
    inventory: readOrNull(at(RESET_PATHS.inventory)),
    poolConf: readOrNull(at(RESET_PATHS.poolConf)),
    networkdDb: readOrNull(at(RESET_PATHS.networkdDb)),
    renameScript: existsSync(at(RESET_PATHS.renameScript)),
  };
}
