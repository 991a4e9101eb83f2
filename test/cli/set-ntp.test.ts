import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { ntpRequest } from '../../src/cli/set-ntp.js';
import { setVerb } from '../../src/cli/verbs/set.js';
import { statusVerb } from '../../src/cli/verbs/status.js';

function capture(env: NodeJS.ProcessEnv = {}): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env['PATH'], ...env } }, out: () => out, err: () => err };
}

describe('hostconsole set ntp / status (simulated host)', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'set-ntp-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('two IPv6 servers: custom mode, each server with its state, audit-logged', async () => {
    const c = capture();
    const code = await setVerb.run(['ntp', '--servers', '2001:db8::123, [2001:0db8::0124]', '--timezone', 'Europe/Paris', '--simulate', '--state-dir', dir], c.io);
    expect(code, c.err()).to.equal(0);
    expect(c.out()).to.contain('mode: Factory defaults -> Custom servers');
    expect(c.out()).to.contain('custom servers: none -> 2001:db8::123, 2001:db8::124');
    expect(c.out()).to.contain('Time: Custom servers, clock synchronised; time zone Europe/Paris');
    expect(c.out()).to.contain('2001:db8::123: synchronised (selected)');
    expect(c.out()).to.contain('2001:db8::124: combined');
    const audit = readFileSync(join(dir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; kind: string });
    expect(audit.map((e) => `${e.kind}:${e.event}`)).to.deep.equal(['ntp:begin', 'ntp:applied']);
  });

  it('refuses bad input before anything is sent', () => {
    expect(ntpRequest(new Map([['servers', '2001:db8::zz']]))).to.deep.include({ ok: false });
    expect(ntpRequest(new Map([['servers', '']]))).to.deep.include({ ok: false });
    expect(ntpRequest(new Map([['servers', 'a.example, a.example']]))).to.deep.include({ ok: false });
    expect(ntpRequest(new Map([['mode', 'sometimes']]))).to.deep.include({ ok: false });
    expect(ntpRequest(new Map([['timezone', 'Europe/Paris; rm']]))).to.deep.include({ ok: false });
    expect(ntpRequest(new Map([['servers', 'ntp.example.net 192.0.2.123']]))).to.deep.equal({ ok: true, request: { mode: 'custom', servers: ['ntp.example.net', '192.0.2.123'], timezone: null } });
  });

  it('custom mode without servers on the host is refused with the reason (exit 1)', async () => {
    const c = capture();
    expect(await setVerb.run(['ntp', '--mode', 'custom', '--simulate', '--state-dir', dir], c.io)).to.equal(1);
    expect(c.err()).to.contain('custom mode needs servers');
  });

  it('an unknown time zone comes back as the host refused it (INVALID_VALUE)', async () => {
    const c = capture();
    expect(await setVerb.run(['ntp', '--timezone', 'Mars/Olympus', '--simulate', '--state-dir', dir], c.io)).to.equal(3);
    expect(c.err()).to.contain('INVALID_VALUE timezone Mars/Olympus');
  });

  it('status shows the time and status --json its ntp member', async () => {
    const t = capture();
    expect(await statusVerb.run(['--simulate'], t.io)).to.equal(0);
    expect(t.out()).to.contain('Time: Factory defaults, clock synchronised; time zone UTC');
    const j = capture();
    expect(await statusVerb.run(['--simulate', '--json'], j.io)).to.equal(0);
    const json = JSON.parse(j.out()) as { ntp: { available: boolean; mode: string; sources: { state: string }[] } };
    expect(json.ntp.available).to.equal(true);
    expect(json.ntp.mode).to.equal('factory');
    expect(json.ntp.sources[0]?.state).to.equal('synced');
  });
});
