/**
 * `simulator --listen unix:PATH` takes over only a stale socket: a regular file, a directory, a symlink or a live
 * socket of another server is refused and left exactly as it was; on exit only its own socket goes. `--state FILE`
 * writes through an exclusive temporary file: a symlink planted at the old predictable name is not followed.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { cliRepo } from '../../../support/cli-under-test.js';
import { startSimulator } from '../../../../src/backends/simulator/index.js';
import { tempDir } from '../../../transaction/support/fixtures.js';
import { refused } from '../support/rpc.js';

const repo = cliRepo;

function listenOn(path: string): Promise<Server> {
  return new Promise((r) => {
    const server = createServer((c) => {
      c.on('error', () => undefined);
      c.end('other server\n');
    });
    server.listen(path, () => r(server));
  });
}

describe('simulator limits: the listen path and the state file', function () {
  this.timeout(30_000);
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir('sim-path-')));
  afterEach(() => cleanup());

  async function refusedAt(path: string): Promise<string> {
    try {
      const sim = await startSimulator({ listen: [{ kind: 'unix', path }] });
      await sim.close();
      return 'started';
    } catch (e) {
      return (e as Error).message;
    }
  }

  it('refuses a regular file, a directory and a symlink at PATH and leaves them as they were', async () => {
    const file = join(dir, 'file');
    writeFileSync(file, 'precious\n');
    expect(await refusedAt(file)).to.equal(`${file} exists and is a regular file, not a socket; refusing to replace it`);
    expect(readFileSync(file, 'utf8')).to.equal('precious\n');
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expect(await refusedAt(sub)).to.match(/is a directory, not a socket/);
    expect(lstatSync(sub).isDirectory()).to.equal(true);
    const link = join(dir, 'link');
    symlinkSync(file, link);
    expect(await refusedAt(link)).to.match(/is a symbolic link, not a socket/);
    expect(lstatSync(link).isSymbolicLink()).to.equal(true);
  });

  it("refuses another server's live socket, which keeps serving", async () => {
    const path = join(dir, 'xapi');
    const other = await listenOn(path);
    try {
      expect(await refusedAt(path)).to.equal(`${path} is in use: another server answers on that socket`);
      const greeting = await new Promise<string>((r) => {
        let text = '';
        const c = connect({ path });
        c.on('data', (d: Buffer) => (text += d.toString()));
        c.on('end', () => r(text));
        c.on('error', (e) => r(e.message));
      });
      expect(greeting).to.equal('other server\n');
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('takes over a stale socket (its server was killed) and removes only its own socket on exit', async () => {
    const path = join(dir, 'xapi');
    // A stale socket: bound by a process that died without closing it.
    const r = spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    expect(r.signal).to.equal('SIGKILL');
    expect(lstatSync(path).isSocket()).to.equal(true);
    const sim = await startSimulator({ listen: [{ kind: 'unix', path }] });
    expect(await refused({ socketPath: path })).to.equal(false);
    await sim.close();
    expect(existsSync(path)).to.equal(false);
  });

  it('the CLI says why and exits 3, without touching the file', () => {
    const file = join(dir, 'file');
    writeFileSync(file, 'precious\n');
    const r = spawnSync(process.execPath, ['bin/hostconsole.js', 'simulator', '--listen', `unix:${file}`], { cwd: repo, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).to.equal(3);
    expect(r.stderr.trim()).to.equal(`hostconsole simulator: ${file} exists and is a regular file, not a socket; refusing to replace it`);
    expect(readFileSync(file, 'utf8')).to.equal('precious\n');
  });

  it('--state FILE never follows a symlink planted where a temporary file would go', async () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'do not overwrite\n');
    const stateFile = join(dir, 'state.json');
    // The name the old scheme used (FILE.<pid>.tmp): a symlink there was followed and the victim overwritten.
    symlinkSync(victim, `${stateFile}.${process.pid}.tmp`);
    const sim = await startSimulator({ listen: [], stateFile });
    await sim.close();
    expect(readFileSync(victim, 'utf8')).to.equal('do not overwrite\n');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).to.include({ version: 1 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') && !f.startsWith('state.json.'))).to.deep.equal([]);
  });
});
