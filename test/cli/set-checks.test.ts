/**
 * The post-apply checks a new user sees on `hostconsole set --simulate` — the default simulated host exactly as it
 * starts (the simulator's default delays: 5 s before a refused login, 2 s of silence for a target that does not
 * answer). Every check must be [ok] or an honest [not tested]; a FAILED here teaches users to ignore checks.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setVerb } from '../../src/cli/verbs/set.js';

async function runSet(args: readonly string[], dir: string): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await setVerb.run([...args, '--simulate', '--no-confirm', '--state-dir', dir], { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env['PATH'] } });
  return { code, out, err };
}

function checkLines(out: string): string[] {
  return out.split('\n').filter((l) => /^\s+\[(ok|FAILED|not tested)\]/.test(l)).map((l) => l.trim());
}

describe('hostconsole set --simulate: post-apply checks on the default simulated host', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'set-checks-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('switching to IPv6 only: every check ok, the IPv4 DNS server honestly not tested', async () => {
    const r = await runSet(['management', '--ipv4', 'none'], dir);
    expect(r.code, r.err).to.equal(0);
    const lines = checkLines(r.out);
    expect(lines.filter((l) => l.startsWith('[FAILED]')), r.out).to.deep.equal([]);
    expect(lines[0]).to.equal('[ok] New addresses present: 2001:db8::10/64 on eth0');
    expect(lines[1]).to.match(/^\[ok\] Management address answers: https:\/\/\[2001:db8::10\]\/ .*answered \(xapi, no login needed\)$/);
    expect(lines).to.include('[ok] IPv6 gateway answers: 2001:db8::1 answered in 0.63 ms');
    expect(lines).to.include('[ok] DNS servers answer: 192.0.2.53 not tested (IPv4 is off on this host); 2001:db8::53 answered in 0.64 ms');
    expect(lines.some((l) => l.startsWith('[ok] Resolver has a usable nameserver: 2001:db8::53'))).to.equal(true);
  });

  it('moving the IPv4 address: the management address, both gateways and both DNS servers answer', async () => {
    const r = await runSet(['management', '--ipv4', 'static:192.0.2.20/24'], dir);
    expect(r.code, r.err).to.equal(0);
    const lines = checkLines(r.out);
    expect(lines.every((l) => l.startsWith('[ok]')), r.out).to.equal(true);
    expect(lines.map((l) => l.split(':')[0])).to.deep.equal([
      '[ok] New addresses present',
      '[ok] Management address answers',
      '[ok] IPv4 gateway answers',
      '[ok] IPv6 gateway answers',
      '[ok] DNS servers answer',
      '[ok] Resolver has a usable nameserver',
    ]);
  });
});
