/**
 * The console's Authorizer: a change may start when someone allowed is logged in; otherwise the user is asked for
 * the password (a dialog that shows nothing of what is typed) and the flow goes on where it was once the log-in
 * succeeds. A refusal is one generic message (after the session's delay); Esc gives up (nothing changes).
 */
import type { Authorizer, AuthorizerUi } from '../../ui/authorizer.js';
import { askSecrets } from '../../ui/password-prompt.js';
import type { AuthSession, LoginResult } from './auth-session.js';

export const LOGIN_TITLE = 'Log in';
export const LOGIN_REFUSED = 'Login incorrect: the user name or password is wrong.';

/** Ask for the password (and the user when others than root may log in) and log in; true once logged in. */
export async function logInInteractively(auth: AuthSession, ui: Pick<AuthorizerUi, 'form' | 'message' | 'progress'>, purpose: string): Promise<boolean> {
  const onlyRoot = auth.users.length === 1 && auth.users[0] === 'root';
  for (;;) {
    const intro = [purpose, onlyRoot ? "Enter root's password (nothing is shown as you type)." : 'Enter the user and password (nothing of the password is shown as you type).'];
    const values = await askSecrets(ui, LOGIN_TITLE, intro, { ...(onlyRoot ? {} : { user: auth.users[0] ?? 'root' }), secrets: [['password', 'Password']] });
    if (values === null) return false;
    const user = onlyRoot ? 'root' : (values['user'] ?? '').trim();
    const progress = ui.progress('Checking', [{ id: 'check', label: 'Check the password' }]);
    progress.update('check', 'running');
    let result: LoginResult;
    try {
      result = await auth.logIn(user, values['password'] ?? '');
    } finally {
      progress.close();
    }
    if (result.kind === 'logged-in') return true;
    if (result.kind === 'unavailable') {
      await ui.message('Cannot check the password', [result.message]);
      return false;
    }
    await ui.message('Login failed', [LOGIN_REFUSED]);
  }
}

export function consoleAuthorizer(auth: AuthSession): Authorizer {
  return {
    async authorize({ what }, ui): Promise<boolean> {
      if (auth.user() !== null) return true;
      return logInInteractively(auth, ui, `Viewing needs no log-in; this changes the host (${what}): log in first.`);
    },
    // The menu marks the items that change the host while nobody is logged in.
    locked: () => auth.user() === null,
  };
}
