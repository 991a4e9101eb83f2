/**
 * `hostconsole guardian --state-dir DIR [--id ID]` (internal): the detached process that outlives the console and
 * reverts a pending change unless it is confirmed (src/transaction/guardian.ts, docs/safe-apply.md). Started by
 * `hostconsole set` and the console; never needed by hand.
 *
 * Also home of what the transaction verbs share: the --state-dir / --audit-log options and how a journal's backend
 * reference (a BackendChoice; never a password) is reopened by another process.
 */
import { readFileSync } from 'node:fs';
import type { JsonValue } from '../../backends/backend.js';
import { failed, succeeded, type BackendResult } from '../../backends/backend-error.js';
import { openBackend, type BackendChoice } from '../../backends/select-backend.js';
import { DEFAULT_XAPI_SOCKET } from '../../backends/xapi/endpoint.js';
import {
  AuditLog,
  cannotReopen,
  describeOutcome,
  Guardian,
  isProcessAlive,
  JournalStore,
  outcomeOf,
  recoverPending,
  systemClock,
  type GuardedBackend,
  type Journal,
  type RecoverResult,
} from '../../transaction/index.js';
import { EXIT, type CliIo } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';

export const STATE_OPTIONS: readonly OptionSpec[] = [
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'where the pending change is journalled (default /var/lib/hostconsole, or $HOSTCONSOLE_STATE_DIR)' },
  { name: 'audit-log', kind: 'value', valueName: 'FILE', help: 'audit log, one JSON line per event (default <state-dir>/audit.log)' },
];

/** The backend choice a guardian can reopen: 'auto' becomes the local socket it found; 'simulate' cannot be reopened. */
export function reopenableChoice(choice: BackendChoice, env: NodeJS.ProcessEnv): Extract<BackendChoice, { kind: 'xapi' }> | null {
  if (choice.kind === 'xapi') return choice;
  if (choice.kind === 'auto') {
    const socket = env['HOSTCONSOLE_XAPI_SOCKET'] ?? DEFAULT_XAPI_SOCKET;
    return { kind: 'xapi', endpoint: `unix:${socket}`, user: 'root', passwordFile: null, allowUnauthorized: false, fingerprint: null, protocol: 'auto' };
  }
  return null;
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
  const choice = choiceFromRef(journal.backendRef);
  if (choice === null) return cannotReopen('the journal names no backend another process can reach (in-process simulated host)');
  const opened = await openBackend(choice, env);
  if (!opened.ok) return failed(opened.error);
  const { backend } = opened.value;
  return succeeded({ backend, release: () => backend.close() });
}

/** An audit log writer that masks the password of the journal's backend. */
export function auditWriterFor(journal: Journal | null, env: NodeJS.ProcessEnv): (path: string) => AuditLog {
  const choice = journal === null ? null : choiceFromRef(journal.backendRef);
  const secrets = choice === null ? [] : [passwordOf(choice, env)];
  return (path) => new AuditLog(path, { secrets });
}

/** Finishes a transaction left without a guardian (see recoverPending), for every verb that starts or decides one. */
export async function recoverWithCli(store: JournalStore, env: NodeJS.ProcessEnv): Promise<RecoverResult> {
  const journal = store.read();
  return recoverPending({ store, openBackend: (j) => reopenJournalBackend(j, env), auditFor: auditWriterFor(journal, env) });
}

/** Lines saying what a recovery did. */
export function recoveredLines(result: Extract<RecoverResult, { kind: 'recovered' }>): string[] {
  if (result.journal === null) return ['An unfinished change was found without its guardian; it has been finished.'];
  return [`An unfinished change (${result.journal.id}) was found without its guardian:`, ...describeOutcome(outcomeOf(result.journal))];
}

const OPTIONS: readonly OptionSpec[] = [
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'the state directory holding the pending change' },
  { name: 'id', kind: 'value', valueName: 'ID', help: 'the transaction to guard (default: the pending one)' },
];

export const guardianVerb: Verb = {
  name: 'guardian',
  summary: 'Internal: the detached process that reverts a pending change unless it is confirmed',
  usage: ['guardian --state-dir DIR [--id ID]   (started by `set` and the console; not for use by hand)', ...describeOptions(OPTIONS)],
  async run(args: readonly string[], io: CliIo) {
    const parsed = parseOptions(args, OPTIONS);
    const dir = parsed.ok ? parsed.value.values.get('state-dir') : undefined;
    if (!parsed.ok || dir === undefined || parsed.value.positional.length > 0) {
      io.stderr.write(`hostconsole guardian: ${parsed.ok ? '--state-dir DIR is required' : parsed.error.message}\n`);
      return EXIT.usage;
    }
    const store = new JournalStore(dir);
    const log = (line: string): void => {
      io.stderr.write(`${new Date().toISOString()} guardian[${process.pid}] ${line}\n`);
    };
    const pending = store.read();
    const guardian = new Guardian({
      store,
      id: parsed.value.values.get('id') ?? null,
      clock: systemClock,
      pid: process.pid,
      openBackend: (j) => reopenJournalBackend(j, io.env),
      isConsoleAlive: isProcessAlive,
      isGuardianAlive: isProcessAlive,
      auditFor: auditWriterFor(pending, io.env),
      log,
    });
    // The guardian has no terminal; a hang-up is not for it. SIGUSR1: look at the journal now.
    const ignoreHup = (): void => log('SIGHUP ignored');
    const wake = (): void => guardian.wake();
    process.on('SIGHUP', ignoreHup);
    process.on('SIGUSR1', wake);
    try {
      log(`guarding ${parsed.value.values.get('id') ?? 'the pending transaction'} in ${dir}`);
      const result = await guardian.run();
      if (result.kind === 'nothing-pending') {
        log('nothing pending');
        return EXIT.ok;
      }
      if (result.kind === 'already-guarded') {
        log(`already guarded by pid ${result.guardianPid}`);
        return EXIT.ok;
      }
      const outcome = result.journal === null ? null : outcomeOf(result.journal);
      log(outcome === null ? 'finished' : describeOutcome(outcome).join(' '));
      return outcome?.kind === 'revert-failed' ? EXIT.backend : EXIT.ok;
    } catch (err) {
      log(`bug: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return EXIT.internal;
    } finally {
      process.off('SIGHUP', ignoreHup);
      process.off('SIGUSR1', wake);
    }
  },
};
