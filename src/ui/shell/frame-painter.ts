/**
 * Drawing: the top line, the menu (with the open section's title on its border), the right pane, the footer, the
 * dialogs and full-screen views; or, below 80x24, a message asking for a bigger terminal. Boxes are BoxSlots: their
 * geometry and text are set only when they change, so blessed's cell diff sends only what changed.
 *
 * A full-screen view replaces the menu and the pane (they are hidden, not drawn under it); what is below the top
 * full-screen view is hidden too. Centred dialogs are drawn over whatever is below them. On colour UTF-8 terminals
 * the chart blocks of the top view (when it is the top of the stack) get blessed-contrib sparklines over their text
 * form (widgets/chart-overlay.ts; see chartSpots).
 */
import type blessed from 'blessed';
import { dialogView, fullScreenRoom, isFullScreen, viewBodyHeight, type Dialog } from '../dialogs.js';
import { chartHeight } from '../presentation/chart-lines.js';
import type { FooterHint } from '../keys/commands.js';
import { renderFooter } from '../presentation/footer.js';
import { bodyRect, centredBox, frameLayout, innerSize, type FrameLayout } from '../presentation/layout.js';
import { renderMenuRows } from '../presentation/menu-rows.js';
import { chartPlacements, renderPaneBody } from '../presentation/pane-lines.js';
import { toTagged, whole, type StyledLine } from '../presentation/styled-line.js';
import { centre, wrapAll } from '../presentation/text.js';
import { renderTopLine } from '../presentation/top-line.js';
import type { HeaderInfo, PaneContent } from '../screen-contract.js';
import type { MenuState } from '../state/menu-state.js';
import { scrollIntoView } from '../state/menu-state.js';
import { scrollTo } from '../state/scroll-state.js';
import type { Size } from '../terminal/size-probe.js';
import type { Theme } from '../theme.js';
import { BoxSlot } from '../widgets/box-slot.js';
import { ChartOverlay, type ChartSpot, type SparklineFactory } from '../widgets/chart-overlay.js';
import type { StackEntry } from './dialog-stack.js';

export interface FrameView {
  readonly size: Size;
  readonly header: HeaderInfo;
  readonly clock: string;
  /** The open section's title (drawn on the menu's border), or null at the top level. */
  readonly menuTitle: string | null;
  readonly menu: MenuState;
  /** Per menu row: marked (a changesHost item while the authorizer is locked). */
  readonly marked: readonly boolean[];
  readonly pane: PaneContent;
  readonly paneOffset: number;
  readonly dialogs: readonly StackEntry[];
  /** The footer's hints, given the pane as just drawn (PgDn is offered only when the pane scrolls). */
  readonly hints: (pane: PaneMetrics) => readonly FooterHint[];
  readonly notice: string | undefined;
}

/** The pane as drawn: first line shown, lines in all, lines that fit (the shell keeps them for scrolling). */
export interface PaneMetrics {
  readonly paneOffset: number;
  readonly paneTotal: number;
  readonly paneHeight: number;
}

/** " Title " on a box's top border, shortened at a word to fit between its corners (blessed would wrap it into the box). */
export function borderLabel(title: string, boxWidth: number): string {
  const room = Math.max(1, boxWidth - 4);
  if (title.length <= room) return ` ${title} `;
  const words = title.split(' ');
  let text = '';
  for (const word of words) {
    const next = text === '' ? word : `${text} ${word}`;
    if (next.length > room) break;
    text = next;
  }
  return ` ${text === '' ? title.slice(0, room) : text} `;
}

/**
 * Where the charts of a full-screen view go: over the text form of each chart block wholly in the scrolled window,
 * from the blank line above it (the widget's first row is blank). None for other dialogs.
 */
export function chartSpots(dialog: Dialog, size: Size): ChartSpot[] {
  if (dialog.kind !== 'view') return [];
  const room = fullScreenRoom(size);
  const body = bodyRect(size);
  const height = viewBodyHeight(size, dialog.status);
  return chartPlacements(dialog.content, room.cols)
    .filter(({ line, block }) => line >= 1 && line - 1 >= dialog.offset && line + chartHeight(block) <= dialog.offset + height)
    .map(({ line, block }) => ({
      block,
      // Inside the view's border (one row, one column) and its padding (one column).
      rect: { left: body.left + 2, top: body.top + 1 + (line - 1 - dialog.offset), width: room.cols, height: chartHeight(block) + 1 },
    }));
}

/** The lock mark drawn in the blank column before a marked menu label. */
export const LOCK_MARK = '*';

export class FramePainter {
  private readonly topLine: BoxSlot;
  private readonly menuBox: BoxSlot;
  private readonly paneBox: BoxSlot;
  private readonly footer: BoxSlot;
  private readonly tooSmall: BoxSlot;
  /** Charts over the top view's chart blocks (colour UTF-8 terminals only), or null: their text form stays. */
  private readonly charts: ChartOverlay | null;

  constructor(
    private readonly screen: blessed.Widgets.Screen,
    private readonly theme: Theme,
    charts?: { readonly onLoaded: () => void; readonly load?: () => Promise<SparklineFactory> },
  ) {
    this.charts = charts === undefined ? null : new ChartOverlay(screen, charts.onLoaded, charts.load);
    this.topLine = new BoxSlot(screen, { border: false });
    this.menuBox = new BoxSlot(screen, { border: true });
    this.paneBox = new BoxSlot(screen, { border: true, padding: 1 });
    this.footer = new BoxSlot(screen, { border: false });
    this.tooSmall = new BoxSlot(screen, { border: false });
  }

  paint(view: FrameView): PaneMetrics {
    const layout = frameLayout(view.size);
    const shown = !layout.tooSmall;
    // Everything below the top full-screen view is covered by it: hidden, not drawn.
    let coverFrom = -1;
    view.dialogs.forEach((e, i) => {
      if (isFullScreen(e.dialog)) coverFrom = i;
    });
    for (const slot of [this.topLine, this.footer]) slot.setVisible(shown);
    for (const slot of [this.menuBox, this.paneBox]) slot.setVisible(shown && coverFrom === -1);
    view.dialogs.forEach((e, i) => e.slot.setVisible(shown && i >= coverFrom));
    this.tooSmall.setVisible(!shown);
    const painted = layout.tooSmall ? this.unchanged(view) : this.drawFrame(layout, view, coverFrom === -1);
    const top = view.dialogs[view.dialogs.length - 1]?.dialog;
    this.charts?.sync(shown && top !== undefined ? chartSpots(top, view.size) : []);
    this.screen.render();
    return painted;
  }

  private unchanged(view: FrameView): PaneMetrics {
    this.drawTooSmall(view.size);
    return { paneOffset: view.paneOffset, paneTotal: 0, paneHeight: 0 };
  }

  private tagged(lines: readonly StyledLine[]): string {
    return lines.map((l) => toTagged(l, this.theme)).join('\n');
  }

  private drawTooSmall(size: Size): void {
    this.tooSmall.place({ left: 0, top: 0, width: size.cols, height: size.rows });
    const width = Math.max(1, size.cols);
    const message = wrapAll(
      [`hostconsole needs a terminal of at least 80x24; this one is ${size.cols}x${size.rows}.`, 'Enlarge the window (or set the size with stty), or press q to quit.'],
      width,
    );
    const top = Math.max(0, Math.floor((size.rows - message.length) / 2));
    const lines = [...Array<string>(top).fill(''), ...message.map((l) => centre(l, width).trimEnd())];
    this.tooSmall.setContent(this.tagged(lines.slice(0, size.rows).map((l) => whole(l, 'notice'))));
  }

  private drawFrame(layout: FrameLayout, view: FrameView, panes: boolean): PaneMetrics {
    const size = view.size;
    this.topLine.place(layout.topLine);
    this.topLine.setContent(toTagged(renderTopLine(view.header, view.clock, layout.topLine.width), this.theme));

    let painted: PaneMetrics = { paneOffset: view.paneOffset, paneTotal: 0, paneHeight: 0 };
    if (panes) painted = this.drawPanes(layout, view);

    for (const { dialog, slot } of view.dialogs) {
      const d = dialogView(dialog, size);
      // A centred box is at least as wide as its title (a label longer than its box would spill into the box).
      const rect = d.fullScreen ? bodyRect(size) : centredBox(Math.max(d.width, d.title.length + 2), d.height, size);
      slot.place(rect);
      slot.setLabel(borderLabel(d.title, rect.width));
      slot.setContent(this.tagged(d.lines));
    }

    this.footer.place(layout.footer);
    this.footer.setContent(toTagged(renderFooter(view.hints(painted), layout.footer.width, view.notice), this.theme));
    return painted;
  }

  private drawPanes(layout: FrameLayout, view: FrameView): PaneMetrics {
    this.menuBox.place(layout.menu);
    this.menuBox.setLabel(view.menuTitle === null ? undefined : borderLabel(view.menuTitle, layout.menu.width));
    const menuInner = { cols: layout.menu.width - 2, rows: layout.menu.height - 2 };
    const menu = scrollIntoView(view.menu, menuInner.rows);
    const rows = renderMenuRows(menu, menuInner.rows, menuInner.cols).map((row, i) =>
      view.marked[menu.top + i] === true ? { ...row, text: LOCK_MARK + row.text.slice(1) } : row,
    );
    this.menuBox.setContent(this.tagged(rows));

    this.paneBox.place(layout.pane);
    const paneInner = innerSize(layout.pane);
    const body = renderPaneBody(view.pane, paneInner.cols);
    const paneHeight = Math.max(0, paneInner.rows - 2);
    const paneOffset = scrollTo(view.paneOffset, body.length, paneHeight);
    const paneLines: StyledLine[] = [whole(view.pane.title, 'title'), { text: '', spans: [] }];
    for (const line of body.slice(paneOffset, paneOffset + paneHeight)) paneLines.push({ text: line, spans: [] });
    this.paneBox.setContent(this.tagged(paneLines));
    return { paneOffset, paneTotal: body.length, paneHeight };
  }
}
