/** Authentication → Change auto-logout time: the idle time after which this console logs out (at least 60 s). */
import { MIN_AUTH_TIMEOUT_SECONDS } from '../src/app/auth/auth-session.js';
import { authPane, describeDuration } from '../src/presentation/auth-pane.js';
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { Screen } from '../src/ui/screen-contract.js';

/** A whole number of seconds, at least the minimum: the message for anything else, else null. */
export function checkAutoLogoutSeconds(text: string): string | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'Enter a whole number of seconds, e.g. 300 for 5 minutes.';
  if (Number(t) < MIN_AUTH_TIMEOUT_SECONDS) return `At least ${MIN_AUTH_TIMEOUT_SECONDS} seconds.`;
  if (Number(t) > 86_400) return 'At most 86400 seconds (one day).';
  return null;
}

export function autoLogoutTimeScreen({ auth }: ScreenDeps): Screen | null {
  if (auth === undefined) return null;
  return {
    id: 'auto-logout-time',
    title: 'Change auto-logout time',
    menuLabel: 'Change auto-logout time',
    describe: () =>
      authPane('Enter: change how long this console stays logged in without a key.', { user: auth.user(), timeoutMs: auth.timeoutMs, mechanism: auth.mechanism, users: auth.users }),
    open: async (ctx) => {
      if (!(await ctx.authorize('change the auto-logout time'))) return;
      const values = await ctx.form({
        title: 'Change auto-logout time',
        intro: [
          `Now: ${describeDuration(auth.timeoutMs)}. For this console until it ends; to keep a value, set auth-timeout in /etc/hostconsole/hostconsole.conf (or start with --auth-timeout).`,
          'A pending confirm-or-revert countdown is never cut short by the log-out.',
        ],
        fields: [{ kind: 'text', id: 'seconds', label: 'Seconds', initial: String(Math.round(auth.timeoutMs / 1000)), validate: checkAutoLogoutSeconds }],
      });
      if (values === null) return;
      const seconds = Number((values['seconds'] ?? '').trim());
      auth.setTimeoutMs(seconds * 1000);
      await ctx.message('Auto-logout time', [`This console now logs out after ${describeDuration(seconds * 1000)} without a key.`]);
    },
  };
}
