/**
 * The contract between the shell and the screens that plug into it. A screen is one file in
 * screens/: a menu label, a description for the right pane, and a flow run when it is opened.
 * Screens call model/backend APIs and the ScreenContext below — never blessed.
 */
import type { FormSpec, FormValues } from './state/form-state.js';

/** A key–value row ("IPv4 address: 192.0.2.10/24"). */
export interface KeyValueRow {
  readonly key: string;
  readonly value: string;
}

/** One block of pane content; blocks are stacked with a blank line between them. */
export type PaneBlock =
  | { readonly kind: 'text'; readonly paragraphs: readonly string[] }
  | { readonly kind: 'key-value'; readonly rows: readonly KeyValueRow[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

export interface PaneContent {
  readonly title: string;
  readonly blocks: readonly PaneBlock[];
}

export type StepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface ProgressStep {
  readonly id: string;
  readonly label: string;
}

export interface ProgressHandle {
  update(stepId: string, state: StepState, note?: string): void;
  /** Removes the dialog. */
  close(): void;
}

export interface ChoiceItem<T> {
  readonly value: T;
  readonly label: string;
}

export interface ErrorReport {
  readonly title: string;
  /** What happened, in words. */
  readonly message: string;
  /** The raw code and parameters (e.g. an xapi error), shown under "Details". */
  readonly details: string;
}

/** An editable ordered list of short texts (DNS servers): add, delete, move up/down, then save or cancel. */
export interface ListEditSpec {
  readonly title: string;
  /** Lines shown above the list. */
  readonly intro?: readonly string[];
  readonly items: readonly string[];
  /** Shown in place of the list when it is empty. */
  readonly emptyText: string;
  /** The form that adds an entry: its title and field label. */
  readonly addTitle: string;
  readonly addLabel: string;
  /** Checks a new entry against the list as it would become (message or null). */
  readonly validateAdd: (text: string, items: readonly string[]) => string | null;
  /** The stored form of an accepted entry (e.g. canonical address text). */
  readonly normalise?: (text: string) => string;
}

/** How a keep-or-revert dialog ended: the user's key, closed by the flow, or the shell shutting down under it. */
export type KeepOrRevertAnswer = 'keep' | 'revert' | 'closed' | 'shutdown';

/** The confirmation window's dialog: content, then a status line the flow updates (the countdown). */
export interface KeepOrRevertHandle {
  readonly answer: Promise<KeepOrRevertAnswer>;
  /** Replace the status line (redraws only what changed). */
  setStatus(text: string): void;
  /** Remove the dialog (answer: 'closed'), e.g. when the change was decided elsewhere. */
  close(): void;
}

/** What a screen's flow may do. Every dialog resolves when the user answers or the shell shuts down. */
export interface ScreenContext {
  message(title: string, paragraphs: readonly string[]): Promise<void>;
  /** F8/y → true; n/Esc → false (also false when the shell shuts down). */
  confirm(title: string, paragraphs: readonly string[]): Promise<boolean>;
  /** Submitted values, or null when cancelled. */
  form(spec: FormSpec): Promise<FormValues | null>;
  /** The chosen value, or null on Esc. `initial` is the index selected when the list opens. */
  choose<T>(title: string, items: readonly ChoiceItem<T>[], initial?: number): Promise<T | null>;
  /** A scrollable read-only view; resolves when closed. */
  view(content: PaneContent): Promise<void>;
  progress(title: string, steps: readonly ProgressStep[]): ProgressHandle;
  /** A scrollable view ending in a question: F8/y → true, n/Esc → false. */
  review(content: PaneContent, question: string): Promise<boolean>;
  /** Edit a list; the final items on save (Enter), or null on Esc. */
  editList(spec: ListEditSpec): Promise<readonly string[] | null>;
  error(report: ErrorReport): Promise<void>;
  /** The confirmation window: F8/y keeps, n/Esc reverts now; the flow updates the status line and may close it. */
  keepOrRevert(content: PaneContent, status: string): KeepOrRevertHandle;
  /**
   * Mark a change as in flight (quit then asks first, with `quitNote()`'s paragraphs when given); call the returned
   * function when done.
   */
  beginChange(label: string, quitNote?: () => readonly string[]): () => void;
  /** Re-describe the menu items (e.g. after a change) without a full redraw. */
  invalidate(): void;
  /**
   * Hand the terminal to `run` (the local command shell): the UI stops drawing and reading keys, the terminal is
   * released (raw mode off, cursor shown, attributes and character set reset, normal screen, cleared), `run` is
   * awaited, then the terminal is taken back and the whole console redrawn. Rejections of `run` propagate after the
   * terminal has been taken back. Resolves at once, without running `run`, when the shell is shutting down.
   */
  suspend(run: () => Promise<void>): Promise<void>;
}

export interface Screen {
  readonly id: string;
  readonly title: string;
  readonly menuLabel: string;
  /** What the right pane shows while this item is selected. Pure and cheap: called on every move. */
  describe(): PaneContent;
  /** Runs when the item is opened (Enter/Right); the menu returns when the promise settles. */
  open(ctx: ScreenContext): Promise<void>;
  /** F5: re-read whatever describe() shows. */
  refresh?(): Promise<void>;
}

/** The top line. */
export interface HeaderInfo {
  readonly product: string;
  readonly hostname: string;
  readonly backend: string;
}
