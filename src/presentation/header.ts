/** The top line's data: product and version, hostname, backend description and its connection when not connected. */
import type { ConnectionStatus } from '../backends/backend.js';
import type { HostState } from '../model/index.js';
import type { HeaderInfo } from '../ui/screen-contract.js';
import { productText } from './product-text.js';

export function headerInfo(state: HostState | null, backend: string, connection: ConnectionStatus): HeaderInfo {
  const suffix = connection === 'connected' ? '' : connection === 'reconnecting' ? ' - reconnecting...' : ' - connection lost';
  return {
    product: state === null ? 'hostconsole' : productText(state),
    hostname: state === null ? '-' : state.hostname,
    backend: `${backend}${suffix}`,
  };
}
