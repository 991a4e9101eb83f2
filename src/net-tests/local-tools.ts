/**
 * NetTools on the machine this process runs on (the backend drives this host: xapi over its unix socket,
 * NetworkManager): iputils `ping -4|-6 -c 3 -i 0.2 -W 2 -n HOST[%ZONE]` through execFile (never a shell), and DNS
 * through c-ares (node:dns Resolver) with the servers and search list of the host's resolv.conf — so a name lookup
 * tests DNS itself (not /etc/hosts), tells "no AAAA record" from "no such name", and can be cancelled. A name to
 * ping is looked up the same way first, then its first address is pinged.
 *
 * The resolv.conf read is $HOSTCONSOLE_RESOLV_CONF when set (a lab where NetworkManager writes its own, tests), else
 * /etc/resolv.conf. An iputils too old for -4/-6 (ping and ping6 apart) is retried as ping / ping6.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { Resolver } from 'node:dns/promises';
import { delimiter, join } from 'node:path';
import { canonicalAddress } from '../addressing/index.js';
import type { Family } from '../addressing/family.js';
import type { DnsQueryRequest, LookupRequest, NetTools, NetToolsCallOptions, PingRequest, ProbeOutcome, ResolverConfig } from '../backends/net-tools.js';
import { interpretPing, type PingRun } from './ping-output.js';
import { parseResolvConf } from './resolv-conf.js';

export interface LocalToolsOptions {
  /** Where resolv.conf is; default $HOSTCONSOLE_RESOLV_CONF, else /etc/resolv.conf. */
  readonly resolvConf?: string;
  /** Per DNS query (ms); default 2000. */
  readonly dnsTimeoutMs?: number;
  /** The ping program; default: `ping` found on $PATH or in /usr/bin, /bin, /usr/sbin, /sbin. */
  readonly pingCommand?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export const PING_COUNT = 3;
export const PING_INTERVAL_SECONDS = 0.2;
export const PING_WAIT_SECONDS = 2;
/** ping ends by itself within count × interval + wait; past this margin it is killed. */
const PING_KILL_MS = (PING_COUNT * PING_INTERVAL_SECONDS + PING_WAIT_SECONDS + 2) * 1000;

const NOT_INSTALLED = 'ping is not installed on this host (package iputils / iputils-ping)';

function findProgram(name: string, env: NodeJS.ProcessEnv): string | null {
  const dirs = [...(env['PATH'] ?? '').split(delimiter).filter((d) => d !== ''), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

type Exec = { readonly kind: 'ran'; readonly run: PingRun } | { readonly kind: 'missing' } | { readonly kind: 'aborted' };

function exec(command: string, args: readonly string[], env: NodeJS.ProcessEnv, signal: AbortSignal | undefined): Promise<Exec> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      // C locale: the messages interpretPing reads are iputils' and glibc's English ones.
      { env: { ...env, LC_ALL: 'C', LANG: 'C' }, timeout: PING_KILL_MS, maxBuffer: 1 << 20, ...(signal !== undefined ? { signal } : {}) },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ kind: 'ran', run: { code: 0, stdout, stderr } });
        const e = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean };
        if (e.name === 'AbortError' || signal?.aborted === true) return resolve({ kind: 'aborted' });
        if (e.code === 'ENOENT' || e.code === 'EACCES') return resolve({ kind: 'missing' });
        resolve({ kind: 'ran', run: { code: typeof e.code === 'number' ? e.code : null, stdout, stderr } });
      },
    );
  });
}

function rounded(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function recordType(family: Family): string {
  return family === 'ipv4' ? 'A' : 'AAAA';
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

/** Candidates in resolver order: a name with a dot as given first, an unqualified one with the search domains first. */
function candidates(name: string, search: readonly string[]): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const qualified = search.map((d) => `${name}.${d}`);
  return name.includes('.') ? [name, ...qualified] : [...qualified, name];
}

export function createLocalNetTools(options: LocalToolsOptions = {}): NetTools {
  const env = options.env ?? process.env;
  const resolvPath = options.resolvConf ?? (env['HOSTCONSOLE_RESOLV_CONF'] || '/etc/resolv.conf');
  const dnsTimeoutMs = options.dnsTimeoutMs ?? 2000;
  const dnsSeconds = `${dnsTimeoutMs / 1000} s`;

  const readConfig = (): { ok: true; value: ResolverConfig } | { ok: false; reason: string } => {
    let text: string;
    try {
      text = readFileSync(resolvPath, 'utf8');
    } catch (err) {
      const code = errorCode(err);
      return { ok: false, reason: code === 'ENOENT' ? `${resolvPath} does not exist` : `cannot read ${resolvPath} (${code || String(err)})` };
    }
    const parsed = parseResolvConf(text);
    return { ok: true, value: { source: resolvPath, nameservers: parsed.nameservers, search: parsed.search } };
  };

  /** A c-ares resolver asking `servers`, cancelled when `signal` aborts. */
  const resolverFor = (servers: readonly string[], signal: AbortSignal | undefined): { resolver: Resolver; done: () => void } => {
    const resolver = new Resolver({ timeout: dnsTimeoutMs, tries: 1 });
    resolver.setServers(servers.map((s) => s.split('%')[0] ?? s));
    const cancel = (): void => resolver.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    return { resolver, done: () => signal?.removeEventListener('abort', cancel) };
  };

  const query = (resolver: Resolver, name: string, family: Family): Promise<string[]> => (family === 'ipv4' ? resolver.resolve4(name) : resolver.resolve6(name));

  const tools: NetTools = {
    where: 'this-host',

    async ping(request: PingRequest, call: NetToolsCallOptions = {}): Promise<ProbeOutcome> {
      if (call.signal?.aborted === true) return { kind: 'not-tested', reason: 'cancelled' };
      const command = options.pingCommand ?? findProgram('ping', env);
      if (command === null) return { kind: 'not-tested', reason: NOT_INSTALLED };
      if (!canonicalAddress(request.host).ok) {
        // A name: looked up through the same resolver as the name tests (bounded, cancellable), then pinged.
        const found = await tools.lookup({ name: request.host, family: request.family }, call);
        if (found.kind !== 'answered') return found;
        const address = found.addresses[0] ?? '';
        const pinged = await tools.ping({ host: address, family: request.family, zone: null }, call);
        return pinged.kind === 'answered' ? { ...pinged, detail: `${pinged.detail} at ${address}`, addresses: [address] } : pinged;
      }
      const target = request.zone === null ? request.host : `${request.host}%${request.zone}`;
      const common = ['-c', String(PING_COUNT), '-i', String(PING_INTERVAL_SECONDS), '-W', String(PING_WAIT_SECONDS), '-n', target];
      let result = await exec(command, [request.family === 'ipv4' ? '-4' : '-6', ...common], env, call.signal);
      if (result.kind === 'ran' && /invalid option|unknown option/i.test(result.run.stderr)) {
        // iputils before 2016 has no -4/-6: ping is IPv4, ping6 is IPv6.
        const legacy = request.family === 'ipv4' ? command : findProgram('ping6', env);
        result = legacy === null ? { kind: 'missing' } : await exec(legacy, common, env, call.signal);
      }
      if (result.kind === 'missing') return { kind: 'not-tested', reason: NOT_INSTALLED };
      if (result.kind === 'aborted') return { kind: 'not-tested', reason: 'cancelled' };
      return interpretPing(result.run, { count: PING_COUNT, waitSeconds: PING_WAIT_SECONDS, family: request.family, byName: false });
    },

    async lookup(request: LookupRequest, call: NetToolsCallOptions = {}): Promise<ProbeOutcome> {
      const config = readConfig();
      if (!config.ok) return { kind: 'no-answer', reason: config.reason };
      const servers = config.value.nameservers;
      if (servers.length === 0) return { kind: 'no-answer', reason: `no nameserver in ${resolvPath}` };
      const { resolver, done } = resolverFor(servers, call.signal);
      const started = performance.now();
      let nodata = false;
      let notFound = false;
      let failure: string | null = null;
      try {
        for (const name of candidates(request.name, config.value.search)) {
          try {
            const found = await query(resolver, name, request.family);
            const addresses = found.map((a) => {
              const c = canonicalAddress(a);
              return c.ok ? c.value : a;
            });
            const as = name === request.name ? '' : ` (as ${name})`;
            return { kind: 'answered', rttMs: rounded(performance.now() - started), detail: `${addresses.join(', ')}${as}`, addresses };
          } catch (err) {
            const code = errorCode(err);
            if (code === 'ECANCELLED' || call.signal?.aborted === true) return { kind: 'not-tested', reason: 'cancelled' };
            if (code === 'ENODATA') nodata = true;
            else if (code === 'ENOTFOUND') notFound = true;
            else if (code === 'ESERVFAIL') failure = 'the DNS servers could not resolve it (SERVFAIL)';
            else if (code === 'EREFUSED') failure = 'the DNS servers refused the query';
            else if (code !== 'ENOTFOUND') {
              // No server answered (timeout, refused connection, no route): other candidates would only wait again.
              const why = code === 'ETIMEOUT' ? `timeout after ${dnsSeconds}` : code === 'ECONNREFUSED' ? 'connection refused, or no route' : code || String(err);
              return { kind: 'no-answer', reason: `no DNS server answered (${why})` };
            }
          }
        }
      } finally {
        done();
      }
      // As the resolver: "exists without that record" over "no such name" over a server's refusal or failure.
      if (nodata) return { kind: 'no-answer', reason: `name has no ${recordType(request.family)} record` };
      return { kind: 'no-answer', reason: notFound ? 'name not found' : (failure ?? 'name not found') };
    },

    async queryDns(request: DnsQueryRequest, call: NetToolsCallOptions = {}): Promise<ProbeOutcome> {
      const { resolver, done } = resolverFor([request.server], call.signal);
      const started = performance.now();
      const answered = (detail: string): ProbeOutcome => ({ kind: 'answered', rttMs: rounded(performance.now() - started), detail, addresses: [] });
      try {
        const found = await resolver.resolve4(request.name);
        return answered(`answered: ${request.name} is ${found.join(', ')}`);
      } catch (err) {
        const code = errorCode(err);
        if (code === 'ECANCELLED' || call.signal?.aborted === true) return { kind: 'not-tested', reason: 'cancelled' };
        if (code === 'ENOTFOUND') return answered(`answered: no such name ${request.name}`);
        if (code === 'ENODATA') return answered(`answered: ${request.name} has no A record`);
        if (code === 'ESERVFAIL') return answered(`answered, but could not resolve ${request.name} (SERVFAIL)`);
        if (code === 'EREFUSED') return { kind: 'no-answer', reason: 'refused the query' };
        if (code === 'ETIMEOUT') return { kind: 'no-answer', reason: `timeout after ${dnsSeconds}` };
        if (code === 'ECONNREFUSED') return { kind: 'no-answer', reason: 'no answer (connection refused, or no route)' };
        return { kind: 'no-answer', reason: code || String(err) };
      } finally {
        done();
      }
    },

    async resolverConfig() {
      return readConfig();
    },
  };
  return tools;
}
