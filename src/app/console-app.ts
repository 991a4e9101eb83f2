/**
 * The composition root of the console: builds the screens from a HostSession, keeps the top line current
 * (product, hostname, backend and its connection), and redraws when the host changes under the console.
 */
import type { Readable, Writable } from 'node:stream';
import { aboutScreen, keysScreen } from '../ui/builtin-screens.js';
import type { HeaderInfo, Screen } from '../ui/screen-contract.js';
import { startShell, type Shell } from '../ui/shell.js';
import type { TerminalSetup } from '../ui/terminal/open-terminal.js';
import { dnsServersScreen } from '../../screens/dns-servers.js';
import { hostnameScreen } from '../../screens/hostname.js';
import { localShellScreen } from '../../screens/local-shell.js';
import { rebootShutdownScreen } from '../../screens/reboot-shutdown.js';
import { remoteAccessScreen } from '../../screens/remote-access.js';
import { virtualMachinesScreen } from '../../screens/virtual-machines.js';
import { storageScreen } from '../../screens/storage.js';
import { hardwareScreen } from '../../screens/hardware.js';
import { InventoryFeed } from './inventory-feed.js';
import { managementInterfaceScreen } from '../../screens/management-interface.js';
import { networkInterfacesScreen } from '../../screens/network-interfaces.js';
import { statusScreen } from '../../screens/status.js';
import type { HostSession } from './host-session.js';
import { recoverOnStart } from './startup-recovery.js';
import { headerInfo } from '../presentation/header.js';
import { hostSummaryLoaded, loadHostSummary } from '../presentation/menu-pane.js';

export interface ConsoleOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly session: HostSession;
  /** hostconsole's version (About). */
  readonly version: string;
  readonly ascii?: boolean;
  readonly mono?: boolean;
  readonly now?: () => Date;
  readonly clock?: boolean;
  readonly probeTimeoutMs?: number;
  /**
   * Settles when the session can make changes (the console opens its backend after the first frame). Startup
   * recovery runs then — before any change can start — instead of at once.
   */
  readonly ready?: Promise<unknown>;
}

/** The main menu, in order. */
export function consoleScreens(session: HostSession, version: string, setup: TerminalSetup, feed = new InventoryFeed(session)): Screen[] {
  return [
    statusScreen(session),
    networkInterfacesScreen(session),
    managementInterfaceScreen(session),
    dnsServersScreen(session),
    hostnameScreen(session),
    virtualMachinesScreen(session, feed),
    storageScreen(session, feed),
    hardwareScreen(session, feed),
    remoteAccessScreen(session),
    rebootShutdownScreen(session),
    localShellScreen(session),
    keysScreen(),
    aboutScreen(version, setup),
  ];
}

export function consoleHeader(session: HostSession): HeaderInfo {
  return headerInfo(session.state(), session.description, session.connection().status);
}

/**
 * Opens the console on the streams; it redraws whenever the session reports a change. Before any change can start
 * it finishes (or reports) a change an earlier console left pending: at once, or when `ready` settles (queued behind
 * a flow the user opened meanwhile; no change can start before it, as the menu waits for it).
 */
export async function startConsole(options: ConsoleOptions): Promise<Shell> {
  const { session } = options;
  // A session that has read the host already shows it in the first frame; otherwise the frame comes first and the
  // summary code loads behind it.
  if (options.ready === undefined) await loadHostSummary();
  // VMs, storage, hardware: read when one of their screens opens, then redrawn on every change (events).
  const feed = new InventoryFeed(session);
  const shell = await startShell({
    input: options.input,
    output: options.output,
    env: options.env,
    ...(options.ascii === undefined ? {} : { ascii: options.ascii }),
    ...(options.mono === undefined ? {} : { mono: options.mono }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
    screens: (setup) => consoleScreens(session, options.version, setup, feed),
    header: () => consoleHeader(session),
  });
  const off = session.onChange(() => shell.invalidate());
  const offFeed = feed.onChange(() => shell.invalidate());
  void shell.closed.then(offFeed);
  if (!hostSummaryLoaded()) void loadHostSummary().then(() => shell.invalidate());
  void shell.closed.then(off);
  const recover = (): Promise<void> => shell.runFlow((ctx) => recoverOnStart(ctx, session));
  if (options.ready === undefined) void recover();
  else void options.ready.then(recover, recover);
  return shell;
}
