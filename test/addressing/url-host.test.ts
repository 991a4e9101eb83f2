import { expect } from 'chai';
import { hostUrl, urlHost } from '../../src/addressing/url-host.js';

describe('addressing/url-host', () => {
  const hosts: Array<[string, string]> = [
    ['2001:db8::10', '[2001:db8::10]'],
    ['2001:DB8:0:0::10', '[2001:db8::10]'],
    ['[2001:db8::10]', '[2001:db8::10]'],
    ['::1', '[::1]'],
    ['::ffff:192.0.2.1', '[::ffff:192.0.2.1]'],
    ['192.0.2.10', '192.0.2.10'],
    ['127.0.0.1', '127.0.0.1'],
    ['xcp-host1.example.com', 'xcp-host1.example.com'],
    ['localhost', 'localhost'],
  ];
  for (const [host, expected] of hosts) {
    it(`urlHost('${host}') is '${expected}'`, () => expect(urlHost(host)).to.equal(expected));
  }

  it('throws on a host with a colon that is not an IPv6 literal (a bug in the caller)', () => {
    expect(() => urlHost('example.com:443')).to.throw(RangeError, /not a host/);
    expect(() => urlHost('fe80::1%eth0')).to.throw(RangeError, /zone id/);
    expect(() => urlHost('[192.0.2.1]')).to.throw(RangeError);
  });

  const urls: Array<[string, Parameters<typeof hostUrl>[1], string]> = [
    ['2001:db8::10', undefined, 'https://[2001:db8::10]/'],
    ['192.0.2.10', undefined, 'https://192.0.2.10/'],
    ['2001:db8::10', { port: 8443 }, 'https://[2001:db8::10]:8443/'],
    ['192.0.2.10', { port: 443 }, 'https://192.0.2.10:443/'],
    ['::1', { scheme: 'http', port: 8080, path: '/jsonrpc' }, 'http://[::1]:8080/jsonrpc'],
    ['127.0.0.1', { scheme: 'http', path: 'RPC2' }, 'http://127.0.0.1/RPC2'],
    ['host.example', { path: '' }, 'https://host.example/'],
  ];
  for (const [host, opts, expected] of urls) {
    it(`hostUrl('${host}', ${JSON.stringify(opts)}) is ${expected}`, () => {
      expect(hostUrl(host, opts)).to.equal(expected);
      const parsed = new URL(expected);
      expect(parsed.hostname).to.equal(urlHost(host));
    });
  }

  it('throws on a port outside 1–65535', () => {
    expect(() => hostUrl('::1', { port: 0 })).to.throw(RangeError);
    expect(() => hostUrl('::1', { port: 65536 })).to.throw(RangeError);
    expect(() => hostUrl('::1', { port: 1.5 })).to.throw(RangeError);
  });
});
