/**
 * What every front end that makes a confirm-or-revert change shares (`hostconsole set`, the console, and the
 * `confirm` / `revert` / `guardian` verbs): the --state-dir / --audit-log / --confirm-timeout options, where the
 * journal lives (a private directory for the in-process simulated host), which guardian guards a change (detached
 * for a host another process can reach, in-process otherwise), and how a journal's backend reference (a
 * BackendChoice; never a password) is reopened by another process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  describeOutcome,
  isProcessAlive,
  JournalStore,
  outcomeOf,
  recoverPending,
  resolveAuditLog,
  resolveStateDir,
  spawnGuardian,
  type GuardedBackend,
  type GuardianLauncher,
  type Journal,
  type RecoverResult,
} from '../transaction/index.js';

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

/** Reopens the backend a journal names, for a guardian or a recovery. */
export async function reopenJournalBackend(journal: Journal, env: NodeJS.ProcessEnv): Promise<BackendResult<GuardedBackend>> {
  const choice = choiceFromRef(journal.backendRef) ?? nmChoiceFromRef(journal.backendRef);
  if (choice === null) return cannotReopen('the journal names no backend another process can reach (in-process simulated host)');
  const opened = await openBackend(choice, env);
  if (!opened.ok) return failed(opened.error);
  const { backend } = opened.value;
  // A pool change (set pool-management) journals pool: true: restore every host of the pool, not one.
  const isPool = typeof journal.backendRef === 'object' && journal.backendRef !== null && (journal.backendRef as Record<string, JsonValue>)['pool'] === true;
  if (isPool && backend.pool !== undefined) return succeeded({ backend: new PoolBackend(backend, backend.pool), release: () => backend.close() });
  return succeeded({ backend, release: () => backend.close() });
}

/** An audit log writer that masks the password of the journal's backend. */
export function auditWriterFor(journal: Journal | null, env: NodeJS.ProcessEnv): (path: string) => AuditLog {
  const choice = journal === null ? null : choiceFromRef(journal.backendRef);
  const secrets = choice === null ? [] : [passwordOf(choice, env)];
  return (path) => new AuditLog(path, { secrets });
}

/** Finishes a transaction left without a guardian (see recoverPending), for every front end that starts or decides one. */
export async function recoverWithCli(store: JournalStore, env: NodeJS.ProcessEnv): Promise<RecoverResult> {
  const journal = store.read();
  return recoverPending({ store, openBackend: (j) => reopenJournalBackend(j, env), auditFor: auditWriterFor(journal, env) });
}

/** Lines saying what a recovery did. */
export function recoveredLines(result: Extract<RecoverResult, { kind: 'recovered' }>): string[] {
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
 * is named.
 */
export function openStateStore(choice: BackendChoice, stateDirOption: string | undefined, env: NodeJS.ProcessEnv): StateStoreResult {
  const explicitDir = stateDirOption ?? env['HOSTCONSOLE_STATE_DIR'];
  const privateDir = choice.kind === 'simulate' && explicitDir === undefined;
  const dir = privateDir ? mkdtempSync(join(tmpdir(), 'hostconsole-state-')) : resolveStateDir(explicitDir, env);
  const store = new JournalStore(dir);
  try {
    store.ensureDir();
  } catch (err) {
    return { ok: false, dir, message: (err as Error).message };
  }
  return { ok: true, store, private: privateDir, cleanup: () => (privateDir ? rmSync(dir, { recursive: true, force: true }) : undefined) };
}

export interface TransactionWiring {
  readonly audit: AuditLog;
  readonly guardian: GuardianLauncher;
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
  const guardian: GuardianLauncher =
    reopenable === null
      ? // NetworkManager: its checkpoint is the safety net that survives this process; the journal says how a
        // recovery reopens it. The in-process simulated host cannot be reopened.
        networkManager
        ? { kind: 'in-process', backendRef: nmRefFor(options.choice, env) }
        : { kind: 'in-process' }
      : {
          kind: 'detached',
          backendRef: { ...reopenable },
          launch: (id) => spawnGuardian({ stateDir: store.dir, transactionId: id, env, ...(options.launcher !== undefined ? { launcher: options.launcher } : {}) }),
          isAlive: isProcessAlive,
        };
  return { audit, guardian };
}
