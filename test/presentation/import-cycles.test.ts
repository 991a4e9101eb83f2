/**
 * No import cycles among the console's modules (src/ and screens/), counting dynamic imports: a cycle (as there was
 * between presentation/host-summary.ts and presentation/menu-pane.ts) makes load order matter and hides who depends
 * on whom. Type-only imports are left out (they are erased).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative modules a file loads at run time: static imports and re-exports (not `import type`), and import(). */
function runtimeImports(file: string, text: string): string[] {
  const found = [...text.matchAll(/^(?!import type|export type)(?:import|export)[^;]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/gm)];
  return found.map((m) => resolve(dirname(file), (m[1] ?? m[2] ?? '').replace(/\.js$/, '.ts')));
}

function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('module graph', () => {
  it('finds a cycle through a re-export and a dynamic import', () => {
    const graph = new Map<string, string[]>([
      ['/p/host-summary.ts', runtimeImports('/p/host-summary.ts', "export { noStateRows } from './menu-pane.js';")],
      ['/p/menu-pane.ts', runtimeImports('/p/menu-pane.ts', "loading ??= import('./host-summary.js').then(() => 1);\nimport type { X } from './types.js';")],
    ]);
    expect(findCycles(graph)).to.deep.equal([['/p/host-summary.ts', '/p/menu-pane.ts']]);
  });

  it('src/ and screens/ have no import cycle', () => {
    const files = [...sources(join(repo, 'src')), ...sources(join(repo, 'screens'))];
    const known = new Set(files);
    const graph = new Map(files.map((f) => [f, runtimeImports(f, readFileSync(f, 'utf8')).filter((d) => known.has(d))]));
    expect(findCycles(graph).map((c) => c.map((f) => relative(repo, f)).join(' -> '))).to.deep.equal([]);
  });
});
