import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { clipEchoes, clippingStream } from '../../src/cli/clip-echo.js';
import { main } from '../../src/cli/main.js';

describe('cli: values echoed in messages are cut', () => {
  it('cuts a long quoted value to its start and length, leaves short ones', () => {
    expect(clipEchoes(`not '${'a'.repeat(100)}'`)).to.equal(`not '${'a'.repeat(40)}…' (100 characters)`);
    expect(clipEchoes("not 'slaac'")).to.equal("not 'slaac'");
  });

  it('cuts any line still longer than 1000 characters', () => {
    const line = clipEchoes('b'.repeat(5000));
    expect(line.length).to.be.below(1100);
    expect(line).to.contain('(4000 more characters cut)');
  });

  it('applies to everything main() writes on stderr, synchronously', async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await main(['set', 'management', '--ipv4', 'z'.repeat(100_000), '--simulate'], { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: { HOSTCONSOLE_CONFIG: '/dev/null' } });
    expect(code).to.equal(2);
    expect(err).to.contain("--ipv4 is none, dhcp or static:ADDR/PREFIX, not 'zzzz");
    expect(err).to.contain('(100000 characters)');
    expect(err.length).to.be.below(2000);
    const sink = new PassThrough();
    let got = '';
    sink.on('data', (c: Buffer) => (got += c.toString()));
    clippingStream(sink).write('plain\n');
    await new Promise((r) => setImmediate(r));
    expect(got).to.equal('plain\n');
  });
});
