/**
 * Test network against real targets (shared/netlab/nm-netns.sh): `hostconsole test-network --nm` runs inside the
 * hc-host namespace, so iputils ping and the DNS queries leave from the host NetworkManager configures. The router
 * namespace answers ping on both families (its link-local address is the IPv6 gateway the RAs announce); this test
 * starts a DNS server there (dnsmasq, on the 192.0.2.53 and 2001:db8:1::53 the network hands out) for A and AAAA.
 * The resolver read is the resolv.conf NetworkManager writes in the lab ($HOSTCONSOLE_RESOLV_CONF).
 * Skips loudly when the lab cannot run; on CI (CI=true) that is a failure.
 */
import { expect } from 'chai';
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { IFACE, eventually, hostconsole, lab, labBus, labDownSync, labStateDir, resolvConf, whyLabCannotRun } from './netlab.js';

const run = promisify(execFile);
const ROUTER_NS = 'hc-router';
const ROUTER_IF = 'hc-r0';
/** The router's link-local address (EUI-64 of the lab's fixed MAC 02:00:00:00:01:01). */
const ROUTER_LL = 'fe80::ff:fe00:101';
const DNS4 = '192.0.2.53';
const DNS6 = '2001:db8:1::53';

interface Report {
  schema: string;
  from: string;
  ok: boolean;
  elapsedMs: number;
  results: { id: string; target: string; family: string; status: string; rttMs: number | null; reason: string | null; addresses: string[] }[];
}

describe('integration: Test network from a NetworkManager host (nm-netns lab)', function () {
  this.timeout(180_000);
  let bus = '';
  let labUp = false;
  let dns: ChildProcess | null = null;
  let env: NodeJS.ProcessEnv = {};

  async function nmcli(...args: string[]): Promise<string> {
    return (await run('nmcli', args, { env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: bus } })).stdout;
  }

  async function testNetwork(...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
    const r = await hostconsole(['test-network', '--nm', '--json', ...args], env);
    let report: Report;
    try {
      report = JSON.parse(r.stdout) as Report;
    } catch {
      throw new Error(`test-network printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
    return { code: r.code, report, stderr: r.stderr };
  }

  function result(report: Report, id: string): Report['results'][number] {
    const found = report.results.find((x) => x.id === id);
    if (found === undefined) throw new Error(`no result ${id} in ${JSON.stringify(report.results.map((x) => x.id))}`);
    return found;
  }

  before(async function () {
    const why = whyLabCannotRun() ?? (spawnSync('sh', ['-c', 'command -v ping']).status === 0 ? null : 'ping (iputils-ping) is missing: run nm-netns.sh install');
    if (why !== null) {
      const line = `Test network integration suite cannot run here: ${why}.`;
      if (process.env['CI'] === 'true') throw new Error(`${line} On CI this is a failure: .ci/run installs the lab (nm-netns.sh install) and runs as root.`);
      console.error(`\n  *** SKIPPED: ${line} ***\n`);
      this.skip();
    }
    await lab('up');
    labUp = true;
    bus = await labBus();
    env = { DBUS_SYSTEM_BUS_ADDRESS: bus, HOSTCONSOLE_RESOLV_CONF: join(labStateDir(bus), 'nm-run', 'resolv.conf') };

    // The router also serves DNS: its addresses for the servers the network hands out, and dnsmasq answering them.
    await run('ip', ['-n', ROUTER_NS, 'addr', 'add', `${DNS4}/24`, 'dev', ROUTER_IF]);
    await run('ip', ['-n', ROUTER_NS, 'addr', 'add', `${DNS6}/64`, 'dev', ROUTER_IF, 'nodad']);
    dns = spawn(
      'ip',
      [
        'netns', 'exec', ROUTER_NS, 'dnsmasq', '--no-daemon', '--conf-file=/dev/null', '--port=53', '--bind-interfaces',
        `--listen-address=${DNS4}`, `--listen-address=${DNS6}`, '--no-resolv', '--no-hosts', '--local=/test.example/',
        '--host-record=xcp-lab.test.example,192.0.2.80,2001:db8:1::80', '--host-record=v4only.test.example,192.0.2.81',
        '--user=root', '--group=root',
      ],
      { stdio: 'ignore' },
    );

    // The host: IPv4 static with the router as gateway and DNS, IPv6 from the router's advertisements (SLAAC + RDNSS:
    // the default route is the router's link-local address).
    await nmcli('connection', 'add', 'type', 'ethernet', 'ifname', IFACE, 'con-name', 'hc-tn', 'autoconnect', 'no',
      'ipv4.method', 'manual', 'ipv4.addresses', '192.0.2.10/24', 'ipv4.gateway', '192.0.2.1', 'ipv4.dns', DNS4,
      'ipv6.method', 'auto', 'ipv6.addr-gen-mode', 'eui64');
    await nmcli('-w', '30', 'connection', 'up', 'hc-tn');
    const ready = await eventually(async () => {
      const route = (await run('ip', ['-n', 'hc-host', '-6', 'route', 'show', 'default'])).stdout;
      return route.includes(`via ${ROUTER_LL}`) && resolvConf(bus).includes(DNS6);
    }, 30_000);
    if (!ready) throw new Error(`the lab host got no IPv6 default route / RDNSS: ${resolvConf(bus)}`);
  });

  after(async function () {
    if (dns !== null && dns.pid !== undefined && dns.exitCode === null) {
      const exited = new Promise((r) => dns?.once('exit', r));
      dns.kill('SIGTERM');
      await exited;
    }
    if (labUp) labDownSync();
  });

  it('the default set: both gateways (the IPv6 one link-local, through its interface) and both DNS servers answer with round-trip times; A and AAAA resolve', async () => {
    const { code, report, stderr } = await testNetwork('--name', 'xcp-lab.test.example');
    expect(report.schema).to.equal('hostconsole.test-network/1');
    expect(report.from).to.equal('this-host');
    const gw6 = result(report, 'gateway-ipv6');
    expect(gw6, JSON.stringify(report.results)).to.deep.include({ target: `${ROUTER_LL}%${IFACE}`, family: 'ipv6', status: 'answered', reason: null });
    expect(gw6.rttMs).to.be.a('number').and.be.greaterThan(0);
    const gw4 = result(report, 'gateway-ipv4');
    expect(gw4).to.deep.include({ target: '192.0.2.1', status: 'answered' });
    expect(gw4.rttMs).to.be.a('number').and.be.greaterThan(0);
    for (const id of ['loopback-ipv4', 'loopback-ipv6', `dns-${DNS4}`, `dns-${DNS6}`]) expect(result(report, id).status, id).to.equal('answered');
    expect(result(report, 'name-ipv4')).to.deep.include({ status: 'answered', addresses: ['192.0.2.80'] });
    expect(result(report, 'name-ipv6')).to.deep.include({ status: 'answered', addresses: ['2001:db8:1::80'] });
    // NetworkManager hosts run no management service hostconsole can probe: not tested, which does not fail the run.
    for (const r of report.results.filter((x) => x.id.startsWith('management-'))) expect(r.status).to.equal('not-tested');
    expect(code, stderr).to.equal(0);
    expect(report.elapsedMs).to.be.lessThan(10_000);
    console.log(`      IPv6 gateway ${gw6.target} answered in ${gw6.rttMs} ms, IPv4 gateway in ${gw4.rttMs} ms; ${report.results.length} tests in ${report.elapsedMs} ms`);
  });

  it('a name with no AAAA record, and the default name (the host\'s own, unknown to this DNS): each says why', async () => {
    const { code, report } = await testNetwork('--name', 'v4only.test.example');
    expect(result(report, 'name-ipv4')).to.deep.include({ status: 'answered', addresses: ['192.0.2.81'] });
    expect(result(report, 'name-ipv6')).to.deep.include({ status: 'no-answer', reason: 'name has no AAAA record' });
    expect(code).to.equal(1);
    const byDefault = await testNetwork();
    expect(result(byDefault.report, 'name-ipv6')).to.deep.include({ status: 'no-answer', reason: 'name not found' });
  });

  it('custom targets: the router by link-local address answers; bogus ones do not and say why within the bound', async () => {
    const { code, report } = await testNetwork('--target', ROUTER_LL, '--target', '192.0.2.99', '--target', '2001:db8:99::1', '--target', 'nowhere.test.example');
    expect(result(report, 'target-1-ipv6')).to.deep.include({ target: `${ROUTER_LL}%${IFACE}`, status: 'answered' });
    const silent = result(report, 'target-2-ipv4');
    expect(silent.status).to.equal('no-answer');
    expect(silent.reason).to.match(/^(timeout after 2 s \(0 of 3 answered\)|host unreachable)/);
    const offLink = result(report, 'target-3-ipv6');
    expect(offLink).to.deep.include({ status: 'no-answer' });
    expect(offLink.reason).to.match(/no route|timeout after 2 s/);
    expect(result(report, 'target-4-ipv4')).to.deep.include({ status: 'no-answer', reason: 'name not found' });
    expect(code).to.equal(1);
    expect(report.elapsedMs).to.be.lessThan(10_000);
  });
});
