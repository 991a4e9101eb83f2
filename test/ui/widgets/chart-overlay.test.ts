/** The chart overlay with a stand-in widget factory: loads once, on the first chart; draws, follows, removes; falls back. */
import type blessed from 'blessed';
import { expect } from 'chai';
import type { ChartBlock } from '../../../src/ui/screen-contract.js';
import { ChartOverlay, type SparklineFactory } from '../../../src/ui/widgets/chart-overlay.js';

const BLOCK: ChartBlock = { kind: 'chart', textColumns: 24, series: [{ label: 'IPv6', values: [1, 2, null, 40_000_000] }, { label: 'IPv4 and other', values: [0, 0] }] };
const RECT = { left: 2, top: 10, width: 76, height: 6 };
const SCREEN = {} as unknown as blessed.Widgets.Screen;

interface Fake {
  left: unknown;
  top: unknown;
  width: unknown;
  height: unknown;
  data: [string[], number[][]][];
  destroyed: boolean;
}

function fakeFactory(made: Fake[]): SparklineFactory {
  return (() => {
    const w: Fake = { left: 0, top: 0, width: 0, height: 0, data: [], destroyed: false };
    made.push(w);
    return Object.assign(w, {
      setData: (titles: string[], data: number[][]) => w.data.push([titles, data]),
      destroy: () => {
        w.destroyed = true;
      },
    });
  }) as unknown as SparklineFactory;
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('ui/widgets/chart-overlay', () => {
  it('imports nothing until a chart is shown; then once; draws it where asked and removes it when it goes', async () => {
    const made: Fake[] = [];
    let loads = 0;
    let redraws = 0;
    const overlay = new ChartOverlay(SCREEN, () => redraws++, async () => {
      loads++;
      return fakeFactory(made);
    });
    overlay.sync([]);
    expect(loads).to.equal(0);
    overlay.sync([{ rect: RECT, block: BLOCK }]);
    overlay.sync([{ rect: RECT, block: BLOCK }]);
    await flush();
    expect(loads).to.equal(1);
    expect(redraws).to.equal(1);
    expect(overlay.status()).to.equal('ready');
    overlay.sync([{ rect: RECT, block: BLOCK }]);
    expect(made).to.have.length(1);
    const w = made[0]!;
    expect([w.left, w.top, w.width, w.height]).to.deep.equal([2, 10, 76, 6]);
    // Scaled to 0..1000 of the maximum (the sparkline package works in 32-bit integers); unknown as 0.
    expect(w.data).to.deep.equal([[['IPv6', 'IPv4 and other'], [[0, 0, 0, 1000], [0, 0]]]]);
    overlay.sync([{ rect: RECT, block: BLOCK }]);
    expect(w.data).to.have.length(1);
    overlay.sync([]);
    expect(w.destroyed).to.equal(true);
  });

  it('an import that fails leaves the text form for good (no retry, no widget)', async () => {
    let loads = 0;
    let redraws = 0;
    const overlay = new ChartOverlay(SCREEN, () => redraws++, async () => {
      loads++;
      throw new Error('Cannot find module blessed-contrib/lib/widget/sparkline.js');
    });
    overlay.sync([{ rect: RECT, block: BLOCK }]);
    await flush();
    expect(overlay.status()).to.equal('failed');
    expect(redraws).to.equal(1);
    overlay.sync([{ rect: RECT, block: BLOCK }]);
    await flush();
    expect(loads).to.equal(1);
  });

  it('the real widget module loads by its own path and is a widget factory', async () => {
    const { loadSparkline } = await import('../../../src/ui/widgets/chart-overlay.js');
    expect(await loadSparkline()).to.be.a('function');
  });
});
