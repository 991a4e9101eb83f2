import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REAL_FILE_OPS, type FileOps } from '../../src/host-files/atomic-write.js';
import { readHostFiles } from '../../src/host-files/host-files.js';
import { undoReset, writeResetFiles } from '../../src/host-files/write-reset-files.js';
import type { FileChange } from '../../src/model/reset/reset-request.js';

function seed(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const OLD = {
  '/etc/xensource-inventory': "MANAGEMENT_INTERFACE='xenbr0'\n",
  '/etc/firstboot.d/data/management.conf': "LABEL='eth0'\nMODE='dhcp'\n",
  '/var/lib/xcp/networkd.db': '{}',
};
const CHANGES: FileChange[] = [
  { path: '/etc/xensource-inventory', before: OLD['/etc/xensource-inventory'], after: "MANAGEMENT_INTERFACE='xenbr1'\n", why: '' },
  { path: '/etc/firstboot.d/data/management.conf', before: OLD['/etc/firstboot.d/data/management.conf'], after: "LABEL='eth1'\nMODEV6='autoconf'\n", why: '' },
  { path: '/var/lib/xcp/networkd.db', before: '{}', after: null, why: '' },
  { path: '/var/tmp/network-reset', before: null, after: 'DEVICE=eth1\nMODE_V6=autoconf\n', why: '' },
];

/** Every file under root, path → text, without the hostconsole bookkeeping. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out[p.slice(root.length)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

describe('writeResetFiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'reset-'));
    seed(root, OLD);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes the new files, keeps the previous ones beside them, and undo puts them back', () => {
    const r = writeResetFiles(root, CHANGES);
    expect(r.ok).to.equal(true);
    const files = readHostFiles(root);
    expect(files.inventory).to.equal("MANAGEMENT_INTERFACE='xenbr1'\n");
    expect(files.networkReset).to.equal('DEVICE=eth1\nMODE_V6=autoconf\n');
    expect(files.networkdDb).to.equal(null);
    expect(readFileSync(join(root, '/etc/xensource-inventory.hostconsole-prev'), 'utf8')).to.equal(OLD['/etc/xensource-inventory']);
    expect(readFileSync(join(root, '/var/lib/xcp/networkd.db.hostconsole-prev'), 'utf8')).to.equal('{}');
    expect(Object.keys(tree(root)).filter((p) => p.includes('hostconsole-tmp'))).to.deep.equal([]);

    expect(undoReset(root).ok).to.equal(true);
    const after = readHostFiles(root);
    expect(after.inventory).to.equal(OLD['/etc/xensource-inventory']);
    expect(after.managementConf).to.equal(OLD['/etc/firstboot.d/data/management.conf']);
    expect(after.networkdDb).to.equal('{}');
    expect(after.networkReset, 'the trigger did not exist before').to.equal(null);
  });

  for (let failAt = 1; failAt <= 6; failAt += 1) {
    it(`an interrupted write (operation ${failAt} fails) leaves the old files in place`, () => {
      let n = 0;
      const cut = () => {
        n += 1;
        if (n === failAt) throw new Error('ENOSPC: no space left on device (injected)');
      };
      const ops: FileOps = {
        writeAtomic: (p, t, m) => {
          cut();
          REAL_FILE_OPS.writeAtomic(p, t, m);
        },
        rename: (a, b) => REAL_FILE_OPS.rename(a, b),
        unlink: (p) => {
          cut();
          REAL_FILE_OPS.unlink(p);
        },
      };
      const r = writeResetFiles(root, CHANGES, ops);
      expect(r.ok).to.equal(false);
      const files = tree(root);
      for (const [path, text] of Object.entries(OLD)) expect(files[path], path).to.equal(text);
      expect(files['/var/tmp/network-reset'], 'no trigger left behind').to.equal(undefined);
    });
  }
});
