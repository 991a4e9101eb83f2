/**
 * The console shell: composes its parts and owns the lifecycle. The parts (src/ui/shell/):
 *  - menu-host.ts     the two-level menu and the right pane's scroll
 *  - dialog-stack.ts  dialogs and full-screen views, top one owning the keys
 *  - form-host.ts     forms and editable lists;  view-host.ts  full-screen views (static, live, review, keep-or-revert)
 *  - key-dispatch.ts  key → command of the key table;  dialog-commands.ts  commands on the top dialog
 *  - screen-context.ts  what a flow may do (ScreenContext);  flow-runner.ts  one flow at a time
 *  - frame-painter.ts drawing;  footer-hints.ts  the footer
 * The shell restores the terminal on every way out (shutdown is idempotent and is what signals and errors are
 * routed to). It knows nothing of hosts: screens come in through `screens`, changes are gated by `authorizer`.
 */
import type { Readable, Writable } from 'node:stream';
import type blessed from 'blessed';
import { ALLOW_ALL, type Authorizer } from './authorizer.js';
import { dialogContext, viewBodyHeight, viewTotalLines, type Dialog } from './dialogs.js';
import type { KeyContext } from './keys/commands.js';
import { formatClock, msUntilNextMinute } from './presentation/clock.js';
import { frameLayout } from './presentation/layout.js';
import type { HeaderInfo, MenuEntry, ScreenContext, ViewKey } from './screen-contract.js';
import { isSection } from './screen-contract.js';
import { runDialogCommand } from './shell/dialog-commands.js';
import type { DialogHost, Refusal } from './shell/dialog-host.js';
import { cancelValue, DialogStack } from './shell/dialog-stack.js';
import { FlowRunner } from './shell/flow-runner.js';
import { footerHints } from './shell/footer-hints.js';
import { FramePainter } from './shell/frame-painter.js';
import { dispatchKey, keyName, type KeyInfo, type KeyTarget } from './shell/key-dispatch.js';
import { MenuHost } from './shell/menu-host.js';
import { ChangeRegister, createScreenContext } from './shell/screen-context.js';
import * as tree from './state/menu-tree-state.js';
import { openTerminal, adoptSize, type TerminalSetup } from './terminal/open-terminal.js';
import type { ExitReason } from './terminal/restore.js';
import { releaseTerminal, type ReleasableProgram } from './terminal/release.js';
import { probeSize, type Size } from './terminal/size-probe.js';

export interface ShellOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly ascii?: boolean;
  readonly mono?: boolean;
  /** The menu's top level, in order (screens and sections); a function when an entry needs the terminal setup (About). */
  readonly screens: readonly MenuEntry[] | ((setup: TerminalSetup) => readonly MenuEntry[]);
  /** The top line's data; called again after F5 and after each flow. */
  readonly header: () => HeaderInfo;
  /** Asked before a screen that changes the host opens and whenever a flow calls ctx.authorize (default: allow). */
  readonly authorizer?: Authorizer;
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
   * Run a flow that belongs to no menu item (e.g. at start: finishing a change an earlier console left). A flow asked
   * for while another runs waits for it, and starts before the menu opens anything again. Settles when the flow does.
   */
  runFlow(flow: (ctx: ScreenContext) => Promise<void>): Promise<void>;
  /**
   * Back to the menu (after a log-out): the running flow's dialogs are cancelled, and so is every dialog it opens
   * until it has returned. Does nothing while a change is in flight (beginChange): its countdown rules. True when
   * the menu is (or will be) back.
   */
  returnToMenu(): boolean;
}

/** Written after blessed's own exit sequence: attributes off, G0 shifted in, cursor shown. */
const EXIT_TAIL = '\x1b[m\x0f\x1b[?25h';
const QUIT_TITLE = 'Quit hostconsole?';

export async function startShell(options: ShellOptions): Promise<Shell> {
  const opened = await openTerminal(options);
  const shell = new ConsoleShell(options, opened.screen, opened.setup);
  shell.start();
  return shell;
}

class ConsoleShell implements Shell, DialogHost, KeyTarget {
  readonly closed: Promise<ExitReason>;
  readonly stack: DialogStack;
  private resolveClosed: (reason: ExitReason) => void = () => undefined;
  private stopped = false;
  private probing = false;
  private header: HeaderInfo;
  private notice: string | undefined;
  private clockTimer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;
  private readonly authorizer: Authorizer;
  private readonly changes = new ChangeRegister();
  private readonly flows: FlowRunner;
  private readonly menu: MenuHost;
  /** Set while the terminal is released to another program (suspend): takes it back. */
  private takeBack: (() => void) | null = null;
  private readonly painter: FramePainter;

  constructor(
    private readonly options: ShellOptions,
    private readonly screen: blessed.Widgets.Screen,
    readonly setup: TerminalSetup,
  ) {
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.now = options.now ?? (() => new Date());
    this.authorizer = options.authorizer ?? ALLOW_ALL;
    this.header = options.header();
    // Charts (blessed-contrib, loaded when the first one is shown) on colour UTF-8 terminals; elsewhere their text form.
    const charts = setup.theme.name === 'color' && setup.charset === 'utf8' ? { onLoaded: () => this.render() } : undefined;
    this.painter = new FramePainter(screen, setup.theme, charts);
    this.stack = new DialogStack(screen);
    this.flows = new FlowRunner({
      stopped: () => this.stopped,
      context: (screenId) =>
        createScreenContext({ host: this, authorizer: this.authorizer, changes: this.changes, screenId, suspend: (run) => this.suspend(run), charts: charts !== undefined }),
      showBug: (error) => this.showBug(error),
      idle: () => {
        this.header = this.options.header();
        this.render();
      },
    });
    this.menu = new MenuHost(typeof options.screens === 'function' ? options.screens(setup) : options.screens, this.flows);
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
    const top = this.stack.top();
    return !this.flows.isRunning() || (top !== undefined && top.kind !== 'progress');
  }

  runFlow(flow: (ctx: ScreenContext) => Promise<void>): Promise<void> {
    return this.flows.run(flow, null);
  }

  returnToMenu(): boolean {
    if (this.stopped || !this.changes.isEmpty()) return false;
    if (!this.flows.isRunning()) return true;
    this.flows.unwinding = true;
    this.stack.cancelOpen();
    this.render();
    return true;
  }

  // ---- lifecycle --------------------------------------------------------------------------

  shutdown(reason: ExitReason): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.clockTimer) clearTimeout(this.clockTimer);
    // Released to the local shell: take the terminal back first, so that the exit sequence reaches it.
    this.resumeTerminal();
    this.stack.cancelAll();
    this.flows.dropQueued();
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

  size(): Size {
    return { cols: this.screen.width as number, rows: this.screen.height as number };
  }

  // ---- dialogs (DialogHost) ---------------------------------------------------------------

  push<T>(make: (resolve: (value: T) => void) => Dialog): Promise<T> {
    return new Promise<T>((resolve) => {
      if (this.stopped || this.flows.unwinding) {
        cancelValue(make(resolve));
        return;
      }
      this.stack.push(make(resolve));
      this.render();
    });
  }

  private showBug(error: unknown): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const message = error instanceof Error ? error.message : String(error);
    const details = error instanceof Error ? (error.stack ?? message).split('\n').slice(0, 4).join('\n') : message;
    return this.push<void>((resolve) => ({ kind: 'error', report: { title: 'Unexpected error', message, details }, showDetails: false, resolve }));
  }

  // ---- keys (KeyTarget) -------------------------------------------------------------------

  context(): KeyContext {
    if (frameLayout(this.size()).tooSmall) return 'too-small';
    const top = this.stack.top();
    return top ? dialogContext(top) : 'menu';
  }

  topDialog(): Dialog | undefined {
    return this.stack.top();
  }

  private onKey(ch: string | undefined, key: KeyInfo | undefined): void {
    if (this.stopped || this.probing) return;
    const name = keyName(ch, key);
    if (name === null) return;
    this.notice = undefined;
    const refusal = dispatchKey(this, name, ch);
    if (typeof refusal === 'string') this.notice = refusal;
    if (!this.stopped) this.render();
  }

  run(id: string, name: string, ch: string | undefined): Refusal {
    switch (id) {
      case 'app.quit':
      case 'app.quit-key':
      case 'keep.quit':
      case 'progress.quit':
      case 'too-small.quit':
        return this.requestQuit(id === 'app.quit');
      case 'app.redraw':
        return this.redraw();
    }
    const top = this.stack.top();
    if (top === undefined) return this.menu.run(id, ch);
    return runDialogCommand(this, top, id, name, ch);
  }

  runViewKey(key: ViewKey): Refusal {
    const top = this.stack.top();
    if (top?.kind === 'view') top.onKey?.(key.id);
  }

  private requestQuit(force: boolean): Refusal {
    const top = this.stack.top();
    if ((force && top?.kind === 'confirm' && top.title === QUIT_TITLE) || this.changes.isEmpty()) {
      this.shutdown('quit');
      return;
    }
    void this.push<boolean>((resolve) => ({ kind: 'confirm', title: QUIT_TITLE, paragraphs: this.changes.quitParagraphs(), resolve })).then((yes) => {
      if (yes) this.shutdown('quit');
    });
  }

  private redraw(): Refusal {
    if (this.setup.sizeSource === 'tty') {
      this.screen.realloc();
      return;
    }
    // Serial line: the tty cannot tell us the size, ask the terminal again.
    this.probing = true;
    void probeSize(this.options.input, this.options.output, this.options.probeTimeoutMs ?? 400).then((size) => {
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

  // ---- drawing ----------------------------------------------------------------------------

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

  render(): void {
    if (this.stopped || this.takeBack !== null) return;
    const size = this.size();
    const layout = frameLayout(size);
    const menu = this.menu;
    menu.state = tree.keepInView(menu.state, Math.max(1, layout.menu.height - 2));
    const level = tree.levelMenu(menu.state);
    const locked = this.authorizer.locked?.() === true;
    const entries = tree.levelEntries(menu.state);
    const top = this.stack.top();
    const context = this.context();
    const painted = this.painter.paint({
      size,
      header: this.header,
      clock: formatClock(this.now()),
      menuTitle: tree.openSection(menu.state)?.title ?? null,
      menu: level,
      marked: entries.map((e) => locked && !isSection(e) && e.changesHost === true),
      pane: menu.describe(),
      paneOffset: menu.paneOffset,
      dialogs: this.stack.all(),
      hints: (pane) =>
        footerHints({
          context,
          top,
          inSection: menu.inSection(),
          canRefresh: menu.canRefresh(),
          paneScrolls: pane.paneTotal > pane.paneHeight,
          viewScrolls: top?.kind === 'view' && viewTotalLines(top.content, size) > viewBodyHeight(size, top.status),
        }),
      notice: this.notice,
    });
    menu.paneOffset = painted.paneOffset;
    menu.paneTotal = painted.paneTotal;
    menu.paneHeight = painted.paneHeight;
  }
}
