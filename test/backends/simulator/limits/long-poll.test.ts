/**
 * event.from with an absurd timeout: capped as xapi caps it (no Node TimeoutOverflowWarning, no 1 ms busy loop),
 * ended when the client hangs up (no CPU spent afterwards), and many at once without MaxListenersExceededWarning.
 * CPU is measured on a standalone simulator from /proc/PID/stat.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { cliRepo } from '../../../support/cli-under-test.js';
import { eventFromTimeoutMs, EVENT_FROM_MAX_MS } from '../../../../src/backends/simulator/event-timeout.js';
import { startSimulator } from '../../../../src/backends/simulator/index.js';
import { tempDir } from '../../../transaction/support/fixtures.js';
import { TestSession, tcpTarget, type Target } from '../support/rpc.js';

const repo = cliRepo;

/** user + system CPU time of a process, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts an event.from long-poll over its own connection; the request can be destroyed to hang up. */
function longPoll(target: Target, session: string, timeout: number): { req: ClientRequest; answered: Promise<string> } {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'event.from', params: [session, ['host'], '99999999999999999999,00000000000000000000', timeout], id: 1 });
  let req!: ClientRequest;
  const answered = new Promise<string>((resolvePromise) => {
    req = request({ ...target, path: '/jsonrpc', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, agent: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolvePromise(text));
    });
    req.on('error', (e) => resolvePromise(`error ${e.message}`));
    req.end(body);
  });
  return { req, answered };
}

describe('simulator limits: event.from long-polls', function () {
  this.timeout(60_000);

  it('caps the timeout as xapi does: not a span (negative, NaN, infinite) → 24 h; never longer than 24 h', () => {
    expect(eventFromTimeoutMs(30)).to.equal(30_000);
    expect(eventFromTimeoutMs(0)).to.equal(0);
    expect(eventFromTimeoutMs(1e10)).to.equal(EVENT_FROM_MAX_MS);
    expect(eventFromTimeoutMs(-1)).to.equal(24 * 3600_000);
    expect(eventFromTimeoutMs(Number.POSITIVE_INFINITY)).to.equal(24 * 3600_000);
    expect(EVENT_FROM_MAX_MS).to.be.below(2 ** 31 - 1);
  });

  it('30 concurrent long-polls with a 1e10 s timeout: no Node warning; each ends when its client hangs up', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(`${w.name}: ${w.message}`);
    };
    process.on('warning', onWarning);
    const sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    try {
      const target = tcpTarget(sim);
      const s = await TestSession.login(target);
      const polls = Array.from({ length: 30 }, () => longPoll(target, s.ref, 1e10));
      await new Promise((r) => setTimeout(r, 300));
      for (const p of polls) p.req.destroy();
      await Promise.all(polls.map((p) => p.answered));
      // The simulator still answers, and a change is not held up by abandoned waits.
      const fresh = longPoll(target, s.ref, 0.2);
      expect(await fresh.answered).to.contain('"events":[]');
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await sim.close();
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => /TimeoutOverflow|MaxListeners/.test(w))).to.deep.equal([]);
  });

  describe('on a standalone simulator', () => {
    let dir: string;
    let cleanup: () => void;
    let child: ChildProcess;
    let stderr = '';
    let target: Target;

    before(async () => {
      ({ dir, cleanup } = tempDir('sim-poll-'));
      const sock = join(dir, 'xapi');
      child = spawn(process.execPath, ['bin/hostconsole.js', 'simulator', '--listen', `unix:${sock}`, '--auth-delay', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise<void>((ready, fail) => {
        let out = '';
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('listening ')) ready();
        });
        child.on('exit', (code) => fail(new Error(`simulator exited ${code}: ${stderr}`)));
      });
      target = { socketPath: sock };
    });

    after(async () => {
      await new Promise<void>((r) => {
        child.removeAllListeners('exit');
        child.on('exit', () => r());
        child.kill('SIGTERM');
      });
      cleanup();
    });

    it('uses no CPU after 20 clients with 1e10 s long-polls hang up, and prints no warning', async () => {
      const s = await TestSession.login(target);
      const polls = Array.from({ length: 20 }, () => longPoll(target, s.ref, 1e10));
      await new Promise((r) => setTimeout(r, 500));
      for (const p of polls) p.req.destroy();
      await new Promise((r) => setTimeout(r, 300));
      const pid = child.pid ?? 0;
      const before = cpuMs(pid);
      await new Promise((r) => setTimeout(r, 3000));
      const used = cpuMs(pid) - before;
      console.log(`      simulator CPU over 3 s after the hang-ups: ${used} ms`);
      expect(used, 'CPU ms in 3 s').to.be.at.most(60);
      expect(stderr).to.not.match(/TimeoutOverflowWarning|MaxListenersExceededWarning/);
    });
  });
});
