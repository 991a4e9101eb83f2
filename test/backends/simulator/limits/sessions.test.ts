/** Sessions expire when idle and are bounded per group, as xapi's session GC does (session-limits.ts). */
import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../../src/backends/simulator/index.js';
import { XAPI_SESSION_LIMITS } from '../../../../src/backends/simulator/session-limits.js';
import { jsonCall, tcpTarget, type Target } from '../support/rpc.js';

async function login(target: Target, originator = ''): Promise<string> {
  const r = await jsonCall(target, 'session.login_with_password', ['root', 'xenroot', '1.0', originator]);
  if (!r.ok) throw new Error(r.error.join(' '));
  return r.value as string;
}

async function valid(target: Target, session: string): Promise<boolean> {
  const r = await jsonCall(target, 'pool.get_all', [session]);
  if (!r.ok && r.error[0] !== 'SESSION_INVALID') throw new Error(r.error.join(' '));
  return r.ok;
}

describe('simulator limits: sessions', function () {
  this.timeout(20_000);
  let sim: SimulatorHandle | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  it("has xapi's limits by default: 24 h idle, 500 per originator or user name, 400 anonymous", () => {
    expect(XAPI_SESSION_LIMITS).to.include({ inactiveTimeoutMs: 86_400_000, perOriginator: 500, perUserName: 500, anonymous: 400 });
  });

  it('destroys the least recently used sessions of a group beyond its limit, and only that group', async () => {
    sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0, sessionLimits: { anonymous: 3, perOriginator: 2 } });
    const t = tcpTarget(sim);
    const anon = [await login(t), await login(t), await login(t)];
    const tagged = [await login(t, 'xo'), await login(t, 'xo')];
    // Use the first anonymous session so that the second is the least recently used.
    expect(await valid(t, anon[0] ?? '')).to.equal(true);
    await login(t); // a fourth anonymous one
    expect(await valid(t, anon[1] ?? '')).to.equal(false);
    expect(await valid(t, anon[0] ?? '')).to.equal(true);
    expect(await valid(t, anon[2] ?? '')).to.equal(true);
    for (const s of tagged) expect(await valid(t, s)).to.equal(true);
    await login(t, 'xo');
    expect(await valid(t, tagged[0] ?? '')).to.equal(false);
  });

  it('expires a session idle longer than the inactive timeout (SESSION_INVALID)', async () => {
    // The sessions' clock is driven here: on the wall clock a loaded machine could stall past the 300 ms between two
    // uses of the busy session and expire it too.
    let now = 1_000_000;
    sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0, sessionLimits: { inactiveTimeoutMs: 300 }, sessionClock: () => now });
    const t = tcpTarget(sim);
    const busy = await login(t);
    const idle = await login(t);
    for (let i = 0; i < 4; i++) {
      now += 120;
      expect(await valid(t, busy)).to.equal(true);
    }
    // 480 ms idle: gone; the busy one, used 120 ms ago, still valid; exactly at the timeout a session still counts.
    expect(await valid(t, idle)).to.equal(false);
    expect(await valid(t, busy)).to.equal(true);
    now += 300;
    expect(await valid(t, busy)).to.equal(true);
    now += 301;
    expect(await valid(t, busy)).to.equal(false);
  });

  it('keeps the table bounded whatever the client calls itself', async () => {
    sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0, sessionLimits: { total: 50 } });
    const t = tcpTarget(sim);
    const sessions: string[] = [];
    for (let i = 0; i < 80; i++) sessions.push(await login(t, `originator-${i}`));
    const alive = (await Promise.all(sessions.map((s) => valid(t, s)))).filter(Boolean).length;
    expect(alive).to.equal(50);
  });
});
