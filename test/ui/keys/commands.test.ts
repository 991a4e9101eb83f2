import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { KEY_COMMANDS, keyLabel, resolveKey, type KeyContext } from '../../../src/ui/keys/commands.js';
import { renderKeyTableMarkdown } from '../../../src/ui/keys/key-table.js';

describe('ui/keys', () => {
  const resolutions: Array<[KeyContext, string, string | undefined, string | undefined]> = [
    ['menu', 'down', undefined, 'menu.down'],
    ['menu', 'enter', '\r', 'menu.open'],
    ['menu', 'right', undefined, 'menu.open'],
    ['menu', 'q', 'q', 'app.quit-key'],
    ['menu', 'd', 'd', 'menu.jump'],
    ['menu', 'S-d', 'D', 'menu.jump'],
    ['menu', 'f8', undefined, undefined],
    ['form', 'q', 'q', 'form.type'],
    ['form', 'space', ' ', 'form.choice-next'],
    ['form', 'S-tab', undefined, 'form.prev'],
    ['form', '.', '.', 'form.type'],
    ['confirm', 'y', 'y', 'confirm.yes'],
    ['confirm', 'f8', undefined, 'confirm.yes'],
    ['confirm', 'escape', undefined, 'confirm.no'],
    ['confirm', 'x', 'x', undefined],
    ['global', 'C-c', '\x03', 'app.quit'],
    ['global', 'C-l', '\f', 'app.redraw'],
  ];
  for (const [context, name, ch, expected] of resolutions) {
    it(`${context}: ${name} -> ${String(expected)}`, () => {
      expect(resolveKey(context, name, ch)?.id).to.equal(expected);
    });
  }

  it('command ids are unique and no key is bound twice in one context', () => {
    const ids = KEY_COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).to.equal(ids.length);
    const seen = new Set<string>();
    for (const c of KEY_COMMANDS) {
      for (const k of c.keys) {
        const key = `${c.context}/${k}`;
        expect(seen.has(key), key).to.equal(false);
        seen.add(key);
      }
    }
  });

  it('labels keys the way people write them', () => {
    expect(['up', 'S-tab', 'C-l', 'f5', 'pagedown', 'escape', 'y'].map(keyLabel)).to.deep.equal(['Up', 'Shift-Tab', 'Ctrl-L', 'F5', 'PgDn', 'Esc', 'y']);
  });

  it('docs/keys.md is the generated key table (regenerate: npx tsx src/ui/keys/write-key-docs.ts)', () => {
    const onDisk = readFileSync(new URL('../../../docs/keys.md', import.meta.url), 'utf8');
    expect(onDisk).to.equal(renderKeyTableMarkdown());
  });

  it('the key table lists every command once', () => {
    const md = renderKeyTableMarkdown();
    for (const c of KEY_COMMANDS) expect(md).to.include(c.description.replace(/\|/g, '\\|'));
    expect(md).to.include('| F8, y | Confirm. |');
  });
});
