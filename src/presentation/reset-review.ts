/** The Emergency network reset screen's review (warnings, pool note, before → after files) and its result lines. */
import { interfaceName, managementInterface, managementUrls, type HostState } from '../model/index.js';
import type { FileChange } from '../model/reset/reset-request.js';
import type { ResetValidation } from '../model/reset/validate-reset.js';
import type { PaneContent } from '../ui/screen-contract.js';
import { resetSummaryRows, resetViewLines } from './reset-view.js';

export function resetReviewContent(state: HostState, validation: ResetValidation, changes: readonly FileChange[], rebootText: string): PaneContent {
  const pool =
    state.pool.role === 'member'
      ? [`This host is a pool member: after the reboot it must reach the pool master at ${validation.request?.masterAddress ?? state.pool.masterAddress ?? '(unknown)'}.`]
      : [];
  return {
    title: 'Emergency network reset: files that change',
    blocks: [
      ...(pool.length > 0 ? [{ kind: 'text' as const, paragraphs: pool }] : []),
      { kind: 'table', columns: ['Change', 'File (the old one is kept as FILE.hostconsole-prev)'], rows: resetSummaryRows(changes) },
      { kind: 'text', paragraphs: [...validation.warnings.map((w) => `Warning: ${w.message}`), `Then it ${rebootText}. Running VMs stop.`] },
      { kind: 'text', paragraphs: ['Before -> after:', ...resetViewLines(changes)] },
    ],
  };
}

/** "Management: eth1, IPv6 primary", then its URLs. */
export function managementSummaryLines(state: HostState): string[] {
  const iface = managementInterface(state);
  if (iface === null) return ['Management is disabled on the host.'];
  return [`Management: ${interfaceName(iface)}, ${iface.primaryFamily === 'ipv6' ? 'IPv6' : 'IPv4'} primary`, ...managementUrls(state).map((u) => `${u.url}${u.primary ? ' (primary)' : ''}`)];
}
