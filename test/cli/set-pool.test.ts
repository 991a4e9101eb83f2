import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { setVerb } from '../../src/cli/verbs/set.js';

function capture(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env['PATH'] } }, out: () => out, err: () => err };
}

describe('hostconsole set pool-management', function () {
  this.timeout(30_000);

  it('--ipv6 autoconf: every host gets its SLAAC address, members first, each verified from the master', async () => {
    const c = capture();
    const code = await setVerb.run(['pool-management', '--simulate', 'pool-ipv4', '--layout', 'dual-ipv4-primary', '--ipv6', 'autoconf', '--no-confirm'], c.io);
    expect(code, c.err()).to.equal(0);
    const out = c.out();
    const at = (s: string) => out.indexOf(s);
    expect(at('xcp-ng-b: done')).to.be.greaterThan(-1);
    expect(at('xcp-ng-b: done')).to.be.lessThan(at('xcp-ng-c: done'));
    expect(at('xcp-ng-c: done')).to.be.lessThan(at('xcp-ng-a: done'));
    // SLAAC from the scenario's router (2001:db8::/64) and each MAC (EUI-64).
    expect(out).to.include('[ok] xcp-ng-b answers on https://[2001:db8::a236:9fff:fe22:0]/');
    expect(out).to.include('Kept: the new settings stay');
  });

  it('refuses a primary-family switch of members that have no other interface to hold management, before anything is sent (exit 1)', async () => {
    const c = capture();
    expect(await setVerb.run(['pool-management', '--simulate', 'pool-ipv6-primary', '--layout', 'dual-ipv4-primary', '--no-confirm'], c.io)).to.equal(1);
    expect(c.err()).to.include('xcp-ng-b: This host is a pool member').and.include('[pool-member-primary-switch]').and.include('Nothing was changed.');
  });

  it('dual stack IPv6 primary on the IPv4-primary pool: each member hops management to eth1 and back, members first (exit 0)', async () => {
    const c = capture();
    const code = await setVerb.run(['pool-management', '--simulate', 'pool', '--layout', 'dual-ipv6-primary', '--no-confirm'], c.io);
    expect(code, c.err()).to.equal(0);
    const out = c.out();
    expect(out).to.include('xcp-ng-b: Move management to eth1 while eth0 switches');
    expect(out).to.include('xcp-ng-a: Disable management on eth0');
    expect(out.indexOf('xcp-ng-b: done')).to.be.lessThan(out.indexOf('xcp-ng-c: done'));
    expect(out.indexOf('xcp-ng-c: done')).to.be.lessThan(out.indexOf('xcp-ng-a: done'));
    expect(out).to.include('[ok] xcp-ng-b answers on https://[2001:db8::22]/');
  });

  it('usage errors: no --layout, a bad --address, --address with --ipv6 autoconf (exit 2)', async () => {
    for (const args of [
      ['pool-management', '--simulate', 'pool'],
      ['pool-management', '--simulate', 'pool', '--layout', 'dual-ipv4-primary', '--address', 'xcp-ng-a'],
      ['pool-management', '--simulate', 'pool', '--layout', 'ipv4-only'],
      ['pool-management', '--simulate', 'pool', '--layout', 'dual-ipv4-primary', '--address', 'xcp-ng-a=2001:db8::21/64', '--ipv6', 'autoconf'],
    ]) {
      const c = capture();
      expect(await setVerb.run(args, c.io), args.join(' ')).to.equal(2);
      expect(c.err()).to.include('hostconsole set pool-management:');
    }
  });
});
