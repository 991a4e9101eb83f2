/** Authentication → Log in / Log out: log in before changes (they ask anyway), or log out now. */
import { authPane } from '../src/presentation/auth-pane.js';
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function logInOutScreen({ auth }: ScreenDeps): Screen | null {
  if (auth === undefined) return null;
  const facts = () => ({ user: auth.user(), timeoutMs: auth.timeoutMs, mechanism: auth.mechanism, users: auth.users });
  return {
    id: 'log-in-out',
    title: 'Log in / Log out',
    menuLabel: 'Log in / Log out',
    describe: () => authPane(auth.user() === null ? 'Enter: log in (changes ask for the password anyway).' : 'Enter: log out now.', facts()),
    open: async (ctx) => {
      const user = auth.user();
      if (user !== null) {
        if (await ctx.confirm('Log out', [`Log ${user} out of this console? Viewing stays open; the next change asks for the password again.`])) auth.logOut('user');
        return;
      }
      const { logInInteractively } = await import('../src/app/auth/console-authorizer.js');
      if (await logInInteractively(auth, ctx, 'Log in to make changes from this console.')) {
        await ctx.message('Logged in', [`Logged in as ${auth.user() ?? 'root'}. This console logs out by itself after the auto-logout time without a key.`]);
      }
    },
  };
}
