/**
 * `hostconsole test-network`: Test network's planner and runner from the command line. Prints each result as it
 * completes (or the JSON form, schema hostconsole.test-network/1, at the end). Exit 0: every target that counts
 * answered; 1: some did not; 2: wrong usage (a --target that is not an address or a name); 3: the backend failed.
 */
import { describeProblem, parseHostTarget, type HostTarget } from '../../addressing/index.js';
import { describeBackendError } from '../../backends/backend-error.js';
import { openBackend } from '../../backends/select-backend.js';
import { planNetworkTests, type NetworkTestPlan } from '../../model/index.js';
import { failedResults, netTestEnvironment, netTestPlace, runNetworkTests, type NetworkTestResult } from '../../net-tests/run-network-tests.js';
import { networkTestLine, networkTestPlaceText, networkTestSummary, type NetworkTestPlace } from '../../presentation/network-test-rows.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';

export const TEST_NETWORK_SCHEMA = 'hostconsole.test-network/1';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'json', kind: 'flag', help: 'print the results as JSON (schema hostconsole.test-network/1) when all are known' },
  { name: 'target', kind: 'value', repeatable: true, valueName: 'ADDR|NAME', help: 'test only this target (IPv4, IPv6 with an optional %zone, or a name); repeatable' },
  { name: 'name', kind: 'value', valueName: 'NAME', help: "the name to look up, A and AAAA (default: the pool master's name)" },
  ...BACKEND_OPTIONS,
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function resultJson(r: NetworkTestResult): Json {
  return {
    id: r.test.id,
    kind: r.test.kind,
    title: r.test.title,
    family: r.test.family,
    target: r.test.target,
    status: r.status,
    answered: r.status === 'answered',
    rttMs: r.rttMs,
    detail: r.detail,
    reason: r.status === 'answered' ? null : r.detail,
    addresses: [...r.addresses],
    counts: r.test.optional === null,
    optional: r.test.optional,
    elapsedMs: r.elapsedMs,
  };
}

export function testNetworkJson(description: string, place: NetworkTestPlace, plan: NetworkTestPlan, results: readonly NetworkTestResult[], elapsedMs: number): Json {
  return {
    schema: TEST_NETWORK_SCHEMA,
    backend: description,
    from: place.kind,
    fromReason: place.kind === 'none' ? place.reason : null,
    name: plan.name === null ? null : { name: plan.name.name, source: plan.name.source },
    notes: [...plan.notes],
    elapsedMs,
    ok: failedResults(results).length === 0,
    results: results.map(resultJson),
  };
}

export const testNetworkVerb: Verb = {
  name: 'test-network',
  summary: 'Test the network from the host over both families: loopback, gateways, DNS, names, management URL',
  usage: ['test-network [--json] [--target ADDR|NAME …] [--name NAME] [backend options]', ...describeOptions(OPTIONS)],
  options: OPTIONS,
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    const usage = (why: string): number => {
      io.stderr.write(`hostconsole test-network: ${why}\nUsage: hostconsole ${this.usage[0] ?? ''}\n`);
      return EXIT.usage;
    };
    if (!parsed.ok) return usage(parsed.error.message);
    if (parsed.value.positional.length > 0) return usage(`unexpected argument '${parsed.value.positional[0] ?? ''}'`);
    const targets: HostTarget[] = [];
    for (const text of parsed.value.all.get('target') ?? []) {
      const t = parseHostTarget(text, '--target');
      if (!t.ok) return usage(describeProblem(t.error));
      targets.push(t.value);
    }
    const name = parsed.value.values.get('name');
    if (name !== undefined) {
      const t = parseHostTarget(name, '--name');
      if (!t.ok || t.value.kind !== 'name') return usage(t.ok ? `--name: '${name}' is an address; give a name to look up` : describeProblem(t.error));
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) return usage(choice.error.message);
    const opened = await openBackend(choice.value, io.env);
    if (!opened.ok) {
      io.stderr.write(`hostconsole test-network: ${describeBackendError(opened.error)}\n`);
      return EXIT.backend;
    }
    const { backend, description } = opened.value;
    try {
      const state = await backend.loadState();
      if (!state.ok) {
        io.stderr.write(`hostconsole test-network: ${describeBackendError(state.error)}\n`);
        return EXIT.backend;
      }
      const resolver = backend.netTools === undefined ? null : await backend.netTools.resolverConfig();
      const plan = planNetworkTests(state.value, {
        targets,
        defaults: targets.length === 0,
        ...(name !== undefined ? { name } : {}),
        ...(resolver?.ok === true ? { resolverServers: resolver.value.nameservers } : {}),
      });
      const place = netTestPlace(backend);
      const json = parsed.value.values.has('json');
      if (!json) io.stdout.write(`Testing the network of ${state.value.name} (${description}): ${plan.tests.length} tests.\n${networkTestPlaceText(place)}\n`);
      const started = performance.now();
      const results = await runNetworkTests(plan.tests, netTestEnvironment(backend), {
        onResult: (r) => {
          if (!json) io.stdout.write(`${networkTestLine(r)}\n`);
        },
      });
      const elapsedMs = Math.round(performance.now() - started);
      if (json) io.stdout.write(`${JSON.stringify(testNetworkJson(description, place, plan, results, elapsedMs), null, 2)}\n`);
      else io.stdout.write(`${[networkTestSummary(results, 'done', elapsedMs), ...plan.notes].join('\n')}\n`);
      return failedResults(results).length === 0 ? EXIT.ok : EXIT.invalid;
    } finally {
      await backend.close();
    }
  },
};
