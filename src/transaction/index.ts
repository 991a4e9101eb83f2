/**
 * Safe apply: every change is a transaction (save → apply → check → wait for confirmation → keep or restore) that
 * survives the console ending. Backend-agnostic: imports the model and the Backend interface only.
 * See docs/safe-apply.md.
 */
export { AuditLog, AUDIT_SCHEMA, type AuditEntry, type AuditEventName, type AuditLogOptions } from './audit-log.js';
export { formatCheck, NOT_TESTED, runPostApplyChecks, type CheckInputs, type CheckResult, type CheckStatus, type ManagementProbe } from './backend-checks.js';
export {
  CHECKPOINT_APPLY_ALLOWANCE_MS,
  CHECKPOINT_GRACE_MS,
  CHECKPOINT_MARGIN_SECONDS,
  CheckpointGuard,
  checkpointTimeoutSeconds,
  rolledBackByBackend,
  windowExtensionSeconds,
  type CheckpointRecord,
  type CheckpointRevert,
  type CheckpointSettlement,
} from './checkpoint.js';
export { systemClock, type Clock } from './clock.js';
export { changeJson, Guardian, type GuardedBackend, type GuardianOptions, type GuardianResult } from './guardian.js';
export { diagnoseJournal, inspectJournal, JOURNAL_SCHEMA, JournalStore, parseJournal, type BackstopRecord, type Journal, type JournalRead } from './journal.js';
export {
  FINAL_PHASES,
  describeRevertReason,
  initialTxState,
  isBeforeWindow,
  isFinal,
  reduce,
  remainingMs,
  type RevertReason,
  type TxEvent,
  type TxPhase,
  type TxResult,
  type TxState,
} from './machine.js';
export { isProcessAlive } from './process-alive.js';
export { cannotReopen, hostOutlivesConsole, recoverPending, unresolvedDamage, type DamagedJournal, type RecoverOptions, type RecoverResult } from './recover.js';
export { DAMAGE_ADVICE, describeDamage, describeForeign } from './blocked-text.js';
export { BACKSTOP_APPLY_ALLOWANCE_MS, BACKSTOP_MARGIN_MS, describeBackstop, noBackstop, type Backstop } from './backstop.js';
export { isSameProcessAlive, ownStartTime, processStartTime } from './process-identity.js';
export { checkStateDir, type StateDirTrust } from './state-dir-security.js';
export { describePending, requestConfirm, requestRevert, type RequestResult } from './requests.js';
export { DEFAULT_GIVE_UP_MS, restoreWithRetry, type RestoreRetryOptions, type RestoreRetryResult } from './restore-with-retry.js';
export { findLauncher, selfCommand, spawnGuardian, type SpawnGuardianOptions } from './spawn-guardian.js';
export { DEFAULT_STATE_DIR, resolveAuditLog, resolveStateDir } from './state-dir.js';
export {
  outcomeOf,
  startTransaction,
  type GuardianLauncher,
  type StartRefusal,
  type StartResult,
  type TransactionEvent,
  type TransactionHandle,
  type TransactionOptions,
  type TransactionOutcome,
} from './transaction.js';
export { describeWho, detectWho, type Who, type WhoSources } from './who.js';
export { describeOutcome, restoredLines } from './outcome-text.js';
