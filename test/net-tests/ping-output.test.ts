/** interpretPing over outputs captured from Debian 12's iputils 20221126 (`ping -4|-6 -c 3 -i 0.2 -W 2 -n`) in namespaces. */
import { expect } from 'chai';
import { interpretPing, pingStatistics, type PingSettings } from '../../src/net-tests/ping-output.js';

const V4: PingSettings = { count: 3, waitSeconds: 2, family: 'ipv4', byName: false };
const V6: PingSettings = { ...V4, family: 'ipv6' };

const ANSWERED_V4 = `PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.019 ms
64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.028 ms
64 bytes from 127.0.0.1: icmp_seq=3 ttl=64 time=0.029 ms

--- 127.0.0.1 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 407ms
rtt min/avg/max/mdev = 0.019/0.025/0.029/0.004 ms
`;

const ANSWERED_LINK_LOCAL = `PING fe80::908c:35ff:fe89:d5d8%tnx0(fe80::908c:35ff:fe89:d5d8%tnx0) 56 data bytes
64 bytes from fe80::908c:35ff:fe89:d5d8%tnx0: icmp_seq=1 ttl=64 time=0.047 ms
64 bytes from fe80::908c:35ff:fe89:d5d8%tnx0: icmp_seq=3 ttl=64 time=0.048 ms

--- fe80::908c:35ff:fe89:d5d8%tnx0 ping statistics ---
3 packets transmitted, 2 received, 33.3333% packet loss, time 406ms
rtt min/avg/max/mdev = 0.047/0.047/0.048/0.000 ms
`;

const SILENT_V6 = `PING 2001:db8:5::9(2001:db8:5::9) 56 data bytes

--- 2001:db8:5::9 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 405ms

`;

const ROUTER_NO_ROUTE = `PING 2001:db8:9::9(2001:db8:9::9) 56 data bytes
From 2001:db8:5::1 icmp_seq=1 Destination unreachable: No route
From 2001:db8:5::1 icmp_seq=2 Destination unreachable: No route
From 2001:db8:5::1 icmp_seq=3 Destination unreachable: No route

--- 2001:db8:9::9 ping statistics ---
3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 404ms

`;

const HOST_UNREACHABLE = `PING 192.0.2.77 (192.0.2.77) 56(84) bytes of data.
From 192.0.2.10 icmp_seq=1 Destination Host Unreachable
From 192.0.2.10 icmp_seq=2 Destination Host Unreachable

--- 192.0.2.77 ping statistics ---
3 packets transmitted, 0 received, +2 errors, 100% packet loss, time 2040ms
`;

describe('ping output (iputils)', () => {
  it('answered: the average round trip, how many answered', () => {
    expect(interpretPing({ code: 0, stdout: ANSWERED_V4, stderr: '' }, V4)).to.deep.equal({ kind: 'answered', rttMs: 0.025, detail: '3 of 3 answered', addresses: [] });
    expect(interpretPing({ code: 0, stdout: ANSWERED_LINK_LOCAL, stderr: '' }, V6)).to.deep.include({ rttMs: 0.047, detail: '2 of 3 answered' });
  });

  it('a name: where ping sent it', () => {
    const out = ANSWERED_V4.replace('PING 127.0.0.1 (127.0.0.1)', 'PING localhost (127.0.0.1)');
    expect(interpretPing({ code: 0, stdout: out, stderr: '' }, { ...V4, byName: true })).to.deep.include({ detail: '3 of 3 answered at 127.0.0.1', addresses: ['127.0.0.1'] });
    expect(pingStatistics(ANSWERED_LINK_LOCAL).address).to.equal('fe80::908c:35ff:fe89:d5d8');
  });

  it('silence: timeout after the wait', () => {
    expect(interpretPing({ code: 1, stdout: SILENT_V6, stderr: '' }, V6)).to.deep.equal({ kind: 'no-answer', reason: 'timeout after 2 s (0 of 3 answered)' });
  });

  it('ICMP errors: who said what', () => {
    expect(interpretPing({ code: 1, stdout: ROUTER_NO_ROUTE, stderr: '' }, V6)).to.deep.equal({ kind: 'no-answer', reason: 'no route (reported by 2001:db8:5::1)' });
    expect(interpretPing({ code: 1, stdout: HOST_UNREACHABLE, stderr: '' }, V4)).to.deep.equal({
      kind: 'no-answer',
      reason: 'host unreachable (no neighbour answered) (reported by 192.0.2.10)',
    });
  });

  it('errors before sending, in our words', () => {
    const cases: [string, PingSettings, string][] = [
      ['ping: connect: Network is unreachable', V4, 'no route'],
      ['ping: connect: Network is unreachable', V6, 'no route'],
      ['ping: fe80::1%eth9: Name or service not known', V6, 'name not found'],
      ['ping: nonexistent.invalid: Temporary failure in name resolution', { ...V4, byName: true }, 'name lookup failed (no DNS server answered)'],
      ['ping: localhost: Address family for hostname not supported', { ...V6, byName: true }, 'name has no AAAA record'],
      ['ping: v6only.example: No address associated with hostname', { ...V4, byName: true }, 'name has no A record'],
      ['ping: SO_BINDTODEVICE tnx9: No such device', V4, 'no such interface on this host'],
      ['ping: connect: Cannot assign requested address', V6, 'no IPv6 address to send from'],
      ['ping: sendmsg: Operation not permitted', V4, "blocked by this host's firewall"],
    ];
    for (const [stderr, settings, reason] of cases) {
      expect(interpretPing({ code: 2, stdout: '', stderr: `${stderr}\n` }, settings), stderr).to.deep.equal({ kind: 'no-answer', reason });
    }
  });

  it('a user who may not ping: not tested, and why', () => {
    expect(interpretPing({ code: 2, stdout: '', stderr: 'ping: socket: Operation not permitted\n' }, V4)).to.deep.include({ kind: 'not-tested' });
  });

  it('an unknown message is passed on, without the program name', () => {
    expect(interpretPing({ code: 2, stdout: '', stderr: 'ping: something new happened\n' }, V4)).to.deep.equal({ kind: 'no-answer', reason: 'something new happened' });
    expect(interpretPing({ code: null, stdout: '', stderr: '' }, V4)).to.deep.equal({ kind: 'no-answer', reason: 'ping was stopped' });
  });
});
