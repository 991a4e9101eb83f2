/** What the console shows after an apply: the new management URL and the verification, or a readable error. */
import type { ChangeResult } from '../app/apply-change.js';
import { managementUrl } from '../model/index.js';
import type { ErrorReport, HostState, PaneContent } from './types.js';

export type ResultView = { readonly kind: 'view'; readonly content: PaneContent } | { readonly kind: 'error'; readonly report: ErrorReport };

function details(code: string, params: readonly string[]): string {
  return [code, ...params].join(' ');
}

export function changeResultView(result: ChangeResult, fallback: HostState): ResultView {
  switch (result.kind) {
    case 'nothing-to-change':
      return { kind: 'view', content: { title: 'Nothing to change', blocks: [{ kind: 'text', paragraphs: ['The host already has these settings; nothing was sent.'] }] } };
    case 'applied':
      return {
        kind: 'view',
        content: {
          title: 'Change applied',
          blocks: [
            {
              kind: 'key-value',
              rows: [
                { key: 'Result', value: `${result.steps.length} step${result.steps.length === 1 ? '' : 's'} applied` },
                { key: 'Verification', value: 'passed: the host reports the new settings' },
                { key: 'Management URL', value: managementUrl(result.state) ?? 'none (no management address)' },
              ],
            },
          ],
        },
      };
    case 'not-verified':
      return {
        kind: 'view',
        content: {
          title: 'Applied, but not verified',
          blocks: [
            {
              kind: 'key-value',
              rows: [
                { key: 'Verification', value: 'FAILED: the host does not report what was asked' },
                { key: 'Management URL', value: managementUrl(result.state ?? fallback) ?? 'none (no management address)' },
              ],
            },
            { kind: 'key-value', rows: result.mismatches.map((m) => ({ key: m.path, value: `asked ${m.expected}, host has ${m.actual}` })) },
          ],
        },
      };
    case 'step-failed': {
      const step = result.steps[result.outcome.failedIndex];
      const what = step === undefined ? 'The change could not start' : `Step ${result.outcome.failedIndex + 1} of ${result.steps.length} (${step.title}) failed`;
      const done = result.outcome.completed === 0 ? 'Nothing was changed before it.' : `${result.outcome.completed} step${result.outcome.completed === 1 ? '' : 's'} before it took effect.`;
      return {
        kind: 'error',
        report: { title: 'The change failed', message: `${what}: ${result.outcome.error.message} ${done}`, details: details(result.outcome.error.code, result.outcome.error.params) },
      };
    }
    case 'reread-failed':
      return {
        kind: 'error',
        report: {
          title: 'Applied, but the host could not be re-read',
          message: `Every step was sent, but reading the host back failed, so the result is not verified: ${result.error.message}`,
          details: details(result.error.code, result.error.params),
        },
      };
    case 'failed-before-apply':
      return { kind: 'error', report: { title: 'Nothing was applied', message: result.error.message, details: details(result.error.code, result.error.params) } };
  }
}
