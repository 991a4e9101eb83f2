import { expect } from 'chai';
import fc from 'fast-check';
import { createMenu, jumpToLetter, moveBy, scrollIntoView } from '../../../src/ui/state/menu-state.js';

const labels = ['Status Display', 'Network', 'DNS Servers', 'Demo Form', 'About'];

describe('ui/state/menu-state', () => {
  const moves: Array<[number, number, number]> = [
    [0, -1, 4],
    [4, 1, 0],
    [2, 1, 3],
    [2, -1, 1],
    [0, 7, 2],
  ];
  for (const [from, delta, to] of moves) {
    it(`moveBy(${from}, ${delta}) wraps to ${to}`, () => {
      expect(moveBy({ ...createMenu(labels), selected: from }, delta).selected).to.equal(to);
    });
  }

  const jumps: Array<[number, string, number]> = [
    [0, 'd', 2],
    [2, 'd', 3],
    [3, 'D', 2],
    [0, 'a', 4],
    [4, 's', 0],
    [1, 'n', 1],
    [1, 'z', 1],
  ];
  for (const [from, letter, to] of jumps) {
    it(`jumpToLetter(${from}, '${letter}') -> ${to}`, () => {
      expect(jumpToLetter({ ...createMenu(labels), selected: from }, letter).selected).to.equal(to);
    });
  }

  it('an empty menu stays put', () => {
    expect(moveBy(createMenu([]), 1).selected).to.equal(0);
    expect(jumpToLetter(createMenu([]), 'a').selected).to.equal(0);
  });

  it('scrollIntoView keeps the selection inside the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 15 }), fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 20 }), (n, height, steps) => {
        let state = createMenu(Array.from({ length: n }, (_, i) => `item ${i}`));
        for (const step of steps) {
          state = scrollIntoView(moveBy(state, step), height);
          expect(state.selected).to.be.within(state.top, state.top + height - 1);
          expect(state.top).to.be.within(0, Math.max(0, n - height));
        }
      }),
    );
  });
});
