import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { main, VERSION } from '../../src/cli/main.js';
import { verbs } from '../../src/cli/verbs/index.js';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env: {} }, out: () => out, err: () => err };
}

describe('cli main', () => {
  it('lists every verb in --help', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).to.equal(0);
    for (const v of verbs) expect(t.out()).to.contain(`  ${v.name} `);
  });

  it('refuses an unknown verb with exit 2 and names it', async () => {
    const t = io();
    expect(await main(['frobnicate'], t.io)).to.equal(2);
    expect(t.err()).to.contain("unknown verb 'frobnicate'");
  });

  it('prints the version, which matches package.json', async () => {
    const t = io();
    expect(await main(['--version'], t.io)).to.equal(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).to.equal(pkg.version);
    expect(t.out()).to.equal(`hostconsole ${pkg.version}\n`);
  });

  it('has a one-line summary and usage for every verb, the same in the list and in the verb', async () => {
    for (const entry of verbs) {
      const v = await entry.load();
      expect(v.name).to.equal(entry.name);
      expect(v.summary, v.name).to.equal(entry.summary);
      expect(v.summary, v.name).to.match(/^[A-Z].{10,110}$/);
      expect(v.usage.length, v.name).to.be.greaterThan(0);
    }
  });
});
