/**
 * Test network (xsconsole's, over both families): the default set the planner makes from the host (loopback, the
 * gateways, DNS servers, a name's A and AAAA, the pool master, the management URLs) runs as soon as the screen opens,
 * each row filling in as its test completes; the run is bounded (10 s) and Esc cancels it and leaves. `r` runs the
 * set again; `t` asks for a target (IPv4, IPv6 with an optional %zone, or a name) and tests it alone; `d` goes back
 * to the default set. Viewing only: a test changes nothing on the host, so no log-in is asked for. Where the backend
 * cannot run the tests (a remote xapi), each row says so.
 */
import type { HostTarget } from '../src/addressing/index.js';
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { NetworkTestResult } from '../src/net-tests/run-network-tests.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { Screen, ViewKey } from '../src/ui/screen-contract.js';

const RERUN: ViewKey = { id: 'rerun', keys: ['r'], footer: { keys: 'r', text: 'Rerun' }, description: 'Run the tests shown again.' };
const TARGET: ViewKey = { id: 'target', keys: ['t'], footer: { keys: 't', text: 'Target' }, description: 'Test an address or a name you type.' };
const DEFAULTS: ViewKey = { id: 'defaults', keys: ['d'], footer: { keys: 'd', text: 'Default set' }, description: 'Run the default set again.' };

export function testNetworkScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'test-network',
    title: 'Test network',
    menuLabel: 'Test network',
    describe: () => menuPane('Enter: test both families.', session.state(), session.readError()?.message ?? null),
    refresh: () => session.refresh(),
    open: async (ctx) => {
      // Loaded when opened, not with the first frame.
      const [{ hostTargetText, parseHostTarget }, { planNetworkTests }, { runNetworkTests }, { networkTestSummary, networkTestViewContent }] = await Promise.all([
        import('../src/addressing/index.js'),
        import('../src/model/index.js'),
        import('../src/net-tests/run-network-tests.js'),
        import('../src/presentation/network-test-rows.js'),
      ]);
      const first = session.state();
      const access = (await session.netTests?.()) ?? null;
      if (first === null || access === null) {
        await ctx.message('Test network', [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
        return;
      }
      const { place, environment } = access;
      let targets: readonly HostTarget[] = [];
      const keysFor = (): readonly ViewKey[] => (targets.length === 0 ? [RERUN, TARGET] : [RERUN, TARGET, DEFAULTS]);
      const commands: string[] = [];
      let wake: () => void = () => undefined;
      /** The tests for the host as it is now: the resolver's nameservers beside the configured DNS servers (as test-network). */
      const plan = async (): Promise<ReturnType<typeof planNetworkTests>> => {
        const resolver = environment.tools === null ? null : await environment.tools.resolverConfig();
        const resolverServers = resolver?.ok === true ? resolver.value.nameservers : [];
        return planNetworkTests(session.state() ?? first, { targets, defaults: targets.length === 0, resolverServers });
      };
      let current = await plan();
      const pending = current.tests.map(() => undefined);
      // The rows in the view; the summary on its status line (in sight when the rows scroll).
      const view = ctx.liveView(networkTestViewContent(current, pending, place), {
        status: networkTestSummary(pending, 'running'),
        keys: keysFor(),
        onKey: (id) => {
          commands.push(id);
          wake();
        },
      });

      /** One run of `current`: its rows fill in as results come; `stop()` cancels it (the runner kills what runs). */
      const start = (): { readonly stop: () => void; readonly done: Promise<unknown> } => {
        const controller = new AbortController();
        const shown = current;
        const results: (NetworkTestResult | undefined)[] = shown.tests.map(() => undefined);
        const started = performance.now();
        const draw = (phase: 'running' | 'done'): void => {
          if (controller.signal.aborted) return;
          view.update(networkTestViewContent(shown, results, place));
          view.setStatus(networkTestSummary(results, phase, phase === 'done' ? performance.now() - started : null));
        };
        draw('running');
        const done = runNetworkTests(shown.tests, environment, {
          signal: controller.signal,
          onResult: (r) => {
            results[r.index] = r;
            draw('running');
          },
        }).then(() => draw('done'));
        return { stop: () => controller.abort(), done };
      };

      let run = start();
      const restart = async (): Promise<void> => {
        run.stop();
        await run.done;
        current = await plan();
        view.setKeys(keysFor());
        run = start();
      };
      const closed = view.closed.then(() => 'closed' as const);
      try {
        for (;;) {
          const command =
            commands.shift() ??
            (await Promise.race([closed, new Promise<string | undefined>((resolve) => (wake = () => resolve(commands.shift())))]));
          if (command === 'closed') return;
          if (command === 'rerun') await restart();
          else if (command === 'defaults') {
            targets = [];
            await restart();
          } else if (command === 'target') {
            const values = await ctx.form({
              title: 'Test a target',
              intro: ['An IPv4 address, an IPv6 address (fe80::1%eth0 for a link-local one) or a host name; a name is tested in each family the host uses.'],
              fields: [
                {
                  kind: 'text',
                  id: 'target',
                  label: 'Target',
                  initial: targets[0] === undefined ? '' : hostTargetText(targets[0]),
                  validate: (text) => {
                    const parsed = parseHostTarget(text);
                    return parsed.ok ? null : parsed.error.message;
                  },
                },
              ],
            });
            const parsed = values === null ? null : parseHostTarget(values.target ?? '');
            if (parsed === null || !parsed.ok) continue;
            targets = [parsed.value];
            await restart();
          }
        }
      } finally {
        // Esc (or the shell ending) cancels what still runs.
        run.stop();
        view.close();
        await run.done;
      }
    },
  };
}
