/** session.login_with_password (2–4 arguments), slave_local_login_with_password, logout, and the session getters. */
import type { CallContext, Implementation } from '../call-context.js';
import { success, xapiError, type Outcome } from '../errors.js';
import { randomRef, randomUUID } from '../ids.js';
import { pruneSessions } from '../session-limits.js';
import type { Session, SimState } from '../state.js';
import { str } from '../state.js';
import { fullRecord, NULL_REF, xapiDateTime, type JsonValue, type XRecord } from '../values.js';
import { genericImplementations } from './generic.js';

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function authenticate(ctx: CallContext, uname: string, pwd: string): Promise<Outcome<null>> {
  // Over the unix socket any password yields a root session, as on a real host.
  if (ctx.transport === 'unix') return success(null);
  if (uname === 'root' && pwd === ctx.state.rootPassword) return success(null);
  await delay(ctx.state.authFailureDelayMs, ctx.signal);
  return xapiError('SESSION_AUTHENTICATION_FAILED', uname, 'Authentication failure');
}

function open(ctx: CallContext, uname: string, originator: string, slaveLocal: boolean): string {
  const s: Session = {
    ref: randomRef(),
    uuid: randomUUID(),
    hostRef: ctx.hostRef,
    user: uname,
    originator,
    local: ctx.transport === 'unix',
    slaveLocal,
    created: xapiDateTime(new Date()),
    lastActive: ctx.state.sessionClock(),
    lastUse: ++ctx.state.sessionUses,
  };
  ctx.state.sessions.set(s.ref, s);
  pruneSessions(ctx.state, s.lastActive);
  return s.ref;
}

async function login(ctx: CallContext, args: readonly JsonValue[]): Promise<Outcome<JsonValue>> {
  const [unameV, pwdV, , originatorV] = args;
  const uname = str(unameV);
  if (ctx.hostRef !== ctx.state.masterRef()) {
    const master = ctx.state.record('host', ctx.state.masterRef());
    return xapiError('HOST_IS_SLAVE', str(master?.address));
  }
  const auth = await authenticate(ctx, uname, str(pwdV));
  if (!auth.ok) return auth;
  return success(open(ctx, uname, str(originatorV), false));
}

async function slaveLocalLogin(ctx: CallContext, [unameV, pwdV]: readonly JsonValue[]): Promise<Outcome<JsonValue>> {
  const uname = str(unameV);
  const auth = await authenticate(ctx, uname, str(pwdV));
  if (!auth.ok) return auth;
  return success(open(ctx, uname, '', true));
}

/** pam_pwquality's default minimum length (minlen = 8), which an XCP-ng host's password stack applies. */
const MIN_PASSWORD_LENGTH = 8;

/**
 * session.change_password(session, old_pwd, new_pwd), as xapi does it: for a local-superuser session `old_pwd` is
 * ignored (xapi CA-13567) and root's password is set through PAM, whose refusal comes back as
 * CHANGE_PASSWORD_REJECTED [msg]; other sessions get USER_IS_NOT_LOCAL_SUPERUSER [msg].
 */
function changePassword(ctx: CallContext, [, newV]: readonly JsonValue[]): Outcome<JsonValue> {
  const session = ctx.session;
  if (session === undefined || session.slaveLocal) return xapiError('USER_IS_NOT_LOCAL_SUPERUSER', 'Failed to change password for user root');
  const next = str(newV);
  if (next === '') return xapiError('CHANGE_PASSWORD_REJECTED', 'No password supplied');
  if (next.length < MIN_PASSWORD_LENGTH) return xapiError('CHANGE_PASSWORD_REJECTED', `BAD PASSWORD: The password is shorter than ${MIN_PASSWORD_LENGTH} characters`);
  ctx.state.rootPassword = next;
  return success('');
}

function logout(ctx: CallContext): Outcome<JsonValue> {
  if (ctx.session !== undefined) ctx.state.sessions.delete(ctx.session.ref);
  return success('');
}

export function sessionRecord(s: Session): XRecord {
  return fullRecord('session', {
    uuid: s.uuid,
    this_host: s.hostRef,
    this_user: NULL_REF,
    last_active: xapiDateTime(new Date(s.lastActive)),
    pool: false,
    other_config: {},
    is_local_superuser: true,
    subject: NULL_REF,
    validation_time: s.created,
    auth_user_sid: '',
    auth_user_name: s.user,
    rbac_permissions: [],
    tasks: [],
    parent: NULL_REF,
    originator: s.originator,
    client_certificate: false,
  });
}

const sessionSource = {
  get: (state: SimState, ref: string) => {
    const s = state.sessions.get(ref);
    return s === undefined ? undefined : sessionRecord(s);
  },
  all: (state: SimState): [string, XRecord][] => [...state.sessions.values()].map((s) => [s.ref, sessionRecord(s)]),
};

const getters = genericImplementations('session', { source: sessionSource, writable: false }).filter(
  (i) => i.message.startsWith('get_') && i.message !== 'get_all' && i.message !== 'get_all_records',
);

export const sessionImplementations: readonly Implementation[] = [
  { cls: 'session', message: 'login_with_password', handler: login, noSession: true },
  { cls: 'session', message: 'slave_local_login_with_password', handler: slaveLocalLogin, noSession: true },
  { cls: 'session', message: 'logout', handler: logout },
  { cls: 'session', message: 'change_password', handler: changePassword },
  { cls: 'session', message: 'local_logout', handler: logout },
  ...getters,
];
