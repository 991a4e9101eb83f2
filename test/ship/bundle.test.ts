/**
 * `npm run bundle`: build/hostconsole.mjs (and the CommonJS variant the single executable is made from) start with
 * just `node`, from a directory with no node_modules, and the console draws with every terminal name the program
 * hands blessed, also when the system's terminfo is missing or unparseable (the bundle embeds its own entries).
 */
import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { VERSION } from '../../src/cli/version.js';
import { buildBundle, HIDE_TERMINFO, inPty, isolated } from './support/build.js';
import { waitFor } from './support/wait.js';

const run = promisify(execFile);

describe('ship: single-file bundle', function () {
  this.timeout(120_000);
  let dir = '';

  before(async () => {
    await buildBundle();
    dir = isolated('hostconsole.mjs', 'hostconsole.cjs');
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('is one executable file with a node shebang, and imports nothing but node built-ins', () => {
    const text = readFileSync(join(dir, 'hostconsole.mjs'), 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).to.equal(true);
    const imports = [...text.matchAll(/^import .* from ['"]([^'"]+)['"];?$/gm)].map((m) => m[1]);
    expect(imports.every((m) => m?.startsWith('node:') || /^[a-z_]+$/.test(m ?? '')), imports.join(', ')).to.equal(true);
    expect(text).not.to.match(/node_modules\/blessed\/usr/);
  });

  it('is ASCII only, and loads no built-in before its code runs (they are required where first used)', () => {
    for (const file of ['hostconsole.mjs', 'hostconsole.cjs']) {
      const text = readFileSync(join(dir, file), 'utf8');
      const nonAscii = /[^\x00-\x7f]/.exec(text);
      expect(nonAscii, `${file}: ${nonAscii === null ? '' : JSON.stringify(text.slice(Math.max(0, nonAscii.index - 40), nonAscii.index + 10))}`).to.equal(null);
    }
    const esm = readFileSync(join(dir, 'hostconsole.mjs'), 'utf8');
    // Only node:module, for the require() the banner makes.
    expect([...esm.matchAll(/^import .* from ['"]([^'"]+)['"];?$/gm)].map((m) => m[1])).to.deep.equal(['node:module']);
    // What only the transaction layer or the simulator use is required inside their (lazy) module initialisers.
    for (const builtin of ['node:crypto', 'node:sea']) {
      const uses = [...esm.matchAll(new RegExp(`^(\\s*)\\w+ = __toESM\\(require_${builtin.replace(':', '_')}\\(\\)`, 'gm'))];
      expect(uses.length, builtin).to.be.greaterThan(0);
      expect(uses.every((m) => (m[1] ?? '').length > 0), `${builtin} is required at the top level`).to.equal(true);
    }
  });

  for (const file of ['hostconsole.mjs', 'hostconsole.cjs']) {
    it(`${file}: the NetworkManager backend, an island compiled on first use, loads and says why it cannot connect`, async () => {
      const nm = await run(process.execPath, [file, 'status', '--nm', '--bus', 'unix:path=/nonexistent/bus'], { cwd: dir, env: { ...process.env, HOSTCONSOLE_CONFIG: '/dev/null' } }).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(nm?.stderr).to.match(/D-Bus socket at unix:path=\/nonexistent\/bus/);
      expect(nm?.stderr).not.to.match(/TypeError|ReferenceError|island/);
    });
  }

  it('keeps the simulator and the NetworkManager backend as comments at its end (islands), out of what V8 compiles first', () => {
    const text = readFileSync(join(dir, 'hostconsole.mjs'), 'utf8');
    for (const island of ['simulator', 'networkmanager']) expect(text).to.contain(`\n//# hostconsole-island ${island}\n`);
    const code = text.slice(0, text.indexOf('\n//# hostconsole-island '));
    expect(code).not.to.contain('src/backends/simulator/handlers/event.ts');
    expect(code).not.to.contain('node_modules/dbus-next/');
  });

  it('the CommonJS variant (the single executable\'s script) has no import(): a single executable cannot import', () => {
    const text = readFileSync(join(dir, 'hostconsole.cjs'), 'utf8');
    expect(text).not.to.match(/(?<![\w$.])import\(/);
  });

  for (const file of ['hostconsole.mjs', 'hostconsole.cjs']) {
    it(`${file}: status --simulate --json and validate ipv6 work from a directory without node_modules`, async () => {
      const status = await run(process.execPath, [file, 'status', '--simulate', '--json'], { cwd: dir, env: { ...process.env, HOSTCONSOLE_CONFIG: '/dev/null' } });
      const parsed = JSON.parse(status.stdout) as { schema: string; host: { hostname: string } };
      expect(parsed.schema).to.equal('hostconsole.status/1');
      expect(parsed.host.hostname).to.equal('xcp-ng-01');
      const valid = await run(process.execPath, [file, 'validate', 'ipv6', '2001:DB8:0::1'], { cwd: dir });
      expect(valid.stdout).to.equal('2001:db8::1\n');
      const version = await run(process.execPath, [file, '--version'], { cwd: dir });
      expect(version.stdout).to.equal(`hostconsole ${VERSION}\n`);
    });
  }

  it('exits 1 with the reason for an invalid value (exit codes survive bundling)', async () => {
    const failed = await run(process.execPath, ['hostconsole.mjs', 'validate', 'ipv6', '2001:db8::1::2'], { cwd: dir }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).to.equal(1);
    expect(failed?.stderr).to.contain('2001:db8::1::2');
  });

  // The first frame: the header, the menu and the host in the pane (blessed replaces spaces by cursor moves, and the
  // host is drawn over "reading the host..." as a diff, so single words that are drawn whole).
  const FRAME = ['XCP-ng 8.3.0 | xcp-ng-01', 'Status', '192.0.2.10/24', 'https://[2001:db8::10]/'];
  for (const systemTerminfo of ['present', 'missing', 'garbage'] as const) {
    for (const term of ['linux', 'vt100', 'vt220', 'xterm']) {
      it(`console: TERM=${term}, system terminfo ${systemTerminfo}: first frame, then q exits 0`, async () => {
        const preload = systemTerminfo === 'present' ? [] : ['--require', HIDE_TERMINFO];
        const r = await inPty({
          argv: [process.execPath, ...preload, join(dir, 'hostconsole.mjs'), '--simulate'],
          env: { TERM: term, HIDE_TERMINFO: systemTerminfo, HOSTCONSOLE_CONFIG: '/dev/null' },
          cwd: dir,
          until: FRAME,
          keys: 'q',
        });
        expect(r.found, r.output.slice(0, 600)).to.equal(true);
        expect(r.exit_code).to.equal(0);
        expect(r.output).not.to.match(/Error|TypeError|at .*hostconsole\.mjs/);
        // xterm's alternate screen (smcup) is the sign of blessed falling back to its xterm entry: a vt100/vt220/linux
        // console must get its own entry (the system's or the embedded one), never xterm's.
        if (term === 'xterm') expect(r.output).to.contain('\x1b[?1049h');
        else expect(r.output).not.to.contain('\x1b[?1049h');
        // VT100/VT220 have no colour; the linux console and xterm do.
        if (term.startsWith('vt')) expect(r.output).not.to.match(/\x1b\[[0-9;]*[34][0-7]m/);
        else expect(r.output).to.match(/\x1b\[[0-9;]*[34][0-7]m/);
      });
    }
  }

  it('console: TERM=xterm, UTF-8: Traffic draws its blessed-contrib chart (the widget module is inlined in the bundle)', async () => {
    const r = await inPty({
      argv: [process.execPath, join(dir, 'hostconsole.mjs'), '--simulate'],
      env: { TERM: 'xterm', LANG: 'C.UTF-8', HOSTCONSOLE_CONFIG: '/dev/null' },
      cwd: dir,
      until: FRAME,
      // Network and Management, Traffic; then the pty runner waits (bounded) and stops the console.
      // Network and Management, then t twice: Test network, Traffic.
      keys: 'n\rtt\r',
    });
    const output = Buffer.from(r.output, 'latin1').toString('utf8');
    expect(r.found).to.equal(true);
    expect(output).to.contain('one column a second:');
    expect(output).to.match(/[▁▂▃▄▅▆▇█]{2,}/);
    expect(output).not.to.match(/Error|TypeError|at .*hostconsole\.mjs/);
  });

  describe('relaunching itself (the guardian of a change)', () => {
    let simulator: ChildProcess | undefined;
    after(() => {
      simulator?.kill('SIGTERM');
    });

    it('set starts its guardian from the bundle file, wherever the bundle is', async () => {
      const socket = join(dir, 'xapi.sock');
      simulator = spawn(process.execPath, [join(dir, 'hostconsole.mjs'), 'simulator', '--listen', `unix:${socket}`], { cwd: dir, stdio: 'ignore' });
      await waitFor(() => existsSync(socket), 10_000, 'the simulator socket');
      const state = join(dir, 'state');
      const child = spawn(process.execPath, [join(dir, 'hostconsole.mjs'), 'set', 'hostname', 'bundled', '--xapi', `unix:${socket}`, '--state-dir', state, '--confirm-timeout', '60'], {
        cwd: dir,
        env: { ...process.env, HOSTCONSOLE_CONFIG: '/dev/null' },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Keep these settings?')) child.stdin.end('y\n');
      });
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, out).to.equal(0);
      expect(out).to.contain('Kept');
      await waitFor(() => existsSync(join(state, 'guardian.log')) && readFileSync(join(state, 'guardian.log'), 'utf8').includes('guarding'), 10_000, 'the guardian log');
      expect(readFileSync(join(state, 'guardian.log'), 'utf8')).not.to.contain('not found');
    });
  });
});
