/** Local command shell: after login, the user's shell on this terminal; the console comes back, redrawn, on exit. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { HostTools } from '../src/app/host-tools.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function localShellScreen({ session }: ScreenDeps, env: Readonly<Record<string, string | undefined>> = process.env): Screen {
  return {
    id: 'local-shell',
    title: 'Local command shell',
    menuLabel: 'Local command shell',
    describe: () => ({
      title: 'Local command shell',
      blocks: [
        {
          kind: 'text',
          paragraphs: [
            'Enter: a command shell on this terminal (your $SHELL, else your login shell).',
            "Type 'exit' to come back to the console. The audit log records its start and end.",
          ],
        },
      ],
    }),
    open: async (ctx) => {
      // Loaded when opened, not with the first frame.
      const [{ requireChange }, { chooseShell, runShell }] = await Promise.all([import('../src/app/require-change.js'), import('../src/app/local-shell.js')]);
      if (!(await requireChange(ctx, 'open a local command shell'))) return;
      const shell = chooseShell({ env });
      if (shell === null) {
        await ctx.message('Local command shell', ['No shell to run: $SHELL, the login shell in /etc/passwd, /bin/bash and /bin/sh are all missing or not executable.']);
        return;
      }
      const audit = (details: Parameters<HostTools['audit']>[1]): Promise<void> => session.tools?.()?.audit('local-shell', details) ?? Promise.resolve();
      await audit({ phase: 'start', shell });
      let run: Awaited<ReturnType<typeof runShell>> | undefined;
      await ctx.suspend(async () => {
        const ended = await runShell(shell, env);
        run = ended;
        // Logged before the console is drawn again, so that it takes keys as soon as it is back.
        await audit(ended.started ? { phase: 'end', shell, exitCode: ended.exitCode, signal: ended.signal } : { phase: 'end', shell, error: ended.message });
      });
      if (run === undefined) return; // the console was shutting down
      if (!run.started) await ctx.error({ title: 'Local command shell', message: run.message, details: shell });
    },
  };
}
