/**
 * THE list of the console's menu: every screen and section, one line each, in menu order. A screen is a file in
 * screens/ exporting a factory `(deps: ScreenDeps) => Screen`; adding one is that file, its presentation module and
 * one line here (`in: '<section id>'` puts it in a section, otherwise it is a top-level entry). Nothing else lists
 * screens (a test checks it): the shell (src/ui/shell.ts) only sees the tree built here.
 */
import type { MenuEntry, MenuSection, Screen } from '../ui/screen-contract.js';
import { aboutScreen } from '../../screens/about.js';
import { authenticationSection } from '../../screens/authentication.js';
import { autoLogoutTimeScreen } from '../../screens/auto-logout-time.js';
import { logInOutScreen } from '../../screens/log-in-out.js';
import { rootPasswordScreen } from '../../screens/root-password.js';
import { dnsServersScreen } from '../../screens/dns-servers.js';
import { emergencyNetworkResetScreen } from '../../screens/emergency-network-reset.js';
import { hostnameScreen } from '../../screens/hostname.js';
import { keysScreen } from '../../screens/keys.js';
import { managementInterfaceScreen } from '../../screens/management-interface.js';
import { networkAndManagementSection } from '../../screens/network-and-management.js';
import { networkInterfacesScreen } from '../../screens/network-interfaces.js';
import { poolScreen } from '../../screens/pool.js';
import { hardwareScreen } from '../../screens/hardware.js';
import { localShellScreen } from '../../screens/local-shell.js';
import { rebootShutdownScreen } from '../../screens/reboot-shutdown.js';
import { remoteAccessScreen } from '../../screens/remote-access.js';
import { networkTimeScreen } from '../../screens/network-time.js';
import { statusScreen } from '../../screens/status.js';
import { storageScreen } from '../../screens/storage.js';
import { virtualMachinesScreen } from '../../screens/virtual-machines.js';
import { trafficScreen } from '../../screens/traffic.js';
import { testNetworkScreen } from '../../screens/test-network.js';
import type { ScreenDeps, SectionHead } from './screen-deps.js';

export type { ScreenDeps, SectionHead } from './screen-deps.js';

export interface RegistryLine {
  /** null: not offered on this console (e.g. the Authentication items without a log-in). */
  readonly make: (deps: ScreenDeps) => Screen | SectionHead | null;
  /** The id of the section the screen goes in; absent: the top level. */
  readonly in?: string;
}

export const SCREEN_REGISTRY: readonly RegistryLine[] = [
  { make: statusScreen },
  { make: networkAndManagementSection },
  { make: managementInterfaceScreen, in: 'network' },
  { make: dnsServersScreen, in: 'network' },
  { make: networkInterfacesScreen, in: 'network' },
  { make: hostnameScreen, in: 'network' },
  { make: testNetworkScreen, in: 'network' },
  { make: trafficScreen, in: 'network' },
  { make: networkTimeScreen, in: 'network' },
  { make: emergencyNetworkResetScreen, in: 'network' },
  { make: poolScreen },
  { make: virtualMachinesScreen },
  { make: storageScreen },
  { make: hardwareScreen },
  { make: remoteAccessScreen },
  { make: rebootShutdownScreen },
  { make: localShellScreen },
  { make: authenticationSection },
  { make: logInOutScreen, in: 'authentication' },
  { make: autoLogoutTimeScreen, in: 'authentication' },
  { make: rootPasswordScreen, in: 'authentication' },
  { make: keysScreen },
  { make: aboutScreen },
];

function isHead(made: Screen | SectionHead): made is SectionHead {
  return 'kind' in made && made.kind === 'section';
}

/** The menu tree of `lines` (default: the registry) for these deps. Throws on a line naming an unknown section (a bug). */
export function buildMenu(deps: ScreenDeps, lines: readonly RegistryLine[] = SCREEN_REGISTRY): MenuEntry[] {
  const order: (Screen | string)[] = [];
  const sections = new Map<string, { readonly head: SectionHead; readonly items: Screen[] }>();
  for (const line of lines) {
    const made = line.make(deps);
    if (made === null) continue;
    if (isHead(made)) {
      sections.set(made.id, { head: made, items: [] });
      order.push(made.id);
    } else if (line.in === undefined) {
      order.push(made);
    } else {
      const section = sections.get(line.in);
      if (section === undefined) throw new Error(`screen registry: '${made.id}' is in section '${line.in}', which is not listed before it`);
      section.items.push(made);
    }
  }
  // A section none of whose items this console offers is not shown.
  const shown = order.filter((entry) => typeof entry !== 'string' || (sections.get(entry)?.items.length ?? 0) > 0);
  return shown.map((entry): MenuEntry => {
    if (typeof entry !== 'string') return entry;
    const { head, items } = sections.get(entry) ?? { head: null, items: [] };
    if (head === null) throw new Error(`screen registry: no section '${entry}'`);
    const section: MenuSection = { id: head.id, title: head.title, menuLabel: head.menuLabel, describe: head.describe, items, ...(head.refresh === undefined ? {} : { refresh: head.refresh }) };
    return section;
  });
}
