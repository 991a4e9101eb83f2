import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { applyConfig, parseConfig, renderDefaultConfig } from '../../src/cli/config.js';
import { verbs } from '../../src/cli/verbs/index.js';

const FILE = new URL('../../assets/hostconsole.conf', import.meta.url);

describe('ship: assets/hostconsole.conf', () => {
  it('is the file generated from the verbs\' options (regenerate: npx tsx scripts/write-config.ts)', async () => {
    const loaded = await Promise.all(verbs.map((v) => v.load()));
    const configurable = loaded.flatMap((v) => (v.options === undefined ? [] : [{ name: v.name, options: v.options }]));
    expect(configurable.length).to.be.greaterThan(2);
    expect(readFileSync(FILE, 'utf8')).to.equal(renderDefaultConfig(configurable));
    // Every option of every configurable verb is in it, commented out.
    for (const v of configurable) for (const o of v.options) expect(readFileSync(FILE, 'utf8')).to.contain(`\n#${o.name} =`);
  });

  it('sets nothing as shipped, and each line, uncommented, is a valid entry', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(parseConfig(text, 'f').entries).to.deep.equal([]);
    const uncommented = text
      .split('\n')
      .filter((l) => /^#[a-z][a-z0-9-]* =/.test(l))
      .map((l) => l.slice(1))
      .join('\n');
    const parsed = parseConfig(uncommented, 'f');
    expect(parsed.problems).to.deep.equal([]);
    expect(parsed.entries.length).to.be.greaterThan(10);
  });

  it('uncommenting a flag\'s default changes nothing', () => {
    const text = readFileSync(FILE, 'utf8');
    const flags = text.split('\n').filter((l) => /^#[a-z-]+ = false$/.test(l)).map((l) => l.slice(1));
    const parsed = { path: 'f', ...parseConfig(flags.join('\n'), 'f') };
    const names = parsed.entries.map((e) => ({ name: e.key, kind: 'flag' as const }));
    expect(applyConfig([], names, parsed).args).to.deep.equal([]);
  });
});
