import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = join(dirname(fileURLToPath(import.meta.url)), '../../src/addressing');

/** Every module specifier a file imports or re-exports, statically or dynamically, plus require() calls. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) if (m[1] !== undefined) found.push(m[1]);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('addressing is pure (imports only ipaddr.js and its own files; node:module only to require ipaddr.js)', () => {
  it('the scanner sees every import form', () => {
    const sample = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "import * as fs from 'node:fs';",
      "export { c } from './c.js';",
      "export * from '../model/x.js';",
      "import 'blessed';",
      "const n = await import('node:net');",
      "const cp = require('child_process');",
      'import {\n  multi,\n  line,\n} from "node:dns";',
    ].join('\n');
    expect(importSpecifiers(sample)).to.have.members(['./a.js', './b.js', 'node:fs', './c.js', '../model/x.js', 'blessed', 'node:net', 'child_process', 'node:dns']);
  });

  it('ipaddr-library.ts uses node:module for nothing but requiring ipaddr.js', () => {
    const source = readFileSync(join(folder, 'ipaddr-library.ts'), 'utf8');
    expect(source.match(/createRequire\([^)]*\)\(\s*'[^']+'\s*\)/g)).to.deep.equal(["createRequire(import.meta.url)('ipaddr.js')"]);
    expect(source.match(/\bfrom 'node:module'/g)).to.have.length(1);
    expect(source).to.match(/^import \{ createRequire \} from 'node:module';$/m);
  });

  const files = sourceFiles(folder);
  it('finds the folder\'s files', () => {
    expect(files.length).to.be.greaterThan(10);
  });
  for (const file of files) {
    it(`${relative(folder, file)} imports nothing with I/O`, () => {
      const specifiers = importSpecifiers(readFileSync(file, 'utf8'));
      // ipaddr-library.ts loads ipaddr.js with require() (node:module's createRequire): loading code, not I/O.
      const loader = relative(folder, file) === 'ipaddr-library.ts' && specifiers.includes('node:module');
      const bad = specifiers.filter((s) => !(s === 'ipaddr.js' || (s.startsWith('./') && !s.includes('..')) || (loader && s === 'node:module')));
      expect(bad, `${file} imports ${bad.join(', ')}`).to.deep.equal([]);
    });
  }
});
