import { expect } from 'chai';
import type { Dialog } from '../../../src/ui/dialogs.js';
import { chartSpots } from '../../../src/ui/shell/frame-painter.js';
import type { ChartBlock, PaneContent } from '../../../src/ui/screen-contract.js';

const CHART: ChartBlock = { kind: 'chart', textColumns: 24, series: [{ label: 'IPv6', values: [1, 2] }, { label: 'IPv4 and other', values: [3, 4] }] };
const SIZE = { cols: 80, rows: 24 };

function view(content: PaneContent, offset = 0): Dialog {
  return { kind: 'view', content, offset, status: 'Sampling', keys: [], resolve: () => undefined };
}

const lines = (n: number): PaneContent['blocks'][number] => ({ kind: 'text', paragraphs: Array.from({ length: n }, (_, i) => `line ${i}`) });

describe('ui/shell/frame-painter: chartSpots', () => {
  it('a chart in the window: from the blank line above its text, inside the border and padding, the room wide', () => {
    const spots = chartSpots(view({ title: 't', blocks: [lines(3), CHART] }), SIZE);
    // Body line 4 (after 3 lines and a blank) -> screen row 1 (top line) + 1 (border) + 3 (the blank above).
    expect(spots.map((s) => s.rect)).to.deep.equal([{ left: 2, top: 5, width: 76, height: 6 }]);
  });

  it('none when the chart is scrolled (partly) away, is the first block, or the dialog is not a view', () => {
    const content: PaneContent = { title: 't', blocks: [lines(3), CHART, lines(30)] };
    expect(chartSpots(view(content, 4), SIZE)).to.have.length(0);
    expect(chartSpots(view(content, 3), SIZE)).to.have.length(1);
    expect(chartSpots(view({ title: 't', blocks: [lines(14), CHART] }), SIZE)).to.have.length(0);
    expect(chartSpots(view({ title: 't', blocks: [CHART] }), SIZE)).to.have.length(0);
    expect(chartSpots({ kind: 'review', content, question: 'q', offset: 0, resolve: () => undefined }, SIZE)).to.have.length(0);
  });
});
