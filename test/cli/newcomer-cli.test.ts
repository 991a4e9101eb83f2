/** Issue 17 items 4, 6, 7 and 9 through the CLI (in-process `main`, the simulated host). */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { EXIT } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: string[]): Promise<Run> {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: { PATH: process.env['PATH'] } };
  let stdout = '';
  let stderr = '';
  io.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  io.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  io.stdin.end('');
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('issue 17 through the CLI', function () {
  this.timeout(30_000);
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hc-newcomer-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const set = (...args: string[]): Promise<Run> => run(['set', ...args, '--simulate', '--no-confirm', '--state-dir', dir]);

  describe('17.4: /0 is one rule with one message in validate, set and the console', () => {
    const ZERO6 = "'2001:db8::10/0' has prefix length 0, which would put every IPv6 address on the link; an IPv6 prefix length is a number from 1 to 128";
    it('validate cidr6 …/0 is invalid (exit 1) with the message set gives', async () => {
      const v = await run(['validate', 'cidr6', '2001:db8::10/0']);
      expect(v.code).to.equal(EXIT.invalid);
      expect(v.stdout).to.equal('');
      expect(v.stderr).to.include(ZERO6);
      const s = await set('management', '--ipv6', 'static:2001:db8::10/0');
      expect(s.code).to.equal(EXIT.invalid);
      expect(s.stderr).to.include(ZERO6);
    });
    it('validate cidr4 …/0 and netmask 0.0.0.0 are refused too; the range everywhere is 1 to 32 / 1 to 128', async () => {
      expect((await run(['validate', 'cidr4', '192.0.2.10/0'])).stderr).to.include('an IPv4 prefix length is a number from 1 to 32');
      expect((await run(['validate', 'netmask', '0.0.0.0'])).stderr).to.include("'0.0.0.0' has prefix length 0, which would put every IPv4 address on the link");
      expect((await run(['validate', 'cidr6', '2001:db8::10/129'])).stderr).to.include('a number from 1 to 128');
      expect((await set('management', '--ipv6', 'static:2001:db8::10/129')).stderr).to.include('a number from 1 to 128');
    });
  });

  describe('17.6: a CLI error names its field once', () => {
    const cases: ReadonlyArray<[string[], string]> = [
      [['management', '--ipv6', 'static:2001:db8::zz/64'], 'IPv6 address'],
      [['management', '--gateway4', '192.0.2.300'], 'IPv4 gateway'],
      [['dns', '192.0.2.53, 2001:db8::zz'], 'DNS servers'],
      [['hostname', '-bad-'], 'Hostname'],
    ];
    for (const [args, label] of cases) {
      it(`set ${args.join(' ')} → "${label}:" once`, async () => {
        const r = await set(...args);
        expect(r.code).to.equal(EXIT.invalid);
        expect(r.stderr).to.include(`${label}: `);
        expect(r.stderr).not.to.include(`${label}: ${label}:`);
      });
    }
  });

  it('17.7: a repeated DNS server is named by value, not by entry number', async () => {
    const v = await run(['validate', 'dns', '192.0.2.53, 2001:db8::53, 2001:db8:0:0::53']);
    expect(v.code).to.equal(EXIT.invalid);
    expect(v.stderr).to.include("'2001:db8:0:0::53' is 2001:db8::53, already listed as '2001:db8::53'");
    expect(v.stderr).not.to.match(/entry \d/);
  });

  describe('17.9: an unknown scenario is named as one, with the list', () => {
    for (const args of [['status', '--simulate', 'bogus'], ['status', '--simulate=bogus'], ['console', '--simulate', 'bogus']]) {
      it(args.join(' '), async () => {
        const r = await run(args);
        expect(r.code).to.equal(EXIT.usage);
        expect(r.stderr).to.include("unknown scenario 'bogus' (scenarios: default, ");
        expect(r.stderr).to.include('ipv6-only');
        expect(r.stderr).not.to.include('unexpected argument');
      });
    }
  });
});
