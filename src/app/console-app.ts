/**
 * The composition root of the console: builds the screens from a HostSession, keeps the top line current
 * (product, hostname, backend and its connection), and redraws when the host changes under the console.
 */
import type { Readable, Writable } from 'node:stream';
import type { Authorizer } from '../ui/authorizer.js';
import type { HeaderInfo } from '../ui/screen-contract.js';
import { startShell, type Shell } from '../ui/shell.js';
import type { AuthSession } from './auth/auth-session.js';
import { consoleAuthorizer } from './auth/console-authorizer.js';
import type { HostSession } from './host-session.js';
import { InventoryFeed } from './inventory-feed.js';
import { buildMenu } from './screen-registry.js';
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
  /** Asked before any change of the host (default: the log-in of `auth` when given, else every change allowed). */
  readonly authorizer?: Authorizer;
  /**
   * Who is logged in: with it every change asks for the password first (when nobody is logged in), the console logs
   * out after the idle time (back to the menu, unless a change is in flight) and the Authentication items appear.
   */
  readonly auth?: AuthSession;
}

export function consoleHeader(session: HostSession, auth?: AuthSession): HeaderInfo {
  const info = headerInfo(session.state(), session.description, session.connection().status);
  const user = auth?.user() ?? null;
  // user@hostname while someone is logged in (as xsconsole shows it).
  return user === null ? info : { ...info, hostname: `${user}@${info.hostname}` };
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
    ...(options.authorizer !== undefined
      ? { authorizer: options.authorizer }
      : options.auth !== undefined
        ? { authorizer: consoleAuthorizer(options.auth) }
        : {}),
    screens: (setup) => buildMenu({ session, version: options.version, setup, feed, ...(options.auth === undefined ? {} : { auth: options.auth }) }),
    header: () => consoleHeader(session, options.auth),
  });
  const off = session.onChange(() => shell.invalidate());
  const offFeed = feed.onChange(() => shell.invalidate());
  void shell.closed.then(offFeed);
  if (options.auth !== undefined) watchLogin(options.auth, options.input, shell);
  if (!hostSummaryLoaded()) void loadHostSummary().then(() => shell.invalidate());
  void shell.closed.then(off);
  const recover = (): Promise<void> => shell.runFlow((ctx) => recoverOnStart(ctx, session));
  if (options.ready === undefined) void recover();
  else void options.ready.then(recover, recover);
  return shell;
}

/** Every key restarts the idle countdown; a log-out (idle or asked for) takes the screen back to the menu. */
function watchLogin(auth: AuthSession, input: Readable, shell: Shell): void {
  const onKey = (): void => auth.activity();
  input.on('data', onKey);
  const off = auth.onChange((event) => {
    // A change in flight keeps its dialogs: its own deadline rules (returnToMenu does nothing then).
    if (event.kind === 'logout') shell.returnToMenu();
    shell.invalidate();
  });
  void shell.closed.then(() => {
    input.off('data', onKey);
    off();
    auth.logOut('console-ended');
    auth.close();
  });
}
