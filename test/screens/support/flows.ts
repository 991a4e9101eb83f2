/** Key-level recipes for the e2e tests: walk the management flow to a layout and modes, as a user would. */
import { LAYOUTS, type Ipv4Mode, type Ipv6Mode, type Layout, layoutFamilies } from '../../../src/model/index.js';
import type { ConsoleHarness } from './console-harness.js';

export const STATIC4 = { address: '192.0.2.20', netmask: '255.255.255.0', gateway: '192.0.2.1' };
export const STATIC6 = { address: '2001:db8::20', prefix: '64', gateway: '2001:db8::1' };

/** The modes the default (full-capability) backend offers for a family in use, in form order. */
const OFFERED: { ipv4: readonly Ipv4Mode[]; ipv6: readonly Ipv6Mode[] } = { ipv4: ['dhcp', 'static'], ipv6: ['static', 'dhcp', 'autoconf'] };

export interface FlowTarget {
  readonly layout: Layout;
  readonly ipv4: Ipv4Mode;
  readonly ipv6: Ipv6Mode;
}

export async function backToMenu(h: ConsoleHarness, maxEsc = 12): Promise<void> {
  for (let i = 0; i < maxEsc && !h.line(h.term.rows - 1).includes('Enter Open'); i++) await h.press('escape');
  await h.waitForText('Enter Open');
}

/** The menu shows the items of the Network and Management section (its title on the menu's border). */
export function inNetworkSection(h: ConsoleHarness): boolean {
  return h.line(1).includes(' Network and Management ');
}

/** From the menu (top level or a section): open the top-level item starting with `letter` (s: Status, k: Keys, a: About). */
export async function openTopItem(h: ConsoleHarness, letter: string): Promise<void> {
  if (inNetworkSection(h)) await h.press('left');
  await h.type(letter);
  await h.press('enter');
}

/**
 * From the menu (top level or the section): open Network and Management, then its item starting with `letter`
 * (m: Management interface, n: Network interfaces, d: DNS servers, h: Hostname) — the keys a user presses.
 */
export async function openNetworkItem(h: ConsoleHarness, letter: string): Promise<void> {
  if (!inNetworkSection(h)) {
    await h.type('n');
    await h.press('enter');
    if (!inNetworkSection(h)) throw new Error(`the Network and Management section did not open:\n${h.screenText()}`);
  }
  await h.type(letter);
  await h.press('enter');
}

/**
 * From the menu (top level or the section): open the section's item whose right pane says `describes`. Several items
 * may start with `letter` (Test network, Traffic by family): the letter is typed until the pane describes the item.
 */
export async function openNetworkItemDescribed(h: ConsoleHarness, letter: string, describes: string, maxTries = 8): Promise<void> {
  if (!inNetworkSection(h)) {
    await h.type('n');
    await h.press('enter');
    if (!inNetworkSection(h)) throw new Error(`the Network and Management section did not open:\n${h.screenText()}`);
  }
  for (let i = 0; i < maxTries && !h.screenText().includes(describes); i++) await h.type(letter);
  if (!h.screenText().includes(describes)) throw new Error(`no item starting with '${letter}' says '${describes}':\n${h.screenText()}`);
  await h.press('enter');
}

/** From the menu: open Test network (its default set starts at once). */
export async function openTestNetwork(h: ConsoleHarness): Promise<void> {
  await openNetworkItemDescribed(h, 't', 'Enter: test both families.');
  await h.waitForText('Test network');
}

/** From the menu: open Management interface and keep the current interface. Ends on the layout list. */
export async function openManagement(h: ConsoleHarness): Promise<void> {
  await openNetworkItem(h, 'm');
  await h.waitForText('choose the interface');
  await h.press('enter');
  await h.waitForText('Address layout on');
}

/** On the layout list (initial: `from`): choose `to`. */
export async function chooseLayout(h: ConsoleHarness, from: Layout, to: Layout): Promise<void> {
  const steps = (LAYOUTS.indexOf(to) - LAYOUTS.indexOf(from) + LAYOUTS.length) % LAYOUTS.length;
  await h.press('down', steps);
  await h.press('enter');
}

/** On a family form whose mode is `from`: select `to` and fill the static fields. Submits the form. */
export async function fillFamily(h: ConsoleHarness, family: 'ipv4' | 'ipv6', from: Ipv4Mode | Ipv6Mode, to: Ipv4Mode | Ipv6Mode): Promise<void> {
  await h.waitForText(`${family === 'ipv4' ? 'IPv4' : 'IPv6'} on `);
  const offered: readonly string[] = OFFERED[family];
  const at = Math.max(0, offered.indexOf(from));
  const steps = (offered.indexOf(to) - at + offered.length) % offered.length;
  await h.press('right', steps);
  if (to === 'static') {
    const values = family === 'ipv4' ? [STATIC4.address, STATIC4.netmask, STATIC4.gateway] : [STATIC6.address, STATIC6.prefix, STATIC6.gateway];
    for (const value of values) {
      await h.press('tab');
      await h.replaceField(value);
    }
  }
  await h.press('enter');
}

/** DNS and hostname forms unchanged, then the review; `apply` confirms it. */
export async function finishFlow(h: ConsoleHarness, apply: boolean): Promise<void> {
  await h.waitForText('IPv4 and IPv6 servers, separated');
  await h.press('enter', 2);
  await h.waitForText('Letters, digits and hyphens');
  await h.press('enter');
  await h.waitForText('Apply? F8/y');
  if (apply) await h.type('y');
}

/**
 * The whole flow from the menu to the result dialog, keeping the change in its confirmation dialog (or, with `keep`
 * false, stopping at that dialog). `current` is the host's layout and modes now.
 */
export async function runManagementFlow(h: ConsoleHarness, current: FlowTarget, target: FlowTarget, keep = true): Promise<void> {
  await openManagement(h);
  await chooseLayout(h, current.layout, target.layout);
  for (const family of layoutFamilies(target.layout)) {
    // A family the layout newly brings in starts on Static (withLayout); one already in use keeps its mode.
    const before = current[family] === 'none' ? 'static' : current[family];
    await fillFamily(h, family, before, target[family]);
  }
  await finishFlow(h, true);
  if (keep) await keepChange(h);
  else await h.waitForText('Keep these settings?', 15000);
}

/** The change is applied and its keep-or-revert dialog counts down: keep it (y) and wait for the result. */
export async function keepChange(h: ConsoleHarness): Promise<void> {
  await h.waitForText(/Keep these settings\?|Change reverted|The revert failed|Nothing was applied/, 15000);
  if (!h.screenText().includes('Keep these settings?')) return;
  await h.type('y');
  await h.waitForText(/Change kept|Change reverted/, 15000);
}

/**
 * From the menu: Network and Management → Emergency network reset, on the default scenario's form (eth0, IPv4
 * Static, IPv6 Static): choose eth1, IPv4 None, IPv6 Autoconf, submit. Ends on the before → after review.
 */
export async function resetToAutoconfOnEth1(h: ConsoleHarness): Promise<void> {
  await openNetworkItem(h, 'e');
  await h.waitForText('Writes a new management configuration');
  await h.press('right'); // Interface: eth0 → eth1
  await h.press('tab', 2); // VLAN, then IPv4 mode
  await h.press('right'); // Static → None (DHCP, Static, None)
  await h.press('tab'); // IPv6 mode
  await h.press('right', 2); // Static → None → Autoconf (Autoconf, DHCP, Static, None)
  await h.press('enter');
  await h.waitForText('files that change');
}

/** From the menu: Network and Management → Time (NTP); ends on its form (or its message). */
export async function openNetworkTime(h: ConsoleHarness): Promise<void> {
  // Test network and Traffic also start with t: the item whose pane describes network time.
  await openNetworkItemDescribed(h, 't', 'Enter: NTP mode and servers');
}
