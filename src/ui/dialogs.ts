/**
 * Dialog states (pure data) and how each one is laid out. The shell keeps a stack of them; the
 * top one owns the keys (its KeyContext) and every dialog is drawn centred over the frame.
 */
import type { KeyContext } from './keys/commands.js';
import { renderFormRows } from './presentation/form-rows.js';
import { renderMenuRows } from './presentation/menu-rows.js';
import { renderPaneBody } from './presentation/pane-lines.js';
import { renderProgressRows, type StepView } from './presentation/progress-rows.js';
import { plain, type StyledLine } from './presentation/styled-line.js';
import { truncate, wrapAll } from './presentation/text.js';
import type { ChoiceItem, ErrorReport, KeepOrRevertAnswer, ListEditSpec, PaneContent } from './screen-contract.js';
import { scrollIntoView, type MenuState } from './state/menu-state.js';
import type { FormState, FormValues } from './state/form-state.js';
import type { Size } from './terminal/size-probe.js';

export type Dialog =
  | { readonly kind: 'message'; readonly title: string; readonly paragraphs: readonly string[]; readonly resolve: () => void }
  | { readonly kind: 'confirm'; readonly title: string; readonly paragraphs: readonly string[]; readonly resolve: (yes: boolean) => void }
  | { readonly kind: 'form'; readonly state: FormState; readonly resolve: (values: FormValues | null) => void }
  | { readonly kind: 'choose'; readonly title: string; readonly items: readonly ChoiceItem<unknown>[]; readonly menu: MenuState; readonly resolve: (value: unknown) => void }
  | { readonly kind: 'view'; readonly content: PaneContent; readonly offset: number; readonly resolve: () => void }
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
}

export function dialogContext(dialog: Dialog): KeyContext {
  return dialog.kind;
}

/** Widest content a dialog may use on this screen. */
function maxWidth(size: Size, preferred: number): number {
  return Math.max(10, Math.min(preferred, size.cols - 6));
}

function maxHeight(size: Size): number {
  return Math.max(1, size.rows - 4);
}

/** Lines of a scrolled window and how many lines there are in all. */
export function windowOf<T>(lines: readonly T[], offset: number, height: number): T[] {
  return lines.slice(offset, offset + height);
}

export function viewBodyHeight(size: Size): number {
  return Math.max(1, maxHeight(size) - 2);
}

export function dialogView(dialog: Dialog, size: Size): DialogView {
  switch (dialog.kind) {
    case 'message':
    case 'confirm': {
      const width = maxWidth(size, 56);
      const body = wrapAll(dialog.paragraphs, width).map(plain);
      const hint = dialog.kind === 'confirm' ? [plain(''), plain('F8/y: yes    n/Esc: no')] : [];
      const lines = [...body, ...hint].slice(0, maxHeight(size));
      return { title: dialog.title, lines, width, height: lines.length };
    }
    case 'error': {
      const width = maxWidth(size, 60);
      const lines: StyledLine[] = wrapAll([dialog.report.message], width).map(plain);
      if (dialog.showDetails) {
        lines.push(plain(''), { text: 'Details:', spans: [{ start: 0, end: 8, role: 'title' }] });
        lines.push(...wrapAll(dialog.report.details.split('\n'), width).map(plain));
      } else {
        lines.push(plain(''), plain('d: show details'));
      }
      const clipped = lines.slice(0, maxHeight(size));
      return { title: dialog.report.title, lines: clipped, width, height: clipped.length };
    }
    case 'form': {
      const width = maxWidth(size, 60);
      const rows = renderFormRows(dialog.state, width);
      const height = Math.min(rows.lines.length, maxHeight(size));
      const offset = Math.max(0, Math.min(rows.focusRow - height + 2, rows.lines.length - height));
      return { title: dialog.state.spec.title, lines: windowOf(rows.lines, offset, height), width, height };
    }
    case 'choose': {
      const longest = Math.max(dialog.title.length + 4, ...dialog.items.map((i) => i.label.length + 2));
      const width = maxWidth(size, Math.max(20, longest));
      const height = Math.min(dialog.items.length, maxHeight(size));
      const menu = scrollIntoView(dialog.menu, height);
      return { title: dialog.title, lines: renderMenuRows(menu, height, width), width, height };
    }
    case 'view': {
      const width = maxWidth(size, size.cols - 6);
      const body = renderPaneBody(dialog.content, width);
      // As tall as the content (a short result is a small box), at most the screen's room.
      const height = Math.min(viewBodyHeight(size), Math.max(1, body.length));
      const lines = windowOf(body, dialog.offset, height).map(plain);
      const more = body.length > height ? `lines ${dialog.offset + 1}-${Math.min(body.length, dialog.offset + height)} of ${body.length}` : '';
      return { title: dialog.content.title, lines: [...lines, plain(''), plain(more)], width, height: height + 2 };
    }
    case 'progress': {
      const width = maxWidth(size, 56);
      const lines = renderProgressRows(dialog.steps, width).slice(0, maxHeight(size));
      return { title: dialog.title, lines, width, height: lines.length };
    }
    case 'review': {
      const width = maxWidth(size, size.cols - 6);
      const body = renderPaneBody(dialog.content, width);
      const room = reviewBodyHeight(size);
      const height = Math.min(room, body.length);
      const lines = windowOf(body, dialog.offset, height).map(plain);
      const more = body.length > height ? `  (lines ${dialog.offset + 1}-${Math.min(body.length, dialog.offset + height)} of ${body.length}, PgDn for more)` : '';
      const question: StyledLine = { text: truncate(`${dialog.question}${more}`, width), spans: [{ start: 0, end: Math.min(width, dialog.question.length), role: 'title' }] };
      return { title: dialog.content.title, lines: [...lines, plain(''), question], width, height: height + 2 };
    }
    case 'keep-or-revert': {
      const width = maxWidth(size, 74);
      const body = renderPaneBody(dialog.content, width);
      const lines = body.slice(0, Math.max(1, maxHeight(size) - 2)).map(plain);
      // The status line (the countdown) is the only line that changes while the dialog is up.
      const status: StyledLine = { text: truncate(dialog.status, width), spans: [{ start: 0, end: Math.min(width, dialog.status.length), role: 'title' }] };
      return { title: dialog.content.title, lines: [...lines, plain(''), status], width, height: lines.length + 2 };
    }
    case 'list': {
      const width = maxWidth(size, 60);
      const intro = wrapAll(dialog.spec.intro ?? [], width).map(plain);
      const room = Math.max(3, maxHeight(size) - intro.length - 4);
      const listHeight = Math.min(room, Math.max(3, dialog.items.length));
      const rows: StyledLine[] =
        dialog.items.length === 0
          ? [plain(` ${dialog.spec.emptyText}`), ...Array.from({ length: listHeight - 1 }, () => plain(''))]
          : renderMenuRows(scrollIntoView({ ...dialog.menu, labels: dialog.items }, listHeight), listHeight, width);
      while (rows.length < listHeight) rows.push(plain(''));
      const lines = [...intro, ...(intro.length > 0 ? [plain('')] : []), ...rows];
      return { title: dialog.spec.title, lines, width, height: lines.length };
    }
  }
}

/** Rows a review dialog gives its body (the rest: a blank line and the question). */
export function reviewBodyHeight(size: Size): number {
  return Math.max(1, maxHeight(size) - 2);
}

/** Total body lines of a review dialog at this size (for scrolling bounds). */
export function reviewTotalLines(content: PaneContent, size: Size): number {
  return renderPaneBody(content, maxWidth(size, size.cols - 6)).length;
}

/** Total body lines of a view dialog at this size (for scrolling bounds). */
export function viewTotalLines(content: PaneContent, size: Size): number {
  return renderPaneBody(content, maxWidth(size, size.cols - 6)).length;
}
