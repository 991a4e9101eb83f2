import { expect } from 'chai';
import { findInterface } from '../../src/model/index.js';
import { bondText, interfaceDetail, interfaceLine, interfaceTable, managementChoiceLine, managementRefusal } from '../../src/presentation/interface-view.js';
import { dualState } from '../model/builders.js';

const state = dualState();
const get = (id: string) => {
  const i = findInterface(state, id);
  if (i === undefined) throw new Error(id);
  return i;
};

describe('presentation/interface-view', () => {
  const LINES = [
    ['eth0', 'eth0: link up, 1 Gb/s; IPv4 Static, IPv6 Static; management', 'eth0: connected, 1 Gb/s, current'],
    ['eth1', 'eth1: link up, 1 Gb/s; IPv4 None, IPv6 None', 'eth1: connected, 1 Gb/s'],
    ['eth2', 'eth2: no link; IPv4 None, IPv6 None', 'eth2: no link (cannot be chosen)'],
    ['eth3', 'eth3: link up, 1 Gb/s; member of bond0', 'eth3: member of bond0 (cannot be chosen)'],
    ['bond0', 'bond0: link up, 1 Gb/s; IPv4 None, IPv6 None; bond of eth3', 'bond0: connected, 1 Gb/s, bond of eth3'],
  ] as const;
  for (const [id, line, choice] of LINES) {
    it(`${id}: list line and management choice line`, () => {
      expect(interfaceLine(get(id), state)).to.equal(line);
      expect(managementChoiceLine(get(id), state)).to.equal(choice);
    });
  }

  it('refuses a bond member (naming the bond) and an interface without carrier; accepts the rest', () => {
    expect(managementRefusal(get('eth3'), state)).to.match(/^eth3 is a member of bond0: .* Choose bond0/);
    expect(managementRefusal(get('eth2'), state)).to.match(/^eth2 has no link \(no carrier\)/);
    expect(managementRefusal(get('eth1'), state)).to.equal(null);
    expect(managementRefusal(get('eth0'), state)).to.equal(null);
  });

  it('bond text', () => {
    expect(bondText(get('eth3'), state)).to.equal('member of bond0');
    expect(bondText(get('bond0'), state)).to.equal('bond of eth3');
    expect(bondText(get('eth1'), state)).to.equal('');
  });

  it('detail: device, VLAN, bond, MAC, carrier, speed, management and both families', () => {
    const detail = interfaceDetail(get('eth0'), state);
    expect(detail.title).to.equal('Interface eth0');
    const rows = detail.blocks.flatMap((b) => (b.kind === 'key-value' ? b.rows : []));
    expect(rows.map((r) => r.key)).to.deep.equal(['Device', 'VLAN', 'Bond', 'MTU', 'MAC', 'Hardware', 'Carrier', 'Speed', 'Management', 'IPv4', 'IPv4 gateway', 'IPv6', '', 'IPv6 gateway']);
    expect(rows.find((r) => r.key === 'Management')?.value).to.equal('yes, IPv4 primary');
  });

  it('table rows', () => {
    expect(interfaceTable(state).rows[3]).to.deep.equal(['eth3', '1 Gb/s', '-', '-', 'member of bond0']);
  });
});
