import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { stdinLines } from '../../src/cli/verbs/validate.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: string[], stdin = ''): Promise<Run> {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
  let stdout = '';
  let stderr = '';
  io.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  io.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  io.stdin.end(stdin);
  const code = await main(['validate', ...args], io);
  return { code, stdout, stderr };
}

describe('cli/validate', () => {
  // [args, exit code, stdout, stderr fragment]
  const table: Array<[string[], number, string, string]> = [
    [['ipv4', '192.0.2.10'], EXIT.ok, '192.0.2.10\n', ''],
    [['ipv4', '010.0.0.1'], EXIT.invalid, '', "IPv4 address: '010.0.0.1' has a leading zero in octet 1"],
    [['ipv6', '2001:DB8:0:0::10'], EXIT.ok, '2001:db8::10\n', ''],
    [['ipv6', '::FFFF:192.0.2.1'], EXIT.ok, '::ffff:192.0.2.1\n', ''],
    [['ipv6', '2001:db8::1::2'], EXIT.invalid, '', "has two '::'"],
    [['ipv6', 'fe80::1%eth0'], EXIT.invalid, '', 'zone id'],
    [['cidr4', '192.0.2.10/24'], EXIT.ok, '192.0.2.10/24\n', ''],
    [['cidr4', '192.0.2.10'], EXIT.invalid, '', 'has no prefix length'],
    [['cidr6', '2001:db8:0::10/64'], EXIT.ok, '2001:db8::10/64\n', ''],
    [['cidr6', '2001:db8::10/064'], EXIT.invalid, '', 'leading zero in the prefix length'],
    [['netmask', '255.255.255.0'], EXIT.ok, '255.255.255.0 (/24)\n', ''],
    [['netmask', '255.255.255.255'], EXIT.ok, '255.255.255.255 (/32)\n', ''],
    [['netmask', '255.0.255.0'], EXIT.invalid, '', 'not contiguous'],
    [['gateway4', '192.0.2.10/24', '192.0.2.1'], EXIT.ok, '192.0.2.1\n', ''],
    [['gateway4', '192.0.2.10/24', '192.0.2.255'], EXIT.invalid, '', 'broadcast address of 192.0.2.0/24'],
    [['gateway4', '192.0.2.10', '192.0.2.1'], EXIT.invalid, '', 'Interface address:'],
    [['gateway6', '2001:db8::10/64', 'FE80::1'], EXIT.ok, 'fe80::1\n', ''],
    [['gateway6', '2001:db8::10/64', '2001:db8:1::1'], EXIT.invalid, '', 'neither link-local'],
    [['gateway6', 'none', 'fe80::1'], EXIT.ok, 'fe80::1\n', ''],
    [['gateway6', 'none', '2001:db8::1'], EXIT.invalid, '', 'must be a link-local address'],
    [['dns', '192.0.2.53,2001:DB8::53'], EXIT.ok, '192.0.2.53, 2001:db8::53\n', ''],
    [['dns', '192.0.2.53 192.0.2.53'], EXIT.invalid, '', 'DNS servers: 192.0.2.53 is listed twice'],
    [['hostname', 'xcp-host1.example.com'], EXIT.ok, 'xcp-host1.example.com\n', ''],
    [['hostname', 'host_1'], EXIT.invalid, '', "Hostname: 'host_1' contains '_'"],
    [['--', 'hostname', '-x'], EXIT.invalid, '', 'starts with a hyphen'],
    // usage errors
    [[], EXIT.usage, '', 'missing the kind'],
    [['ipv5', '1.2.3.4'], EXIT.usage, '', "unknown kind 'ipv5'"],
    [['ipv4'], EXIT.usage, '', "'ipv4' takes one value (got 0 arguments)"],
    [['ipv4', '1.2.3.4', '5.6.7.8'], EXIT.usage, '', 'got 2 arguments'],
    [['gateway4', '192.0.2.1'], EXIT.usage, '', 'the interface address/prefix and then the gateway'],
    [['ipv4', '--strict', '1.2.3.4'], EXIT.usage, '', "unknown option '--strict'"],
  ];
  for (const [args, code, stdout, fragment] of table) {
    it(`validate ${args.join(' ')} → exit ${code}`, async () => {
      const r = await run(args);
      expect(r.code, r.stderr).to.equal(code);
      expect(r.stdout).to.equal(stdout);
      if (fragment === '') expect(r.stderr).to.equal('');
      else expect(r.stderr).to.include(fragment);
      if (code === EXIT.usage) expect(r.stderr).to.include('Usage: hostconsole validate');
    });
  }

  it('usage documents the argument order and the netmask output', async () => {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} };
    let out = '';
    io.stdout.on('data', (c: Buffer) => (out += c.toString()));
    expect(await main(['validate', '--help'], io)).to.equal(EXIT.ok);
    expect(out).to.include('validate gateway4 <interface-cidr4> <gateway>');
    expect(out).to.include('255.255.255.0 (/24)');
    expect(out).to.include('ok <canonical>');
  });

  it('reads one value per line from stdin with "-" and answers in order', async () => {
    const r = await run(['ipv6', '-'], '2001:DB8::1\nfe80::1%eth0\n::\r\n\n1:2:3:4:5:6:7:8\n');
    expect(r.code).to.equal(EXIT.invalid);
    expect(r.stderr).to.equal('');
    const lines = r.stdout.split('\n');
    expect(lines).to.have.length(6);
    expect(lines[0]).to.equal('ok 2001:db8::1');
    expect(lines[1]).to.match(/^error IPv6 address: 'fe80::1%eth0' has a zone id/);
    expect(lines[2]).to.equal('ok ::');
    expect(lines[3]).to.match(/^error IPv6 address: The address is empty/);
    expect(lines[4]).to.equal('ok 1:2:3:4:5:6:7:8');
    expect(lines[5]).to.equal('');
  });

  it('stdin mode exits 0 when every line is valid, and works for gateways', async () => {
    const r = await run(['gateway4', '192.0.2.10/24', '-'], '192.0.2.1\n192.0.2.254');
    expect(r).to.deep.equal({ code: EXIT.ok, stdout: 'ok 192.0.2.1\nok 192.0.2.254\n', stderr: '' });
    const empty = await run(['ipv4', '-'], '');
    expect(empty).to.deep.equal({ code: EXIT.ok, stdout: '', stderr: '' });
    const dns = await run(['dns', '-'], '\n192.0.2.53 2001:db8::53\n');
    expect(dns.stdout).to.equal('ok\nok 192.0.2.53, 2001:db8::53\n');
  });

  it('splits stdin lines: a final newline adds no value, a trailing CR is dropped, spaces are kept', () => {
    expect(stdinLines('')).to.deep.equal([]);
    expect(stdinLines('a\n')).to.deep.equal(['a']);
    expect(stdinLines('a\r\n b \n\n')).to.deep.equal(['a', ' b ', '']);
    expect(stdinLines('a')).to.deep.equal(['a']);
  });

  describe('the built program (node bin/hostconsole.js; npm test builds first)', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
    function spawnCli(args: string[], stdin: string): Promise<Run> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(root, 'bin/hostconsole.js'), 'validate', ...args], { cwd: root, stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(stdin);
      });
    }

    it('prints the canonical form and exits 0', async () => {
      const r = await spawnCli(['ipv6', '2001:0DB8:0000:0000:0000:0000:0000:0010'], '');
      expect(r, r.stderr).to.deep.equal({ code: 0, stdout: '2001:db8::10\n', stderr: '' });
    });

    it('prints the reason on stderr and exits 1', async () => {
      const r = await spawnCli(['netmask', '255.0.255.0'], '');
      expect(r.code).to.equal(1);
      expect(r.stdout).to.equal('');
      expect(r.stderr).to.include("Netmask: '255.0.255.0' is not a valid netmask");
    });

    it('reads values from stdin with "-"', async () => {
      const r = await spawnCli(['netmask', '-'], '255.255.255.0\n255.255.0.0\n24\n');
      expect(r.code).to.equal(1);
      expect(r.stdout.split('\n')).to.deep.equal(['ok 255.255.255.0 (/24)', 'ok 255.255.0.0 (/16)', "error Netmask: '24' is a prefix length, not a netmask; enter the dotted form (/24 is 255.255.255.0)", '']);
    });

    it('exits 2 on wrong usage', async () => {
      const r = await spawnCli(['cidr7', 'x'], '');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.include('Usage: hostconsole validate');
    });
  });
});
