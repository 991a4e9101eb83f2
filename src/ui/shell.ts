/**
 * The console shell: top line, menu, right pane, footer, dialogs on top. Owns the keys (dispatched
 * through the command table in keys/commands.ts), runs screen flows, and restores the terminal on
 * every way out (shutdown is idempotent and is what signals and errors are routed to).
 */
import type { Readable, Writable } from 'node:stream';
import type blessed from 'blessed';
import { dialogContext, dialogView, reviewBodyHeight, reviewTotalLines, viewBodyHeight, viewTotalLines, type Dialog } from './dialogs.js';
import { commandsFor, resolveKey, type FooterHint, type KeyContext } from './keys/commands.js';
import { formatClock, msUntilNextMinute } from './presentation/clock.js';
import { renderFooter } from './presentation/footer.js';
import { centredBox, frameLayout, innerSize, type FrameLayout } from './presentation/layout.js';
import { renderMenuRows } from './presentation/menu-rows.js';
import { renderPaneBody } from './presentation/pane-lines.js';
import { toTagged, whole, type StyledLine } from './presentation/styled-line.js';
import { centre, wrapAll } from './presentation/text.js';
import { renderTopLine } from './presentation/top-line.js';
import type {
  ChoiceItem,
  ErrorReport,
  HeaderInfo,
  KeepOrRevertAnswer,
  KeepOrRevertHandle,
  ListEditSpec,
  PaneContent,
  ProgressHandle,
  ProgressStep,
  Screen,
  ScreenContext,
  StepState,
} from './screen-contract.js';
import * as form from './state/form-state.js';
import { createMenu, jumpToLetter, moveBy, scrollIntoView, type MenuState } from './state/menu-state.js';
import { pageStep, scrollTo } from './state/scroll-state.js';
import { openTerminal, adoptSize, type TerminalSetup } from './terminal/open-terminal.js';
import type { ExitReason } from './terminal/restore.js';
import { releaseTerminal, type ReleasableProgram } from './terminal/release.js';
import { probeSize, type Size } from './terminal/size-probe.js';
import { BoxSlot } from './widgets/box-slot.js';

export interface ShellOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly ascii?: boolean;
  readonly mono?: boolean;
  /** The menu, in order; a function when a screen needs to know the terminal setup (About). */
  readonly screens: readonly Screen[] | ((setup: TerminalSetup) => readonly Screen[]);
  /** The top line's data; called again after F5 and after each flow. */
  readonly header: () => HeaderInfo;
  /** Clock source (tests inject a fixed one). */
  readonly now?: () => Date;
  /** Update the clock on the minute (default true). */
  readonly clock?: boolean;
  readonly probeTimeoutMs?: number;
}

export interface Shell {
  readonly setup: TerminalSetup;
  /** Settles once the UI has stopped and the terminal has been restored. */
  readonly closed: Promise<ExitReason>;
  /** Stop the UI and restore the terminal; idempotent. */
  shutdown(reason: ExitReason): void;
  /** True when the shell waits for a key: no flow working (a flow showing a dialog waits for the user). */
  isIdle(): boolean;
  /** Re-read the header and the selected item's description and redraw what changed (e.g. the host changed). */
  invalidate(): void;
  /**
   * Run a flow that belongs to no menu item (e.g. at start: finishing a change an earlier console left), with the
   * menu held as while a screen's flow runs. A flow asked for while another runs waits for it, and starts before the
   * menu takes keys again. Settles when the flow does.
   */
  runFlow(flow: (ctx: ScreenContext) => Promise<void>): Promise<void>;
}

interface KeyInfo {
  readonly full?: string;
  readonly name?: string;
}

/** Written after blessed's own exit sequence: attributes off, G0 shifted in, cursor shown. */
const EXIT_TAIL = '\x1b[m\x0f\x1b[?25h';

export async function startShell(options: ShellOptions): Promise<Shell> {
  const opened = await openTerminal(options);
  const shell = new ConsoleShell(options, opened.screen, opened.setup);
  shell.start();
  return shell;
}

class ConsoleShell implements Shell {
  readonly closed: Promise<ExitReason>;
  private resolveClosed: (reason: ExitReason) => void = () => undefined;
  private stopped = false;
  private probing = false;
  private flowRunning = false;
  private menu: MenuState;
  private paneOffset = 0;
  private paneTotal = 0;
  private paneHeight = 0;
  private header: HeaderInfo;
  private notice: string | undefined;
  private readonly dialogs: { dialog: Dialog; slot: BoxSlot }[] = [];
  private readonly changes = new Map<number, { readonly label: string; readonly note: (() => readonly string[]) | undefined }>();
  private nextChangeId = 1;
  /** Flows asked for while another ran (runFlow), started in order as each ends. */
  private readonly queuedFlows: (() => void)[] = [];
  private clockTimer: NodeJS.Timeout | undefined;
  /** Set while the terminal is released to another program (suspend): takes it back. */
  private takeBack: (() => void) | null = null;
  private readonly topLine: BoxSlot;
  private readonly menuBox: BoxSlot;
  private readonly paneBox: BoxSlot;
  private readonly footer: BoxSlot;
  private readonly tooSmall: BoxSlot;
  private readonly now: () => Date;
  private readonly screens: readonly Screen[];

  constructor(
    private readonly options: ShellOptions,
    private readonly screen: blessed.Widgets.Screen,
    readonly setup: TerminalSetup,
  ) {
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.now = options.now ?? (() => new Date());
    this.screens = typeof options.screens === 'function' ? options.screens(setup) : options.screens;
    this.menu = createMenu(this.screens.map((s) => s.menuLabel));
    this.header = options.header();
    this.topLine = new BoxSlot(screen, { border: false });
    this.menuBox = new BoxSlot(screen, { border: true });
    this.paneBox = new BoxSlot(screen, { border: true, padding: 1 });
    this.footer = new BoxSlot(screen, { border: false });
    this.tooSmall = new BoxSlot(screen, { border: false });
  }

  start(): void {
    const program = (this.screen as unknown as { program: NodeJS.EventEmitter }).program;
    program.on('keypress', (ch: string | undefined, key: KeyInfo | undefined) => this.onKey(ch, key));
    this.screen.on('resize', () => this.render());
    // A hang-up ends input and makes reads/writes fail with EIO: stop quietly, never spin.
    const gone = (): void => this.shutdown('input-closed');
    this.options.input.once('end', gone);
    this.options.input.on('error', gone);
    this.options.output.on('error', gone);
    this.render();
    if (this.options.clock !== false) this.scheduleClock();
  }

  invalidate(): void {
    if (this.stopped) return;
    this.header = this.options.header();
    this.render();
  }

  isIdle(): boolean {
    if (this.probing) return false;
    const top = this.dialogs[this.dialogs.length - 1];
    return !this.flowRunning || (top !== undefined && top.dialog.kind !== 'progress');
  }

  // ---- lifecycle --------------------------------------------------------------------------

  shutdown(reason: ExitReason): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.clockTimer) clearTimeout(this.clockTimer);
    // Released to the local shell: take the terminal back first, so that the exit sequence reaches it.
    this.resumeTerminal();
    for (const { dialog } of this.dialogs.splice(0).reverse()) cancel(dialog);
    // Queued flows do not start any more: their promises settle.
    for (const settle of this.queuedFlows.splice(0)) settle();
    try {
      this.screen.destroy();
    } catch {
      // The terminal is gone (hang-up: setRawMode/write fail with EIO); nothing left to restore.
    }
    const output = this.options.output;
    if (output.writable && !output.destroyed) {
      try {
        output.write(EXIT_TAIL, () => this.resolveClosed(reason));
        return;
      } catch {
        // as above
      }
    }
    this.resolveClosed(reason);
  }

  private scheduleClock(): void {
    this.clockTimer = setTimeout(() => {
      this.render();
      this.scheduleClock();
    }, msUntilNextMinute(this.now()));
    this.clockTimer.unref();
  }

  private size(): Size {
    return { cols: this.screen.width as number, rows: this.screen.height as number };
  }

  // ---- keys -------------------------------------------------------------------------------

  private context(): KeyContext {
    if (frameLayout(this.size()).tooSmall) return 'too-small';
    const top = this.dialogs[this.dialogs.length - 1];
    return top ? dialogContext(top.dialog) : 'menu';
  }

  private onKey(ch: string | undefined, key: KeyInfo | undefined): void {
    if (this.stopped || this.probing) return;
    let name = key?.full ?? ch ?? '';
    if (name === 'return') return; // blessed emits 'enter' as well for '\r'
    if (name === 'linefeed') name = 'enter';
    this.notice = undefined;
    const command = resolveKey('global', name, ch) ?? resolveKey(this.context(), name, ch);
    if (command !== undefined) {
      const refusal = this.run(command.id, name, ch);
      if (typeof refusal === 'string') this.notice = refusal;
    }
    if (!this.stopped) this.render();
  }

  /** Runs a command; returns why it could not run (shown in the footer) or nothing. */
  private run(id: string, name: string, ch: string | undefined): string | void {
    const top = this.dialogs[this.dialogs.length - 1];
    switch (id) {
      case 'app.quit':
      case 'app.quit-key':
      case 'too-small.quit':
        return this.requestQuit(id === 'app.quit');
      case 'app.redraw':
        return this.redraw();
      case 'app.refresh':
        return this.refresh();
    }
    if (top === undefined) return this.runMenu(id, ch);
    return this.runDialog(top.dialog, id, name, ch);
  }

  private runMenu(id: string, ch: string | undefined): string | void {
    if (this.flowRunning) return 'Please wait: the current action has not finished.';
    switch (id) {
      case 'menu.up':
      case 'menu.down':
        this.menu = moveBy(this.menu, id === 'menu.up' ? -1 : 1);
        this.paneOffset = 0;
        return;
      case 'menu.jump':
        this.menu = jumpToLetter(this.menu, ch ?? '');
        this.paneOffset = 0;
        return;
      case 'menu.open':
        return this.openSelected();
      case 'menu.back':
        return 'Already at the top menu (q quits).';
      case 'pane.scroll-up':
      case 'pane.scroll-down': {
        if (this.paneTotal <= this.paneHeight) return 'Nothing to scroll.';
        const step = pageStep(this.paneHeight) * (id === 'pane.scroll-up' ? -1 : 1);
        this.paneOffset = scrollTo(this.paneOffset + step, this.paneTotal, this.paneHeight);
        return;
      }
    }
  }

  private runDialog(dialog: Dialog, id: string, name: string, ch: string | undefined): string | void {
    switch (dialog.kind) {
      case 'message':
        this.pop(dialog);
        return dialog.resolve();
      case 'confirm':
        this.pop(dialog);
        return dialog.resolve(id === 'confirm.yes');
      case 'error':
        if (id === 'error.details') return this.replace(dialog, { ...dialog, showDetails: !dialog.showDetails });
        this.pop(dialog);
        return dialog.resolve();
      case 'choose': {
        if (id === 'choose.up' || id === 'choose.down') return this.replace(dialog, { ...dialog, menu: moveBy(dialog.menu, id === 'choose.up' ? -1 : 1) });
        if (id === 'choose.jump') return this.replace(dialog, { ...dialog, menu: jumpToLetter(dialog.menu, ch ?? '') });
        this.pop(dialog);
        return dialog.resolve(id === 'choose.pick' ? dialog.items[dialog.menu.selected]?.value ?? null : null);
      }
      case 'view': {
        if (id === 'view.close') {
          this.pop(dialog);
          return dialog.resolve();
        }
        const height = viewBodyHeight(this.size());
        const step = name === 'pageup' || name === 'pagedown' ? pageStep(height) : 1;
        const offset = scrollTo(dialog.offset + (id === 'view.up' ? -step : step), viewTotalLines(dialog.content, this.size()), height);
        return this.replace(dialog, { ...dialog, offset });
      }
      case 'form':
        return this.runForm(dialog, id, name, ch);
      case 'progress':
        return 'Please wait until the steps have finished.';
      case 'keep-or-revert':
        this.pop(dialog);
        return dialog.resolve(id === 'keep.yes' ? 'keep' : 'revert');
      case 'review': {
        if (id === 'review.yes' || id === 'review.no') {
          this.pop(dialog);
          return dialog.resolve(id === 'review.yes');
        }
        const height = reviewBodyHeight(this.size());
        const step = name === 'pageup' || name === 'pagedown' ? pageStep(height) : 1;
        const offset = scrollTo(dialog.offset + (id === 'review.up' ? -step : step), reviewTotalLines(dialog.content, this.size()), height);
        return this.replace(dialog, { ...dialog, offset });
      }
      case 'list':
        return this.runList(dialog, id);
    }
  }

  private runList(dialog: Extract<Dialog, { kind: 'list' }>, id: string): string | void {
    const items = [...dialog.items];
    const at = dialog.menu.selected;
    const withItems = (next: readonly string[], selected: number): void =>
      this.replace(dialog, { ...dialog, items: next, menu: createMenu(next, selected) });
    switch (id) {
      case 'list.up':
      case 'list.down':
        if (items.length === 0) return 'The list is empty: a adds an entry.';
        return this.replace(dialog, { ...dialog, menu: moveBy(dialog.menu, id === 'list.up' ? -1 : 1) });
      case 'list.delete':
        if (items.length === 0) return 'Nothing to delete.';
        items.splice(at, 1);
        return withItems(items, Math.min(at, items.length - 1));
      case 'list.move-up':
      case 'list.move-down': {
        const to = at + (id === 'list.move-up' ? -1 : 1);
        if (items.length < 2 || to < 0 || to >= items.length) return id === 'list.move-up' ? 'Already the first entry.' : 'Already the last entry.';
        const [moved] = items.splice(at, 1);
        if (moved !== undefined) items.splice(to, 0, moved);
        return withItems(items, to);
      }
      case 'list.save':
        this.pop(dialog);
        return dialog.resolve(items);
      case 'list.cancel':
        this.pop(dialog);
        return dialog.resolve(null);
      case 'list.add': {
        const entry = this.dialogs.find((d) => d.dialog === dialog);
        const spec = dialog.spec;
        const insertAt = items.length === 0 ? 0 : at + 1;
        const validate = (text: string): string | null => {
          const next = [...items];
          next.splice(insertAt, 0, text.trim());
          return spec.validateAdd(text.trim(), next);
        };
        void this.push<form.FormValues | null>((resolve) => ({
          kind: 'form',
          state: form.createForm({ title: spec.addTitle, fields: [{ kind: 'text', id: 'entry', label: spec.addLabel, validate }] }),
          resolve,
        })).then((values) => {
          const text = values?.['entry']?.trim();
          if (entry === undefined || entry.dialog.kind !== 'list' || text === undefined || text === '') return;
          const current = entry.dialog;
          const next = [...current.items];
          next.splice(insertAt, 0, spec.normalise ? spec.normalise(text) : text);
          entry.dialog = { ...current, items: next, menu: createMenu(next, insertAt) };
          this.render();
        });
        return;
      }
    }
  }

  private runForm(dialog: Extract<Dialog, { kind: 'form' }>, id: string, name: string, ch: string | undefined): string | void {
    const state = dialog.state;
    const field = form.focused(state);
    const isText = field?.spec.kind === 'text';
    let next: form.FormState = state;
    switch (id) {
      case 'form.next':
        next = form.moveFocus(state, 1);
        break;
      case 'form.prev':
        next = form.moveFocus(state, -1);
        break;
      case 'form.choice-prev':
        next = isText ? state : form.stepChoice(state, -1);
        break;
      case 'form.choice-next':
        next = isText ? (name === 'space' ? form.typeChar(state, ' ') : state) : form.stepChoice(state, 1);
        break;
      case 'form.type':
        if (!isText) return 'This field is a choice: Left/Right or Space changes it.';
        next = form.typeChar(state, ch ?? '');
        break;
      case 'form.erase':
        next = form.erase(state);
        break;
      case 'form.cancel':
        this.pop(dialog);
        return dialog.resolve(null);
      case 'form.enter': {
        const outcome = form.enter(state);
        if (outcome.submitted) {
          this.pop(dialog);
          return dialog.resolve(outcome.values);
        }
        next = outcome.state;
        if (form.isLastVisible(state)) {
          this.replace(dialog, { ...dialog, state: next });
          return 'Not submitted: correct the field marked with !.';
        }
        break;
      }
    }
    this.replace(dialog, { ...dialog, state: next });
  }

  private requestQuit(force: boolean): string | void {
    const top = this.dialogs[this.dialogs.length - 1];
    if (force && top?.dialog.kind === 'confirm' && top.dialog.title === QUIT_TITLE) {
      this.shutdown('quit');
      return;
    }
    if (this.changes.size === 0) {
      this.shutdown('quit');
      return;
    }
    const changes = [...this.changes.values()];
    const notes = changes.flatMap((c) => (c.note === undefined ? [] : c.note()));
    const paragraphs =
      notes.length > 0 ? notes : [`A change is in flight: ${changes.map((c) => c.label).join(', ')}.`, 'Quitting now may leave it half done. Quit anyway?'];
    void this.push<boolean>((resolve) => ({
      kind: 'confirm',
      title: QUIT_TITLE,
      paragraphs,
      resolve,
    })).then((yes) => {
      if (yes) this.shutdown('quit');
    });
  }

  private redraw(): string | void {
    if (this.setup.sizeSource === 'tty') {
      this.screen.realloc();
      return;
    }
    // Serial line: the tty cannot tell us the size, ask the terminal again.
    this.probing = true;
    const input = this.options.input;
    void probeSize(input, this.options.output, this.options.probeTimeoutMs ?? 400).then((size) => {
      this.probing = false;
      if (this.stopped) return;
      if (size && (size.cols !== this.size().cols || size.rows !== this.size().rows)) {
        adoptSize(this.options.output, size);
        this.options.output.emit('resize');
      }
      this.screen.realloc();
      this.render();
    });
  }

  private refresh(): string | void {
    if (this.flowRunning) return 'Please wait: the current action has not finished.';
    const screen = this.screens[this.menu.selected];
    this.flowRunning = true;
    void Promise.resolve(screen?.refresh?.())
      .catch((error: unknown) => this.showBug(error))
      .finally(() => this.endFlow());
  }

  /** A flow (or F5) ended: start the next queued flow, else give the menu back. */
  private endFlow(): void {
    const next = this.queuedFlows.shift();
    if (next !== undefined && !this.stopped) {
      next();
      return;
    }
    this.flowRunning = false;
    if (this.stopped) return;
    this.header = this.options.header();
    this.render();
  }

  // ---- flows ------------------------------------------------------------------------------

  private openSelected(): string | void {
    const screen = this.screens[this.menu.selected];
    if (screen === undefined) return 'Nothing to open.';
    if (this.flowRunning) return 'Please wait: the current action has not finished.';
    void this.runFlow((ctx) => screen.open(ctx));
  }

  runFlow(flow: (ctx: ScreenContext) => Promise<void>): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.flowRunning) return this.startFlow(flow);
    return new Promise<void>((resolve) => {
      this.queuedFlows.push(() => {
        if (this.stopped) resolve();
        else void this.startFlow(flow).then(resolve);
      });
    });
  }

  private startFlow(flow: (ctx: ScreenContext) => Promise<void>): Promise<void> {
    this.flowRunning = true;
    return Promise.resolve()
      .then(() => flow(this.contextFor()))
      .catch((error: unknown) => this.showBug(error))
      .finally(() => this.endFlow());
  }

  private showBug(error: unknown): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const message = error instanceof Error ? error.message : String(error);
    const details = error instanceof Error ? (error.stack ?? message).split('\n').slice(0, 4).join('\n') : message;
    return this.push<void>((resolve) => ({ kind: 'error', report: { title: 'Unexpected error', message, details }, showDetails: false, resolve }));
  }

  private contextFor(): ScreenContext {
    return {
      message: (title, paragraphs) => this.push<void>((resolve) => ({ kind: 'message', title, paragraphs, resolve })),
      confirm: (title, paragraphs) => this.push<boolean>((resolve) => ({ kind: 'confirm', title, paragraphs, resolve })),
      form: (spec) => this.push<form.FormValues | null>((resolve) => ({ kind: 'form', state: form.createForm(spec), resolve })),
      choose: <T>(title: string, items: readonly ChoiceItem<T>[], initial?: number) =>
        this.push<T | null>((resolve) => ({
          kind: 'choose',
          title,
          items,
          menu: createMenu(items.map((i) => i.label), initial ?? 0),
          resolve: (value: unknown) => resolve(value as T | null),
        })),
      view: (content: PaneContent) => this.push<void>((resolve) => ({ kind: 'view', content, offset: 0, resolve })),
      error: (report: ErrorReport) => this.push<void>((resolve) => ({ kind: 'error', report, showDetails: false, resolve })),
      progress: (title, steps) => this.openProgress(title, steps),
      review: (content: PaneContent, question: string) =>
        this.push<boolean>((resolve) => ({ kind: 'review', content, question, offset: 0, resolve })),
      editList: (spec: ListEditSpec) =>
        this.push<readonly string[] | null>((resolve) => ({ kind: 'list', spec, items: spec.items, menu: createMenu(spec.items), resolve })),
      keepOrRevert: (content: PaneContent, status: string) => this.openKeepOrRevert(content, status),
      beginChange: (label, note) => {
        const id = this.nextChangeId++;
        this.changes.set(id, { label, note });
        return () => {
          this.changes.delete(id);
        };
      },
      invalidate: () => this.render(),
      suspend: (run) => this.suspend(run),
    };
  }

  /** ScreenContext.suspend: release the terminal, run, take it back and redraw everything. */
  private async suspend(run: () => Promise<void>): Promise<void> {
    if (this.stopped) return;
    if (this.takeBack !== null) throw new Error('suspend: the terminal is already released');
    const program = (this.screen as unknown as { program: ReleasableProgram }).program;
    this.takeBack = releaseTerminal(program, this.options.input, this.options.output);
    try {
      await run();
    } finally {
      this.resumeTerminal();
    }
  }

  private resumeTerminal(): void {
    const takeBack = this.takeBack;
    if (takeBack === null) return;
    this.takeBack = null;
    try {
      takeBack();
    } catch (error) {
      // Shutting down on a terminal that is gone (hang-up: setRawMode fails with EIO): nothing left to take back.
      if (!this.stopped) throw error;
    }
    if (this.stopped) return;
    // The other program drew over everything: clear, and draw the whole frame again.
    this.screen.realloc();
    this.header = this.options.header();
    this.render();
  }

  private openProgress(title: string, steps: readonly ProgressStep[]): ProgressHandle {
    let current: Dialog = { kind: 'progress', title, steps: steps.map((s) => ({ id: s.id, label: s.label, state: 'pending' as StepState })) };
    this.pushDialog(current);
    return {
      update: (stepId, state, note) => {
        if (current.kind !== 'progress') return;
        const next: Dialog = { ...current, steps: current.steps.map((s) => (s.id === stepId ? { ...s, state, note } : s)) };
        this.replace(current, next);
        current = next;
        this.render();
      },
      close: () => {
        this.pop(current);
        this.render();
      },
    };
  }

  private openKeepOrRevert(content: PaneContent, status: string): KeepOrRevertHandle {
    let settle: (answer: KeepOrRevertAnswer) => void = () => undefined;
    const answer = new Promise<KeepOrRevertAnswer>((resolve) => {
      let settled = false;
      settle = (a) => {
        if (settled) return;
        settled = true;
        resolve(a);
      };
    });
    let current: Dialog = { kind: 'keep-or-revert', content, status, resolve: (a) => settle(a) };
    if (this.stopped) settle('shutdown');
    else {
      this.pushDialog(current);
      this.render();
    }
    return {
      answer,
      setStatus: (text) => {
        if (current.kind !== 'keep-or-revert' || current.status === text || !this.dialogs.some((d) => d.dialog === current)) return;
        const next: Dialog = { ...current, status: text };
        this.replace(current, next);
        current = next;
        this.render();
      },
      close: () => {
        if (!this.dialogs.some((d) => d.dialog === current)) return;
        this.pop(current);
        settle('closed');
        this.render();
      },
    };
  }

  // ---- dialog stack -----------------------------------------------------------------------

  private push<T>(make: (resolve: (value: T) => void) => Dialog): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.stopped) {
        cancelValue(make(resolve));
        return;
      }
      this.pushDialog(make(resolve));
      this.render();
    });
  }

  private pushDialog(dialog: Dialog): void {
    if (this.stopped) return;
    this.dialogs.push({ dialog, slot: new BoxSlot(this.screen, { border: true, padding: 1 }) });
  }

  private pop(dialog: Dialog): void {
    const at = this.dialogs.findIndex((d) => d.dialog === dialog);
    if (at === -1) return;
    const [entry] = this.dialogs.splice(at, 1);
    entry?.slot.destroy();
  }

  private replace(dialog: Dialog, next: Dialog): void {
    const entry = this.dialogs.find((d) => d.dialog === dialog);
    if (entry) entry.dialog = next;
  }

  // ---- drawing ----------------------------------------------------------------------------

  private render(): void {
    if (this.stopped || this.takeBack !== null) return;
    const size = this.size();
    const layout = frameLayout(size);
    const frameVisible = !layout.tooSmall;
    for (const slot of [this.topLine, this.menuBox, this.paneBox, this.footer]) slot.setVisible(frameVisible);
    for (const { slot } of this.dialogs) slot.setVisible(frameVisible);
    this.tooSmall.setVisible(!frameVisible);
    if (layout.tooSmall) this.drawTooSmall(size);
    else this.drawFrame(layout, size);
    this.screen.render();
  }

  private drawTooSmall(size: Size): void {
    this.tooSmall.place({ left: 0, top: 0, width: size.cols, height: size.rows });
    const width = Math.max(1, size.cols);
    const message = wrapAll(
      [
        `hostconsole needs a terminal of at least 80x24; this one is ${size.cols}x${size.rows}.`,
        'Enlarge the window (or set the size with stty), or press q to quit.',
      ],
      width,
    );
    const top = Math.max(0, Math.floor((size.rows - message.length) / 2));
    const lines = [...Array<string>(top).fill(''), ...message.map((l) => centre(l, width).trimEnd())];
    this.tooSmall.setContent(lines.slice(0, size.rows).map((l) => toTagged(whole(l, 'notice'), this.setup.theme)).join('\n'));
  }

  private drawFrame(layout: FrameLayout, size: Size): void {
    const theme = this.setup.theme;
    this.topLine.place(layout.topLine);
    this.topLine.setContent(toTagged(renderTopLine(this.header, formatClock(this.now()), layout.topLine.width), theme));

    this.menuBox.place(layout.menu);
    const menuInner = { cols: layout.menu.width - 2, rows: layout.menu.height - 2 };
    this.menu = scrollIntoView(this.menu, menuInner.rows);
    this.menuBox.setContent(renderMenuRows(this.menu, menuInner.rows, menuInner.cols).map((l) => toTagged(l, theme)).join('\n'));

    this.paneBox.place(layout.pane);
    const paneInner = innerSize(layout.pane);
    const selected = this.screens[this.menu.selected];
    const content: PaneContent = selected ? selected.describe() : { title: '', blocks: [] };
    const body = renderPaneBody(content, paneInner.cols);
    this.paneHeight = Math.max(0, paneInner.rows - 2);
    this.paneTotal = body.length;
    this.paneOffset = scrollTo(this.paneOffset, body.length, this.paneHeight);
    const paneLines: StyledLine[] = [whole(content.title, 'title'), { text: '', spans: [] }];
    for (const line of body.slice(this.paneOffset, this.paneOffset + this.paneHeight)) paneLines.push({ text: line, spans: [] });
    this.paneBox.setContent(paneLines.map((l) => toTagged(l, theme)).join('\n'));

    for (const { dialog, slot } of this.dialogs) {
      const view = dialogView(dialog, size);
      slot.place(centredBox(view.width, view.height, size));
      slot.setLabel(` ${view.title} `);
      slot.setContent(view.lines.map((l) => toTagged(l, theme)).join('\n'));
    }

    this.footer.place(layout.footer);
    this.footer.setContent(toTagged(renderFooter(this.footerHints(), layout.footer.width, this.notice), theme));
  }

  /** Footer hints of the current context, leaving out commands that cannot run here. */
  private footerHints(): FooterHint[] {
    const context = this.context();
    const hints: FooterHint[] = [];
    for (const command of commandsFor(context)) {
      if (command.footer === null) continue;
      if (command.id === 'pane.scroll-down' && this.paneTotal <= this.paneHeight) continue;
      if (command.id === 'app.refresh' && this.screens[this.menu.selected]?.refresh === undefined) continue;
      if (context === 'form') {
        const top = this.dialogs[this.dialogs.length - 1]?.dialog;
        const kind = top?.kind === 'form' ? form.focused(top.state)?.spec.kind : undefined;
        if (command.id === 'form.choice-next' && kind !== 'choice') continue;
      }
      if (context === 'list') {
        const top = this.dialogs[this.dialogs.length - 1]?.dialog;
        const count = top?.kind === 'list' ? top.items.length : 0;
        if ((command.id === 'list.down' || command.id === 'list.delete') && count === 0) continue;
        if (command.id === 'list.move-up' && count < 2) continue;
      }
      hints.push(command.footer);
    }
    return hints;
  }
}

const QUIT_TITLE = 'Quit hostconsole?';

/** Resolve a dialog with its "cancelled" answer (used when the shell shuts down under it). */
function cancelValue(dialog: Dialog): void {
  switch (dialog.kind) {
    case 'message':
    case 'view':
    case 'error':
      return dialog.resolve();
    case 'confirm':
      return dialog.resolve(false);
    case 'form':
      return dialog.resolve(null);
    case 'choose':
    case 'list':
      return dialog.resolve(null);
    case 'review':
      return dialog.resolve(false);
    case 'keep-or-revert':
      return dialog.resolve('shutdown');
    case 'progress':
      return;
  }
}

function cancel(dialog: Dialog): void {
  cancelValue(dialog);
}
