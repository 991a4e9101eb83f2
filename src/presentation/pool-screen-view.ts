/**
 * The Pool screen's text: every host with both families (URL and whether it answers), the readiness report, the
 * review of a pool move and its outcome. Pure.
 */
import { familyLabel } from '../addressing/index.js';
import type { FieldChange } from '../model/diff-host-states.js';
import { describeLayout, type Layout } from '../model/layout.js';
import type { PoolIssue } from '../model/pool-readiness.js';
import type { PoolState } from '../model/pool-state.js';
import { answerText, type PoolHostView } from './pool-view.js';
import { poolHeadLine } from './pool-menu-pane.js';
import type { PaneBlock, PaneContent } from './types.js';

function readinessBlock(issues: readonly PoolIssue[]): PaneBlock {
  if (issues.length === 0) return { kind: 'text', paragraphs: ['IPv6 readiness: nothing stands in the way.'] };
  return { kind: 'text', paragraphs: ['IPv6 readiness:', ...issues.map((i) => `${i.severity === 'error' ? 'x' : '!'} ${i.message} [${i.code}]`)] };
}

/** The hosts table: one row per host and family; `*` marks the primary family. */
export function poolHostsBlock(views: readonly PoolHostView[], ascii = false): PaneBlock {
  const rows: string[][] = [];
  for (const v of views) {
    for (const f of [v.ipv4, v.ipv6]) {
      const first = f.family === 'ipv4';
      rows.push([
        first ? v.name : '',
        first ? v.role : '',
        `${familyLabel(f.family)}${v.primaryFamily === f.family ? '*' : ''}`,
        f.mode,
        f.url ?? (f.addresses[0] ?? '-'),
        answerText(f.answers, ascii),
      ]);
    }
  }
  return { kind: 'table', columns: ['Host', 'Role', 'Family', 'Mode', 'Management URL', 'Answers'], rows };
}

export function poolContent(pool: PoolState, views: readonly PoolHostView[], issues: readonly PoolIssue[], followedFrom: string | null, ascii = false): PaneContent {
  const head = [poolHeadLine(pool)];
  if (followedFrom !== null) head.push(`This console was pointed at ${followedFrom}, a member: it reads the pool through the master.`);
  return {
    title: 'Pool',
    blocks: [
      { kind: 'text', paragraphs: head },
      poolHostsBlock(views, ascii),
      {
        kind: 'key-value',
        rows: views.map((v) => ({ key: v.name, value: `${v.managementInterface ?? 'no management'}, addresses ${[...v.ipv4.addresses, ...v.ipv6.addresses].join(' ') || 'none'}, xapi ${v.xapiVersion || '?'}` })),
      },
      readinessBlock(issues),
    ],
  };
}

export function poolReviewContent(layout: Layout, order: readonly string[], changes: readonly FieldChange[], warnings: readonly PoolIssue[]): PaneContent {
  return {
    title: `Pool: ${describeLayout(layout)}`,
    blocks: [
      { kind: 'text', paragraphs: [`Order: ${order.join(', then ')} (members first, the master last). Each host must answer on its new addresses before the next one starts; if one fails, every host changed so far goes back.`] },
      { kind: 'key-value', rows: changes.map((c) => ({ key: c.path, value: `${c.before} -> ${c.after}` })) },
      ...(warnings.length === 0 ? [] : [{ kind: 'text' as const, paragraphs: ['Warnings:', ...warnings.map((w) => `! ${w.message} [${w.code}]`)] }]),
    ],
  };
}

export function poolIssuesParagraphs(errors: readonly PoolIssue[]): string[] {
  return ['Nothing was sent. Fix these first:', ...errors.map((e) => `x ${e.message} [${e.code}]`)];
}
