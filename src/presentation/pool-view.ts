/**
 * The pool, as screens and `hostconsole pool` show it: per host its role, management interface, both families'
 * mode/addresses/URL and whether xapi answers there, primary family and xapi version; then the readiness report.
 * Pure: probe results come in as data. URLs only through hostUrl.
 */
import { familyLabel, hostUrl, type Family } from '../addressing/index.js';
import { cidrText } from '../model/canonical-text.js';
import { interfaceName, managementInterface, preferredAddress } from '../model/host-queries.js';
import { modeLabel } from '../model/modes.js';
import type { PoolIssue } from '../model/pool-readiness.js';
import type { PoolHost, PoolState } from '../model/pool-state.js';

/** Whether xapi answered on an address: checked yes/no, being checked, or not checked (no probe). */
export type ProbeStatus = 'answers' | 'no-answer' | 'checking' | 'not-tested';

export interface FamilyView {
  readonly family: Family;
  readonly mode: string;
  /** "192.0.2.21/24", global first (link-local left out). */
  readonly addresses: readonly string[];
  readonly gateway: string | null;
  /** The management URL over this family, or null when the family has no usable address. */
  readonly url: string | null;
  /** The address probed (bare), or null. */
  readonly address: string | null;
  readonly answers: ProbeStatus;
}

export interface PoolHostView {
  readonly id: string;
  readonly name: string;
  readonly hostname: string;
  readonly role: 'master' | 'member';
  readonly managementInterface: string | null;
  readonly primaryFamily: Family | null;
  readonly xapiVersion: string;
  readonly ipv4: FamilyView;
  readonly ipv6: FamilyView;
}

export type ProbeLookup = (address: string) => ProbeStatus;

function familyView(host: PoolHost, family: Family, probes: ProbeLookup): FamilyView {
  const iface = managementInterface(host.state);
  if (iface === null) return { family, mode: 'management off', addresses: [], gateway: null, url: null, address: null, answers: 'not-tested' };
  const config = family === 'ipv4' ? iface.ipv4 : iface.ipv6;
  const preferred = preferredAddress(iface, family);
  return {
    family,
    mode: modeLabel(config.mode),
    addresses: config.addresses.filter((a) => a.scope !== 'link-local').map(cidrText),
    gateway: config.gateway,
    url: preferred === null ? null : hostUrl(preferred.address, { scheme: 'https' }),
    address: preferred?.address ?? null,
    answers: preferred === null ? 'not-tested' : probes(preferred.address),
  };
}

export function poolHostViews(pool: PoolState, probes: ProbeLookup = () => 'not-tested'): PoolHostView[] {
  return pool.hosts.map((host) => {
    const iface = managementInterface(host.state);
    return {
      id: host.id,
      name: host.state.name,
      hostname: host.state.hostname,
      role: host.role,
      managementInterface: iface === null ? null : interfaceName(iface),
      primaryFamily: iface?.primaryFamily ?? null,
      xapiVersion: host.xapiVersion,
      ipv4: familyView(host, 'ipv4', probes),
      ipv6: familyView(host, 'ipv6', probes),
    };
  });
}

const ANSWER_TEXT: Record<ProbeStatus, string> = { answers: 'answers', 'no-answer': 'NO ANSWER', checking: 'checking…', 'not-tested': '' };

export function answerText(status: ProbeStatus, ascii = false): string {
  return status === 'checking' && ascii ? 'checking...' : ANSWER_TEXT[status];
}

function familyLine(v: FamilyView, primary: boolean, ascii: boolean): string {
  const label = `${familyLabel(v.family)}${primary ? '*' : ' '}`;
  const addresses = v.addresses.length === 0 ? '-' : v.addresses.join(' ');
  const url = v.url ?? '';
  return `  ${label} ${v.mode.padEnd(8)} ${addresses.padEnd(22)} ${url.padEnd(26)} ${answerText(v.answers, ascii)}`.trimEnd();
}

/** The hosts as text lines (≤ 80 columns for the usual addresses): a head line per host, one line per family. */
export function poolHostLines(views: readonly PoolHostView[], ascii = false): string[] {
  const lines: string[] = [];
  for (const v of views) {
    const primary = v.primaryFamily === null ? 'management off' : `primary ${familyLabel(v.primaryFamily)}`;
    lines.push(`${v.name.padEnd(16)} ${v.role.padEnd(6)} ${(v.managementInterface ?? '-').padEnd(7)} ${primary}  xapi ${v.xapiVersion || '?'}`);
    lines.push(familyLine(v.ipv4, v.primaryFamily === 'ipv4', ascii));
    lines.push(familyLine(v.ipv6, v.primaryFamily === 'ipv6', ascii));
  }
  return lines;
}

/** One readiness issue as text: "! code (host): message" for warnings, "x …" for errors. */
export function issueLine(issue: PoolIssue): string {
  return `${issue.severity === 'error' ? 'x' : '!'} ${issue.code}${issue.host === null ? '' : ` (${issue.host})`}: ${issue.message}`;
}

export { poolHeadLine } from './pool-menu-pane.js';
