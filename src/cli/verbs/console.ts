import { existsSync } from 'node:fs';
import type { ChangeSetup } from '../../app/apply-change.js';
import type { DeferredHostSession } from '../../app/deferred-session.js';
import type { ChangesOff } from '../../app/host-session.js';
import { backendError, failed } from '../../backends/backend-error.js';
import type { BackendChoice } from '../../backends/select-backend.js';
import type { Journal, JournalStore, TxPhase } from '../../transaction/index.js';
import { EXIT, type CliIo } from '../io.js';
import { BACKEND_OPTIONS, backendChoice, unexpectedArgumentMessage } from '../backend-options.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';
import { VERSION } from '../version.js';
import { CONFIRM_TIMEOUT_OPTION, parseConfirmTimeout, STATE_OPTIONS } from '../change-options.js';
import { boundConsoleMemory, holdYoungGeneration } from '../console-v8-flags.js';
import { AUTH_OPTIONS, parseAuthOptions, type AuthSettings } from '../auth-options.js';
import type { AuthSession } from '../../app/auth/auth-session.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'ascii', kind: 'flag', help: 'plain ASCII line drawing' },
  { name: 'mono', kind: 'flag', help: 'no colour (NO_COLOR also works)' },
  CONFIRM_TIMEOUT_OPTION,
  ...STATE_OPTIONS,
  ...AUTH_OPTIONS,
  ...BACKEND_OPTIONS,
];

/** How long the UI waits at most for the host's read to be under way before it loads anyway (ms). */
const READ_HEAD_START_MS = 150;

const USAGE = [
  'console [--ascii] [--mono] [--confirm-timeout SECONDS] [--state-dir DIR] [--audit-log FILE] [--auth-timeout SECONDS] [--auth-users USERS] [--pam-service NAME] [--simulate [SCENARIO] | --xapi URL|unix:PATH …]',
  '(every change is kept only when confirmed in its dialog, or with `hostconsole confirm`, within the timeout;',
  ' viewing needs no log-in, every change asks for the password of root (or --auth-users) first)',
  ...describeOptions(OPTIONS),
];

export const consoleVerb: Verb = {
  name: 'console',
  summary: 'Open the text console (menu, status, dialogs) on this terminal.',
  usage: USAGE,
  options: OPTIONS,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      const why = parsed.ok ? unexpectedArgumentMessage(parsed.value) : parsed.error.message;
      io.stderr.write(`hostconsole console: ${why}\nUsage: hostconsole ${USAGE[0] ?? ''}\n`);
      return EXIT.usage;
    }
    const values = parsed.value.values;
    const timeout = parseConfirmTimeout(values.get('confirm-timeout'));
    if (!timeout.ok) {
      io.stderr.write(`hostconsole console: ${timeout.message}\n`);
      return EXIT.usage;
    }
    const authSettings = parseAuthOptions(values);
    if (!authSettings.ok) {
      io.stderr.write(`hostconsole console: ${authSettings.message}\n`);
      return EXIT.usage;
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      io.stderr.write(`hostconsole console: ${choice.error.message}\n`);
      return EXIT.usage;
    }
    if (choice.value.kind === 'xapi') {
      // A password file that cannot be read, no password for TCP, a clear-text password: refused before the frame.
      const { checkXapiChoice } = await import('../../backends/xapi-choice-check.js');
      const checked = checkXapiChoice(choice.value, io.env);
      if (!checked.ok) {
        io.stderr.write(`hostconsole console: ${checked.error.message}\n`);
        return EXIT.usage;
      }
    }
    const stdout = io.stdout as NodeJS.WriteStream;
    if (!stdout.isTTY || !(io.stdin as NodeJS.ReadStream).isTTY) {
      io.stderr.write('hostconsole console: needs a terminal (stdin and stdout must be a tty).\n');
      return EXIT.usage;
    }
    // Before the console's modules load and run (a real terminal only: not in a process that runs the tests).
    boundConsoleMemory(io.env);
    // The host is asked for at once, before the UI loads (xapi answers while blessed is being loaded; an in-process
    // simulator starts first); the frame does not wait for the answer: the host items say "reading the host..." until
    // it has been read, so a slow or restarting xapi does not hold the console up (as xsconsole and DCUI draw their
    // frame first). The backend's code (and the simulated host's) starts loading beside the session's.
    void import('../../backends/select-backend.js').catch(() => undefined);
    if (choice.value.kind === 'simulate') void import('../../backends/simulator/embedded.js').catch(() => undefined);
    const [{ DeferredHostSession }, { AuthSession }] = await Promise.all([import('../../app/deferred-session.js'), import('../../app/auth/auth-session.js')]);
    const auth = new AuthSession({ users: authSettings.value.users, timeoutMs: authSettings.value.timeoutMs });
    const session = new DeferredHostSession(describeChoice(choice.value, io.env));
    const host: HostWiring = { store: null, cleanup: () => undefined, detached: false, auditProblem: null, isFinal: () => true, leftPendingLine: () => '' };
    let framedNow: () => void = () => undefined;
    let underwayNow: () => void = () => undefined;
    const underway = new Promise<void>((resolve) => (underwayNow = resolve));
    const connected = connect(choice.value, values, timeout.ms, io, session, host, new Promise<void>((resolve) => (framedNow = resolve)), underwayNow, { auth, settings: authSettings.value });
    // The UI loads once xapi has been asked for the records (login answered, the read sent) — it prepares the answer
    // meanwhile — or after READ_HEAD_START_MS at most, however slow the backend.
    let headStart: NodeJS.Timeout | undefined;
    await Promise.race([underway, connected, new Promise((resolve) => (headStart = setTimeout(resolve, READ_HEAD_START_MS)))]);
    clearTimeout(headStart);
    // Loaded here, not at the top: other verbs must not pay for blessed at start-up.
    const [{ startConsole }, { installExitGuards, RESTORE_SEQUENCE }] = await Promise.all([
      import('../../app/console-app.js'),
      import('../../ui/terminal/restore.js'),
    ]);
    let signalled: NodeJS.Signals | undefined;
    const shell = await startConsole({
      input: io.stdin,
      output: io.stdout,
      env: io.env,
      session,
      version: VERSION,
      ascii: values.has('ascii'),
      mono: values.has('mono'),
      ready: connected,
      auth,
    });
    framedNow();
    holdYoungGeneration(io.env);
    const removeGuards = installExitGuards(shell, (signal) => {
      signalled = signal;
      // After a signal (notably SIGHUP: the terminal is gone) do not linger on a dead tty.
      setTimeout(() => process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15)), 1000).unref();
    });
    try {
      const reason = await shell.closed;
      if (reason === 'error') return EXIT.internal;
    } catch (error) {
      io.stdout.write(RESTORE_SEQUENCE);
      throw error;
    } finally {
      removeGuards();
      afterConsole(io, host, choice.value.kind === 'simulate', signalled !== undefined);
      // A backend still being opened is closed when it arrives (DeferredHostSession.close).
      await Promise.race([Promise.all([session.close(), connected]), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      host.cleanup();
    }
    if (signalled !== undefined) return 128 + (signalled === 'SIGHUP' ? 1 : signalled === 'SIGINT' ? 2 : 15);
    return EXIT.ok;
  },
};

/** What the background connection leaves for the end of the console (the journal, the state directory). */
interface HostWiring {
  store: JournalStore | null;
  cleanup: () => void;
  detached: boolean;
  auditProblem: string | null;
  isFinal: (phase: TxPhase) => boolean;
  leftPendingLine: (journal: Journal, now: number) => string;
}

/** The backend as the top line names it before it is opened (the live session's description replaces it). */
function describeChoice(choice: BackendChoice, env: NodeJS.ProcessEnv): string {
  switch (choice.kind) {
    case 'simulate':
      return `simulated host (scenario ${choice.scenario})`;
    case 'xapi':
      return `xapi at ${choice.endpoint}`;
    case 'nm':
      return `NetworkManager on ${choice.bus ?? 'the system bus'}`;
    case 'auto': {
      // DEFAULT_XAPI_SOCKET (src/backends/xapi/endpoint.ts, not imported: it loads the address code before the frame).
      const socket = env['HOSTCONSOLE_XAPI_SOCKET'] ?? '/var/lib/xcp/xapi';
      return existsSync(socket) ? `xapi at unix:${socket}` : 'looking for a backend';
    }
  }
}

/**
 * In the background, from the start: open the backend and read the host, then attach the live session (or the
 * offline one with the reason); once the first frame is out (`framed`) and the host has been read, load the
 * transaction layer and set up how changes are made — every change a transaction journalled in the state directory (a
 * private one for --simulate), guarded by a detached guardian for a host other processes can reach, in-process
 * otherwise. Settles once changes can start (startup recovery runs then); never rejects.
 */
async function connect(
  choice: BackendChoice,
  values: ReadonlyMap<string, string>,
  confirmTimeoutMs: number,
  io: CliIo,
  session: DeferredHostSession,
  host: HostWiring,
  framed: Promise<void>,
  underway: () => void,
  login: LoginWiring,
): Promise<void> {
  try {
    await openAndSetUp(choice, values, confirmTimeoutMs, io, session, host, framed, underway, login);
  } catch (error) {
    // A bug: the console stays up and says so where the host would be.
    const why = backendError('internal', `The host could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    if (session.inner === null) session.attach((await import('../../app/host-session.js')).offlineSession(why));
  }
}

async function openAndSetUp(
  choice: BackendChoice,
  values: ReadonlyMap<string, string>,
  confirmTimeoutMs: number,
  io: CliIo,
  session: DeferredHostSession,
  host: HostWiring,
  framed: Promise<void>,
  underway: () => void,
  login: LoginWiring,
): Promise<void> {
  let opened;
  try {
    const { openBackend } = await import('../../backends/select-backend.js');
    opened = await openBackend(choice, io.env);
  } catch (error) {
    opened = failed(backendError('internal', `The backend could not be opened: ${error instanceof Error ? error.message : String(error)}`));
  }
  const { LiveHostSession, offlineSession } = await import('../../app/host-session.js');
  // No backend: the console still runs (About, Keys) and the host screens say why.
  if (!opened.ok) return session.attach(offlineSession(opened.error));
  const { backend, description } = opened.value;
  // The code that draws the host loads while xapi answers, not after: the host is drawn the moment it arrives.
  void import('../../presentation/menu-pane.js').then((m) => m.loadHostSummary());
  let setupReady: (setup: ChangeSetup | ChangesOff) => void = () => undefined;
  const live = new LiveHostSession(backend, description, new Promise((resolve) => (setupReady = resolve)));
  session.attach(live);
  try {
    if (session.closed) return setupReady({ off: 'The console has ended.' });
    // The host first (at most 5 s, as before), then — once the frame is out too — the transaction layer.
    let timer: NodeJS.Timeout | undefined;
    const started = live.start().catch(() => undefined);
    void ('readUnderway' in backend ? (backend as { readUnderway: Promise<void> }).readUnderway : Promise.resolve()).then(underway);
    await Promise.race([started, new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
    await framed;
    // The console ended meanwhile: no state directory to create (or to leave behind).
    if (session.closed) return setupReady({ off: 'The console has ended.' });
    const setup = await changeSetup(choice, values, confirmTimeoutMs, io, backend.kind, host);
    await attachLogin(login, choice, backend, () => live.state(), 'off' in setup ? null : { audit: setup.audit, who: setup.who });
    setupReady(setup);
  } catch (error) {
    setupReady({ off: `Changes are off: ${error instanceof Error ? error.message : String(error)}` });
    throw error;
  }
}

async function changeSetup(choice: BackendChoice, values: ReadonlyMap<string, string>, confirmTimeoutMs: number, io: CliIo, backendKind: string, host: HostWiring): Promise<ChangeSetup | ChangesOff> {
  try {
    const [{ openStateStore, recoverWithCli, transactionWiring }, { detectWho, isFinal }, { leftPendingLine }] = await Promise.all([
      import('../transaction-setup.js'),
      import('../../transaction/index.js'),
      import('../../presentation/pending-change.js'),
    ]);
    host.isFinal = isFinal;
    host.leftPendingLine = leftPendingLine;
    const state = openStateStore(choice, values.get('state-dir'), io.env);
    if (!state.ok) {
      return { off: `Changes are off: the state directory is not used (${state.message}). Nothing is changed until it is fixed, or start the console with --state-dir DIR.` };
    }
    host.store = state.store;
    host.cleanup = state.cleanup;
    const store = state.store;
    const { audit, guardian, backstop } = transactionWiring({
      choice,
      store,
      auditOption: values.get('audit-log'),
      env: io.env,
      backendKind,
      // The terminal belongs to the UI: said once the console has ended.
      onAuditError: (e) => (host.auditProblem ??= e.message),
    });
    host.detached = guardian.kind === 'detached';
    return {
      store,
      audit,
      who: detectWho({ env: io.env }),
      confirmTimeoutMs,
      guardian,
      backstop,
      recover: () => recoverWithCli(store, io.env, choice),
      hostEndsWithConsole: choice.kind === 'simulate',
    };
  } catch (error) {
    return { off: `Changes are off: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Once the terminal is restored: a change of this console still pending, and an audit log that could not be written. */
function afterConsole(io: CliIo, host: HostWiring, simulated: boolean, signalled: boolean): void {
  const lines: string[] = [];
  const journal = host.store?.read() ?? null;
  if (journal !== null && journal.consolePid === process.pid && !host.isFinal(journal.tx.phase)) {
    lines.push(
      host.detached
        ? host.leftPendingLine(journal, Date.now())
        : simulated
          ? 'hostconsole: the simulated host ended with the console, and its pending change with it.'
          : journal.checkpoint !== undefined && journal.checkpoint !== null
            ? "hostconsole: the console ended while its change was pending: the backend's checkpoint rolls the network back by itself when the window ends, and the next hostconsole run restores the hostname if needed."
            : "hostconsole: the console ended while its change was pending, and no separate guardian guards it; check the host with 'hostconsole status'.",
    );
  }
  if (host.auditProblem !== null) lines.push(`hostconsole: warning: cannot write the audit log: ${host.auditProblem}`);
  if (lines.length === 0 || signalled) return;
  try {
    io.stdout.write(lines.join('\n') + '\n');
  } catch {
    // the terminal is gone
  }
}

/** The console's log-in and its settings (the checker is attached once the backend is open). */
interface LoginWiring {
  readonly auth: AuthSession;
  readonly settings: AuthSettings;
}

/**
 * How this console checks passwords (src/app/auth/checkers.ts): the backend's own check (xapi: a login at the
 * management address); PAM through pamtester for NetworkManager, and as the fallback for xapi on this host (unix
 * socket). Never PAM for a simulated or remote host: this machine's accounts are not theirs.
 */
async function attachLogin(
  login: LoginWiring,
  choice: BackendChoice,
  backend: import('../../backends/backend.js').Backend,
  state: () => import('../../model/index.js').HostState | null,
  audit: import('../../app/auth/auth-session.js').AuthAudit | null,
): Promise<void> {
  const [{ checkerFor }, { defaultPamService }, { managementAddress }] = await Promise.all([
    import('../../app/auth/checkers.js'),
    import('../../backends/pam/pamtester.js'),
    import('../../model/index.js'),
  ]);
  const local = choice.kind === 'nm' || choice.kind === 'auto' || (choice.kind === 'xapi' && choice.endpoint.startsWith('unix:'));
  const pam = local ? { service: login.settings.pamService ?? defaultPamService() } : null;
  const address = (): string | null => {
    const s = state();
    return s === null ? null : managementAddress(s);
  };
  const checker = checkerFor(backend, address, pam);
  if (checker !== null) login.auth.attach(checker, audit);
}
