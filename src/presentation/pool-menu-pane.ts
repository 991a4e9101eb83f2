/**
 * The Pool item's right pane in the main menu and the pool's head line. Kept apart from pool-view.ts and
 * pool-screen-view.ts (and type-only in its imports) because the menu describes Pool on every move from the first
 * frame on; the rest of the Pool screen's text loads when it is opened.
 */
import type { PoolIssue } from '../model/pool-readiness.js';
import type { PoolState } from '../model/pool-state.js';
import type { PaneContent } from './types.js';

export function poolHeadLine(pool: PoolState): string {
  const master = pool.hosts.find((h) => h.role === 'master');
  const flags = [pool.haEnabled ? 'HA on' : '', pool.clusteringEnabled ? 'clustering on' : ''].filter((f) => f !== '');
  return `Pool ${pool.name || '(unnamed)'}: ${pool.hosts.length} host${pool.hosts.length === 1 ? '' : 's'}, master ${master?.state.name ?? '?'}${flags.length > 0 ? `, ${flags.join(', ')}` : ''}`;
}

/** The right pane while Pool is selected in the menu. */
export function poolMenuPane(pool: PoolState | null, issues: readonly PoolIssue[], followedFrom: string | null = null): PaneContent {
  if (pool === null) return { title: 'Pool', blocks: [{ kind: 'text', paragraphs: ['Enter: every host of the pool, its IPv6 readiness, and moving the whole pool to IPv6 host by host.'] }] };
  const errors = issues.filter((i) => i.severity === 'error').length;
  return {
    title: 'Pool',
    blocks: [
      {
        kind: 'text',
        paragraphs: [
          poolHeadLine(pool),
          ...(followedFrom === null ? [] : [`${followedFrom} is a member: read through the master.`]),
          `IPv6 readiness: ${issues.length === 0 ? 'ready' : `${errors} blocking, ${issues.length - errors} to note`}.`,
          'Enter: hosts, readiness, move the pool.',
        ],
      },
    ],
  };
}
