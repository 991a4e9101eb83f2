/**
 * The menu host: the two-level menu (state/menu-tree-state.ts) and the right pane's scroll. Moving, jumping, opening
 * and leaving a section work while a flow runs in the background without a dialog (startup recovery, F5): only
 * opening a screen and F5 wait for it. Opening a screen that changes the host asks the authorizer first.
 */
import type { MenuEntry, PaneContent, Screen } from '../screen-contract.js';
import { isSection } from '../screen-contract.js';
import * as tree from '../state/menu-tree-state.js';
import { pageStep, scrollTo } from '../state/scroll-state.js';
import type { Refusal } from './dialog-host.js';
import type { FlowRunner } from './flow-runner.js';

const WAIT = 'Please wait: the current action has not finished.';

export class MenuHost {
  state: tree.MenuTreeState;
  /** The pane's scroll: first line shown, lines in all, lines that fit (set when drawn). */
  paneOffset = 0;
  paneTotal = 0;
  paneHeight = 0;

  constructor(
    entries: readonly MenuEntry[],
    private readonly flows: FlowRunner,
  ) {
    this.state = tree.createMenuTree(entries);
  }

  /** What the right pane shows: the selected entry's description. */
  describe(): PaneContent {
    return tree.selectedEntry(this.state)?.describe() ?? { title: '', blocks: [] };
  }

  /** The selected entry can re-read what it shows (F5 is offered). */
  canRefresh(): boolean {
    return tree.selectedEntry(this.state)?.refresh !== undefined;
  }

  inSection(): boolean {
    return this.state.open !== null;
  }

  run(id: string, ch: string | undefined): Refusal {
    switch (id) {
      case 'menu.up':
      case 'menu.down':
        return this.select(tree.moveSelection(this.state, id === 'menu.up' ? -1 : 1));
      case 'menu.jump':
        return this.select(tree.jumpTo(this.state, ch ?? ''));
      case 'menu.open':
        return this.open();
      case 'menu.back':
        if (!this.inSection()) return 'Already at the top menu (q quits).';
        return this.select(tree.leaveSection(this.state));
      case 'pane.scroll-up':
      case 'pane.scroll-down': {
        if (this.paneTotal <= this.paneHeight) return 'Nothing to scroll.';
        const step = pageStep(this.paneHeight) * (id === 'pane.scroll-up' ? -1 : 1);
        this.paneOffset = scrollTo(this.paneOffset + step, this.paneTotal, this.paneHeight);
        return;
      }
      case 'app.refresh':
        return this.refresh();
    }
  }

  private select(next: tree.MenuTreeState): Refusal {
    if (next === this.state) return;
    this.state = next;
    this.paneOffset = 0;
  }

  private open(): Refusal {
    const entry = tree.selectedEntry(this.state);
    if (entry === undefined) return 'Nothing to open.';
    if (isSection(entry)) return this.select(tree.enterSection(this.state));
    if (this.flows.isRunning()) return WAIT;
    void this.flows.run((ctx) => openScreen(entry, ctx), entry.id);
  }

  private refresh(): Refusal {
    if (this.flows.isRunning()) return WAIT;
    const entry = tree.selectedEntry(this.state);
    void this.flows.task(() => entry?.refresh?.());
  }
}

/** A screen that changes the host opens only when the authorizer says so. */
async function openScreen(screen: Screen, ctx: Parameters<Screen['open']>[0]): Promise<void> {
  if (screen.changesHost === true && !(await ctx.authorize(screen.title))) return;
  await screen.open(ctx);
}
