/**
 * Dialog states (pure data) and how each one is laid out. The shell keeps a stack of them; the top one owns the keys
 * (its KeyContext). Two shapes:
 *  - full-screen views (view, review, keep-or-revert) replace the menu and the pane: one border around the body,
 *    between the top line and the footer;
 *  - the others are boxes centred over what is below, sized to their content and kept off the frame's borders.
 * Text is wrapped, never cut: a dialog grows to its longest line up to what fits, then wraps.
 */
import type { KeyContext } from './keys/commands.js';
import { choiceHeight, renderChoiceRows } from './presentation/choice-rows.js';
import { renderFormRows } from './presentation/form-rows.js';
import { dialogRoom } from './presentation/layout.js';
import { renderMenuRows } from './presentation/menu-rows.js';
import { renderPaneBody } from './presentation/pane-lines.js';
import { renderProgressRows, stepText, type StepView } from './presentation/progress-rows.js';
import { plain, whole, type StyledLine } from './presentation/styled-line.js';
import { wrap, wrapAll } from './presentation/text.js';
import type { ChoiceItem, ErrorReport, KeepOrRevertAnswer, LiveViewEnd, ListEditSpec, PaneContent, ViewKey } from './screen-contract.js';
import { scrollIntoView, type MenuState } from './state/menu-state.js';
import type { FormState, FormValues } from './state/form-state.js';
import type { Size } from './terminal/size-probe.js';

export type Dialog =
  | { readonly kind: 'message'; readonly title: string; readonly paragraphs: readonly string[]; readonly resolve: () => void }
  | { readonly kind: 'confirm'; readonly title: string; readonly paragraphs: readonly string[]; readonly resolve: (yes: boolean) => void }
  | { readonly kind: 'form'; readonly state: FormState; readonly resolve: (values: FormValues | null) => void }
  | { readonly kind: 'choose'; readonly title: string; readonly items: readonly ChoiceItem<unknown>[]; readonly menu: MenuState; readonly resolve: (value: unknown) => void }
  | {
      /** A full-screen view: static (ctx.view) or updated by its flow (ctx.liveView). */
      readonly kind: 'view';
      readonly content: PaneContent;
      readonly offset: number;
      readonly status: string;
      readonly keys: readonly ViewKey[];
      readonly onKey?: (id: string) => void;
      readonly resolve: (end: LiveViewEnd) => void;
    }
  | { readonly kind: 'error'; readonly report: ErrorReport; readonly showDetails: boolean; readonly resolve: () => void }
  | { readonly kind: 'progress'; readonly title: string; readonly steps: readonly (StepView & { readonly id: string })[] }
  | { readonly kind: 'review'; readonly content: PaneContent; readonly question: string; readonly offset: number; readonly resolve: (yes: boolean) => void }
  | { readonly kind: 'keep-or-revert'; readonly content: PaneContent; readonly status: string; readonly resolve: (answer: KeepOrRevertAnswer) => void }
  | {
      readonly kind: 'list';
      readonly spec: ListEditSpec;
      readonly items: readonly string[];
      readonly menu: MenuState;
      readonly resolve: (items: readonly string[] | null) => void;
    };

export interface DialogView {
  readonly title: string;
  readonly lines: readonly StyledLine[];
  /** Content size (inside border and padding). */
  readonly width: number;
  readonly height: number;
  /** Drawn over the whole body (replacing the menu and the pane), not as a centred box. */
  readonly fullScreen: boolean;
}

export function dialogContext(dialog: Dialog): KeyContext {
  return dialog.kind;
}

/** Views that replace the menu and the pane. */
export function isFullScreen(dialog: Dialog): boolean {
  return dialog.kind === 'view' || dialog.kind === 'review' || dialog.kind === 'keep-or-revert';
}

/** Content size of a full-screen view: the body less its border and one column of padding each side. */
export function fullScreenRoom(size: Size): Size {
  return { cols: Math.max(10, size.cols - 4), rows: Math.max(3, size.rows - 4) };
}

/** A width for text: its longest line when that fits `max`, at least `min` (so short dialogs keep a sane shape). */
function widthFor(lines: readonly string[], min: number, max: number): number {
  return Math.max(Math.min(min, max), Math.min(max, Math.max(0, ...lines.map((l) => l.length))));
}

/** Lines of a scrolled window. */
export function windowOf<T>(lines: readonly T[], offset: number, height: number): T[] {
  return lines.slice(offset, offset + height);
}

/** "lines 6-23 of 30" when the text does not fit, else ''. */
function position(offset: number, height: number, total: number): string {
  return total > height ? `lines ${offset + 1}-${Math.min(total, offset + height)} of ${total}` : '';
}

/** The bottom lines of a full-screen view (status, question): wrapped to the width, styled as a title. */
function footLines(text: string, width: number): StyledLine[] {
  if (text === '') return [plain('')];
  // Spacing inside a line that fits is kept ("F8/y: keep   n/Esc: revert now"); a longer one wraps at words.
  return (text.length <= width ? [text] : wrap(text, width)).map((l) => whole(l, 'title'));
}

/** Rows a view gives its body at this size (the rest: a blank line and its status lines). */
export function viewBodyHeight(size: Size, status = ''): number {
  const room = fullScreenRoom(size);
  return Math.max(1, room.rows - 1 - Math.max(1, wrap(status.includes('PgDn') ? status : `${status}  lines 100-100 of 100`, room.cols).length));
}

/** Total body lines of a view (or review) at this size (for scrolling bounds). */
export function viewTotalLines(content: PaneContent, size: Size): number {
  return renderPaneBody(content, fullScreenRoom(size).cols).length;
}

/** Rows a review gives its body (the rest: a blank line and the question). */
export function reviewBodyHeight(size: Size, question = ''): number {
  return viewBodyHeight(size, `${question}  (lines 100-100 of 100, PgDn for more)`);
}

export const reviewTotalLines = viewTotalLines;

export function dialogView(dialog: Dialog, size: Size): DialogView {
  const room = dialogRoom(size);
  const full = fullScreenRoom(size);
  switch (dialog.kind) {
    case 'message':
    case 'confirm': {
      const width = Math.min(56, room.cols);
      const body = wrapAll(dialog.paragraphs, width).map(plain);
      const hint = dialog.kind === 'confirm' ? [plain(''), plain('F8/y: yes    n/Esc: no')] : [];
      const lines = [...body, ...hint].slice(0, room.rows);
      return { title: dialog.title, lines, width, height: lines.length, fullScreen: false };
    }
    case 'error': {
      const width = Math.min(60, room.cols);
      const lines: StyledLine[] = wrapAll([dialog.report.message], width).map(plain);
      if (dialog.showDetails) {
        lines.push(plain(''), { text: 'Details:', spans: [{ start: 0, end: 8, role: 'title' }] });
        lines.push(...wrapAll(dialog.report.details.split('\n'), width).map(plain));
      } else {
        lines.push(plain(''), plain('d: show details'));
      }
      const clipped = lines.slice(0, room.rows);
      return { title: dialog.report.title, lines: clipped, width, height: clipped.length, fullScreen: false };
    }
    case 'form': {
      const width = Math.min(60, room.cols);
      const rows = renderFormRows(dialog.state, width);
      const height = Math.min(rows.lines.length, room.rows);
      const offset = Math.max(0, Math.min(rows.focusRow - height + 2, rows.lines.length - height));
      return { title: dialog.state.spec.title, lines: windowOf(rows.lines, offset, height), width, height, fullScreen: false };
    }
    case 'choose': {
      const labels = dialog.items.map((i) => i.label);
      const width = widthFor([`${dialog.title}    `, ...labels.map((l) => `${l}  `)], 20, room.cols);
      const height = Math.min(choiceHeight(labels, width), room.rows);
      return { title: dialog.title, lines: renderChoiceRows(dialog.menu, height, width), width, height, fullScreen: false };
    }
    case 'progress': {
      const width = widthFor(dialog.steps.map((s) => stepText(s)), 44, room.cols);
      const lines = renderProgressRows(dialog.steps, width).slice(0, room.rows);
      return { title: dialog.title, lines, width, height: lines.length, fullScreen: false };
    }
    case 'list': {
      const width = Math.min(60, room.cols);
      const intro = wrapAll(dialog.spec.intro ?? [], width).map(plain);
      const listHeight = Math.min(Math.max(3, room.rows - intro.length - 1), Math.max(3, dialog.items.length));
      const rows: StyledLine[] =
        dialog.items.length === 0
          ? [...wrap(dialog.spec.emptyText, width - 1).map((l) => plain(` ${l}`)), ...Array.from({ length: listHeight - 1 }, () => plain(''))].slice(0, listHeight)
          : renderMenuRows(scrollIntoView({ ...dialog.menu, labels: dialog.items }, listHeight), listHeight, width);
      while (rows.length < listHeight) rows.push(plain(''));
      const lines = [...intro, ...(intro.length > 0 ? [plain('')] : []), ...rows].slice(0, room.rows);
      return { title: dialog.spec.title, lines, width, height: lines.length, fullScreen: false };
    }
    case 'view': {
      const body = renderPaneBody(dialog.content, full.cols);
      const height = viewBodyHeight(size, dialog.status);
      const foot = [dialog.status, position(dialog.offset, height, body.length)].filter((t) => t !== '').join('  ');
      const lines = [...windowOf(body, dialog.offset, height).map(plain)];
      while (lines.length < height) lines.push(plain(''));
      return { title: dialog.content.title, lines: [...lines, plain(''), ...footLines(foot, full.cols)], width: full.cols, height: full.rows, fullScreen: true };
    }
    case 'review': {
      const body = renderPaneBody(dialog.content, full.cols);
      const height = reviewBodyHeight(size, dialog.question);
      const where = position(dialog.offset, height, body.length);
      const lines = [...windowOf(body, dialog.offset, height).map(plain)];
      while (lines.length < height) lines.push(plain(''));
      const question = `${dialog.question}${where === '' ? '' : `  (${where}, PgDn for more)`}`;
      return { title: dialog.content.title, lines: [...lines, plain(''), ...footLines(question, full.cols)], width: full.cols, height: full.rows, fullScreen: true };
    }
    case 'keep-or-revert': {
      // The status line (the countdown) is the only line that changes while the view is up.
      const status = footLines(dialog.status, full.cols);
      const body = renderPaneBody(dialog.content, full.cols).slice(0, Math.max(1, full.rows - 1 - status.length)).map(plain);
      while (body.length < full.rows - 1 - status.length) body.push(plain(''));
      return { title: dialog.content.title, lines: [...body, plain(''), ...status], width: full.cols, height: full.rows, fullScreen: true };
    }
  }
}
