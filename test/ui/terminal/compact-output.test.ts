import { expect } from 'chai';
import { compactCursorMoves } from '../../../src/ui/terminal/compact-output.js';

describe('ui/terminal/compact-output', () => {
  const cases: Array<[string, string]> = [
    ['\x1b[5;1H\x1b[5;33Hx', '\x1b[5;33Hx'],
    ['\x1b[5;1H\x1b[3Cx', '\x1b[5;4Hx'],
    ['\x1b[5;1H\x1b[Cx', '\x1b[5;2Hx'],
    ['\x1b[5;1H\x1b[6;33Hx', '\x1b[5H\x1b[6;33Hx'],
    ['\x1b[5;1Hx\x1b[5;33H', '\x1b[5Hx\x1b[5;33H'],
    ['each\x1b[1Cinterf\x1b[1Cce\x1b[11Cx\x1b[21;1H', 'each\x1b[Cinterf\x1b[Cce\x1b[11Cx\x1b[21H'],
    ['\x1b7\x1b[3;1H\x1b[3;2Ha\x1b[4;1H\x1b[4;2Hb\x1b8', '\x1b7\x1b[3;2Ha\x1b[4;2Hb\x1b8'],
    ['plain text', 'plain text'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      expect(compactCursorMoves(input)).to.equal(expected);
    });
  }
});
