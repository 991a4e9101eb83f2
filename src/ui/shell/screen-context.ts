/**
 * The ScreenContext a flow gets: the dialogs (dialog stack), forms (form host), full-screen views (view host),
 * progress, the change gate (the injected authorizer) and the in-flight change register the quit question reads.
 */
import type { AuthorizeRequest, Authorizer, AuthorizerUi } from '../authorizer.js';
import type { Dialog } from '../dialogs.js';
import type { ChoiceItem, ErrorReport, PaneContent, ProgressHandle, ProgressStep, ScreenContext, StepState } from '../screen-contract.js';
import { createMenu } from '../state/menu-state.js';
import type { DialogHost } from './dialog-host.js';
import { openForm, openList } from './form-host.js';
import { openKeepOrRevert, openLiveView, openReview, openView } from './view-host.js';

/** Changes in flight (quit asks first while there are any). */
export class ChangeRegister {
  private readonly changes = new Map<number, { readonly label: string; readonly note: (() => readonly string[]) | undefined }>();
  private next = 1;

  begin(label: string, note?: () => readonly string[]): () => void {
    const id = this.next++;
    this.changes.set(id, { label, note });
    return () => {
      this.changes.delete(id);
    };
  }

  isEmpty(): boolean {
    return this.changes.size === 0;
  }

  /** What the quit question says: the changes' own notes, or a sentence naming them. */
  quitParagraphs(): string[] {
    const changes = [...this.changes.values()];
    const notes = changes.flatMap((c) => (c.note === undefined ? [] : c.note()));
    return notes.length > 0 ? notes : [`A change is in flight: ${changes.map((c) => c.label).join(', ')}.`, 'Quitting now may leave it half done. Quit anyway?'];
  }
}

export interface ContextDeps {
  readonly host: DialogHost;
  readonly authorizer: Authorizer;
  readonly changes: ChangeRegister;
  /** The screen whose flow this is (null: a flow outside the menu). */
  readonly screenId: string | null;
  /** ScreenContext.suspend: hand the terminal to another program, then take it back (the shell does it). */
  readonly suspend: (run: () => Promise<void>) => Promise<void>;
  /** ScreenContext.charts: full-screen views draw chart blocks as charts (default false). */
  readonly charts?: boolean;
}

function openProgress(host: DialogHost, title: string, steps: readonly ProgressStep[]): ProgressHandle {
  let current: Dialog = { kind: 'progress', title, steps: steps.map((s) => ({ id: s.id, label: s.label, state: 'pending' as StepState })) };
  host.stack.push(current);
  host.render();
  return {
    update: (stepId, state, note) => {
      if (current.kind !== 'progress') return;
      const next: Dialog = { ...current, steps: current.steps.map((s) => (s.id === stepId ? { ...s, state, note } : s)) };
      host.stack.replace(current, next);
      current = next;
      host.render();
    },
    close: () => {
      host.stack.pop(current);
      host.render();
    },
  };
}

export function createScreenContext(deps: ContextDeps): ScreenContext {
  const { host } = deps;
  const ui: AuthorizerUi = {
    message: (title, paragraphs) => host.push<void>((resolve) => ({ kind: 'message', title, paragraphs, resolve })),
    confirm: (title, paragraphs) => host.push<boolean>((resolve) => ({ kind: 'confirm', title, paragraphs, resolve })),
    form: (spec) => openForm(host, spec),
    choose: <T>(title: string, items: readonly ChoiceItem<T>[], initial?: number) =>
      host.push<T | null>((resolve) => ({
        kind: 'choose',
        title,
        items,
        menu: createMenu(items.map((i) => i.label), initial ?? 0),
        resolve: (value: unknown) => resolve(value as T | null),
      })),
    view: (content: PaneContent) => openView(host, content),
    liveView: (content, options) => openLiveView(host, content, options),
    error: (report: ErrorReport) => host.push<void>((resolve) => ({ kind: 'error', report, showDetails: false, resolve })),
    progress: (title, steps) => openProgress(host, title, steps),
    review: (content, question) => openReview(host, content, question),
    editList: (spec) => openList(host, spec),
    keepOrRevert: (content, status) => openKeepOrRevert(host, content, status),
    beginChange: (label, note) => deps.changes.begin(label, note),
    invalidate: () => host.render(),
    suspend: (run) => deps.suspend(run),
    charts: deps.charts === true,
  };
  const authorize = (what: string): Promise<boolean> => {
    const request: AuthorizeRequest = { what, screenId: deps.screenId };
    return deps.authorizer.authorize(request, ui);
  };
  return { ...ui, authorize };
}
