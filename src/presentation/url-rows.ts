/** The management URL rows every view shares: one per family with a usable address, the primary first and marked. */
import type { ManagementUrl } from '../model/index.js';
import type { KeyValueRow } from './types.js';

/** Under `key` ("URL", "Management URL"); "(primary)" only when there are several; why there is none otherwise. */
export function managementUrlRows(urls: readonly ManagementUrl[], key: string): KeyValueRow[] {
  if (urls.length === 0) return [{ key, value: 'none (no management address)' }];
  return urls.map((u, i) => ({ key: i === 0 ? key : '', value: urls.length > 1 && u.primary ? `${u.url} (primary)` : u.url }));
}
