/**
 * `hostconsole pool [--json]`: every host of the pool read from its master — role, management interface, both
 * families with their URLs and whether xapi answers there (Backend.probeManagement) — and the IPv6 readiness report.
 */
import type { Backend } from '../../backends/backend.js';
import { describeBackendError } from '../../backends/backend-error.js';
import { openBackend } from '../../backends/select-backend.js';
import { poolReadiness } from '../../model/pool-readiness.js';
import type { PoolState } from '../../model/pool-state.js';
import { poolHostViews, type ProbeStatus } from '../../presentation/pool-view.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import { poolJson, poolText } from '../pool-report.js';
import { readTrafficEvidence } from '../traffic-evidence.js';
import type { Verb } from '../verb.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'json', kind: 'flag', help: 'print the stable JSON form (schema hostconsole.pool/1)' },
  { name: 'no-probe', kind: 'flag', help: 'do not check whether each address answers' },
  { name: 'watch-traffic', kind: 'value', valueName: 'N', help: 'first watch this host\'s traffic N seconds (1-600): the report then names every peer still using IPv4 (not over a remote xapi)' },
  ...BACKEND_OPTIONS,
];

/** Probes both families' addresses of every host at once; address → status. */
export async function probePool(backend: Backend, pool: PoolState): Promise<Map<string, ProbeStatus>> {
  const out = new Map<string, ProbeStatus>();
  const probe = backend.probeManagement?.bind(backend);
  const addresses = poolHostViews(pool).flatMap((v) => [v.ipv4.address, v.ipv6.address]).filter((a): a is string => a !== null);
  await Promise.all(
    addresses.map(async (address) => {
      if (probe === undefined) return out.set(address, 'not-tested');
      const r = await probe(address);
      return out.set(address, r.ok ? (r.value.answered ? 'answers' : 'no-answer') : 'not-tested');
    }),
  );
  return out;
}

export const poolVerb: Verb = {
  name: 'pool',
  summary: 'Show every host of the pool (both families, URLs, whether each answers) and its IPv6 readiness',
  usage: ['pool [--json] [--no-probe] [--simulate [SCENARIO] | --xapi URL|unix:PATH …]', ...describeOptions(OPTIONS)],
  options: OPTIONS,
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      const why = parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message;
      io.stderr.write(`hostconsole pool: ${why}\n${this.usage.map((l) => `Usage: hostconsole ${l}`)[0]}\n`);
      return EXIT.usage;
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      io.stderr.write(`hostconsole pool: ${choice.error.message}\n`);
      return EXIT.usage;
    }
    const watchText = parsed.value.values.get('watch-traffic');
    const watchSeconds = watchText === undefined ? null : /^\d{1,3}$/.test(watchText) ? Number(watchText) : NaN;
    if (watchSeconds !== null && !(watchSeconds >= 1 && watchSeconds <= 600)) {
      io.stderr.write(`hostconsole pool: --watch-traffic: '${(watchText ?? '').slice(0, 20)}' is not a whole number of seconds from 1 to 600\n`);
      return EXIT.usage;
    }
    const opened = await openBackend(choice.value, io.env);
    if (!opened.ok) {
      io.stderr.write(`hostconsole pool: ${describeBackendError(opened.error)}\n`);
      return EXIT.backend;
    }
    const { backend, description } = opened.value;
    try {
      if (backend.pool === undefined) {
        io.stderr.write(`hostconsole pool: ${description} manages this machine only; it has no pool (xapi hosts do).\n`);
        return EXIT.backend;
      }
      const loaded = await backend.pool.loadPool();
      if (!loaded.ok) {
        io.stderr.write(`hostconsole pool: ${describeBackendError(loaded.error)}\n`);
        return EXIT.backend;
      }
      const pool = loaded.value;
      const probes = parsed.value.values.has('no-probe') ? new Map<string, ProbeStatus>() : await probePool(backend, pool);
      const views = poolHostViews(pool, (a) => probes.get(a) ?? 'not-tested');
      // Who still reaches this host over IPv4 (issue 20), when asked to watch its traffic.
      const traffic = watchSeconds === null ? null : await readTrafficEvidence(backend, pool, watchSeconds);
      const issues = poolReadiness(pool, null, traffic);
      const followed = backend.pool.followedFrom;
      const trafficNote =
        watchSeconds === null
          ? '\nTraffic not watched: --watch-traffic N adds every peer still reaching this host over IPv4.\n'
          : traffic === null
            ? `\nTraffic not watched: ${description} cannot measure traffic by family from here.\n`
            : '';
      io.stdout.write(parsed.value.values.has('json') ? `${JSON.stringify(poolJson(pool, views, issues, description, followed), null, 2)}\n` : poolText(pool, views, issues, description, followed) + trafficNote);
      return EXIT.ok;
    } finally {
      await backend.close();
    }
  },
};
