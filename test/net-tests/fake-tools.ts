/** NetTools for unit tests: answers from a table, at once (or after `delayMs`), and records what it was asked. */
import type { NetTools, ProbeOutcome, ResolverConfig } from '../../src/backends/net-tools.js';

export interface FakeToolsOptions {
  /** ping/queryDns target (host or server) → outcome; others: timeout. */
  readonly answers?: Readonly<Record<string, ProbeOutcome>>;
  /** "name/ipv4" → outcome for lookups; others: name not found. */
  readonly lookups?: Readonly<Record<string, ProbeOutcome>>;
  readonly resolver?: ResolverConfig | { readonly reason: string };
  /** How long each answer takes (ms); a cancelled signal ends it at once. */
  readonly delayMs?: number | ((key: string) => number);
}

export interface FakeTools extends NetTools {
  readonly asked: string[];
}

export const answered = (rttMs = 0.5, detail = '3 of 3 answered'): ProbeOutcome => ({ kind: 'answered', rttMs, detail, addresses: [] });
export const silent = (reason = 'timeout after 2 s (0 of 3 answered)'): ProbeOutcome => ({ kind: 'no-answer', reason });

export function fakeTools(options: FakeToolsOptions = {}): FakeTools {
  const asked: string[] = [];
  const later = (key: string, outcome: ProbeOutcome, signal?: AbortSignal): Promise<ProbeOutcome> => {
    asked.push(key);
    const ms = typeof options.delayMs === 'function' ? options.delayMs(key) : (options.delayMs ?? 0);
    return new Promise((resolve) => {
      if (signal?.aborted === true) return resolve({ kind: 'not-tested', reason: 'cancelled' });
      const timer = setTimeout(() => resolve(outcome), ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve({ kind: 'not-tested', reason: 'cancelled' });
      });
    });
  };
  return {
    where: 'simulated',
    asked,
    ping: (r, o) => later(`ping ${r.host}${r.zone === null ? '' : `%${r.zone}`} ${r.family}`, options.answers?.[r.host] ?? silent(), o?.signal),
    lookup: (r, o) => later(`lookup ${r.name} ${r.family}`, options.lookups?.[`${r.name}/${r.family}`] ?? silent('name not found'), o?.signal),
    queryDns: (r, o) => later(`dns ${r.server} ${r.name}`, options.answers?.[r.server] ?? silent('timeout after 2 s'), o?.signal),
    resolverConfig: async () => {
      const r = options.resolver ?? { source: '/etc/resolv.conf', nameservers: [], search: [] };
      return 'reason' in r ? { ok: false as const, reason: r.reason } : { ok: true as const, value: r };
    },
  };
}
