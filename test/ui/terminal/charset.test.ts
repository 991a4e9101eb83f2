import { expect } from 'chai';
import { chooseCharset, effectiveCtype, localeIsUtf8 } from '../../../src/ui/terminal/charset.js';

describe('ui/terminal/charset', () => {
  const cases: Array<[string, Record<string, string>, boolean, boolean, string]> = [
    // name, env, hasAcs, --ascii, expected
    ['UTF-8 LANG', { LANG: 'en_US.UTF-8' }, true, false, 'utf8'],
    ['utf8 spelled without dash', { LANG: 'C.utf8' }, true, false, 'utf8'],
    ['LC_ALL wins over LANG', { LC_ALL: 'C', LANG: 'en_US.UTF-8' }, true, false, 'acs'],
    ['LC_CTYPE wins over LANG', { LC_CTYPE: 'en_US.UTF-8', LANG: 'C' }, true, false, 'utf8'],
    ['empty LC_ALL is ignored', { LC_ALL: '', LANG: 'en_US.UTF-8' }, true, false, 'utf8'],
    ['C locale with ACS', { LANG: 'C' }, true, false, 'acs'],
    ['no locale at all', {}, true, false, 'acs'],
    ['C locale without ACS', { LANG: 'C' }, false, false, 'ascii'],
    ['--ascii beats UTF-8', { LANG: 'en_US.UTF-8' }, true, true, 'ascii'],
    ['latin1 locale', { LANG: 'de_DE.ISO-8859-1' }, true, false, 'acs'],
  ];
  for (const [name, env, hasAcs, forceAscii, expected] of cases) {
    it(`${name} -> ${expected}`, () => {
      expect(chooseCharset({ env, terminal: 'linux', hasAcs, forceAscii })).to.equal(expected);
    });
  }

  it('reads the POSIX precedence LC_ALL > LC_CTYPE > LANG', () => {
    expect(effectiveCtype({ LC_ALL: 'a', LC_CTYPE: 'b', LANG: 'c' })).to.equal('a');
    expect(effectiveCtype({ LC_CTYPE: 'b', LANG: 'c' })).to.equal('b');
    expect(effectiveCtype({ LANG: 'c' })).to.equal('c');
    expect(effectiveCtype({})).to.equal('C');
    expect(localeIsUtf8({ LANG: 'ja_JP.eucJP' })).to.equal(false);
  });
});
