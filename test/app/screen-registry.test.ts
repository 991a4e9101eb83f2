/**
 * The screen registry is the one list of the console's menu: the tree it builds, and a scan of the sources showing
 * that nothing else imports a screen (the shell and the composition root see only the tree).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { offlineSession } from '../../src/app/host-session.js';
import { buildMenu, SCREEN_REGISTRY, type RegistryLine } from '../../src/app/screen-registry.js';
import type { ScreenDeps } from '../../src/app/screen-deps.js';
import { backendError } from '../../src/backends/backend-error.js';
import { isSection, type MenuEntry, type Screen } from '../../src/ui/screen-contract.js';
import type { TerminalSetup } from '../../src/ui/terminal/open-terminal.js';
import { MONO_THEME } from '../../src/ui/theme.js';

const repo = resolve(import.meta.dirname, '../..');
const REGISTRY_FILE = 'src/app/screen-registry.ts';

const setup: TerminalSetup = {
  terminal: { name: 'xterm', requested: 'xterm', recognised: true },
  charset: 'utf8',
  theme: MONO_THEME,
  sizeSource: 'tty',
} as unknown as TerminalSetup;
const deps: ScreenDeps = { session: offlineSession(backendError('unreachable', 'test: no backend')), version: 'test', setup };

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\(\s*)'([^']+)'/g)].map((m) => m[1] ?? '');
}

describe('app/screen-registry', () => {
  it('builds the two-level menu: top-level entries, the Network and Management section with its items', () => {
    const menu = buildMenu(deps);
    expect(menu.map((e) => e.menuLabel)).to.deep.equal([
      'Status display',
      'Network and Management',
      'Pool',
      'Virtual machines',
      'Disks and storage',
      'Hardware and BIOS',
      'Remote access (SSH)',
      'Reboot or shutdown',
      'Local command shell',
      'Keys',
      'About hostconsole',
    ]);
    const network = menu[1];
    if (network === undefined || !isSection(network)) throw new Error('no section');
    expect(network.title).to.equal('Network and Management Interface');
    expect(network.items.map((i) => i.menuLabel)).to.deep.equal(['Management interface', 'DNS servers', 'Network interfaces', 'Hostname', 'Test network', 'Traffic', 'Time (NTP)', 'Emergency network reset']);
  });

  it('marks the screens that change the host (the authorizer is asked before they open)', () => {
    const all: Screen[] = buildMenu(deps).flatMap((e: MenuEntry) => (isSection(e) ? e.items : [e]));
    expect(all.filter((s) => s.changesHost === true).map((s) => s.id)).to.deep.equal(['management', 'dns', 'hostname', 'network-time', 'emergency-network-reset']);
  });

  it('a new screen is one line: its factory, and the section it goes in', () => {
    const probe: RegistryLine = { make: () => ({ id: 'probe', title: 'Probe', menuLabel: 'Probe', describe: () => ({ title: 'Probe', blocks: [] }), open: async () => undefined }), in: 'network' };
    const menu = buildMenu(deps, [...SCREEN_REGISTRY, probe]);
    const network = menu[1];
    expect(network !== undefined && isSection(network) ? network.items.map((i) => i.id) : []).to.deep.equal(['management', 'dns', 'interfaces', 'hostname', 'test-network', 'traffic', 'network-time', 'emergency-network-reset', 'probe']);
    expect(() => buildMenu(deps, [{ ...probe, in: 'nowhere' }])).to.throw(/section 'nowhere'/);
  });

  it('is the only place screens are listed: no other module imports from screens/, and every screen file is in it', () => {
    const files = [...sources(join(repo, 'src')), ...sources(join(repo, 'screens')), ...sources(join(repo, 'bin')).filter((f) => f.endsWith('.ts'))];
    const importers = files.filter((f) => importsOf(f).some((spec) => /(^|\/)screens\//.test(spec) && !f.startsWith(join(repo, 'screens'))));
    expect(importers.map((f) => relative(repo, f))).to.deep.equal([REGISTRY_FILE]);
    // Screens do not import each other (the registry composes them); they may import what the registry exports.
    for (const f of sources(join(repo, 'screens'))) {
      expect(importsOf(f).filter((spec) => spec.startsWith('./')), relative(repo, f)).to.deep.equal([]);
    }
    const registered = importsOf(join(repo, REGISTRY_FILE)).filter((spec) => spec.includes('/screens/')).map((spec) => spec.replace(/^.*\/screens\//, '').replace(/\.js$/, '.ts'));
    const screenFiles = readdirSync(join(repo, 'screens')).filter((n) => n.endsWith('.ts'));
    expect([...registered].sort()).to.deep.equal([...screenFiles].sort());
    // The shell knows no screen: nothing under src/ui names one.
    for (const f of sources(join(repo, 'src/ui'))) {
      const text = readFileSync(f, 'utf8');
      expect(/management-interface|dns-servers|network-interfaces|hostnameScreen|statusScreen/.test(text), relative(repo, f)).to.equal(false);
    }
  });
});
