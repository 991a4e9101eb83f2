/**
 * `hostconsole status` through the built binary on the simulated hosts: a dual-stack host lists the management URL
 * of both families (text and JSON management.urls, the primary first), and a link-local address carries its zone.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDist } from '../support/build-dist.js';

const repo = resolve(import.meta.dirname, '../..');

function status(...args: string[]): string {
  const r = spawnSync(process.execPath, ['bin/hostconsole.js', 'status', ...args], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, HOSTCONSOLE_XAPI_SOCKET: '/nonexistent/hostconsole-test/xapi' },
  });
  if (r.status !== 0) throw new Error(`status ${args.join(' ')} exited ${String(r.status)}: ${r.stderr}`);
  return r.stdout;
}

interface Address {
  readonly address: string;
  readonly scope: string;
  readonly zone: string | null;
}

describe('hostconsole status: both URLs and link-local zones (built binary)', function () {
  this.timeout(60_000);

  before(function () {
    this.timeout(120_000);
    buildDist();
    if (!existsSync(join(repo, 'dist/src/cli/main.js'))) throw new Error('build failed');
  });

  it('default (dual stack, IPv4 primary): text and JSON list both URLs, the primary first; url is kept', () => {
    const text = status('--simulate', 'default');
    expect(text).to.include('Management: eth0, IPv4 primary — https://192.0.2.10/');
    expect(text).to.include('  URLs: https://192.0.2.10/ (primary), https://[2001:db8::10]/');
    const json = JSON.parse(status('--simulate', 'default', '--json')) as { management: { url: string; urls: unknown } };
    expect(json.management.url).to.equal('https://192.0.2.10/');
    expect(json.management.urls).to.deep.equal([
      { family: 'ipv4', url: 'https://192.0.2.10/', primary: true },
      { family: 'ipv6', url: 'https://[2001:db8::10]/', primary: false },
    ]);
  });

  it('ipv6-only: one URL, bracketed', () => {
    const json = JSON.parse(status('--simulate', 'ipv6-only', '--json')) as { management: { urls: unknown } };
    expect(json.management.urls).to.deep.equal([{ family: 'ipv6', url: 'https://[2001:db8::10]/', primary: true }]);
    expect(status('--simulate', 'ipv6-only')).not.to.include('URLs:');
  });

  it('dhcp (IPv6 autoconf): the link-local address with its zone, in text and JSON', () => {
    expect(status('--simulate', 'dhcp')).to.match(/fe80::[0-9a-f:]+%eth0\/64 \(link-local\)/);
    const json = JSON.parse(status('--simulate', 'dhcp', '--json')) as { interfaces: { name: string; ipv6: { addresses: Address[] } }[] };
    const eth0 = json.interfaces.find((i) => i.name === 'eth0');
    const linkLocal = eth0?.ipv6.addresses.find((a) => a.scope === 'link-local');
    expect(linkLocal?.zone).to.equal('eth0');
    expect(eth0?.ipv6.addresses.find((a) => a.scope === 'global')?.zone).to.equal(null);
  });
});
