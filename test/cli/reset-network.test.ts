import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { resetNetworkVerb } from '../../src/cli/verbs/reset-network.js';

function capture(): { io: CliIo; out: () => string; err: () => string } {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin, stdout, stderr, env: { PATH: process.env['PATH'] } }, out: () => out, err: () => err };
}

/** Every file under dir (relative path → text). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(dir.length)] = readFileSync(p, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe('hostconsole reset-network (simulated host, files under --root)', function () {
  this.timeout(20_000);
  let root: string;
  beforeEach(() => {
    root = join(mkdtempSync(join(tmpdir(), 'reset-cli-')), 'root');
  });
  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('IPv6 Autoconf on eth1: writes the files, reboots the simulated host, which comes up IPv6-primary on eth1', async () => {
    const c = capture();
    const state = join(root, '..', 'state');
    const code = await resetNetworkVerb.run(['--simulate', '--root', root, '--state-dir', state, '--interface', 'eth1', '--ipv4', 'none', '--ipv6', 'autoconf', '--yes'], c.io);
    expect(code, c.err()).to.equal(0);
    const audit = readFileSync(join(state, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; kind: string; files?: string[] });
    expect(audit.map((e) => `${e.kind}:${e.event}`)).to.deep.equal(['network-reset:begin', 'network-reset:applied']);
    expect(audit[0]?.files).to.include('/var/tmp/network-reset');
    expect(c.out()).to.contain('/var/tmp/network-reset: new file');
    expect(c.out()).to.contain('+ MODE_V6=autoconf');
    expect(c.out()).to.contain("+ MANAGEMENT_ADDRESS_TYPE='IPv6'");
    expect(c.out()).to.contain('xapi applied the network reset');
    expect(c.out()).to.match(/Management: eth1, IPv6 primary — https:\/\/\[2001:db8:1:/);
    const files = snapshot(root);
    expect(files['/var/tmp/network-reset'], 'xapi deletes the trigger once applied').to.equal(undefined);
    expect(files['/etc/firstboot.d/data/management.conf']).to.equal("LABEL='eth1'\nMODEV6='autoconf'\n");
    expect(files['/etc/firstboot.d/data/management.conf.hostconsole-prev']).to.contain("LABEL='eth0'");
  });

  it('static IPv4 + IPv6 on eth1 with IPv6 primary comes up with those addresses', async () => {
    const c = capture();
    const args = ['--simulate', '--root', root, '--interface', 'eth1', '--ipv4', 'static:198.51.100.20/24', '--gateway4', '198.51.100.1', '--ipv6', 'static:2001:db8:1::20/64', '--gateway6', '2001:db8:1::1', '--primary', 'ipv6', '--dns', '2001:db8:1::53', '--yes'];
    const code = await resetNetworkVerb.run(args, c.io);
    expect(code, c.err()).to.equal(0);
    expect(c.out()).to.contain('Management: eth1, IPv6 primary — https://[2001:db8:1::20]/');
    expect(c.out()).to.contain('198.51.100.20/24');
  });

  const refusals: [string, string[], string][] = [
    ['a VLAN tag out of range', ['--vlan', '4095', '--yes'], 'VLAN: the VLAN tag is a whole number from 0 to 4094'],
    ['a bad address', ['--ipv4', 'static:192.0.2.300/24', '--yes'], 'IPv4 address'],
    ['both families off', ['--ipv4', 'none', '--ipv6', 'none', '--yes'], 'no management address'],
    ['no --yes without a terminal', [], 'give --yes'],
  ];
  for (const [name, extra, message] of refusals) {
    it(`refuses ${name} and writes nothing`, async () => {
      const c = capture();
      const code = await resetNetworkVerb.run(['--simulate', '--root', root, ...extra], c.io);
      expect(code).to.equal(1);
      expect(c.err()).to.contain(message);
      const files = Object.keys(snapshot(root));
      expect(files.filter((f) => f.includes('hostconsole') || f.includes('network-reset'))).to.deep.equal([]);
    });
  }

  it('--no-reboot writes a pending reset; --undo puts the previous files back', async () => {
    const c = capture();
    expect(await resetNetworkVerb.run(['--simulate', '--root', root, '--ipv6', 'dhcp', '--no-reboot', '--yes'], c.io), c.err()).to.equal(0);
    expect(snapshot(root)['/var/tmp/network-reset']).to.contain('MODE_V6=dhcp');
    const before = snapshot(root)['/etc/firstboot.d/data/management.conf.hostconsole-prev'];
    const u = capture();
    expect(await resetNetworkVerb.run(['--simulate', '--root', root, '--undo'], u.io), u.err()).to.equal(0);
    const after = snapshot(root);
    expect(after['/var/tmp/network-reset']).to.equal(undefined);
    expect(after['/etc/firstboot.d/data/management.conf']).to.equal(before);
  });

  it('a trigger without DEVICE is kept and the host comes up unchanged (xapi logs and keeps it)', async () => {
    const c = capture();
    expect(await resetNetworkVerb.run(['--simulate', '--root', root, '--ipv6', 'dhcp', '--no-reboot', '--yes'], c.io)).to.equal(0);
    writeFileSync(join(root, '/var/tmp/network-reset'), 'MODE=dhcp\n');
    const { startSimulator } = await import('../../src/backends/simulator/simulator.js');
    const sim = await startSimulator({ hostRoot: root });
    try {
      const outcome = await sim.reboot(0);
      expect(outcome).to.deep.equal({ applied: false, reason: 'error', message: 'Not_found (DEVICE)' });
      expect(existsSync(join(root, '/var/tmp/network-reset'))).to.equal(true);
    } finally {
      await sim.close();
    }
  });
});
