import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../../src/backends/simulator/index.js';
import { pifByDevice, tcpTarget, TestSession } from './support/rpc.js';

describe('simulator: state file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const listen = [{ kind: 'tcp' as const, host: '127.0.0.1', port: 0 }];

  it('is written at start and after each change, and loaded on the next start', async () => {
    const stateFile = join(dir, 'state.json');
    const a = await startSimulator({ listen, stateFile, authFailureDelayMs: 0 });
    expect(existsSync(stateFile)).to.equal(true);
    const s = await TestSession.login(tcpTarget(a));
    const [eth1] = await pifByDevice(s, 'eth1');
    await s.call('PIF.reconfigure_ip', eth1, 'Static', '198.51.100.7', '255.255.255.0', '', '');
    await a.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { scenario: string; db: { tables: { PIF: Record<string, { IP: string }> } } };
    expect(saved.scenario).to.equal('default');
    expect(saved.db.tables.PIF[eth1]?.IP).to.equal('198.51.100.7');

    const b = await startSimulator({ listen, stateFile, scenario: 'pool', authFailureDelayMs: 0 });
    try {
      expect(b.scenario).to.equal('default');
      const s2 = await TestSession.login(tcpTarget(b));
      expect((await pifByDevice(s2, 'eth1'))[1].IP).to.equal('198.51.100.7');
    } finally {
      await b.close();
    }
  });

  it('leaves no temporary file behind and writes the address map beside it', async () => {
    const stateFile = join(dir, 'host.json');
    const a = await startSimulator({ listen, stateFile, authFailureDelayMs: 0 });
    await a.close();
    const map = JSON.parse(readFileSync(join(dir, 'host.address-map.json'), 'utf8')) as Record<string, { host: string; port: number }>;
    expect(Object.keys(map)).to.deep.equal(['192.0.2.10', '2001:db8::10']);
    expect(map['192.0.2.10']?.host).to.equal('127.0.0.1');
    expect(readFileSync(stateFile, 'utf8')).to.contain('"version": 1');
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('PIF_UNMANAGED comes before the address checks (unmanaged PIF loaded from a state file)', async () => {
    const stateFile = join(dir, 'state.json');
    const a = await startSimulator({ listen, stateFile, authFailureDelayMs: 0 });
    const s = await TestSession.login(tcpTarget(a));
    const [eth1] = await pifByDevice(s, 'eth1');
    await a.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { db: { tables: { PIF: Record<string, { managed: boolean }> } } };
    const rec = saved.db.tables.PIF[eth1];
    if (rec === undefined) throw new Error('eth1 missing');
    rec.managed = false;
    writeFileSync(stateFile, JSON.stringify(saved));
    const b = await startSimulator({ listen, stateFile, authFailureDelayMs: 0 });
    try {
      const s2 = await TestSession.login(tcpTarget(b));
      expect(await s2.error('PIF.reconfigure_ip', eth1, 'Static', 'bad', 'bad', '', '')).to.deep.equal(['PIF_UNMANAGED', eth1]);
      expect(await s2.error('PIF.reconfigure_ipv6', eth1, 'Static', 'bad', 'bad', '')).to.deep.equal(['PIF_UNMANAGED', eth1]);
    } finally {
      await b.close();
    }
  });

  it('refuses a file that is not a state file', async () => {
    const stateFile = join(dir, 'bad.json');
    writeFileSync(stateFile, '{"hello": 1}');
    let error: unknown;
    await startSimulator({ listen, stateFile }).then(
      (h) => h.close(),
      (e: unknown) => {
        error = e;
      },
    );
    expect(String(error)).to.contain('not a simulator state file');
  });
});
