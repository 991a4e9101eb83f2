import { expect } from 'chai';
import { variant } from '../../../src/backends/networkmanager/dbus-link.js';
import { withoutLegacyKeys } from '../../../src/backends/networkmanager/nm-snapshot.js';
import { settingsFromJson, settingsToJson, splitSignature, type SettingsDict } from '../../../src/backends/networkmanager/variant-json.js';

describe('networkmanager: settings ↔ JSON (snapshots)', () => {
  const settings: SettingsDict = {
    connection: { id: variant('s', 'eth0'), timestamp: variant('t', 18446744073709551615n), autoconnect: variant('b', true) },
    ipv4: { 'address-data': variant('aa{sv}', [{ address: variant('s', '192.0.2.10'), prefix: variant('u', 24) }]), dns: variant('au', [889323712]) },
    ipv6: { dns: variant('aay', [Buffer.from([0x20, 1, 0xd, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53])]), addresses: variant('a(ayuay)', [[Buffer.alloc(16), 64, Buffer.alloc(16)]]) },
  };

  it('splits signatures into complete types', () => {
    expect(splitSignature('sa{sv}(iu)aay')).to.deep.equal(['s', 'a{sv}', '(iu)', 'aay']);
  });

  it('round-trips through JSON text exactly: signatures, 64-bit integers, byte arrays, structs', () => {
    const json = JSON.parse(JSON.stringify(settingsToJson(settings)));
    const back = settingsFromJson(json);
    expect(back).to.deep.equal(settings);
    expect(back?.['connection']?.['timestamp']?.value).to.equal(18446744073709551615n);
  });

  it('rejects JSON that is not a settings dict', () => {
    expect(settingsFromJson(null)).to.equal(null);
    expect(settingsFromJson([1, 2])).to.equal(null);
  });

  it('withoutLegacyKeys drops addresses/routes only when the new key is there', () => {
    const s = withoutLegacyKeys({ ipv4: { addresses: variant('aau', []), 'address-data': variant('aa{sv}', []) }, ipv6: { addresses: variant('a(ayuay)', []) } });
    expect(Object.keys(s['ipv4'] ?? {})).to.deep.equal(['address-data']);
    expect(Object.keys(s['ipv6'] ?? {})).to.deep.equal(['addresses']);
  });
});
