import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { parseSizeReply, probeSize, reportedSize, SIZE_PROBE_REQUEST } from '../../../src/ui/terminal/size-probe.js';

describe('ui/terminal/size-probe', () => {
  const cases: Array<[string, { cols: number; rows: number } | null]> = [
    ['\x1b[24;80R', { cols: 80, rows: 24 }],
    ['\x1b[50;132R', { cols: 132, rows: 50 }],
    ['\x1b[8;30;100t', { cols: 100, rows: 30 }],
    ['\x1b[24;80R\x1b[8;30;100t', { cols: 100, rows: 30 }],
    ['junk\x1b[24;80Rjunk', { cols: 80, rows: 24 }],
    ['\x1b[24;80', null],
    ['\x1b[1;1R', null],
    ['\x1b[0;0R', null],
    ['', null],
  ];
  for (const [reply, expected] of cases) {
    it(`parses ${JSON.stringify(reply)}`, () => {
      expect(parseSizeReply(reply)).to.deep.equal(expected);
    });
  }

  it('treats a 0x0 tty as unknown', () => {
    const out = Object.assign(new PassThrough(), { columns: 0, rows: 0 });
    expect(reportedSize(out)).to.equal(null);
    expect(reportedSize(Object.assign(new PassThrough(), { columns: 80, rows: 24 }))).to.deep.equal({ cols: 80, rows: 24 });
  });

  it('writes the probe and resolves with a reply that arrives in pieces', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (c: Buffer) => {
      written += c.toString();
      input.write('\x1b[30;');
      input.write('100R');
    });
    expect(await probeSize(input, output, 2000)).to.deep.equal({ cols: 100, rows: 30 });
    expect(written).to.equal(SIZE_PROBE_REQUEST);
    expect(input.listenerCount('data')).to.equal(0);
  });

  it('resolves null when nothing answers', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    expect(await probeSize(input, output, 30)).to.equal(null);
  });
});
