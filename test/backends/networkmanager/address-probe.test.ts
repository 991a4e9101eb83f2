import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseIfInet6, procAddressProbe } from '../../../src/backends/networkmanager/address-probe.js';

const TEXT = [
  '20010db8000100000000000000000010 02 40 00 c0    hc-h0',
  'fe800000000000000000000000000001 02 40 20 80    hc-h0',
  '20010db8000100000000000000000011 02 40 00 48    hc-h0',
  '00000000000000000000000000000001 01 80 10 80       lo',
].join('\n');

describe('networkmanager: kernel DAD probe (/proc/net/if_inet6)', () => {
  it('reads tentative (0x40), DAD-failed (0x08) and usable addresses of one interface, canonical', () => {
    const m = parseIfInet6(TEXT, 'hc-h0');
    expect(m && Object.fromEntries(m)).to.deep.equal({ '2001:db8:1::10': 'tentative', 'fe80::1': 'usable', '2001:db8:1::11': 'failed' });
  });

  it('says null for an interface it cannot see, and empty when the interface exists without IPv6', async () => {
    expect(parseIfInet6(TEXT, 'eth9')).to.equal(null);
    const dir = mkdtempSync(join(tmpdir(), 'hc-probe-'));
    try {
      writeFileSync(join(dir, 'if_inet6'), TEXT);
      mkdirSync(join(dir, 'net', 'eth1'), { recursive: true });
      const probe = procAddressProbe(join(dir, 'if_inet6'), join(dir, 'net'));
      expect(await probe.ipv6States('eth9')).to.equal(null);
      expect((await probe.ipv6States('eth1'))?.size).to.equal(0);
      expect((await probe.ipv6States('hc-h0'))?.get('2001:db8:1::10')).to.equal('tentative');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
