/**
 * The contract between the shell and the screens that plug into it. A screen is one file in
 * screens/: a menu label, a description for the right pane, and a flow run when it is opened.
 * Screens call model/backend APIs and the ScreenContext below — never blessed.
 *
 * The menu has two levels (as xsconsole's): top-level entries are screens or sections, and a
 * section lists screens of its own. Where each screen goes is src/app/screen-registry.ts.
 */
import type { FooterHint } from './keys/commands.js';
import type { FormSpec, FormValues } from './state/form-state.js';

export type { FooterHint } from './keys/commands.js';

/** A key–value row ("IPv4 address: 192.0.2.10/24"). */
export interface KeyValueRow {
  readonly key: string;
  readonly value: string;
}

/** One block of pane content; blocks are stacked with a blank line between them. */
export type PaneBlock =
  | { readonly kind: 'text'; readonly paragraphs: readonly string[] }
  | { readonly kind: 'key-value'; readonly rows: readonly KeyValueRow[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | ChartBlock;

/** One line of a chart: a label ("IPv6, bytes/s in+out: 1.2 kB/s") and its values, oldest first (null: unknown). */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

/**
 * A chart: per series a label line and a sparkline line, a blank line between series. In text (monochrome, ASCII,
 * vt100, the pane) the sparkline is ASCII, `textColumns` wide at most (a serial line pays for each). In a full-screen
 * view on a colour UTF-8 terminal the shell draws a blessed-contrib sparkline over those lines (loaded when the first
 * chart is shown) — when the chart is not the view's first block (its overlay starts on the blank line above it).
 */
export interface ChartBlock {
  readonly kind: 'chart';
  readonly series: readonly ChartSeries[];
  readonly textColumns: number;
}

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

/**
 * A key of one full-screen view (e.g. `p` pause, `r` rerun in Test network), checked before the view's own keys
 * (scroll, Esc back) and shown in the footer first.
 */
export interface ViewKey {
  /** Passed to `onKey` when pressed, e.g. 'pause'. */
  readonly id: string;
  /** Key names as blessed reports them: 'p', 'f5', 'enter', 'space'. */
  readonly keys: readonly string[];
  /** What the footer says, e.g. { keys: 'p', text: 'Pause' }; null: not in the footer. */
  readonly footer: FooterHint | null;
  /** One line for the key reference. */
  readonly description: string;
}

export interface LiveViewOptions {
  /** The view's own keys (default none); `onKey` receives their ids. */
  readonly keys?: readonly ViewKey[];
  readonly onKey?: (id: string) => void;
  /** The line under the content (e.g. "3 of 7 tests done"); the scroll position is added when it scrolls. */
  readonly status?: string;
}

/** How a live view ended: left by the user (Esc/Left/Enter), closed by the flow, or the shell shut down under it. */
export type LiveViewEnd = 'left' | 'closed' | 'shutdown';

/**
 * A full-screen view the flow keeps updating (Test network rows filling in, Traffic once a second). Each call
 * redraws only the cells that changed (a serial line pays for every byte), and nothing when nothing changed.
 */
export interface LiveViewHandle {
  /** Settles when the view ends; until then the flow may update it. */
  readonly closed: Promise<LiveViewEnd>;
  update(content: PaneContent): void;
  setStatus(text: string): void;
  /** Replace the view's keys (e.g. 'p Pause' becomes 'p Resume'). */
  setKeys(keys: readonly ViewKey[]): void;
  /** End the view from the flow (closed: 'closed'). */
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
  /** A scrollable read-only full-screen view (it replaces the panes); resolves when closed. */
  view(content: PaneContent): Promise<void>;
  /** A full-screen view the flow updates while it is shown; see LiveViewHandle. */
  liveView(content: PaneContent, options?: LiveViewOptions): LiveViewHandle;
  /**
   * Ask before changing the host: every flow calls this before anything is sent to the host (`what` names the
   * change, e.g. "Save the DNS servers"); false means stop, and say nothing more (the authorizer has told the
   * user why). The shell's authorizer decides (src/ui/authorizer.ts: this branch allows; the login plugs in there).
   */
  authorize(what: string): Promise<boolean>;
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
  /**
   * True when full-screen views draw chart blocks as charts (a colour UTF-8 terminal: blessed-contrib, loaded when
   * the first chart is shown); false or absent: as their text form (ASCII sparklines), so a screen may prefer a
   * more compact layout of its own (e.g. a sparkline column in a table).
   */
  readonly charts?: boolean;
}

export interface Screen {
  readonly id: string;
  readonly title: string;
  readonly menuLabel: string;
  /**
   * The screen changes the host: the shell asks the authorizer (with the screen's title) before open() runs, and the
   * menu marks the item while the authorizer is locked. Its flow still calls ctx.authorize before each change.
   */
  readonly changesHost?: boolean;
  /** What the right pane shows while this item is selected. Pure and cheap: called on every move. */
  describe(): PaneContent;
  /** Runs when the item is opened (Enter/Right); the menu returns when the promise settles. */
  open(ctx: ScreenContext): Promise<void>;
  /** F5: re-read whatever describe() shows. */
  refresh?(): Promise<void>;
}

/** A top-level menu entry that opens a list of screens (Enter/Right opens it, Esc/Left goes back). */
export interface MenuSection {
  readonly id: string;
  /** The breadcrumb over the section's items. */
  readonly title: string;
  readonly menuLabel: string;
  /** What the right pane shows while the section is selected in the top-level menu. */
  describe(): PaneContent;
  readonly items: readonly Screen[];
  /** F5 on the section. */
  refresh?(): Promise<void>;
}

export type MenuEntry = Screen | MenuSection;

export function isSection(entry: MenuEntry): entry is MenuSection {
  return 'items' in entry;
}

/** The top line. */
export interface HeaderInfo {
  readonly product: string;
  readonly hostname: string;
  readonly backend: string;
}
