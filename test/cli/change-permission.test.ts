import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { BackendChoice } from '../../src/backends/select-backend.js';
import { changeRefusal, refuseUnlessAllowed, type PermissionFacts } from '../../src/cli/change-permission.js';
import type { CliIo } from '../../src/cli/io.js';

function io(env: NodeJS.ProcessEnv = {}): CliIo & { err: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  return { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env, err: () => text };
}

const xapi = (endpoint: string, passwordFile: string | null = null): BackendChoice => ({ kind: 'xapi', endpoint, user: 'root', passwordFile, allowUnauthorized: false, fingerprint: null, protocol: 'auto' });

function facts(euid: number, owners: Record<string, number> = {}, login: string | null = null): PermissionFacts & { logins: number } {
  const f = {
    euid,
    logins: 0,
    ownerOf: (p: string) => owners[p] ?? null,
    tryLogin: async () => {
      f.logins += 1;
      return login;
    },
  };
  return f;
}

describe('cli/change-permission: who may set, confirm and revert', () => {
  it('local backends need root; the simulated host and a socket of ones own do not', async () => {
    const user = facts(1000, { '/tmp/mine.sock': 1000 });
    expect(await changeRefusal('set', xapi('unix:/var/lib/xcp/xapi'), io(), user, false)).to.match(/needs root.*acts as root/);
    expect(await changeRefusal('set', { kind: 'nm', bus: null }, io(), user, false)).to.match(/needs root.*NetworkManager/);
    expect(await changeRefusal('set', xapi('unix:/tmp/mine.sock'), io(), user, false)).to.equal(null);
    expect(await changeRefusal('set', xapi('unix:/tmp/other.sock'), io(), user, false)).to.match(/needs root/);
    expect(await changeRefusal('set', { kind: 'simulate', scenario: 'default' }, io(), user, false)).to.equal(null);
    expect(await changeRefusal('confirm', null, io(), user, true)).to.equal(null);
    const root = facts(0);
    expect(await changeRefusal('set', xapi('unix:/var/lib/xcp/xapi'), io(), root, false)).to.equal(null);
    expect(await changeRefusal('set', { kind: 'nm', bus: null }, io(), root, false)).to.equal(null);
  });

  it('a TCP xapi needs a password; confirm and revert check it by a login', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-perm-'));
    try {
      const file = join(dir, 'pw');
      writeFileSync(file, 'secret\n');
      const f = facts(1000);
      expect(await changeRefusal('set', xapi('https://192.0.2.10'), io(), f, false)).to.match(/needs the password of root.*--password-file/);
      expect(await changeRefusal('set', xapi('https://192.0.2.10', file), io(), f, false)).to.equal(null);
      expect(f.logins).to.equal(0);
      expect(await changeRefusal('revert', xapi('https://192.0.2.10'), io({ HOSTCONSOLE_PASSWORD: 'x' }), facts(1000, {}, 'Authentication failure'), true)).to.match(
        /password of root at https:\/\/192\.0\.2\.10 was not accepted/,
      );
      const ok = facts(1000);
      expect(await changeRefusal('confirm', xapi('https://192.0.2.10', file), io(), ok, true)).to.equal(null);
      expect(ok.logins).to.equal(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses with exit 3 and one sentence on stderr', async () => {
    const out = io();
    expect(await refuseUnlessAllowed('confirm', { kind: 'nm', bus: null }, out, true, facts(1000))).to.equal(3);
    expect(out.err()).to.match(/^hostconsole confirm: changing the host needs root/);
  });
});
