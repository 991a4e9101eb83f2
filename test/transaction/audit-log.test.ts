import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '../../src/transaction/audit-log.js';
import { describeWho, detectWho } from '../../src/transaction/who.js';
import { tempDir, WHO } from './support/fixtures.js';

describe('audit log', () => {
  it('writes one JSON line per event with time, schema and who', () => {
    const { dir, cleanup } = tempDir();
    try {
      const log = new AuditLog(join(dir, 'sub', 'audit.log'));
      log.write({ tx: 't1', event: 'begin', who: WHO, plan: { hostname: 'a' } });
      log.write({ tx: 't1', event: 'outcome', outcome: 'kept' });
      const lines = readFileSync(log.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).to.have.length(2);
      expect(lines[0]).to.include({ tx: 't1', event: 'begin', schema: 'hostconsole.audit/1' });
      expect(lines[0]?.['who']).to.deep.equal(WHO);
    } finally {
      cleanup();
    }
  });

  it('never writes a password, a session or an xapi reference', () => {
    const log = new AuditLog('/nonexistent/never-written', { secrets: ['hunter2', ''] });
    const scrubbed = JSON.stringify(
      log.scrub({
        error: 'SESSION_INVALID OpaqueRef:6b2f1c3e-0000-4000-8000-000000000001 (password hunter2 rejected)',
        password: 'hunter2',
        session: 'OpaqueRef:abc',
        passwordFile: '/root/pw',
        nested: [{ sessionId: 'xyz' }, 'hunter2hunter2'],
      }),
    );
    expect(scrubbed).to.not.contain('hunter2');
    expect(scrubbed).to.not.contain('OpaqueRef:');
    expect(scrubbed).to.not.contain('xyz');
    expect(scrubbed).to.contain('/root/pw');
  });

  it('reports a log it cannot write instead of throwing', () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'a-file'), '');
      const errors: Error[] = [];
      new AuditLog(join(dir, 'a-file', 'audit.log'), { onError: (e) => errors.push(e) }).write({ tx: 't', event: 'begin' });
      expect(errors).to.have.length(1);
    } finally {
      cleanup();
    }
  });
});

describe('who', () => {
  it('takes the tty from stdin and the client address from SSH_CLIENT or SSH_CONNECTION', () => {
    expect(detectWho({ env: { USER: 'root', SSH_CLIENT: '2001:db8::99 50122 22' }, stdinLink: () => '/dev/pts/3', pid: 7 })).to.deep.equal({
      user: 'root',
      tty: '/dev/pts/3',
      sshClient: '2001:db8::99',
      pid: 7,
    });
    expect(detectWho({ env: { USER: 'ops', SSH_CONNECTION: '192.0.2.99 50122 192.0.2.10 22' }, stdinLink: () => 'pipe:[1234]', pid: 8 })).to.deep.equal({
      user: 'ops',
      tty: null,
      sshClient: '192.0.2.99',
      pid: 8,
    });
    expect(detectWho({ env: { SUDO_USER: 'alice', USER: 'root' }, stdinLink: () => '/dev/tty1', pid: 9 }).user).to.equal('alice');
  });

  it('describes itself in one phrase', () => {
    expect(describeWho(WHO)).to.equal('root on /dev/pts/1 from 2001:db8::99');
    expect(describeWho({ user: 'root', tty: null, sshClient: null, pid: 5 })).to.equal('root (pid 5)');
  });
});
