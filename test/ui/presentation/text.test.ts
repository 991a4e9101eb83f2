import { expect } from 'chai';
import fc from 'fast-check';
import { centre, escapeTags, fit, truncate, wrap } from '../../../src/ui/presentation/text.js';

describe('ui/presentation/text', () => {
  const truncations: Array<[string, number, string]> = [
    ['hostconsole', 20, 'hostconsole'],
    ['hostconsole', 11, 'hostconsole'],
    ['hostconsole', 10, 'hostconso~'],
    ['hostconsole', 1, '~'],
    ['hostconsole', 0, ''],
  ];
  for (const [text, width, expected] of truncations) {
    it(`truncate(${text}, ${width}) = ${expected}`, () => expect(truncate(text, width)).to.equal(expected));
  }

  const wraps: Array<[string, number, string[]]> = [
    ['', 10, ['']],
    ['one two three', 7, ['one two', 'three']],
    ['one two three', 20, ['one two three']],
    ['abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['a  b', 10, ['a b']],
  ];
  for (const [text, width, expected] of wraps) {
    it(`wrap(${JSON.stringify(text)}, ${width})`, () => expect(wrap(text, width)).to.deep.equal(expected));
  }

  it('fit and centre give exactly the width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 50 }), (text, width) => {
        expect(fit(text.replace(/[^ -~]/g, 'x'), width)).to.have.length(width);
        expect(centre(text.replace(/[^ -~]/g, 'x'), width)).to.have.length(width);
      }),
    );
  });

  it('wrapped lines never exceed the width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.integer({ min: 1, max: 30 }), (text, width) => {
        for (const line of wrap(text, width)) expect(line.length).to.be.at.most(width);
      }),
    );
  });

  it('escapes blessed tags in data', () => {
    expect(escapeTags('{bold}x{/bold}')).to.equal('{open}bold{close}x{open}/bold{close}');
  });
});
