/**
 * Password checks through xapi itself: `session.login_with_password` over TCP to the host's management address —
 * xapi hands the password to the host's PAM stack (the unix socket accepts any password, so it proves nothing).
 * On a pool member xapi answers HOST_IS_SLAVE before checking anything; `session.slave_local_login_with_password`
 * then checks it on this host. Changing a password: log in with the old one (the check), then
 * `session.change_password(session, old, new)` — xapi ignores `old` for root sessions, hence the login first — which
 * sets it through PAM; CHANGE_PASSWORD_REJECTED carries PAM's reason.
 */
import type { BackendResult, PasswordChangeOutcome } from '../backend.js';
import { backendError, failed, succeeded } from '../backend-error.js';
import type { TlsTrust } from './http-post.js';
import { target, type XapiProbeOptions } from './management-probe.js';
import { createTransport, type Transport } from './transport.js';
import { formatXapiError } from './xapi-error.js';

export interface PasswordLoginOptions extends Omit<XapiProbeOptions, 'credentials'> {
  /** TLS trust for the login (it carries a password). */
  readonly loginTls?: TlsTrust;
}

const ORIGINATOR = 'hostconsole-login';

type Opened = { readonly kind: 'session'; readonly ref: string } | { readonly kind: 'rejected' } | { readonly kind: 'error'; readonly message: string; readonly code: string };

function transportFor(options: PasswordLoginOptions, address: string): { transport: Transport; shown: string } | { missing: string } {
  const t = target(options, address);
  if ('missing' in t) return { missing: t.missing };
  return {
    transport: createTransport({ endpoint: t.endpoint, protocol: options.protocol ?? 'auto', tls: options.loginTls ?? options.tls ?? {}, timeoutMs: options.timeoutMs ?? 10_000 }),
    shown: t.shown,
  };
}

async function open(transport: Transport, user: string, password: string): Promise<Opened> {
  let result = await transport('session.login_with_password', [user, password, '1.1', ORIGINATOR]);
  if (!result.ok && result.error.code === 'HOST_IS_SLAVE') result = await transport('session.slave_local_login_with_password', [user, password]);
  if (result.ok) return typeof result.value === 'string' ? { kind: 'session', ref: result.value } : { kind: 'error', code: 'protocol-error', message: 'the login returned no session' };
  if (result.error.code === 'SESSION_AUTHENTICATION_FAILED' || result.error.code === 'SESSION_AUTHORIZATION_FAILED') return { kind: 'rejected' };
  return { kind: 'error', code: result.error.code, message: formatXapiError(result.error) };
}

function unavailable(shown: string, message: string, code = 'password-check-unavailable'): BackendResult<never> {
  return failed(backendError(code, `The password cannot be checked: ${shown} did not accept a login (${message}).`));
}

export async function verifyPasswordByLogin(options: PasswordLoginOptions, address: string, user: string, password: string): Promise<BackendResult<'accepted' | 'rejected'>> {
  const t = transportFor(options, address);
  if ('missing' in t) return failed(backendError('password-check-unavailable', `The password cannot be checked: ${t.missing}.`));
  const opened = await open(t.transport, user, password);
  if (opened.kind === 'rejected') return succeeded('rejected');
  if (opened.kind === 'error') return unavailable(t.shown, opened.message);
  await t.transport('session.logout', [opened.ref]);
  return succeeded('accepted');
}

export async function changePasswordByLogin(
  options: PasswordLoginOptions,
  address: string,
  user: string,
  oldPassword: string,
  newPassword: string,
): Promise<BackendResult<PasswordChangeOutcome>> {
  const t = transportFor(options, address);
  if ('missing' in t) return failed(backendError('password-check-unavailable', `The password cannot be changed: ${t.missing}.`));
  const opened = await open(t.transport, user, oldPassword);
  if (opened.kind === 'rejected') return succeeded({ kind: 'wrong-password' });
  if (opened.kind === 'error') return unavailable(t.shown, opened.message);
  try {
    const changed = await t.transport('session.change_password', [opened.ref, oldPassword, newPassword]);
    if (changed.ok) return succeeded({ kind: 'changed' });
    const { code, params } = changed.error;
    if (code === 'CHANGE_PASSWORD_REJECTED') return succeeded({ kind: 'refused', message: params[0] ?? 'the host refused the new password' });
    if (code === 'USER_IS_NOT_LOCAL_SUPERUSER') return succeeded({ kind: 'refused', message: `only root's password can be changed here (${params[0] ?? code})` });
    return failed(backendError(code, `The password was not changed: ${formatXapiError(changed.error)}.`, { params }));
  } finally {
    await t.transport('session.logout', [opened.ref]);
  }
}
