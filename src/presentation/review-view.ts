/** The review before an apply (before -> after, warnings) and the "host changed under the form" view. */
import { issueLine, type FieldChange, type PlanIssue } from '../model/index.js';
import type { KeyValueRow, PaneBlock, PaneContent } from './types.js';

/** "192.0.2.10/24 -> 192.0.2.20/24" rows, one per changed setting, in the model's order. */
export function changeRows(changes: readonly FieldChange[]): KeyValueRow[] {
  return changes.map((c) => ({ key: c.path, value: `${c.before} -> ${c.after}` }));
}

/** The review dialog: what changes, then the plan's warnings, each starting with "!". */
export function reviewContent(title: string, changes: readonly FieldChange[], warnings: readonly PlanIssue[]): PaneContent {
  const blocks: PaneBlock[] = [
    { kind: 'text', paragraphs: [changes.length === 1 ? 'This setting changes (before -> after):' : `These ${changes.length} settings change (before -> after):`] },
    { kind: 'key-value', rows: changeRows(changes) },
  ];
  if (warnings.length > 0) {
    blocks.push({ kind: 'text', paragraphs: [warnings.length === 1 ? 'Warning:' : 'Warnings:', ...warnings.map((w) => `! ${w.message}`)] });
  }
  return { title, blocks };
}

/** The host changed since the form opened: what changed (the form's view -> the host now). */
export function staleContent(changes: readonly FieldChange[]): PaneContent {
  return {
    title: 'The host changed',
    blocks: [
      { kind: 'text', paragraphs: ['Someone else changed the host while this form was open (form -> host now):'] },
      { kind: 'key-value', rows: changeRows(changes) },
      { kind: 'text', paragraphs: ['Applying now could undo their change. Reload the form from the host as it is now, or cancel.'] },
    ],
  };
}

/** Errors that block a plan, as paragraphs for a message dialog. */
export function blockingParagraphs(errors: readonly PlanIssue[]): string[] {
  return [errors.length === 1 ? 'This must be fixed first:' : 'These must be fixed first:', ...errors.map((e) => `! ${issueLine(e)}`)];
}
