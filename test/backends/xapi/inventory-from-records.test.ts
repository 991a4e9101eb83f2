/** xapi records → inventory summaries: guest addresses, storage servers of every form, hardware. */
import { expect } from 'chai';
import { storageServer, vmSummaries, type InventoryRecords } from '../../../src/backends/xapi/inventory-from-records.js';
import { serverFamily, unreachableServers } from '../../../src/presentation/inventory-view.js';

const empty = new Map();

describe('xapi adapter: inventory from records', () => {
  it('storage servers from device_config: server, target, location with a bracketed IPv6 host, a name', () => {
    expect(storageServer({ server: '192.0.2.5', serverpath: '/x' })).to.equal('192.0.2.5');
    expect(storageServer({ target: '2001:db8::7', targetIQN: 'iqn.x' })).to.equal('2001:db8::7');
    expect(storageServer({ location: '[2001:db8::6]:/export/iso' })).to.equal('2001:db8::6');
    expect(storageServer({ location: '192.0.2.6:/export/iso' })).to.equal('192.0.2.6');
    expect(storageServer({ location: '//nas.example.test/share' })).to.equal('nas.example.test');
    expect(storageServer({ device: '/dev/sda3' })).to.equal(null);
    expect(serverFamily('2001:db8::6')).to.equal('IPv6');
    expect(serverFamily('nas.example.test')).to.equal('name');
  });

  it('VMs: templates, snapshots and control domains left out; guest addresses canonical, both families, no duplicates', () => {
    const records: InventoryRecords = {
      host: new Map([['OpaqueRef:h', { name_label: 'xcp-ng-01' }]]),
      host_metrics: empty,
      host_cpu: empty,
      VM_guest_metrics: new Map([['OpaqueRef:g', { networks: { '0/ip': '192.0.2.101', '0/ipv4/0': '192.0.2.101', '0/ipv6/0': '2001:DB8:0::101', '1/ipv6/0': 'fe80::1', '0/ipv6/1': 'garbage' } }]]),
      VM: new Map([
        ['OpaqueRef:v', { uuid: 'u1', name_label: 'web', power_state: 'Running', resident_on: 'OpaqueRef:h', guest_metrics: 'OpaqueRef:g' }],
        ['OpaqueRef:t', { uuid: 'u2', name_label: 'tmpl', is_a_template: true }],
        ['OpaqueRef:d', { uuid: 'u3', name_label: 'dom0', is_control_domain: true }],
        ['OpaqueRef:x', { uuid: 'u4', name_label: 'off', power_state: 'Halted', resident_on: 'OpaqueRef:NULL', guest_metrics: 'OpaqueRef:NULL' }],
      ]),
      SR: empty,
      PBD: empty,
    };
    expect(vmSummaries(records)).to.deep.equal([
      { id: 'u4', name: 'off', powerState: 'Halted', residentOn: null, ipv4: [], ipv6: [], guestAgent: false },
      { id: 'u1', name: 'web', powerState: 'Running', residentOn: 'xcp-ng-01', ipv4: ['192.0.2.101'], ipv6: ['2001:db8::101', 'fe80::1'], guestAgent: true },
    ]);
  });

  it('flags the servers of a family the host has no address of (and names never)', () => {
    const sr = (id: string, server: string | null) => ({ id, name: id, type: 'nfs', shared: true, physicalSize: 0, physicalUtilisation: 0, server });
    const srs = [sr('v4', '192.0.2.5'), sr('v6', '2001:db8::5'), sr('name', 'nas.example'), sr('local', null)];
    const iface = (ipv4: boolean, ipv6: boolean) => ({
      ipv4: { addresses: ipv4 ? [{ address: '192.0.2.10', prefix: 24, scope: 'global' }] : [] },
      ipv6: { addresses: ipv6 ? [{ address: '2001:db8::10', prefix: 64, scope: 'global' }] : [{ address: 'fe80::1', prefix: 64, scope: 'link-local' }] },
    });
    const state = (ipv4: boolean, ipv6: boolean) => ({ interfaces: [iface(ipv4, ipv6)] }) as unknown as Parameters<typeof unreachableServers>[1];
    expect(unreachableServers(srs, state(false, true)).map((s) => s.id)).to.deep.equal(['v4']);
    expect(unreachableServers(srs, state(true, false)).map((s) => s.id)).to.deep.equal(['v6']);
    expect(unreachableServers(srs, state(true, true))).to.deep.equal([]);
  });
});
