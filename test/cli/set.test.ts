import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { planInputFromFlags, formatIssue, setVerb } from '../../src/cli/verbs/set.js';
import { confirmVerb } from '../../src/cli/verbs/confirm.js';
import { revertVerb } from '../../src/cli/verbs/revert.js';
import { FULL_CAPABILITIES, validatePlan } from '../../src/model/index.js';
import { dualState, hostState, V4 } from '../model/builders.js';

interface Captured {
  readonly io: CliIo;
  readonly stdin: PassThrough;
  out: () => string;
  err: () => string;
}

function capture(env: NodeJS.ProcessEnv = {}): Captured {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin, stdout, stderr, env: { PATH: process.env['PATH'], ...env } }, stdin, out: () => out, err: () => err };
}

describe('hostconsole set: flags → plan', () => {
  it('starts from the current management interface and changes only what the flags say', () => {
    const state = hostState();
    const r = planInputFromFlags(state, { dns: '10.0.0.54' });
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.input.interfaceId).to.equal('eth0');
    expect(r.input.layout).to.equal('ipv4-only');
    expect(r.input.ipv4).to.deep.equal({ mode: 'static', address: V4.address, netmask: '255.255.255.0', gateway: V4.gateway });
    expect(r.input.dns).to.equal('10.0.0.54');
  });

  const layouts: ReadonlyArray<[string, Parameters<typeof planInputFromFlags>[1], string]> = [
    ['--ipv6 autoconf on an IPv4-only host → dual, IPv4 primary (the current one)', { ipv6: 'autoconf' }, 'dual-ipv4-primary'],
    ['--ipv4 none on a dual host → IPv6 only', { ipv4: 'none' }, 'ipv6-only'],
    ['--primary ipv6 with both families → dual, IPv6 primary', { primary: 'ipv6' }, 'dual-ipv6-primary'],
    ['--ipv6 none on a dual host → IPv4 only', { ipv6: 'none' }, 'ipv4-only'],
  ];
  for (const [name, flags, layout] of layouts) {
    it(name, () => {
      const state = name.includes('IPv4-only host') ? hostState() : dualState();
      const r = planInputFromFlags(state, flags);
      expect(r.ok && r.input.layout).to.equal(layout);
    });
  }

  it('a static address replaces the prefix; a gateway only carries over from a static family', () => {
    const r = planInputFromFlags(hostState(), { ipv4: 'static:10.0.0.20/24' });
    expect(r.ok && r.input.ipv4).to.deep.equal({ mode: 'static', address: '10.0.0.20/24', netmask: '', gateway: V4.gateway });
    const none = planInputFromFlags(hostState(), { gateway4: 'none', dns: 'none' });
    expect(none.ok && [none.input.ipv4.gateway, none.input.dns]).to.deep.equal(['', '']);
  });

  it('refuses malformed mode words and unknown interfaces with a sentence', () => {
    const bad = planInputFromFlags(hostState(), { ipv4: 'stat1c' });
    expect(bad).to.deep.equal({ ok: false, usage: true, message: "--ipv4 is none, dhcp or static:ADDR/PREFIX, not 'stat1c'" });
    const iface = planInputFromFlags(hostState(), { interface: 'eth9' });
    expect(iface.ok === false && iface.message).to.equal("Interface: there is no interface 'eth9' on this host (interfaces: eth0, eth1, eth2, eth3, bond0).");
  });

  it('leaves the rest to the console\'s validation, with its messages', () => {
    const state = hostState();
    const r = planInputFromFlags(state, { ipv4: 'static:10.0.0.300/24', primary: 'ipv6' });
    if (!r.ok) throw new Error(r.message);
    const v = validatePlan(r.input, state, FULL_CAPABILITIES);
    const lines = v.errors.map(formatIssue);
    expect(lines.some((l) => l.startsWith('IPv4 address: '))).to.equal(true);
    expect(lines.some((l) => l.startsWith('IPv6 mode: ') && l.includes('primary family'))).to.equal(true);
  });
});

describe('hostconsole set / confirm / revert (in-process simulator)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'set-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies with --no-confirm and keeps the change at once', async () => {
    const c = capture();
    const code = await setVerb.run(['dns', '192.0.2.54, 2001:db8::54', '--simulate', '--no-confirm', '--state-dir', dir], c.io);
    expect(code, c.err()).to.equal(0);
    expect(c.out()).to.contain('IPv4 DNS servers: 192.0.2.53 → 192.0.2.54');
    expect(c.out()).to.contain('Kept: the new settings stay (no confirmation asked (--no-confirm))');
    const events = readFileSync(join(dir, 'audit.log'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events[0]).to.equal('begin');
    expect(events[events.length - 1]).to.equal('outcome');
  });

  it('waits for y on its input, with the in-process guardian', async () => {
    const c = capture();
    const running = setVerb.run(['hostname', 'xcp-ng-renamed', '--simulate', '--confirm-timeout', '20', '--state-dir', dir], c.io);
    const deadline = Date.now() + 15_000;
    while (!c.out().includes('Keep these settings?') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(c.out(), c.err()).to.contain('Keep these settings? Press Enter to confirm, or Ctrl-C to revert now — reverting in 20 s');
    c.stdin.write('y\n');
    expect(await running).to.equal(0);
    expect(c.out()).to.contain('Kept');
  });

  it('refuses invalid flags before anything is sent, with the console\'s messages', async () => {
    const c = capture();
    const code = await setVerb.run(['management', '--ipv4', 'static:192.0.2.300/24', '--gateway6', 'fe80::1%eth0', '--simulate', '--state-dir', dir], c.io);
    expect(code).to.equal(1);
    expect(c.err()).to.match(/^IPv4 address: /m);
    expect(c.err()).to.match(/^IPv6 gateway: /m);
    expect(c.err()).to.contain('Nothing was changed.');
    expect(() => readFileSync(join(dir, 'audit.log'))).to.throw();
  });

  it('rejects wrong usage with exit 2', async () => {
    for (const args of [['colour'], ['management'], ['dns'], ['management', '--ipv6', 'slaac'], ['hostname', 'a', '--no-confirm', '--confirm-timeout', '5'], ['dns', '1.1.1.1', '--confirm-timeout', '0']]) {
      const c = capture();
      expect(await setVerb.run([...args, '--simulate', '--state-dir', dir], c.io), args.join(' ')).to.equal(2);
      expect(c.err()).to.contain('hostconsole set: ');
    }
  });

  it('confirm and revert say when nothing is pending', async () => {
    const c = capture();
    expect(await confirmVerb.run(['--state-dir', dir], c.io)).to.equal(1);
    expect(await revertVerb.run(['--state-dir', dir], c.io)).to.equal(1);
    expect(c.err()).to.contain('no change is pending');
  });
});
