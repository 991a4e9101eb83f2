import { expect } from 'chai';
import { asciiSparkline, chartHeight, chartLines } from '../../../src/ui/presentation/chart-lines.js';
import { chartPlacements, renderPaneBody } from '../../../src/ui/presentation/pane-lines.js';
import type { ChartBlock, PaneContent } from '../../../src/ui/screen-contract.js';

const CHART: ChartBlock = {
  kind: 'chart',
  textColumns: 8,
  series: [
    { label: 'IPv6', values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] },
    { label: 'IPv4 and other', values: [5, null, 5] },
  ],
};

describe('ui/presentation/chart-lines', () => {
  it('an ASCII sparkline of the newest values, scaled to their maximum; ? for unknown, blanks for all-zero', () => {
    expect(asciiSparkline([0, 5, 10], 8)).to.equal(' =#');
    expect(asciiSparkline([1, 2, 3, 4, 100], 2)).to.equal(' #');
    expect(asciiSparkline([3, null, 3], 3)).to.equal('#?#');
    expect(asciiSparkline([0, 0], 2)).to.equal('  ');
    expect(asciiSparkline([], 5)).to.equal('');
  });

  it('text form: per series its label and its sparkline (textColumns wide at most, newest at the right), a blank between', () => {
    const lines = chartLines(CHART, 76);
    expect(lines).to.have.length(chartHeight(CHART)).and.length(5);
    expect(lines[0]).to.equal('IPv6:');
    expect(lines[1]).to.have.length(8);
    expect(lines[1]?.endsWith('#')).to.equal(true);
    expect(lines[2]).to.equal('');
    expect(lines[3]).to.equal('IPv4 and other:');
    expect(lines[4]).to.equal('     #?#');
    expect(lines.every((l) => /^[ -~]*$/.test(l))).to.equal(true);
    expect(chartLines(CHART, 4)[1]).to.have.length(4);
  });

  it('chartPlacements gives the body line where renderPaneBody puts each chart', () => {
    const content: PaneContent = { title: 't', blocks: [{ kind: 'text', paragraphs: ['one', 'two'] }, CHART, { kind: 'text', paragraphs: ['after'] }, CHART] };
    const body = renderPaneBody(content, 40);
    const places = chartPlacements(content, 40);
    expect(places.map((p) => p.line)).to.deep.equal([3, 11]);
    for (const p of places) expect(body[p.line]).to.equal('IPv6:');
    expect(body[places[0]!.line - 1]).to.equal('');
  });
});
