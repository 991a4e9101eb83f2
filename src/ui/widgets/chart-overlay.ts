/**
 * blessed-contrib sparklines drawn over the text form of chart blocks in a full-screen view (colour UTF-8 terminals).
 * The widget module — only it, never the package's index with its map and picture dependencies — is imported when the
 * first chart is shown, so nothing of blessed-contrib is on the start-up path. Until it has loaded, or if it cannot
 * be loaded, the text form (ASCII sparklines) stays: a chart is never what stops the console.
 */
import type blessed from 'blessed';
import type { Rect } from '../presentation/layout.js';
import type { ChartBlock } from '../screen-contract.js';

interface SparklineWidget extends blessed.Widgets.BoxElement {
  setData(titles: string[], data: number[][]): void;
  content: string;
}
export type SparklineFactory = (options: blessed.Widgets.BoxOptions & { style?: Record<string, unknown> }) => SparklineWidget;

/** The default loader: the widget module by its own path (esbuild inlines it in the bundle, still evaluated lazily). */
export async function loadSparkline(): Promise<SparklineFactory> {
  const mod = await import('blessed-contrib/lib/widget/sparkline.js');
  return mod.default as unknown as SparklineFactory;
}

/** A chart to draw: its block and where (the blank line above its text form, then its lines). */
export interface ChartSpot {
  readonly rect: Rect;
  readonly block: ChartBlock;
}

/** The sparkline package shifts by 8 bits in 32-bit integers: values are scaled to 0..1000 of their maximum first. */
function scaled(values: readonly (number | null)[], count: number): number[] {
  const shown = values.slice(-Math.max(1, count)).map((v) => v ?? 0);
  const max = Math.max(0, ...shown);
  return shown.map((v) => (max === 0 ? 0 : Math.round((Math.max(0, v) / max) * 1000)));
}

export class ChartOverlay {
  private factory: SparklineFactory | null = null;
  private state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  private widgets: SparklineWidget[] = [];
  private drawn: string[] = [];

  constructor(
    private readonly screen: blessed.Widgets.Screen,
    /** Called when the module has loaded (or failed), to draw again. */
    private readonly onLoaded: () => void,
    private readonly load: () => Promise<SparklineFactory> = loadSparkline,
  ) {}

  /** 'failed' after an import that did not work (the text form stays for good). */
  status(): 'idle' | 'loading' | 'ready' | 'failed' {
    return this.state;
  }

  /** Draw these charts (and no others); loads the widget module on the first chart. */
  sync(spots: readonly ChartSpot[]): void {
    if (spots.length === 0 || this.state === 'failed') return this.clear();
    if (this.state !== 'ready' || this.factory === null) {
      this.startLoading();
      return this.clear();
    }
    while (this.widgets.length > spots.length) this.widgets.pop()?.destroy();
    this.drawn.length = this.widgets.length;
    spots.forEach((spot, i) => {
      const widget = this.widgets[i] ?? this.create(i);
      if (widget === null) return;
      const { rect, block } = spot;
      widget.left = rect.left;
      widget.top = rect.top;
      widget.width = Math.max(3, rect.width);
      widget.height = Math.max(1, rect.height);
      const count = Math.max(1, rect.width - 2);
      const data = block.series.map((s) => scaled(s.values, count));
      const key = JSON.stringify([rect, block.series.map((s) => s.label), data]);
      if (this.drawn[i] === key) return;
      this.drawn[i] = key;
      widget.setData(
        block.series.map((s) => s.label.replace(/[{}]/g, '')),
        data,
      );
    });
  }

  /** Remove every widget (the view closed or scrolled the chart away). */
  clear(): void {
    for (const w of this.widgets) w.destroy();
    this.widgets = [];
    this.drawn = [];
  }

  private create(i: number): SparklineWidget | null {
    if (this.factory === null) return null;
    try {
      const widget = this.factory({ parent: this.screen, tags: true, left: 0, top: 0, width: 3, height: 1, style: { fg: 'green', titleFg: 'cyan' } });
      this.widgets[i] = widget;
      return widget;
    } catch {
      this.fail();
      return null;
    }
  }

  private fail(): void {
    this.state = 'failed';
    this.clear();
  }

  private startLoading(): void {
    if (this.state !== 'idle') return;
    this.state = 'loading';
    this.load().then(
      (factory) => {
        if (typeof factory !== 'function') throw new Error('not a widget factory');
        this.factory = factory;
        this.state = 'ready';
        this.onLoaded();
      },
      () => {
        this.state = 'failed';
        this.onLoaded();
      },
    ).catch(() => {
      this.state = 'failed';
      this.onLoaded();
    });
  }
}
