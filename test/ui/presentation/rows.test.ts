import { expect } from 'chai';
import { renderFooter } from '../../../src/ui/presentation/footer.js';
import { renderKeyValue } from '../../../src/ui/presentation/key-value.js';
import { centredBox, frameLayout } from '../../../src/ui/presentation/layout.js';
import { renderMenuRows } from '../../../src/ui/presentation/menu-rows.js';
import { renderPaneBody } from '../../../src/ui/presentation/pane-lines.js';
import { renderProgressRows } from '../../../src/ui/presentation/progress-rows.js';
import { toTagged } from '../../../src/ui/presentation/styled-line.js';
import { renderTable } from '../../../src/ui/presentation/table.js';
import { renderTopLine } from '../../../src/ui/presentation/top-line.js';
import { formatClock, msUntilNextMinute } from '../../../src/ui/presentation/clock.js';
import { createMenu } from '../../../src/ui/state/menu-state.js';
import { MONO_THEME } from '../../../src/ui/theme.js';

describe('ui/presentation rows', () => {
  it('top line: product, host, backend left; clock right; full width', () => {
    const line = renderTopLine({ product: 'hostconsole 0.1.0', hostname: 'xcp-01', backend: 'xapi' }, '12:34', 44);
    expect(line.text).to.equal(' hostconsole 0.1.0 | xcp-01 | xapi    12:34 ');
    expect(line.spans).to.deep.equal([{ start: 0, end: 44, role: 'topBar' }]);
    const narrow = renderTopLine({ product: 'hostconsole 0.1.0', hostname: 'a-very-long-host-name', backend: 'xapi' }, '12:34', 30);
    expect(narrow.text).to.equal(' hostconsole 0.1.0 | a~ 12:34 ');
    expect(narrow.text).to.have.length(30);
  });

  it('clock: HH:MM and the wait until the next minute', () => {
    expect(formatClock(new Date(2026, 0, 1, 7, 5, 59))).to.equal('07:05');
    expect(msUntilNextMinute(new Date(2026, 0, 1, 7, 5, 59, 500))).to.equal(500);
    expect(msUntilNextMinute(new Date(2026, 0, 1, 7, 5, 0, 0))).to.equal(60_000);
  });

  const footers: Array<[number, string]> = [
    [80, ' Up/Down Select  Enter Open  q Quit'],
    [28, ' Up/Down Select  Enter Open'],
    [10, ''],
  ];
  for (const [width, expected] of footers) {
    it(`footer at width ${width} keeps whole hints only`, () => {
      const hints = [{ keys: 'Up/Down', text: 'Select' }, { keys: 'Enter', text: 'Open' }, { keys: 'q', text: 'Quit' }];
      expect(renderFooter(hints, width).text).to.equal(expected);
    });
  }

  it('footer notice replaces the hints', () => {
    expect(renderFooter([{ keys: 'q', text: 'Quit' }], 80, 'Nothing to scroll.')).to.deep.equal({
      text: ' Nothing to scroll.',
      spans: [{ start: 0, end: 19, role: 'notice' }],
    });
  });

  it('key-value rows align values and wrap long ones under the value column', () => {
    expect(
      renderKeyValue(
        [
          { key: 'IPv4', value: '192.0.2.10/24' },
          { key: 'DNS servers', value: '192.0.2.53 2001:db8::53 2001:db8::54' },
          { key: 'Empty', value: '' },
        ],
        36,
      ),
    ).to.deep.equal(['IPv4:        192.0.2.10/24', 'DNS servers: 192.0.2.53 2001:db8::53', '             2001:db8::54', 'Empty:']);
  });

  it('tables size columns to content and shrink the widest when too wide, wrapping its cells', () => {
    expect(renderTable(['Device', 'Link'], [['eth0', 'up'], ['eth1', 'down']], 40)).to.deep.equal([
      'Device  Link',
      '------  ----',
      'eth0    up',
      'eth1    down',
    ]);
    expect(renderTable(['Name', 'MAC'], [['eth0', '00:16:3e:00:00:01']], 16)).to.deep.equal([
      'Name  MAC',
      '----  ----------',
      'eth0  00:16:3e:0',
      '      0:00:01',
    ]);
  });

  it('pane body stacks blocks with one blank line', () => {
    expect(
      renderPaneBody({ title: 't', blocks: [{ kind: 'text', paragraphs: ['Hello'] }, { kind: 'key-value', rows: [{ key: 'A', value: 'b' }] }] }, 30),
    ).to.deep.equal(['Hello', '', 'A: b']);
  });

  it('menu rows highlight only the selected label', () => {
    const rows = renderMenuRows({ ...createMenu(['Status', 'Network', 'DNS']), selected: 1 }, 5, 12);
    expect(rows.map((r) => r.text)).to.deep.equal([' Status ', ' Network ', ' DNS ']);
    expect(rows[1]?.spans).to.deep.equal([{ start: 1, end: 8, role: 'selected' }]);
    expect(rows[0]?.spans).to.deep.equal([]);
    expect(toTagged(rows[1]!, MONO_THEME)).to.equal(' {inverse}{bold}Network{/} ');
  });

  it('menu rows show the window from top and truncate long labels', () => {
    const rows = renderMenuRows({ labels: ['a', 'b', 'c', 'Network and Management'], selected: 3, top: 2 }, 2, 10);
    expect(rows.map((r) => r.text)).to.deep.equal([' c ', ' Network~ ']);
  });

  it('key-value rows give a key too long for its column a line of its own, never cut', () => {
    const rows = renderKeyValue([{ key: 'eth0 IPv6 addresses assigned by the network', value: 'fe80::1/64' }, { key: 'A', value: 'b' }], 30);
    expect(rows.join('\n')).not.to.include('~');
    expect(rows[0]).to.equal('eth0 IPv6 addresses assigned');
  });

  it('progress rows mark each state', () => {
    const rows = renderProgressRows(
      [
        { label: 'Write', state: 'done' },
        { label: 'Apply', state: 'running' },
        { label: 'Check', state: 'failed', note: 'no route' },
        { label: 'Keep', state: 'pending' },
        { label: 'Undo', state: 'skipped' },
      ],
      40,
    );
    expect(rows.map((r) => r.text)).to.deep.equal(['[ok] Write', '[..] Apply', '[!!] Check - no route', '[  ] Keep', '[--] Undo']);
    expect(rows[2]?.spans[0]?.role).to.equal('error');
  });

  const layouts: Array<[number, number, boolean, number]> = [
    [80, 24, false, 30],
    [132, 43, false, 39],
    [200, 60, false, 40],
    [79, 24, true, 30],
    [80, 23, true, 30],
    [60, 20, true, 30],
  ];
  for (const [cols, rows, tooSmall, menuWidth] of layouts) {
    it(`layout ${cols}x${rows}: tooSmall=${tooSmall}, menu ${menuWidth} wide`, () => {
      const l = frameLayout({ cols, rows });
      expect(l.tooSmall).to.equal(tooSmall);
      expect(l.menu.width).to.equal(menuWidth);
      expect(l.menu.width + l.pane.width).to.equal(cols);
      expect(l.footer.top).to.equal(rows - 1);
      expect(l.menu.height).to.equal(rows - 2);
    });
  }

  it('centres boxes and clamps them inside the frame, one blank cell off its borders', () => {
    expect(centredBox(36, 5, { cols: 80, rows: 24 })).to.deep.equal({ left: 20, top: 8, width: 40, height: 7 });
    expect(centredBox(200, 50, { cols: 80, rows: 24 })).to.deep.equal({ left: 2, top: 3, width: 76, height: 18 });
  });

  it('moves a centred box off the seam between the menu and the pane', () => {
    for (const size of [{ cols: 80, rows: 24 }, { cols: 132, rows: 43 }, { cols: 100, rows: 30 }]) {
      const seam = frameLayout(size).pane.left;
      for (let content = 10; content <= size.cols; content++) {
        const box = centredBox(content, 3, size);
        const right = box.left + box.width - 1;
        expect([seam, seam + 1], `${size.cols}: left ${box.left}`).not.to.include(box.left);
        expect([seam - 1, seam - 2], `${size.cols}: right ${right}`).not.to.include(right);
        expect(box.left).to.be.at.least(2);
        expect(right).to.be.at.most(size.cols - 3);
      }
    }
  });
});
