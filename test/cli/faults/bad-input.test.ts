/**
 * CLI garbage and hostile endpoints get a clear "no" with a documented exit code, and nothing is sent: unusable
 * --xapi URLs and password files are usage errors (2); no password (or an empty one) over TCP and a clear-text
 * password beyond loopback are refused before connecting; a unix path that is no socket, or not ours to use, is
 * named so; a TLS name mismatch reads as a sentence; huge arguments are not echoed whole; `set --simulate` ended by
 * SIGTERM leaves no temporary directory.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { checkoutRepo, cliRepo } from '../../support/cli-under-test.js';
import { tempDir } from '../../transaction/support/fixtures.js';

const repo = cliRepo;
const fixture = (name: string): Buffer => readFileSync(join(checkoutRepo, 'test/fixtures/tls', name));

function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeout = 30_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/hostconsole.js', ...args], {
    cwd: repo,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, HOSTCONSOLE_CONFIG: '/dev/null', HOSTCONSOLE_PASSWORD: '', HOSTCONSOLE_SYSTEMD_RUN: 'off', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As cli(), without blocking this process (for tests whose stand-in server runs here). */
function cliAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['bin/hostconsole.js', ...args], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOSTCONSOLE_CONFIG: '/dev/null', HOSTCONSOLE_PASSWORD: '', HOSTCONSOLE_SYSTEMD_RUN: 'off', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** An HTTP(S) server that counts requests (a stand-in xapi that must never be reached). */
async function counter(server: Server, host: string): Promise<{ port: number; count: () => number; requests: () => number; close: () => Promise<void> }> {
  let n = 0;
  let requests = 0;
  server.on('connection', () => (n += 1));
  server.on('secureConnection', () => (n += 1));
  server.on('request', (_req, res) => {
    requests += 1;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    count: () => n,
    requests: () => requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('faults: bad input on the command line', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('cli-faults-'));
    chmodSync(dir, 0o755);
  });
  afterEach(() => cleanup());

  it('an unusable --xapi URL is wrong usage (exit 2), for status and set', () => {
    for (const url of ['notaurl', 'ftp://x', 'https://999.1.1.1', 'https://[zz::1]', 'unix:']) {
      for (const verb of [['status'], ['set', 'dns', '192.0.2.53', '--state-dir', join(dir, 'state')]]) {
        const r = cli([...verb, '--xapi', url]);
        expect(r.status, `${verb[0]} --xapi ${url}: ${r.stderr}`).to.equal(2);
        expect(r.stderr).to.match(/^hostconsole (status|set): --xapi: /);
        expect(r.stderr.split('\n').filter((l) => l !== '')).to.have.length.at.most(2);
      }
    }
  });

  it('an unusable --password-file is wrong usage (exit 2): missing, a directory, unreadable', () => {
    const missing = join(dir, 'missing');
    const directory = join(dir, 'adir');
    mkdirSync(directory);
    const tcp = ['--xapi', 'https://127.0.0.1:1'];
    expect(cli(['status', ...tcp, '--password-file', missing])).to.deep.include({ status: 2, stderr: `hostconsole status: --password-file ${missing}: there is no such file.\n` });
    expect(cli(['status', ...tcp, '--password-file', directory])).to.deep.include({ status: 2, stderr: `hostconsole status: --password-file ${directory}: it is a directory, not a file.\n` });
    const secret = join(dir, 'root-only');
    writeFileSync(secret, 'pw\n', { mode: 0o600 });
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, 'bin/hostconsole.js', 'status', ...tcp, '--password-file', secret], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, HOSTCONSOLE_CONFIG: '/dev/null' },
    });
    if (r.error === undefined) {
      expect(r.status, r.stderr).to.equal(2);
      expect(r.stderr).to.equal(`hostconsole status: --password-file ${secret}: permission denied.\n`);
    }
  });

  it('an empty password file, or no password, over TCP: refused before anything is sent (exit 2)', async () => {
    const server = await counter(createHttpServer(), '127.0.0.1');
    try {
      const empty = join(dir, 'empty');
      writeFileSync(empty, '');
      const url = `http://127.0.0.1:${server.port}`;
      const a = await cliAsync(['status', '--xapi', url, '--password-file', empty]);
      expect(a.status).to.equal(2);
      expect(a.stderr).to.contain(`--password-file ${empty} is empty`);
      const b = await cliAsync(['status', '--xapi', url]);
      expect(b.status).to.equal(2);
      expect(b.stderr).to.contain('needs a password: give --password-file FILE (or set HOSTCONSOLE_PASSWORD). Nothing was sent.');
      expect(server.count()).to.equal(0);
    } finally {
      await server.close();
    }
  });

  it('plain http:// beyond loopback: refused unless --allow-plain-http (nothing sent); loopback is allowed', async () => {
    const server = await counter(createHttpServer(), '::');
    try {
      const pw = join(dir, 'pw');
      writeFileSync(pw, 'secret\n');
      const remote = `http://[::ffff:127.0.0.1]:${server.port}`;
      const refused = await cliAsync(['status', '--xapi', remote, '--password-file', pw]);
      expect(refused.status).to.equal(2);
      expect(refused.stderr).to.contain('Refusing to send the password in clear text to');
      expect(refused.stderr).to.contain('--allow-plain-http');
      expect(server.count()).to.equal(0);
      const allowed = await cliAsync(['status', '--xapi', remote, '--password-file', pw, '--allow-plain-http']);
      expect(allowed.status).to.equal(3);
      expect(server.count()).to.be.at.least(1);
      const loopback = await cliAsync(['status', '--xapi', `http://127.0.0.1:${server.port}`, '--password-file', pw]);
      expect(loopback.stderr).to.not.contain('clear text');
    } finally {
      await server.close();
    }
  });

  it('--xapi unix: naming a regular file, a directory, a FIFO or /dev/null says "is not a socket"; EACCES "permission denied"', () => {
    const file = join(dir, 'file');
    writeFileSync(file, '');
    const directory = join(dir, 'd');
    mkdirSync(directory);
    const fifo = join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    for (const [path, what] of [[file, 'a regular file'], [directory, 'a directory'], [fifo, 'a FIFO'], ['/dev/null', 'a device']] as const) {
      const r = cli(['status', '--xapi', `unix:${path}`]);
      expect(r.status, r.stderr).to.equal(3);
      expect(r.stderr).to.contain(`unix:${path} (${what}) is not a socket: name xapi's unix socket`);
    }
    const closed = join(dir, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, 'bin/hostconsole.js', 'status', '--xapi', `unix:${join(closed, 'xapi')}`], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, HOSTCONSOLE_CONFIG: '/dev/null' },
    });
    if (r.error === undefined) {
      expect(r.status, r.stderr).to.equal(3);
      expect(r.stderr).to.contain(`Cannot connect to xapi at unix:${join(closed, 'xapi')}: permission denied`);
    }
  });

  it('a TLS certificate for another name reads as a sentence, and no password is sent', async () => {
    const server = await counter(createTlsServer({ key: fixture('self-signed.key'), cert: fixture('self-signed.crt') }), '127.0.0.1');
    try {
      const pw = join(dir, 'pw');
      writeFileSync(pw, 'secret\n');
      // Trusted (as a CA) but issued for 127.0.0.1 and ::1, not for "localhost".
      const r = await cliAsync(['status', '--xapi', `https://localhost:${server.port}`, '--password-file', pw], { NODE_EXTRA_CA_CERTS: join(checkoutRepo, 'test/fixtures/tls/self-signed.crt') });
      expect(r.status).to.equal(3);
      expect(r.stderr).to.contain(`The TLS certificate of https://localhost:${server.port}/ is not trusted (it is issued for another name or address); nothing was sent.`);
      expect(r.stderr).to.not.contain("cert's list:");
      // The handshake happened (a connection), but no request (with the password) followed it.
      expect(server.requests()).to.equal(0);
    } finally {
      await server.close();
    }
  });

  it('a 100 KB argument is not echoed whole', () => {
    const huge = 'x'.repeat(100_000);
    for (const args of [['set', 'hostname', huge, '--simulate'], ['set', 'management', '--ipv4', huge, '--simulate'], ['status', '--xapi', huge], ['set', `--${huge}`]]) {
      const r = cli(args);
      expect(r.status).to.be.oneOf([1, 2]);
      expect(r.stderr.length, args[1]).to.be.below(3000);
      for (const line of r.stderr.split('\n')) expect(line.length).to.be.below(1100);
      expect(r.stderr).to.not.contain('x'.repeat(100));
    }
  });

  for (const when of ['at start', 'in the window'] as const) {
    it(`set --simulate ended by SIGTERM ${when} leaves nothing in $TMPDIR`, async () => {
      const tmp = join(dir, 'tmp');
      mkdirSync(tmp);
      const child = spawn(process.execPath, ['bin/hostconsole.js', 'set', 'dns', '192.0.2.54', '--simulate', '--confirm-timeout', '30'], {
        cwd: repo,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, TMPDIR: tmp, HOSTCONSOLE_CONFIG: '/dev/null' },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      if (when === 'at start') {
        for (let i = 0; i < 200 && readdirSync(tmp).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      } else {
        for (let i = 0; i < 600 && !out.includes('Keep these settings?'); i++) await new Promise((r) => setTimeout(r, 50));
        expect(out).to.contain('Keep these settings?');
      }
      expect(readdirSync(tmp).length, 'temporary directories exist while it runs').to.be.greaterThan(0);
      child.kill('SIGTERM');
      const code = await exited;
      expect(readdirSync(tmp)).to.deep.equal([]);
      expect(code).to.be.oneOf([129, 143]);
    });
  }
});
