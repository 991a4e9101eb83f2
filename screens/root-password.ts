/**
 * Authentication → Change root password: the current password (checked by the host), the new one twice; set by the
 * host's own mechanism (xapi session.change_password, or PAM's chauthtok) — never by writing /etc/shadow.
 */
import { authPane } from '../src/presentation/auth-pane.js';
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function rootPasswordScreen({ auth }: ScreenDeps): Screen | null {
  if (auth === undefined) return null;
  return {
    id: 'root-password',
    title: 'Change root password',
    menuLabel: 'Change root password',
    describe: () => authPane("Enter: change root's password (the current one is asked first).", { user: auth.user(), timeoutMs: auth.timeoutMs, mechanism: auth.mechanism, users: auth.users }),
    open: async (ctx) => {
      const { askSecrets } = await import('../src/ui/password-prompt.js');
      for (;;) {
        const values = await askSecrets(ctx, 'Change root password', ["Nothing is shown as you type. The host checks the current password and its rules for the new one."], {
          secrets: [
            ['old', 'Current password'],
            ['new', 'New password'],
            ['again', 'New password again'],
          ],
        });
        if (values === null) return;
        const next = values['new'] ?? '';
        if (next === '') {
          await ctx.message('Change root password', ['The new password is empty; nothing was changed.']);
          continue;
        }
        if (next !== values['again']) {
          await ctx.message('Change root password', ['The two new passwords differ; nothing was changed.']);
          continue;
        }
        const progress = ctx.progress('Changing', [{ id: 'change', label: "Check the current password and set the new one" }]);
        progress.update('change', 'running');
        const result = await auth.changePassword('root', values['old'] ?? '', next).finally(() => progress.close());
        switch (result.kind) {
          case 'changed':
            await ctx.message('Change root password', ["root's password has been changed."]);
            return;
          case 'wrong-password':
            await ctx.message('Change root password', ['The current password is wrong. Nothing was changed.']);
            return;
          case 'refused':
            await ctx.message('Change root password', [`The host refused the new password: ${result.message}`, 'Nothing was changed.']);
            continue;
          case 'unavailable':
            await ctx.message('Change root password', [result.message, 'Nothing was changed.']);
            return;
        }
      }
    },
  };
}
