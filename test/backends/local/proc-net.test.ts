import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDevSnmp6, parseProcNetDev } from '../../../src/backends/local/proc-net-dev.js';
import { parseProcNetTcp } from '../../../src/backends/local/proc-net-tcp.js';
import { kernelDevice, ProcTrafficSource } from '../../../src/backends/local/proc-traffic-source.js';
import { hostState, iface } from '../../model/builders.js';

// Captured from a real kernel by test/fixtures/proc-net/capture.sh (x86_64, little-endian; kernel in kernel.txt).
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/proc-net/${name}`, import.meta.url), 'utf8');

describe('backends/local: /proc/net parsers on text captured from a real kernel', () => {
  it('/proc/net/dev: every interface, a dotted name touching its colon and a name with an @ included', () => {
    const dev = parseProcNetDev(fixture('dev.txt'));
    expect([...dev.keys()]).to.deep.equal(['lo', 'vcap.20', 'vcap@x']);
    // vcap@x carried only the 4 pings over IPv6 (and the neighbour discovery around them).
    expect(dev.get('vcap@x')?.rx.packets).to.be.at.least(4);
    const at = parseDevSnmp6(fixture('dev_snmp6-vcap@x.txt'));
    expect(at?.rx.packets).to.be.at.least(4);
    expect(at?.rx.bytes).to.be.at.most(dev.get('vcap@x')?.rx.bytes ?? 0);
    const vcap = dev.get('vcap.20');
    expect(vcap?.rx.bytes).to.be.greaterThan(0);
    expect(vcap?.rx.packets).to.be.greaterThan(0);
    expect(vcap?.tx.packets).to.be.greaterThan(0);
  });

  it('/proc/net/dev: header lines and garbage are skipped', () => {
    expect(parseProcNetDev('Inter-|   Receive\n face |bytes\nnot a line\neth0: 1 2 3\n').size).to.equal(0);
    expect(parseProcNetDev('eth0: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n').get('eth0')).to.deep.equal({ rx: { bytes: 1, packets: 2 }, tx: { bytes: 3, packets: 4 } });
  });

  it('dev_snmp6: IPv6 octets and packets; out packets from Ip6OutTransmits or requests + forwarded', () => {
    const v6 = parseDevSnmp6(fixture('dev_snmp6-vcap.20.txt'));
    expect(v6).to.not.equal(null);
    // The peer pinged 5 times over IPv6 and sent 3000 bytes over an IPv6 TCP connection: IPv6 is most of what came in.
    expect(v6?.rx.packets).to.be.at.least(5);
    expect(v6?.rx.bytes).to.be.greaterThan(3000);
    const total = parseProcNetDev(fixture('dev.txt')).get('vcap.20');
    expect(v6?.rx.bytes).to.be.lessThan(total?.rx.bytes ?? 0);
    expect(parseDevSnmp6('Ip6InReceives 5\nIp6InOctets 500\nIp6OutOctets 300\nIp6OutRequests 3\nIp6OutForwDatagrams 1\n')).to.deep.equal({
      rx: { bytes: 500, packets: 5 },
      tx: { bytes: 300, packets: 4 },
    });
    expect(parseDevSnmp6('Icmp6InMsgs 3\n')).to.equal(null);
  });

  it('tcp6: the dual-stack listener, a real IPv6 peer and an IPv4 peer seen through an IPv4-mapped address', () => {
    const sockets = parseProcNetTcp(fixture('tcp6.txt'), 'ipv6', 'LE');
    const listen = sockets.find((s) => s.state === 'listen');
    expect(listen).to.include({ local: '::', localPort: 8443 });
    const established = sockets.filter((s) => s.state === 'established');
    expect(established.map((s) => [s.peer, s.peerFamily, s.localPort, s.local])).to.have.deep.members([
      ['2001:db8::50', 'ipv6', 8443, '2001:db8::10'],
      // ::ffff:192.0.2.50 in the table: an IPv4 client of the dual-stack listener.
      ['192.0.2.50', 'ipv4', 8443, '192.0.2.10'],
    ]);
  });

  it('tcp: the outgoing IPv4 connection to port 2049', () => {
    const sockets = parseProcNetTcp(fixture('tcp.txt'), 'ipv4', 'LE');
    expect(sockets).to.have.length(1);
    expect(sockets[0]).to.deep.include({ local: '192.0.2.10', peer: '192.0.2.50', peerPort: 2049, peerFamily: 'ipv4', state: 'established', table: 'ipv4' });
  });

  it('a big-endian machine prints words in network order', () => {
    const line = '   0: C000020A:01BB 00000000000000000000FFFFC0000232:9C40 01 0 0 0 0 0 0\n';
    expect(parseProcNetTcp(line, 'ipv4', 'BE')).to.have.length(0); // peer of the wrong table length is skipped
    const v6 = '   0: 20010DB8000000000000000000000010:01BB 00000000000000000000FFFFC0000232:9C40 01 0 0\n';
    expect(parseProcNetTcp(v6, 'ipv6', 'BE')[0]).to.deep.include({ local: '2001:db8::10', localPort: 443, peer: '192.0.2.50', peerFamily: 'ipv4' });
  });

  it('kernelDevice: the device holding the IPv6 address, else xenbrN for ethN, else the device (with its VLAN)', () => {
    const eth0 = iface('eth0', { ipv6: { mode: 'static', addresses: [{ address: '2001:db8::10', prefix: 64, scope: 'global' }], gateway: null } });
    const ifInet6 = '20010db8000000000000000000000010 03 40 00 80  xenbr0\nfe800000000000000000000000000001 02 40 20 80     eth1\n';
    expect(kernelDevice(eth0, ifInet6, new Set(['eth0', 'xenbr0']))).to.equal('xenbr0');
    const noV6 = iface('eth0');
    expect(kernelDevice(noV6, ifInet6, new Set(['eth0', 'xenbr0']))).to.equal('xenbr0');
    expect(kernelDevice(noV6, null, new Set(['eth0']))).to.equal('eth0');
    expect(kernelDevice(iface('bond0.20', { device: 'bond0', vlan: 20 }), null, new Set())).to.equal('bond0.20');
    // The captured if_inet6: the device with an '@' in its name holds 2001:db8:1::10, the dotted one 2001:db8::10.
    const captured = fixture('if_inet6.txt');
    const at = iface('pif-at', { ipv6: { mode: 'static', addresses: [{ address: '2001:db8:1::10', prefix: 64, scope: 'global' }], gateway: null } });
    expect(kernelDevice(at, captured, new Set(['vcap.20', 'vcap@x']))).to.equal('vcap@x');
    expect(kernelDevice(eth0, captured, new Set(['vcap.20', 'vcap@x']))).to.equal('vcap.20');
  });

  it('ProcTrafficSource reads a /proc tree and says what is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hc-proc-'));
    mkdirSync(join(root, 'net', 'dev_snmp6'), { recursive: true });
    writeFileSync(join(root, 'net', 'dev'), fixture('dev.txt'));
    writeFileSync(join(root, 'net', 'tcp'), fixture('tcp.txt'));
    writeFileSync(join(root, 'net', 'tcp6'), fixture('tcp6.txt'));
    const state = hostState({ interfaces: [iface('pif-1', { device: 'vcap.20' })] });
    const source = new ProcTrafficSource(root, () => 1000, 'LE');
    const first = await source.sample(state, 'pif-1');
    expect(first.ok).to.equal(true);
    if (!first.ok) return;
    expect(first.value.total).to.not.equal(null);
    expect(first.value.ipv6).to.equal(null);
    expect(first.value.missing.join(' ')).to.match(/IPv6 counters: the kernel keeps none for vcap\.20/);
    expect(first.value.sockets).to.have.length(4);
    writeFileSync(join(root, 'net', 'dev_snmp6', 'vcap.20'), fixture('dev_snmp6-vcap.20.txt'));
    const second = await source.sample(state, 'pif-1');
    expect(second.ok && second.value.ipv6 !== null && second.value.missing.length === 0).to.equal(true);
    expect((await source.sample(state, 'nope')).ok).to.equal(false);
  });
});
