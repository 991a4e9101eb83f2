/**
 * The screen registry is on the console's start-up path (the menu is in the first frame), so what it loads statically
 * is what every start pays for: the registry, the screens' files (id, title, menu label, describe()) and the few light
 * modules their describe() needs. Everything a screen does when opened (forms, planners, the transaction layer, pool,
 * traffic, NTP, reset, shell, network tests, the full-screen presentations) is loaded with import() inside open().
 * This walks the registry's static imports in the sources (type-only imports are erased, so they are left out) and
 * fails naming the chain that pulls in anything else.
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

/**
 * What the menu's describe() calls need besides the screens' own files. Each one imports no other module at run time
 * (checked below): a screen needing more in describe() should split the light part out, not add a heavy module here.
 */
const DESCRIBE_MODULES = [
  'src/presentation/menu-pane.ts', // the host items' pane (its summary rows load after the first frame)
  'src/presentation/pool-menu-pane.ts',
  'src/presentation/auth-pane.ts',
  'src/app/auth/auth-session.ts', // MIN_AUTH_TIMEOUT_SECONDS
  'src/app/inventory-feed.ts', // Hardware, Storage and VMs describe from the feed
];

/** Modules a screen's open() uses: none may be reachable statically from the registry. */
const FLOW_MODULES = [
  'src/app/change-flow.ts',
  'src/app/apply-change.ts',
  'src/app/review-and-apply.ts',
  'src/app/plan-form.ts',
  'src/app/pool-change-flow.ts',
  'src/app/host-power-flow.ts',
  'src/app/remote-access-flow.ts',
  'src/app/emergency-reset.ts',
  'src/app/network-time.ts',
  'src/app/local-shell.ts',
  'src/app/require-change.ts',
  'src/app/traffic-memory.ts',
  'src/presentation/host-summary.ts',
  'src/presentation/pool-view.ts',
  'src/presentation/pool-screen-view.ts',
  'src/ui/keys/key-reference.ts',
  'src/ui/password-prompt.ts',
  'src/net-tests/run-network-tests.ts',
  'src/model/index.ts',
  'src/addressing/index.ts',
];

/** Relative modules a file imports statically at run time (not `import type`, not `import { type a, type b }`, not import()). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(?!type\s)([^;]*?)\s*from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gms)) {
    const names = (m[2] ?? '').trim();
    const typeOnly = /^\{[^}]*\}$/s.test(names) && names.slice(1, -1).split(',').map((n) => n.trim()).filter((n) => n !== '').every((n) => n.startsWith('type '));
    if (typeOnly && m[1] === 'import') continue;
    if (typeOnly && m[1] === 'export') continue;
    out.push(resolve(dirname(file), (m[3] ?? m[4] ?? '').replace(/\.js$/, '.ts')));
  }
  return out.filter((p) => existsSync(p));
}

/** Every module reached statically from `start`, each with the module that imported it first. */
function staticGraph(start: string): Map<string, string | null> {
  const seen = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    for (const next of staticImports(file)) {
      if (seen.has(next)) continue;
      seen.set(next, file);
      queue.push(next);
    }
  }
  return seen;
}

function chain(graph: ReadonlyMap<string, string | null>, file: string): string {
  const names: string[] = [];
  for (let at: string | null | undefined = file; at !== null && at !== undefined; at = graph.get(at)) names.unshift(relative(repo, at));
  return names.join(' -> ');
}

describe('app/screen-registry: start-up imports', () => {
  const graph = staticGraph(resolve(repo, 'src/app/screen-registry.ts'));
  const reached = [...graph.keys()].map((f) => relative(repo, f));

  it('statically loads only the registry, the screens and the light modules their describe() needs', () => {
    const others = reached.filter((f) => f !== 'src/app/screen-registry.ts' && !f.startsWith('screens/') && !DESCRIBE_MODULES.includes(f));
    expect(others.map((f) => chain(graph, resolve(repo, f)))).to.deep.equal([]);
    expect(reached.filter((f) => f.startsWith('screens/')).length).to.be.greaterThanOrEqual(20);
  });

  it('reaches none of the screens\' flow modules', () => {
    const flows = FLOW_MODULES.filter((f) => graph.has(resolve(repo, f)));
    expect(flows.map((f) => chain(graph, resolve(repo, f)))).to.deep.equal([]);
    for (const f of FLOW_MODULES) expect(existsSync(resolve(repo, f)), `${f} exists (update this list if it moved)`).to.equal(true);
  });

  it('the describe() modules import nothing else at run time', () => {
    for (const f of DESCRIBE_MODULES) expect(staticImports(resolve(repo, f)).map((p) => relative(repo, p)), f).to.deep.equal([]);
  });

  it('finds a value import and skips type-only ones (the walker itself)', () => {
    const keys = staticImports(resolve(repo, 'src/presentation/pool-screen-view.ts')).map((p) => relative(repo, p));
    expect(keys).to.include('src/presentation/pool-view.ts');
    expect(keys).to.not.include('src/model/pool-state.ts'); // import type
  });
});
