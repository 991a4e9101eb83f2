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
import { managementInterfaceScreen } from '../../screens/management-interface.js';
import { networkInterfacesScreen } from '../../screens/network-interfaces.js';
import { statusScreen } from '../../screens/status.js';
import type { HostSession } from './host-session.js';
import { recoverOnStart } from './startup-recovery.js';
import { headerInfo } from '../presentation/header.js';

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
}

/** The main menu, in order. */
export function consoleScreens(session: HostSession, version: string, setup: TerminalSetup): Screen[] {
  return [
    statusScreen(session),
    networkInterfacesScreen(session),
    managementInterfaceScreen(session),
    dnsServersScreen(session),
    hostnameScreen(session),
    keysScreen(),
    aboutScreen(version, setup),
  ];
}

export function consoleHeader(session: HostSession): HeaderInfo {
  return headerInfo(session.state(), session.description, session.connection().status);
}

/**
 * Opens the console on the streams; it redraws whenever the session reports a change. Before the menu takes keys it
 * finishes (or reports) a change an earlier console left pending.
 */
export async function startConsole(options: ConsoleOptions): Promise<Shell> {
  const { session } = options;
  const shell = await startShell({
    input: options.input,
    output: options.output,
    env: options.env,
    ...(options.ascii === undefined ? {} : { ascii: options.ascii }),
    ...(options.mono === undefined ? {} : { mono: options.mono }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
    screens: (setup) => consoleScreens(session, options.version, setup),
    header: () => consoleHeader(session),
  });
  const off = session.onChange(() => shell.invalidate());
  void shell.closed.then(off);
  void shell.runFlow((ctx) => recoverOnStart(ctx, session));
  return shell;
}
