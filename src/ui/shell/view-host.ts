/**
 * The full-screen view host: views that replace the menu and the pane — static views (ctx.view), live views the flow
 * keeps updating (ctx.liveView), the review before applying and the keep-or-revert window. Updates go through the
 * stack entry's state; the box redraws only what changed (BoxSlot and blessed's cell diff), nothing when nothing did.
 */
import { reviewBodyHeight, reviewTotalLines, viewBodyHeight, viewTotalLines, type Dialog } from '../dialogs.js';
import type { KeepOrRevertAnswer, KeepOrRevertHandle, LiveViewEnd, LiveViewHandle, LiveViewOptions, PaneContent, ViewKey } from '../screen-contract.js';
import { pageStep, scrollTo } from '../state/scroll-state.js';
import type { DialogHost, Refusal } from './dialog-host.js';
import type { StackEntry } from './dialog-stack.js';

type ViewDialog = Extract<Dialog, { kind: 'view' }>;
type ReviewDialog = Extract<Dialog, { kind: 'review' }>;

/** An answer that settles once, whoever gives it first. */
function once<T>(): { readonly promise: Promise<T>; settle(value: T): void } {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    let done = false;
    settle = (value) => {
      if (done) return;
      done = true;
      resolve(value);
    };
  });
  return { promise, settle };
}

/** The live entry of a dialog pushed on the stack, while it is there. */
function liveEntry(host: DialogHost, entry: StackEntry | undefined): StackEntry | undefined {
  return entry !== undefined && host.stack.all().includes(entry) ? entry : undefined;
}

export function openLiveView(host: DialogHost, content: PaneContent, options: LiveViewOptions = {}): LiveViewHandle {
  const end = once<LiveViewEnd>();
  const dialog: ViewDialog = {
    kind: 'view',
    content,
    offset: 0,
    status: options.status ?? '',
    keys: options.keys ?? [],
    ...(options.onKey === undefined ? {} : { onKey: options.onKey }),
    resolve: (why) => end.settle(why),
  };
  host.stack.push(dialog);
  const entry = host.stack.entryOf(dialog);
  if (entry === undefined) end.settle('shutdown');
  else host.render();
  const change = (next: (current: ViewDialog) => ViewDialog): void => {
    const live = liveEntry(host, entry);
    if (live === undefined || live.dialog.kind !== 'view') return;
    const updated = next(live.dialog);
    if (updated === live.dialog) return;
    const total = viewTotalLines(updated.content, host.size());
    live.dialog = { ...updated, offset: scrollTo(updated.offset, total, viewBodyHeight(host.size(), updated.status)) };
    host.render();
  };
  return {
    closed: end.promise,
    update: (next) => change((d) => (d.content === next ? d : { ...d, content: next })),
    setStatus: (text) => change((d) => (d.status === text ? d : { ...d, status: text })),
    setKeys: (keys) => change((d) => (d.keys === keys ? d : { ...d, keys })),
    close: () => {
      const live = liveEntry(host, entry);
      if (live === undefined) return;
      host.stack.pop(live.dialog);
      end.settle('closed');
      host.render();
    },
  };
}

/** A static view: a live view nobody updates; settles when the user leaves it. */
export async function openView(host: DialogHost, content: PaneContent): Promise<void> {
  await openLiveView(host, content).closed;
}

export function openReview(host: DialogHost, content: PaneContent, question: string): Promise<boolean> {
  return host.push<boolean>((resolve) => ({ kind: 'review', content, question, offset: 0, resolve }));
}

export function openKeepOrRevert(host: DialogHost, content: PaneContent, status: string): KeepOrRevertHandle {
  const answer = once<KeepOrRevertAnswer>();
  const dialog: Dialog = { kind: 'keep-or-revert', content, status, resolve: (a) => answer.settle(a) };
  host.stack.push(dialog);
  const entry = host.stack.entryOf(dialog);
  if (entry === undefined) answer.settle('shutdown');
  else host.render();
  return {
    answer: answer.promise,
    setStatus: (text) => {
      const live = liveEntry(host, entry);
      if (live === undefined || live.dialog.kind !== 'keep-or-revert' || live.dialog.status === text) return;
      live.dialog = { ...live.dialog, status: text };
      host.render();
    },
    close: () => {
      const live = liveEntry(host, entry);
      if (live === undefined) return;
      host.stack.pop(live.dialog);
      answer.settle('closed');
      host.render();
    },
  };
}

/** The view's own key bound to this key name, if any (checked before the view's scrolling and Esc). */
export function viewKeyFor(dialog: Dialog, name: string): ViewKey | undefined {
  return dialog.kind === 'view' ? dialog.keys.find((k) => k.keys.includes(name)) : undefined;
}

/** A page for PgUp/PgDn, a line for Up/Down. */
function step(name: string, height: number): number {
  return name === 'pageup' || name === 'pagedown' ? pageStep(height) : 1;
}

export function runViewCommand(host: DialogHost, dialog: ViewDialog, id: string, name: string): Refusal {
  if (id === 'view.close') {
    host.stack.pop(dialog);
    return dialog.resolve('left');
  }
  const size = host.size();
  const height = viewBodyHeight(size, dialog.status);
  const total = viewTotalLines(dialog.content, size);
  if (total <= height) return;
  const offset = scrollTo(dialog.offset + (id === 'view.up' ? -1 : 1) * step(name, height), total, height);
  host.stack.replace(dialog, { ...dialog, offset });
}

export function runReviewCommand(host: DialogHost, dialog: ReviewDialog, id: string, name: string): Refusal {
  if (id === 'review.yes' || id === 'review.no') {
    host.stack.pop(dialog);
    return dialog.resolve(id === 'review.yes');
  }
  const size = host.size();
  const height = reviewBodyHeight(size, dialog.question);
  const offset = scrollTo(dialog.offset + (id === 'review.up' ? -1 : 1) * step(name, height), reviewTotalLines(dialog.content, size), height);
  host.stack.replace(dialog, { ...dialog, offset });
}
