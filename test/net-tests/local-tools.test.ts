/**
 * The local tools on this machine: only loopback targets here (tests send nothing off the machine); real targets,
 * DNS servers and names are tested in the netlab (test/integration/net-tests.test.ts).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalNetTools } from '../../src/net-tests/local-tools.js';

describe('local network tools (this machine, loopback only)', function () {
  this.timeout(20_000);
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'local-tools-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const hasPing = createLocalNetTools().ping({ host: '127.0.0.1', family: 'ipv4', zone: null }).then((o) => o.kind !== 'not-tested');

  it('pings both loopbacks with iputils and reads the round trip', async function () {
    if (!(await hasPing)) {
      if (process.env['CI'] === 'true') throw new Error('ping (iputils-ping) is missing on CI');
      this.skip();
    }
    const tools = createLocalNetTools();
    for (const [host, family] of [['127.0.0.1', 'ipv4'], ['::1', 'ipv6']] as const) {
      const r = await tools.ping({ host, family, zone: null });
      expect(r.kind, host).to.equal('answered');
      if (r.kind === 'answered') {
        expect(r.rttMs).to.be.a('number').and.be.greaterThan(0);
        expect(r.detail).to.equal('3 of 3 answered');
      }
    }
  });

  it('a missing ping is "not tested", saying which package', async () => {
    const r = await createLocalNetTools({ pingCommand: join(dir, 'no-such-ping') }).ping({ host: '127.0.0.1', family: 'ipv4', zone: null });
    expect(r).to.deep.equal({ kind: 'not-tested', reason: 'ping is not installed on this host (package iputils / iputils-ping)' });
    if (await hasPing) {
      // Not on $PATH (a service's bare environment): found in /usr/bin or /bin all the same.
      const r2 = await createLocalNetTools({ env: { PATH: dir } }).ping({ host: '127.0.0.1', family: 'ipv4', zone: null });
      expect(r2.kind).to.equal('answered');
    }
  });

  it('an iputils without -4/-6 is retried as ping / ping6', async () => {
    const fake = join(dir, 'ping');
    writeFileSync(fake, `#!/bin/sh\ncase "$1" in -4|-6) echo "ping: invalid option -- '\${1#-}'" >&2; exit 2;; esac\necho "PING x (127.0.0.1) 56(84) bytes of data."\necho "3 packets transmitted, 3 received, 0% packet loss, time 2ms"\necho "rtt min/avg/max/mdev = 0.010/0.020/0.030/0.001 ms"\n`, { mode: 0o755 });
    const r = await createLocalNetTools({ pingCommand: fake }).ping({ host: '127.0.0.1', family: 'ipv4', zone: null });
    expect(r).to.deep.include({ kind: 'answered', rttMs: 0.02 });
  });

  it('resolv.conf: read from the configured path; a missing one and an empty one say so', async () => {
    const conf = join(dir, 'resolv.conf');
    writeFileSync(conf, 'search example.test\nnameserver 127.0.0.1\n');
    expect(await createLocalNetTools({ resolvConf: conf }).resolverConfig()).to.deep.equal({ ok: true, value: { source: conf, nameservers: ['127.0.0.1'], search: ['example.test'] } });
    expect(await createLocalNetTools({ env: { HOSTCONSOLE_RESOLV_CONF: conf } }).resolverConfig()).to.deep.include({ ok: true });
    const missing = await createLocalNetTools({ resolvConf: join(dir, 'nope') }).resolverConfig();
    expect(missing).to.deep.equal({ ok: false, reason: `${join(dir, 'nope')} does not exist` });
    writeFileSync(conf, '# nothing\n');
    expect(await createLocalNetTools({ resolvConf: conf }).lookup({ name: 'x', family: 'ipv6' })).to.deep.equal({ kind: 'no-answer', reason: `no nameserver in ${conf}` });
  });

  it('no DNS server on 127.0.0.1 / ::1 (nothing listens on port 53 here): no answer, and why', async () => {
    const conf = join(dir, 'resolv.conf');
    writeFileSync(conf, 'nameserver 127.0.0.1\nnameserver ::1\n');
    const tools = createLocalNetTools({ resolvConf: conf, dnsTimeoutMs: 500 });
    expect(await tools.queryDns({ server: '::1', name: 'example.test' })).to.deep.equal({ kind: 'no-answer', reason: 'no answer (connection refused, or no route)' });
    expect(await tools.lookup({ name: 'example.test', family: 'ipv6' })).to.deep.equal({ kind: 'no-answer', reason: 'no DNS server answered (connection refused, or no route)' });
  });
});
