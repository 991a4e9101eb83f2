/**
 * What a serial line pays for a menu move through the host items (the Network and Management section: the same host
 * summary in the pane, only the highlight and the item's one-line description change): at most 90 bytes each, under
 * xterm (colour) and vt100. The clock is off here (a minute tick adds ~23 bytes to whatever key is in flight).
 */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';

describe('screens: bytes per menu move', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const { term, env } of [
    { term: 'xterm', env: { LANG: 'C.UTF-8' } },
    { term: 'vt100', env: { LANG: 'C' } },
  ] as const) {
    it(`TERM=${term}: every move through the section's four host items costs at most 90 bytes`, async () => {
      h = await ConsoleHarness.start({ term, env });
      await h.type('n');
      await h.press('enter');
      await h.press('down', 4); // once round: Management interface -> ... -> Hostname -> Management interface
      const moves = h.perKey.filter((k) => k.key === 'down').map((k) => k.bytes);
      console.log(`      [${term}] bytes per move: ${moves.join(', ')} (mean ${h.meanBytes('down').toFixed(1)})`);
      expect(moves).to.have.length(4);
      for (const bytes of moves) expect(bytes).to.be.at.most(90);
    });
  }
});
