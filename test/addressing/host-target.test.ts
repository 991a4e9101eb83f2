import { expect } from 'chai';
import fc from 'fast-check';
import { hostTargetText, parseHostTarget } from '../../src/addressing/index.js';

function text(input: string): string {
  const r = parseHostTarget(input);
  if (!r.ok) throw new Error(r.error.message);
  return hostTargetText(r.value);
}

function problem(input: string): string {
  const r = parseHostTarget(input);
  if (r.ok) throw new Error(`'${input}' was accepted`);
  expect(r.error.field).to.equal('Target');
  return r.error.message;
}

describe('parseHostTarget (Test network targets)', () => {
  it('reads IPv4, IPv6 (canonical, brackets tolerated) and names', () => {
    expect(text('192.0.2.1')).to.equal('192.0.2.1');
    expect(text('2001:DB8:0::1')).to.equal('2001:db8::1');
    expect(text('[2001:db8::1]')).to.equal('2001:db8::1');
    expect(text(' www.kernel.org ')).to.equal('www.kernel.org');
    expect(text('XCP-NG-01.Example.Test.')).to.equal('xcp-ng-01.example.test');
    const name = parseHostTarget('gw');
    expect(name.ok && name.value).to.deep.equal({ kind: 'name', name: 'gw' });
  });

  it('keeps a zone id on a link-local address only', () => {
    expect(text('FE80::1%xenbr0')).to.equal('fe80::1%xenbr0');
    expect(problem('2001:db8::1%eth0')).to.contain('belongs only to a link-local address');
    expect(problem('fe80::1%eth 0')).to.contain('is not an interface name');
    expect(problem('fe80::1%')).to.contain('is not an interface name');
  });

  it('gives the address messages to a mistyped address, and the name messages to a bad name', () => {
    expect(problem('192.0.2.300')).to.match(/300/);
    expect(problem('2001:db8::1::2')).to.contain("'::'");
    expect(problem('host_name')).to.contain("'_'");
    expect(problem('')).to.contain('empty');
    expect(problem('-bad.example')).to.contain('hyphen');
  });

  it('never throws, and what it accepts reads back the same', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = parseHostTarget(s);
        if (r.ok) {
          const again = parseHostTarget(hostTargetText(r.value));
          expect(again.ok && hostTargetText(again.value)).to.equal(hostTargetText(r.value));
        }
      }),
    );
  });
});
