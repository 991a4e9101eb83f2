import { expect } from 'chai';
import fc from 'fast-check';
import { compareNatural } from '../../../src/backends/xapi/natural-order.js';

describe('xapi: natural order of device and storage names (no ICU collator)', () => {
  it('orders numbers by value and text case-insensitively', () => {
    const names = ['eth10', 'eth2', 'bond0', 'eth0', 'Eth1', 'xenbr0', 'eth02', 'NFS 10', 'nfs 2', 'eth2.100', 'eth2.20'];
    expect([...names].sort(compareNatural)).to.deep.equal(['bond0', 'eth0', 'Eth1', 'eth2', 'eth02', 'eth2.20', 'eth2.100', 'eth10', 'nfs 2', 'NFS 10', 'xenbr0']);
  });

  it('is a total order consistent with localeCompare(…, "en", {numeric: true}) on ASCII device names', () => {
    const device = fc.tuple(fc.constantFrom('eth', 'bond', 'xenbr', 'em', 'p'), fc.nat(40), fc.option(fc.nat(4094), { nil: undefined }));
    fc.assert(
      fc.property(device, device, ([p1, n1, v1], [p2, n2, v2]) => {
        const a = `${p1}${n1}${v1 === undefined ? '' : `.${v1}`}`;
        const b = `${p2}${n2}${v2 === undefined ? '' : `.${v2}`}`;
        expect(Math.sign(compareNatural(a, b))).to.equal(Math.sign(a.localeCompare(b, 'en', { numeric: true })));
        expect(Math.sign(compareNatural(a, b))).to.equal(-Math.sign(compareNatural(b, a)));
      }),
    );
  });
});
