import { expect } from 'chai';
import { formatListenSpec, listScenarios, parseListenSpec } from '../../../src/backends/simulator/index.js';

describe('simulator: listen specs and scenarios', () => {
  it('parses unix:, tcp:HOST:PORT and tcp:[IPv6]:PORT', () => {
    expect(parseListenSpec('unix:/tmp/x.sock')).to.deep.equal({ ok: true, value: { kind: 'unix', path: '/tmp/x.sock' } });
    expect(parseListenSpec('tcp:127.0.0.1:8080')).to.deep.equal({ ok: true, value: { kind: 'tcp', host: '127.0.0.1', port: 8080 } });
    expect(parseListenSpec('tcp:[::1]:0')).to.deep.equal({ ok: true, value: { kind: 'tcp', host: '::1', port: 0 } });
  });

  it('refuses the rest with a sentence', () => {
    for (const bad of ['unix:', 'tcp:::1:80', 'tcp:127.0.0.1', 'tcp:127.0.0.1:70000', 'http://x', 'tcp:[nope]:80']) {
      const r = parseListenSpec(bad);
      expect(r.ok, bad).to.equal(false);
    }
  });

  it('formats back', () => {
    expect(formatListenSpec({ kind: 'tcp', host: '::1', port: 5 })).to.equal('tcp:[::1]:5');
    expect(formatListenSpec({ kind: 'unix', path: '/a' })).to.equal('unix:/a');
  });

  it('lists the built-in scenarios', () => {
    expect(listScenarios()).to.include.members(['default', 'ipv6-only', 'bond-vlan', 'pool', 'dhcp']);
  });
});
