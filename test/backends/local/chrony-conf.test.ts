import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chronySources, withChronyServers } from '../../../src/backends/local/chrony-conf.js';
import { parseChronycSources } from '../../../src/backends/local/chronyc-sources.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'chrony');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** XCP-ng 8.x ships a chrony.conf of this shape (server lines, then the usual directives). */
const CONF = `# Use public servers from the pool.ntp.org project.
server 0.example.pool.ntp.org iburst
server 1.example.pool.ntp.org iburst
#server 3.example.pool.ntp.org iburst
pool 2.debian.pool.ntp.org iburst maxsources 2

driftfile /var/lib/chrony/drift
makestep 1.0 3
rtcsync
`;

describe('chrony: configuration and chronyc output', () => {
  it('lists server and pool directives, not commented ones', () => {
    expect(chronySources(CONF)).to.deep.equal([
      { kind: 'server', host: '0.example.pool.ntp.org', options: ['iburst'] },
      { kind: 'server', host: '1.example.pool.ntp.org', options: ['iburst'] },
      { kind: 'pool', host: '2.debian.pool.ntp.org', options: ['iburst', 'maxsources', '2'] },
    ]);
  });

  it('replaces every source with the given servers where the first one was, keeping every other line', () => {
    const out = withChronyServers(CONF, ['2001:db8::123', '2001:db8::124', 'ntp.example.net']);
    expect(out).to.equal(`# Use public servers from the pool.ntp.org project.
server 2001:db8::123 iburst
server 2001:db8::124 iburst
server ntp.example.net iburst
#server 3.example.pool.ntp.org iburst

driftfile /var/lib/chrony/drift
makestep 1.0 3
rtcsync
`);
    expect(chronySources(out).map((s) => s.host)).to.deep.equal(['2001:db8::123', '2001:db8::124', 'ntp.example.net']);
    // idempotent
    expect(withChronyServers(out, ['2001:db8::123', '2001:db8::124', 'ntp.example.net'])).to.equal(out);
  });

  it('appends the servers to a file that has none', () => {
    expect(withChronyServers('driftfile /var/lib/chrony/drift\n', ['192.0.2.123'])).to.equal('driftfile /var/lib/chrony/drift\nserver 192.0.2.123 iburst\n');
  });

  it('parses real `chronyc -n sources` output (chrony 4.3): selected, not combined, unreachable', () => {
    expect(parseChronycSources(fixture('sources-n-chrony-4.3.txt'))).to.deep.equal([
      { server: '2001:db8::123', state: 'synced' },
      { server: '2001:db8::124', state: 'uncombined' },
      { server: '192.0.2.200', state: 'unreachable' },
    ]);
  });

  it('parses real `chronyc -c -n sources` output (chrony 4.3) the same way', () => {
    expect(parseChronycSources(fixture('sources-c-n-chrony-4.3.txt'))).to.deep.equal(parseChronycSources(fixture('sources-n-chrony-4.3.txt')));
  });

  it("parses the sample in xen-api's xapi_host_ntp.ml as xapi does", () => {
    expect(parseChronycSources(fixture('sources-c-xapi-comment.txt'))).to.deep.equal([
      { server: '10.62.16.11', state: 'uncombined' },
      { server: '17.253.14.123', state: 'unreachable' },
      { server: '104.40.149.189', state: 'unreachable' },
      { server: '10.71.56.11', state: 'synced' },
    ]);
  });

  it('maps every state symbol, leaves out peers and reference clocks, and ignores headers', () => {
    const out = ['^+,a', '^x b', '^~ c', '^! d', '=* peer', '#* PPS', 'MS Name/IP address', '=====', '^,+,192.0.2.1,2,6,377,1,0,0,0', '^,x,192.0.2.2,2,6,377,1,0,0,0', '^,~,192.0.2.3,2,6,377,1,0,0,0'].join('\n');
    expect(parseChronycSources(out)).to.deep.equal([
      { server: 'b', state: 'error' },
      { server: 'c', state: 'variable' },
      { server: 'd', state: 'unknown' },
      { server: '192.0.2.1', state: 'combined' },
      { server: '192.0.2.2', state: 'error' },
      { server: '192.0.2.3', state: 'variable' },
    ]);
  });
});
