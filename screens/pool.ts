/** Pool: every host of the pool with both families and whether each answers, the IPv6 readiness, and the pool move. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { PoolSession } from '../src/app/pool-session.js';
import type { PoolIssue } from '../src/model/pool-readiness.js';
import type { TrafficEvidence } from '../src/model/pool-traffic-issues.js';
import type { PoolState } from '../src/model/pool-state.js';
import { poolMenuPane } from '../src/presentation/pool-menu-pane.js';
import type { ProbeStatus } from '../src/presentation/pool-view.js';
import type { Screen, ScreenContext } from '../src/ui/screen-contract.js';

const PROBE_WAIT_MS = 4000;

/** Probes every host's addresses at once; an address not answered within PROBE_WAIT_MS shows as not checked. */
async function probeAll(session: PoolSession, addresses: readonly string[]): Promise<Map<string, ProbeStatus>> {
  const out = new Map<string, ProbeStatus>();
  await Promise.all(
    addresses.map(async (a) => {
      let timer: NodeJS.Timeout | undefined;
      const status = await Promise.race([session.probe(a), new Promise<ProbeStatus>((resolve) => (timer = setTimeout(() => resolve('not-tested'), PROBE_WAIT_MS)))]);
      clearTimeout(timer);
      out.set(a, status);
    }),
  );
  return out;
}

async function movePool(ctx: ScreenContext, session: PoolSession, pool: PoolState): Promise<void> {
  // Moving the pool changes every host: log in first (viewing the pool needs none).
  if (!(await ctx.authorize('Move the whole pool'))) return;
  const [{ validatePoolPlan, applyOrder }, { describeLayout }, { managementInterface, preferredAddress, cidrText }, view, { runPoolChange }, { planChanges }] = await Promise.all([
    import('../src/model/pool-plan.js'),
    import('../src/model/layout.js'),
    import('../src/model/index.js'),
    import('../src/presentation/pool-screen-view.js'),
    import('../src/app/pool-change-flow.js'),
    import('../src/model/desired-state.js'),
  ]);
  const layout = await ctx.choose(
    'Layout for every host',
    (['dual-ipv4-primary', 'dual-ipv6-primary', 'ipv6-only'] as const).map((l) => ({ value: l, label: describeLayout(l) })),
    0,
  );
  if (layout === null) return;
  const mode = await ctx.choose(
    'IPv6 addresses',
    [
      { value: 'static' as const, label: 'Static: one address per host' },
      { value: 'autoconf' as const, label: 'Autoconf (SLAAC from the router)' },
      { value: 'dhcp' as const, label: 'DHCPv6' },
    ],
    0,
  );
  if (mode === null) return;
  const order = applyOrder(pool);
  let values: Record<string, string> = {};
  for (const h of order) {
    const iface = managementInterface(h.state);
    const v6 = iface === null ? null : preferredAddress(iface, 'ipv6');
    values[h.id] = v6 === null ? '' : cidrText(v6);
  }
  values['gateway6'] = order.map((h) => managementInterface(h.state)?.ipv6.gateway ?? null).find((g) => g !== null) ?? '';
  for (;;) {
    if (mode === 'static') {
      const form = await ctx.form({
        title: `${describeLayout(layout)}: IPv6 addresses`,
        intro: ['One address per host, all on one prefix (ADDR/PREFIX), and the gateway they share.'],
        fields: [
          ...order.map((h) => ({ kind: 'text' as const, id: h.id, label: `${h.state.name} (${h.role})`, initial: values[h.id] ?? '' })),
          { kind: 'text' as const, id: 'gateway6', label: 'IPv6 gateway', initial: values['gateway6'] ?? '' },
        ],
      });
      if (form === null) return;
      values = { ...form };
    }
    const addresses: Record<string, string> = {};
    if (mode === 'static') for (const h of order) if ((values[h.id] ?? '') !== '') addresses[h.id] = values[h.id] ?? '';
    const gateway = values['gateway6'] ?? '';
    const v = validatePoolPlan(pool, { layout, addresses, ipv6Mode: mode === 'static' ? null : mode, gateway6: mode === 'static' ? gateway : null }, session.capabilities);
    if (v.plans === null) {
      await ctx.message('Not ready to apply', view.poolIssuesParagraphs(v.errors));
      if (mode !== 'static') return;
      continue;
    }
    const changes = v.plans.flatMap(({ host, plan }) => planChanges(plan, host.state).map((c) => ({ ...c, path: `${host.state.name}: ${c.path}` })));
    const yes = await ctx.review(view.poolReviewContent(layout, v.plans.map((p) => p.host.state.name), changes, v.warnings), 'Apply to every host? F8/y: apply   n/Esc: back');
    if (!yes) {
      if (mode !== 'static') return;
      continue;
    }
    // Still logged in? (An automatic log-out since the flow opened asks again; nothing is sent without it.)
    if (!(await ctx.authorize('Apply: Move the whole pool'))) return;
    const result = await runPoolChange(ctx, session, v.plans, pool);
    if (result.kind === 'stale') await ctx.message('The pool changed', [...result.message.split('\n'), 'Open the move again to start from the pool as it is now.']);
    return;
  }
}

export function poolScreen({ session }: ScreenDeps): Screen {
  /** Why the report names no peer still using IPv4, when no traffic watch has run. */
  const notWatched = (): string =>
    (session.traffic?.() ?? null) === null
      ? 'Peers still using IPv4: not known (this backend cannot watch traffic by family: run hostconsole on the host).'
      : 'Peers still using IPv4: not watched yet. Open Traffic (under Network and Management): every peer it sees using IPv4 is added here (pool-ipv4-peer-seen).';
  let cached: { pool: PoolState; issues: readonly PoolIssue[]; followedFrom: string | null } | null = null;
  // What the traffic watch saw reach this host over IPv4 (Traffic, plus a reading when the pool is read): issue 20.
  let traffic: TrafficEvidence | null = null;
  return {
    id: 'pool',
    title: 'Pool',
    menuLabel: 'Pool',
    describe: () => poolMenuPane(cached?.pool ?? null, cached?.issues ?? [], cached?.followedFrom ?? null),
    open: async (ctx) => {
      const ps = session.poolSession?.() ?? null;
      if (ps === null) {
        await ctx.message('Pool', ['This backend manages this machine only; it has no pool (xapi hosts do).']);
        return;
      }
      // Loaded when opened, not with the first frame.
      const { poolReadiness } = await import('../src/model/pool-readiness.js');
      // Live while the screen is open: the pool's events (any host changed) redraw the summary beside the menu.
      const stop = ps.pool.subscribePool((pool) => {
        cached = { pool, issues: poolReadiness(pool, null, traffic), followedFrom: ps.pool.followedFrom };
        ctx.invalidate();
      });
      try {
        await poolFlow(ctx, ps);
      } finally {
        stop();
      }
    },
    refresh: () => session.refresh(),
  };

  async function poolFlow(ctx: ScreenContext, ps: PoolSession): Promise<void> {
    const [{ poolReadiness }, { poolHostViews }, { poolContent }, { poolTrafficEvidence }] = await Promise.all([
      import('../src/model/pool-readiness.js'),
      import('../src/presentation/pool-view.js'),
      import('../src/presentation/pool-screen-view.js'),
      import('../src/app/traffic-memory.js'),
    ]);
    for (;;) {
      const loaded = await ps.pool.loadPool();
      if (!loaded.ok) {
        await ctx.error({ title: 'Pool', message: `The pool could not be read: ${loaded.error.message}`, details: loaded.error.code });
        return;
      }
      const pool = loaded.value;
      traffic = await poolTrafficEvidence(session, pool);
      const issues = poolReadiness(pool, null, traffic);
      cached = { pool, issues, followedFrom: ps.pool.followedFrom };
      const action = await ctx.choose(
        `Pool ${pool.name}: ${pool.hosts.length} hosts`,
        [
          { value: 'view' as const, label: 'Hosts, addresses, answers and IPv6 readiness' },
          { value: 'move' as const, label: 'Move the whole pool (members first, master last)' },
        ],
        0,
      );
      if (action === null) return;
      if (action === 'view') {
        const views0 = poolHostViews(pool);
        const probes = await probeAll(ps, views0.flatMap((v) => [v.ipv4.address, v.ipv6.address]).filter((a): a is string => a !== null));
        const content = poolContent(pool, poolHostViews(pool, (a) => probes.get(a) ?? 'not-tested'), issues, ps.pool.followedFrom);
        await ctx.view(traffic === null ? { ...content, blocks: [...content.blocks, { kind: 'text', paragraphs: [notWatched()] }] } : content);
      } else {
        await movePool(ctx, ps, pool);
      }
    }
  }
}
