/**
 * The "Authentication" section (xsconsole's): log in / log out, the auto-logout time, root's password. Shown only
 * when the console has a log-in (its items are the registry lines with `in: 'authentication'`).
 */
import type { SectionHead } from '../src/app/screen-registry.js';
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { authPane } from '../src/presentation/auth-pane.js';

export function authenticationSection({ auth }: ScreenDeps): SectionHead | null {
  if (auth === undefined) return null;
  return {
    kind: 'section',
    id: 'authentication',
    title: 'Authentication',
    menuLabel: 'Authentication',
    describe: () =>
      authPane(auth.user() === null ? 'Enter: log in, the auto-logout time, root\'s password.' : 'Enter: log out, the auto-logout time, root\'s password.', {
        user: auth.user(),
        timeoutMs: auth.timeoutMs,
        mechanism: auth.mechanism,
        users: auth.users,
      }),
  };
}
