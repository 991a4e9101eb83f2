/**
 * The contract for network tests run FROM the host (Test network, the post-apply checks): ping, name lookups through
 * the host's resolver, a query to one DNS server, and the resolver's configuration. A backend offers them as
 * `Backend.netTools` exactly when it can run them where the host is:
 *  - 'this-host': the backend drives the machine this process runs on (xapi over its unix socket, NetworkManager):
 *    the real tools (iputils ping through execFile, the system resolver) run here — src/net-tests/local-tools.ts;
 *  - 'simulated': the simulator answers from its scenario (which targets answer, with what round-trip time).
 * A remote backend (xapi over https) has none: nothing here can ping from that host, and its capabilities'
 * notes.gatewayPing says so.
 *
 * Every operation resolves (never rejects) to a ProbeOutcome: the target answered, did not answer (and why, in a
 * few words), or could not be tested (the tool is missing, cancelled). Each is bounded by its own timeout and ends
 * early when `signal` aborts.
 */
import type { Family } from '../addressing/family.js';

export type ProbeOutcome =
  | {
      readonly kind: 'answered';
      /** Round-trip time in milliseconds (ping: the average), or null when not measured. */
      readonly rttMs: number | null;
      /** One line: "3/3 answered", "2001:db8::10, 2001:db8::11". */
      readonly detail: string;
      /** Addresses a lookup returned (canonical), or the address a name was pinged at; [] otherwise. */
      readonly addresses: readonly string[];
    }
  /** The target did not answer: reason in a few words ("no route", "timeout after 2 s", "name has no AAAA record"). */
  | { readonly kind: 'no-answer'; readonly reason: string }
  /** Nothing was learnt about the target: the tool could not run ("ping is not installed", "cancelled"). */
  | { readonly kind: 'not-tested'; readonly reason: string };

export interface PingRequest {
  /** A canonical address or a host name (ping resolves it with the family). */
  readonly host: string;
  readonly family: Family;
  /** Interface for a link-local IPv6 target ("xenbr0"), else null. */
  readonly zone: string | null;
}

export interface LookupRequest {
  readonly name: string;
  /** ipv4: A records; ipv6: AAAA records. */
  readonly family: Family;
}

export interface DnsQueryRequest {
  /** The DNS server, canonical address. */
  readonly server: string;
  /** The name asked for (any answer, even "no such name", shows the server answers). */
  readonly name: string;
}

export interface ResolverConfig {
  /** Where it was read: "/etc/resolv.conf", "simulated host". */
  readonly source: string;
  /** Nameservers in order, canonical (a zone kept as "fe80::1%eth0"). */
  readonly nameservers: readonly string[];
  /** The search domains an unqualified name is tried with, in order. */
  readonly search: readonly string[];
}

export interface NetToolsCallOptions {
  readonly signal?: AbortSignal;
}

export interface NetTools {
  /** Where the tools run (see the file comment). */
  readonly where: 'this-host' | 'simulated';
  /** `ping -4|-6 -c 3 -i 0.2 -W 2 -n HOST[%ZONE]`; rttMs is the average round trip. */
  ping(request: PingRequest, options?: NetToolsCallOptions): Promise<ProbeOutcome>;
  /** The addresses of a name through the host's resolver (A for ipv4, AAAA for ipv6). */
  lookup(request: LookupRequest, options?: NetToolsCallOptions): Promise<ProbeOutcome>;
  /** One query to one DNS server; answered when the server sends any DNS answer (NXDOMAIN included). */
  queryDns(request: DnsQueryRequest, options?: NetToolsCallOptions): Promise<ProbeOutcome>;
  /** The resolver's nameservers (resolv.conf), or a reason it cannot be read. */
  resolverConfig(): Promise<{ readonly ok: true; readonly value: ResolverConfig } | { readonly ok: false; readonly reason: string }>;
}
