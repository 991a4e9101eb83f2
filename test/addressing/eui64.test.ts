import { expect } from 'chai';
import { eui64LinkLocal } from '../../src/addressing/eui64.js';

describe('addressing/eui64', () => {
  it('forms the modified EUI-64 link-local address (RFC 4291 appendix A)', () => {
    expect(eui64LinkLocal('00:11:22:33:44:55')?.text).to.equal('fe80::211:22ff:fe33:4455');
    expect(eui64LinkLocal('A0:36:9F:12:37:70')?.text).to.equal('fe80::a236:9fff:fe12:3770');
    expect(eui64LinkLocal('02:00:00:00:00:01')?.text).to.equal('fe80::ff:fe00:1');
  });
  it('refuses what is not six hex bytes', () => {
    for (const mac of ['', '00:11:22:33:44', '00:11:22:33:44:5g', '0011.2233.4455']) expect(eui64LinkLocal(mac)).to.equal(null);
  });
});
