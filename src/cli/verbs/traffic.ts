/**
 * `hostconsole traffic [--json] [--seconds N] [--interface DEV]`: watch an interface for N seconds (one sample a
 * second) and answer "is anything still reaching this host over IPv4?" — per-family rates, the peers of the
 * management services by the family they really use, and the verdict. Exit 0 when no IPv4 peer was seen, 1 when
 * some still use IPv4, 3 when the backend cannot tell (a remote xapi: its interface totals are shown, the split and
 * the peers are not available) or fails.
 */
import { describeBackendError } from '../../backends/backend-error.js';
import { openBackend } from '../../backends/select-backend.js';
import { NO_TRAFFIC_SOURCE } from '../../backends/traffic-source.js';
import { managementInterface } from '../../model/host-queries.js';
import type { HostState } from '../../model/host-state.js';
import type { ByteRates } from '../../model/traffic-sample.js';
import { poolPeerNames } from '../../model/traffic-peer-names.js';
import { addSample, peersOf, startWatch, trafficVerdict, TRAFFIC_WINDOW_MAX_SECONDS, type Rates, type TrafficWatch } from '../../model/traffic-watch.js';
import { IPV6_PICK, meanAllFamilies, meanRates, REST_PICK, trafficNotes, trafficText } from '../../presentation/traffic-view.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'json', kind: 'flag', help: 'print the stable JSON form (schema hostconsole.traffic/1)' },
  { name: 'seconds', kind: 'value', valueName: 'N', help: `watch for N seconds, one sample a second (1–${TRAFFIC_WINDOW_MAX_SECONDS}, default 5)` },
  { name: 'interface', kind: 'value', valueName: 'DEV', help: 'the interface to watch (default: the management interface)' },
  ...BACKEND_OPTIONS,
];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ratesJson(rates: Rates | null): Record<string, number> | null {
  if (rates === null) return null;
  const r = (n: number): number => Math.round(n * 10) / 10;
  return { rxBytesPerSecond: r(rates.rxBytes), txBytesPerSecond: r(rates.txBytes), rxPacketsPerSecond: r(rates.rxPackets), txPacketsPerSecond: r(rates.txPackets) };
}

function byteRatesJson(rates: ByteRates | null): Record<string, number> | null {
  if (rates === null) return null;
  return { rxBytesPerSecond: Math.round(rates.rxBytes * 10) / 10, txBytesPerSecond: Math.round(rates.txBytes * 10) / 10 };
}

export function trafficJson(watch: TrafficWatch, backend: string, origin: string, seconds: number, device: string): unknown {
  const now = watch.last?.at ?? 0;
  const start = watch.started ?? now;
  return {
    schema: 'hostconsole.traffic/1',
    backend,
    source: origin,
    interface: { name: device, kernelDevice: watch.last?.interfaceName ?? null },
    seconds,
    rates: {
      ipv6: ratesJson(meanRates(watch.points, IPV6_PICK)),
      ipv4AndOther: ratesJson(meanRates(watch.points, REST_PICK)),
      // Only from a source that gives rates and no split (a remote xapi's RRDs): all families, bytes only.
      ...(watch.last?.totalRates === undefined ? {} : { allFamilies: byteRatesJson(meanAllFamilies(watch.points)) }),
    },
    ...(watch.last?.unavailable === undefined ? {} : { unavailable: watch.last.unavailable }),
    samples: watch.points.map((p) => ({ atSeconds: Math.round((p.at - start) / 100) / 10, ipv6: ratesJson(p.ipv6), ipv4AndOther: ratesJson(p.ipv4AndOther), ...(p.allFamilies === undefined ? {} : { allFamilies: byteRatesJson(p.allFamilies) }) })),
    peers: [...peersOf(watch, 'ipv4'), ...peersOf(watch, 'ipv6')].map((p) => ({
      address: p.address,
      family: p.family,
      service: p.service,
      direction: p.direction,
      name: p.name,
      firstSeenSecondsAgo: Math.round((now - p.firstSeen) / 1000),
      lastSeenSecondsAgo: Math.round((now - p.lastSeen) / 1000),
    })),
    verdict: trafficVerdict(watch).text,
    ipv4PeerCount: trafficVerdict(watch).ipv4Peers.length,
    notes: trafficNotes(watch),
  };
}

function pickInterface(state: HostState, device: string | undefined): HostState['interfaces'][number] | null {
  if (device === undefined) return managementInterface(state);
  return state.interfaces.find((i) => i.device === device || (i.vlan !== null && `${i.device}.${i.vlan}` === device)) ?? null;
}

export const trafficVerb: Verb = {
  name: 'traffic',
  summary: 'Watch traffic by family and the peers of the management services: is anything still using IPv4?',
  usage: ['traffic [--json] [--seconds N] [--interface DEV] [backend options]', ...describeOptions(OPTIONS)],
  options: OPTIONS,
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    const usage = (why: string): number => {
      io.stderr.write(`hostconsole traffic: ${why}\nUsage: hostconsole ${this.usage[0] ?? ''}\n`);
      return EXIT.usage;
    };
    if (!parsed.ok) return usage(parsed.error.message);
    if (parsed.value.positional.length > 0) return usage(`unexpected argument '${(parsed.value.positional[0] ?? '').slice(0, 40)}'`);
    const secondsText = parsed.value.values.get('seconds') ?? '5';
    const seconds = /^\d{1,4}$/.test(secondsText) ? Number(secondsText) : NaN;
    if (!(seconds >= 1 && seconds <= TRAFFIC_WINDOW_MAX_SECONDS)) return usage(`--seconds: '${secondsText.slice(0, 20)}' is not a whole number of seconds from 1 to ${TRAFFIC_WINDOW_MAX_SECONDS}`);
    const choice = backendChoice(parsed.value);
    if (!choice.ok) return usage(choice.error.message);
    const opened = await openBackend(choice.value, io.env);
    if (!opened.ok) {
      io.stderr.write(`hostconsole traffic: ${describeBackendError(opened.error)}\n`);
      return EXIT.backend;
    }
    const { backend, description } = opened.value;
    try {
      const source = backend.traffic;
      if (source === undefined) {
        io.stderr.write(`hostconsole traffic: ${NO_TRAFFIC_SOURCE}\n`);
        return EXIT.backend;
      }
      const state = await backend.loadState();
      if (!state.ok) {
        io.stderr.write(`hostconsole traffic: ${describeBackendError(state.error)}\n`);
        return EXIT.backend;
      }
      const wanted = parsed.value.values.get('interface');
      const iface = pickInterface(state.value, wanted);
      if (iface === null) {
        const names = state.value.interfaces.map((i) => (i.vlan === null ? i.device : `${i.device}.${i.vlan}`)).join(', ');
        io.stderr.write(`hostconsole traffic: ${wanted === undefined ? 'management is disabled on this host: name an interface with --interface' : `there is no interface '${wanted.slice(0, 40)}' (interfaces: ${names})`}\n`);
        return EXIT.invalid;
      }
      // A pool member's address shows its name (from the pool view's data; none without a pool or when it fails).
      const pool = backend.pool === undefined ? null : await backend.pool.loadPool();
      const names = poolPeerNames(pool?.ok === true ? pool.value : null);
      let watch = startWatch(iface.device, Math.max(seconds, 120));
      for (let i = 0; i <= seconds; i++) {
        if (i > 0) await sleep(1000);
        const sample = await source.sample(state.value, iface.id);
        if (!sample.ok) {
          io.stderr.write(`hostconsole traffic: ${describeBackendError(sample.error)}\n`);
          return EXIT.backend;
        }
        watch = addSample(watch, sample.value, names);
      }
      const device = iface.vlan === null ? iface.device : `${iface.device}.${iface.vlan}`;
      io.stdout.write(parsed.value.values.has('json') ? JSON.stringify(trafficJson(watch, description, source.origin, seconds, device), null, 2) + '\n' : trafficText(watch, source.origin, seconds));
      // Without peers (a remote xapi) the question stays open: the backend cannot tell, as when it has no source.
      if (watch.last?.sockets === null) return EXIT.backend;
      return trafficVerdict(watch).ipv4Peers.length > 0 ? EXIT.invalid : EXIT.ok;
    } finally {
      await backend.close();
    }
  },
};
