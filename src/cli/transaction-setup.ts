/**
 * What every front end that makes a confirm-or-revert change shares (`hostconsole set`, the console, and the
 * `confirm` / `revert` / `guardian` verbs): the --state-dir / --audit-log / --confirm-timeout options, where the
 * journal lives (a private directory for the in-process simulated host), which guardian guards a change (detached
 * for a host another process can reach, in-process otherwise), and how a journal's backend reference (a
 * BackendChoice; never a password) is reopened by another process.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { removeOnExit } from '../fs/remove-on-exit.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '../backends/backend.js';
import { failed, succeeded, type BackendResult } from '../backends/backend-error.js';
import { openBackend, type BackendChoice } from '../backends/select-backend.js';
import { DEFAULT_XAPI_SOCKET } from '../backends/xapi/endpoint.js';
import { PoolBackend } from '../transaction/pool-backend.js';
import {
  AuditLog,
  cannotReopen,
  checkStateDir,
  describeDamage,
  describeForeign,
  describeOutcome,
  isSameProcessAlive,
  JournalStore,
  noBackstop,
  outcomeOf,
  recoverPending,
  resolveAuditLog,
  resolveStateDir,
  spawnGuardian,
  type Backstop,
  type GuardedBackend,
  type GuardianLauncher,
  type Journal,
  type RecoverResult,
} from '../transaction/index.js';
import { choiceArgs } from './backend-options.js';
import { systemdBackstop } from './systemd-backstop.js';

export { CONFIRM_TIMEOUT_OPTION, DEFAULT_CONFIRM_SECONDS, parseConfirmTimeout, STATE_OPTIONS } from './change-options.js';

/** The backend choice a guardian can reopen: 'auto' becomes the local socket it found; 'simulate' cannot be reopened. */
export function reopenableChoice(choice: BackendChoice, env: NodeJS.ProcessEnv): Extract<BackendChoice, { kind: 'xapi' }> | null {
  if (choice.kind === 'xapi') return choice;
  if (choice.kind === 'auto') {
    const socket = env['HOSTCONSOLE_XAPI_SOCKET'] ?? DEFAULT_XAPI_SOCKET;
    return { kind: 'xapi', endpoint: `unix:${socket}`, user: 'root', passwordFile: null, allowUnauthorized: false, fingerprint: null, protocol: 'auto' };
  }
  return null;
}

/**
 * The reference an in-process NetworkManager transaction journals, so that a recovery in another process can reopen
 * the host (re-read it and put the hostname back after NM's checkpoint rolled back). bus null: the system bus.
 */
export function nmRefFor(choice: BackendChoice, env: NodeJS.ProcessEnv): { readonly kind: 'nm'; readonly bus: string | null } {
  if (choice.kind === 'nm' && choice.bus !== null) return { kind: 'nm', bus: choice.bus };
  const system = env['DBUS_SYSTEM_BUS_ADDRESS'];
  return { kind: 'nm', bus: system !== undefined && system !== '' ? system : null };
}

/** Reads a NetworkManager choice back from a journal's backendRef; null when it is not one. */
export function nmChoiceFromRef(ref: JsonValue | null): Extract<BackendChoice, { kind: 'nm' }> | null {
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) return null;
  const r = ref as Record<string, JsonValue>;
  if (r['kind'] !== 'nm') return null;
  const bus = r['bus'];
  return { kind: 'nm', bus: typeof bus === 'string' && bus !== '' ? bus : null };
}

/** Reads a BackendChoice back from a journal's backendRef; null when it is not one. */
export function choiceFromRef(ref: JsonValue | null): Extract<BackendChoice, { kind: 'xapi' }> | null {
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) return null;
  const r = ref as Record<string, JsonValue>;
  const protocol = r['protocol'];
  if (r['kind'] !== 'xapi' || typeof r['endpoint'] !== 'string' || typeof r['user'] !== 'string') return null;
  if (protocol !== 'auto' && protocol !== 'json-rpc' && protocol !== 'xml-rpc') return null;
  const passwordFile = r['passwordFile'];
  const fingerprint = r['fingerprint'];
  return {
    kind: 'xapi',
    endpoint: r['endpoint'],
    user: r['user'],
    passwordFile: typeof passwordFile === 'string' ? passwordFile : null,
    allowUnauthorized: r['allowUnauthorized'] === true,
    fingerprint: typeof fingerprint === 'string' ? fingerprint : null,
    protocol,
    ...(r['allowPlainHttp'] === true ? { allowPlainHttp: true } : {}),
  };
}

/** The password a choice uses (to keep it out of the audit log); '' when none can be read. */
export function passwordOf(choice: Extract<BackendChoice, { kind: 'xapi' }>, env: NodeJS.ProcessEnv): string {
  if (choice.passwordFile === null) return env['HOSTCONSOLE_PASSWORD'] ?? '';
  try {
    return readFileSync(choice.passwordFile, 'utf8').replace(/\r?\n$/, '');
  } catch {
    return '';
  }
}

/** Two xapi choices name the same host the same way (endpoint, user, password file, trust, protocol). */
function sameXapi(a: Extract<BackendChoice, { kind: 'xapi' }>, b: Extract<BackendChoice, { kind: 'xapi' }>): boolean {
  const fp = (f: string | null): string | null => (f === null ? null : f.replace(/:/g, '').toLowerCase());
  return (
    a.endpoint === b.endpoint &&
    a.user === b.user &&
    a.passwordFile === b.passwordFile &&
    a.allowUnauthorized === b.allowUnauthorized &&
    fp(a.fingerprint) === fp(b.fingerprint) &&
    a.protocol === b.protocol &&
    (a.allowPlainHttp === true) === (b.allowPlainHttp === true)
  );
}

function describeRef(ref: JsonValue | null): string {
  const x = choiceFromRef(ref);
  if (x !== null) return choiceArgs(x).join(' ');
  const nm = nmChoiceFromRef(ref);
  if (nm !== null) return choiceArgs(nm).join(' ');
  return 'an in-process host';
}

/**
 * Which backend of a journal this invocation may reopen: the journal never chooses the endpoint or the credentials
 * by itself — they must be what this invocation was given (or what `auto` finds here). Returns why not, or null.
 */
export function mayReopenFor(invocation: BackendChoice, env: NodeJS.ProcessEnv): (journal: Journal) => string | null {
  return (journal) => {
    const ref = journal.backendRef;
    const xapi = choiceFromRef(ref);
    const nm = nmChoiceFromRef(ref);
    if (xapi !== null) {
      const mine = invocation.kind === 'nm' ? null : reopenableChoice(invocation, env);
      if (mine !== null && sameXapi(mine, xapi)) return null;
    } else if (nm !== null) {
      if ((invocation.kind === 'nm' || invocation.kind === 'auto') && nmRefFor(invocation, env).bus === nm.bus) return null;
    } else {
      return 'the journal names no backend another process can reach';
    }
    // Unquoted (quoted values are cut to 40 characters in messages), each word bounded: the journal may be hostile.
    const given = invocation.kind === 'auto' ? 'none' : choiceArgs(invocation).join(' ');
    return `it was made with the backend options [${describeRef(ref).slice(0, 300)}], and this command was given [${given}]`;
  };
}

/**
 * Opens this invocation's backend for a journal (after mayReopenFor agreed), with the password read once, now, and
 * kept in memory: a password file removed or changed later does not stop a revert.
 */
export function journalReopener(invocation: BackendChoice, env: NodeJS.ProcessEnv): (journal: Journal) => Promise<BackendResult<GuardedBackend>> {
  const mayReopen = mayReopenFor(invocation, env);
  const xapi = invocation.kind === 'nm' ? null : reopenableChoice(invocation, env);
  const password = xapi === null ? null : passwordOf(xapi, env);
  return async (journal) => {
    const why = mayReopen(journal);
    if (why !== null) return cannotReopen(why);
    const nm = nmChoiceFromRef(journal.backendRef);
    const choice: BackendChoice | null =
      nm !== null ? nm : xapi === null ? null : xapi.passwordFile === null ? xapi : { ...xapi, passwordFile: null };
    if (choice === null) return cannotReopen('the journal names no backend another process can reach');
    const opened = await openBackend(choice, password === null || xapi?.passwordFile === null ? env : { ...env, HOSTCONSOLE_PASSWORD: password });
    if (!opened.ok) return failed(opened.error);
    const { backend } = opened.value;
    // A pool change (set pool-management) journals pool: true: restore every host of the pool, not one.
    const isPool = typeof journal.backendRef === 'object' && journal.backendRef !== null && (journal.backendRef as Record<string, JsonValue>)['pool'] === true;
    if (isPool && backend.pool !== undefined) return succeeded({ backend: new PoolBackend(backend, backend.pool), release: () => backend.close() });
    return succeeded({ backend, release: () => backend.close() });
  };
}

/** An audit log writer that masks this invocation's password (never reads a file a journal names). */
export function auditWriterFor(invocation: BackendChoice, env: NodeJS.ProcessEnv): (path: string) => AuditLog {
  const xapi = invocation.kind === 'nm' ? null : reopenableChoice(invocation, env);
  const secrets = xapi === null ? [] : [passwordOf(xapi, env)];
  return (path) => new AuditLog(path, { secrets });
}

/**
 * Finishes a transaction left without a guardian (see recoverPending), for every front end that starts or decides
 * one — reopening the backend this invocation names, and only when the journal names the same.
 */
export async function recoverWithCli(store: JournalStore, env: NodeJS.ProcessEnv, invocation: BackendChoice): Promise<RecoverResult> {
  return recoverPending({
    store,
    openBackend: journalReopener(invocation, env),
    mayReopen: mayReopenFor(invocation, env),
    auditFor: auditWriterFor(invocation, env),
    onFinal: (j) => disarmRecorded(j, env),
  });
}

/** Stops the systemd timer a journal records (best effort; one that fires for a final change does nothing). */
export function disarmRecorded(journal: Journal, env: NodeJS.ProcessEnv): void {
  const record = journal.backstop;
  if (record === undefined || record === null || record.kind !== 'armed') return;
  systemdBackstop({ stateDir: '', backendArgs: [], env }).disarm(record);
}

/** Lines saying what a recovery did (or why it could not). */
export function recoveredLines(result: Extract<RecoverResult, { kind: 'recovered' | 'foreign' | 'damaged' }>): string[] {
  if (result.kind === 'damaged') return describeDamage(result.problems);
  if (result.kind === 'foreign') return describeForeign(result.journal, result.reason);
  if (result.journal === null) return ['An unfinished change was found without its guardian; it has been finished.'];
  return [`An unfinished change (${result.journal.id}) was found without its guardian:`, ...describeOutcome(outcomeOf(result.journal))];
}

export type StateStoreResult =
  | {
      readonly ok: true;
      readonly store: JournalStore;
      /** True when the directory is a private temporary one (the in-process simulated host). */
      readonly private: boolean;
      /** Removes a private directory; nothing otherwise. */
      readonly cleanup: () => void;
    }
  | { readonly ok: false; readonly dir: string; readonly message: string };

/**
 * The journal's directory: --state-dir, else $HOSTCONSOLE_STATE_DIR, else /var/lib/hostconsole — except that the
 * in-process simulated host, which lives and dies with this process, gets a private temporary directory unless one
 * is named. The directory is checked (state-dir-security.ts) before anything in it is read.
 */
export function openStateStore(choice: BackendChoice, stateDirOption: string | undefined, env: NodeJS.ProcessEnv): StateStoreResult {
  const explicitDir = stateDirOption ?? env['HOSTCONSOLE_STATE_DIR'];
  const privateDir = choice.kind === 'simulate' && explicitDir === undefined;
  const dir = privateDir ? mkdtempSync(join(tmpdir(), 'hostconsole-state-')) : resolveStateDir(explicitDir, env);
  const cleanup = privateDir ? removeOnExit(dir) : () => undefined;
  const trust = checkStateDir(dir);
  if (!trust.ok) {
    cleanup();
    return { ok: false, dir, message: trust.problem };
  }
  return { ok: true, store: new JournalStore(dir), private: privateDir, cleanup };
}

/** The state directory of --state-dir / $HOSTCONSOLE_STATE_DIR / the default, checked, not created (confirm, revert, status). */
export function openExistingStore(stateDirOption: string | undefined, env: NodeJS.ProcessEnv): { readonly ok: true; readonly store: JournalStore } | { readonly ok: false; readonly dir: string; readonly message: string } {
  const dir = resolveStateDir(stateDirOption, env);
  const trust = checkStateDir(dir, { create: false });
  return trust.ok ? { ok: true, store: new JournalStore(dir) } : { ok: false, dir, message: trust.problem };
}

export interface TransactionWiring {
  readonly audit: AuditLog;
  readonly guardian: GuardianLauncher;
  /** The timer outside our processes (systemd) that reverts if they all die; a 'none' one says why not. */
  readonly backstop: Backstop;
}

export interface WiringOptions {
  readonly choice: BackendChoice;
  readonly store: JournalStore;
  readonly auditOption: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly onAuditError: (error: Error) => void;
  /**
   * The opened backend's kind, when known: 'networkmanager' (which 'auto' may find) cannot be reopened as xapi, so
   * it is guarded in-process.
   */
  readonly backendKind?: string;
  /** Where the guardian runs hostconsole from (tests); default: this installation. */
  readonly launcher?: string;
}

/**
 * The audit log (masking the backend's password) and the guardian: a detached `hostconsole guardian` process for a
 * host another process can reopen (xapi, auto), in-process otherwise (--simulate: the host lives in this process;
 * NetworkManager: the transaction holds NM's checkpoint, which NM rolls back by itself if this process dies).
 */
export function transactionWiring(options: WiringOptions): TransactionWiring {
  const { store, env } = options;
  const networkManager = options.backendKind === 'networkmanager' || options.choice.kind === 'nm';
  const reopenable = networkManager ? null : reopenableChoice(options.choice, env);
  const secrets = reopenable === null ? [] : [passwordOf(reopenable, env)];
  const audit = new AuditLog(resolveAuditLog(options.auditOption, store.dir, env), { secrets, onError: options.onAuditError });
  if (reopenable === null) {
    // NetworkManager: its checkpoint is the safety net that survives this process; the journal says how a recovery
    // reopens it. The in-process simulated host cannot be reopened (it ends with this process).
    const guardian: GuardianLauncher = networkManager ? { kind: 'in-process', backendRef: nmRefFor(options.choice, env) } : { kind: 'in-process' };
    return { audit, guardian, backstop: noBackstop(networkManager ? "NetworkManager's checkpoint rolls back by itself" : 'the simulated host lives in this process') };
  }
  // The guardian and the backstop get the backend on their command line (never a password): they check it against
  // the journal and never take an endpoint or a password file from the journal alone.
  const backendArgs = choiceArgs(reopenable);
  const guardian: GuardianLauncher = {
    kind: 'detached',
    backendRef: { ...reopenable },
    launch: (id) =>
      spawnGuardian({ stateDir: store.dir, transactionId: id, extraArgs: backendArgs, env, ...(options.launcher !== undefined ? { launcher: options.launcher } : {}) }),
    isAlive: isSameProcessAlive,
  };
  const tcp = reopenable.endpoint.startsWith('http');
  const refusal = tcp && reopenable.passwordFile === null ? 'the password comes from $HOSTCONSOLE_PASSWORD, which a systemd timer cannot be given safely; use --password-file' : null;
  return { audit, guardian, backstop: systemdBackstop({ stateDir: store.dir, backendArgs, env, refusal }) };
}
