import { expect } from 'chai';
import { checkHostname, xapiHostnameReason } from '../../src/addressing/hostname.js';

const label63 = 'a'.repeat(63);

describe('addressing/hostname', () => {
  const valid = ['xcp-host1', 'XCP-Host1', 'a', '1host', 'host.example.com', 'h-1.d-2.example', `${label63}.example`, 'host.example.c0m', `${label63}.${label63}.${label63}.${'b'.repeat(61)}`];
  for (const text of valid) {
    it(`accepts '${text.length > 40 ? `${text.slice(0, 20)}…(${text.length})` : text}' unchanged`, () => {
      expect(checkHostname(text)).to.deep.equal({ ok: true, value: text });
      expect(xapiHostnameReason(text)).to.equal(null);
    });
  }

  // [text, message fragment, xapi reason]
  const invalid: Array<[string, string, ReturnType<typeof xapiHostnameReason>]> = [
    ['', 'empty', 'hostname empty'],
    ['a'.repeat(256), 'is 256 characters long; at most 255', 'hostname is too long'],
    ['host_1', "contains '_'", 'hostname contains invalid characters'],
    ['host 1', 'contains a space', 'hostname contains invalid characters'],
    [' host', 'contains a space', 'hostname contains invalid characters'],
    ['hôte', "'ô' (U+00F4)", 'hostname contains invalid characters'],
    ['-host', "label 1 ('-host') of '-host' starts with a hyphen", 'hostname contains invalid characters'],
    ['host-', 'ends with a hyphen', 'hostname contains invalid characters'],
    ['a.-b.c', "label 2 ('-b')", null],
    ['a.b-.c', "label 2 ('b-') of 'a.b-.c' ends with a hyphen", null],
    ['.host', 'starts with a dot', null],
    ['host.', 'ends with a dot', null],
    ['a..b', 'two dots in a row', null],
    [`${'a'.repeat(64)}.example`, 'label 1 of', null],
    [`x.${'a'.repeat(64)}`, 'is 64 characters long; a label has at most 63', null],
    ['192.0.2.1', "ends with an all-numeric label ('1')", null],
    ['host.123', 'all-numeric', null],
    ['1234', 'all-numeric', null],
    ['host:1', "contains ':'", 'hostname contains invalid characters'],
    ['2001:db8::1', "contains ':'", 'hostname contains invalid characters'],
  ];
  for (const [text, fragment, reason] of invalid) {
    it(`rejects '${text.length > 40 ? `${text.slice(0, 20)}…(${text.length})` : text}' saying "${fragment}" (xapi: ${reason ?? 'accepts'})`, () => {
      const r = checkHostname(text);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error).to.include({ field: 'Hostname', input: text });
      expect(r.error.message).to.include(fragment);
      expect(xapiHostnameReason(text)).to.equal(reason);
    });
  }

  it('xapi checks length before characters and allows 255', () => {
    expect(xapiHostnameReason('a'.repeat(255))).to.equal(null);
    expect(xapiHostnameReason('_'.repeat(256))).to.equal('hostname is too long');
  });
});
