/**
 * The "Network and Management Interface" section (xsconsole's): the management interface, the network interfaces,
 * DNS servers and the hostname — later network tests, traffic, network time and the emergency reset. Its items are
 * the registry lines with `in: 'network'`.
 */
import type { ScreenDeps, SectionHead } from '../src/app/screen-deps.js';
import { menuPane } from '../src/presentation/menu-pane.js';

export function networkAndManagementSection({ session }: ScreenDeps): SectionHead {
  return {
    kind: 'section',
    id: 'network',
    title: 'Network and Management Interface',
    menuLabel: 'Network and Management',
    describe: () => menuPane('Enter: interfaces, addresses, DNS, hostname.', session.state(), session.readError()?.message ?? null),
    refresh: () => session.refresh(),
  };
}
