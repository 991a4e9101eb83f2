/**
 * Traffic: live per-family traffic on an interface (the management interface first) and the peers of the management
 * services by the family they really use, with the verdict — "is anything still reaching this host over IPv4?".
 * Sampling runs only while the view is open (once a second); p pauses, i moves to the next interface, Esc leaves.
 */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { LiveViewHandle, Screen, ViewKey } from '../src/ui/screen-contract.js';

const PAUSE: ViewKey = { id: 'pause', keys: ['p'], footer: { keys: 'p', text: 'Pause' }, description: 'Pause or resume sampling' };
const RESUME: ViewKey = { ...PAUSE, footer: { keys: 'p', text: 'Resume' } };
const NEXT: ViewKey = { id: 'next', keys: ['i'], footer: { keys: 'i', text: 'Next interface' }, description: 'Watch the next interface' };

export function trafficScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'traffic',
    title: 'Traffic by family',
    menuLabel: 'Traffic',
    describe: () => menuPane('Enter: traffic and peers by family.', session.state(), session.readError()?.message ?? null),
    open: async (ctx) => {
      // Loaded when opened: nothing of this is on the start-up path.
      const [{ NO_TRAFFIC_SOURCE }, { addSample, namePeers, startWatch }, { managementInterface }, view, { rememberWatch, loadPeerNames }] = await Promise.all([
        import('../src/backends/traffic-source.js'),
        import('../src/model/traffic-watch.js'),
        import('../src/model/host-queries.js'),
        import('../src/presentation/traffic-screen-view.js'),
        import('../src/app/traffic-memory.js'),
      ]);
      const source = session.traffic?.() ?? null;
      const first = session.state();
      if (source === null || first === null) {
        await ctx.message('Traffic by family', [source === null ? NO_TRAFFIC_SOURCE : (session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.')]);
        return;
      }
      const candidates = (): string[] => (session.state() ?? first).interfaces.filter((i) => i.bondMemberOf === null).map((i) => i.id);
      let interfaceId = managementInterface(first)?.id ?? candidates()[0] ?? '';
      let watch = startWatch(interfaceId);
      let paused = false;
      let handle: LiveViewHandle | null = null;
      // A pool member's address shows its name: from the pool view's data, read once while the first samples come.
      let names: ReadonlyMap<string, string> = new Map();
      let open = true;
      void loadPeerNames(session).then((loaded) => {
        names = loaded;
        watch = namePeers(watch, names);
        if (open && !paused) draw();
      });
      const draw = (): void => handle?.update(view.trafficScreenContent(watch, session.state() ?? first, interfaceId, source.origin, ctx.charts === true));
      const status = (): string => (paused ? 'Paused: p resumes.' : 'Sampling every second; the window keeps 5 minutes.');
      const tick = async (): Promise<void> => {
        if (paused) return;
        const sample = await source.sample(session.state() ?? first, interfaceId);
        if (sample.ok) {
          watch = addSample(watch, sample.value, names);
          rememberWatch(watch);
        }
        else handle?.setStatus(`Could not read the counters: ${sample.error.message}`);
        draw();
      };
      handle = ctx.liveView(view.trafficScreenContent(watch, first, interfaceId, source.origin, ctx.charts === true), {
        keys: [PAUSE, NEXT],
        status: status(),
        onKey: (id) => {
          if (id === 'pause') {
            paused = !paused;
            handle?.setKeys([paused ? RESUME : PAUSE, NEXT]);
            handle?.setStatus(status());
          } else if (id === 'next') {
            const list = candidates();
            interfaceId = list[(list.indexOf(interfaceId) + 1) % list.length] ?? interfaceId;
            watch = startWatch(interfaceId);
            void tick();
          }
        },
      });
      await tick();
      const timer = setInterval(() => void tick(), 1000);
      try {
        await handle.closed;
      } finally {
        open = false;
        clearInterval(timer);
      }
    },
    refresh: () => session.refresh(),
  };
}
