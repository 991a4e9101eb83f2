/**
 * Smoke test of the real binary in a real terminal (tmux): the console draws, keys work, q quits
 * with the terminal restored and exit status 0.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDist } from '../support/build-dist.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TMUX = '/usr/bin/tmux';
const SOCKET = `hc-smoke-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

function tmux(...args: string[]): string {
  return execFileSync(TMUX, ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function capture(): string {
  return tmux('capture-pane', '-p', '-t', 'smoke');
}

async function waitForPane(text: string, timeoutMs = 8000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pane = capture();
    if (pane.includes(text)) return pane;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; pane:\n${pane}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('ui: tmux smoke test of bin/hostconsole.js console', function () {
  this.timeout(120_000);

  before(function () {
    if (!existsSync(TMUX)) this.skip();
    // Build (other areas may have type errors in progress; tsc still emits, we check our output exists).
    buildDist();
    expect(existsSync(new URL('../../dist/src/cli/verbs/console.js', import.meta.url)), 'dist/src/cli/verbs/console.js built').to.equal(true);
  });

  const started: number[] = [];

  after(() => {
    spawnSync(TMUX, ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
    spawnSync(TMUX, ['-L', `${SOCKET}-hup`, 'kill-server'], { stdio: 'ignore' });
    for (const pid of started) {
      try {
        process.kill(pid, 'SIGKILL'); // only if a test failed and left it behind
      } catch {
        // already gone
      }
    }
    const socketDir = `${process.env['TMUX_TMPDIR'] ?? '/tmp'}/tmux-${process.getuid?.() ?? 0}`;
    spawnSync('rm', ['-f', `/tmp/${SOCKET}.pid`, `/tmp/${SOCKET}-hup.pid`, `${socketDir}/${SOCKET}`, `${socketDir}/${SOCKET}-hup`]);
  });

  it('draws, moves, opens a dialog, and quits cleanly with q', async () => {
    tmux(
      'new-session', '-d', '-s', 'smoke', '-x', '80', '-y', '24',
      `cd '${ROOT}' && LANG=C.UTF-8 HOSTCONSOLE_XAPI_SOCKET=/nonexistent/xapi node bin/hostconsole.js console; echo "hostconsole-exit=$?"; sleep 600`,
    );
    // No backend: the console still opens (its frame at once, while it looks for a backend); the host screens say why.
    await waitForPane('About hostconsole');
    const first = await waitForPane('No backend found');
    expect(first.split('\n')[0]).to.match(/^ hostconsole \| - \| no backend +\d\d:\d\d$/);
    expect(first).to.include('No backend found');
    expect(first).to.include('Up/Down Select');
    tmux('send-keys', '-t', 'smoke', 'k');
    tmux('send-keys', '-t', 'smoke', 'Enter');
    await waitForPane('lines 1-');
    tmux('send-keys', '-t', 'smoke', 'Escape');
    await waitForPane('Enter Open');
    tmux('send-keys', '-t', 'smoke', 'q');
    const after = await waitForPane('hostconsole-exit=');
    expect(after).to.include('hostconsole-exit=0');
    expect(after).not.to.include('Up/Down Select'); // left the alternate screen
    const cursor = tmux('display-message', '-p', '-t', 'smoke', '#{cursor_flag} #{alternate_on}').trim();
    expect(cursor).to.equal('1 0');
  });

  it('quits on SIGTERM with the terminal restored', async () => {
    tmux(
      'new-window', '-t', 'smoke', '-n', 'term',
      `cd '${ROOT}' && LANG=C sh -c 'echo $$ > /tmp/${SOCKET}.pid; exec node bin/hostconsole.js console --mono'; echo "hostconsole-exit=$?"; sleep 600`,
    );
    const target = 'smoke:term';
    const deadline = Date.now() + 8000;
    while (!tmux('capture-pane', '-p', '-t', target).includes('About hostconsole')) {
      if (Date.now() > deadline) throw new Error(tmux('capture-pane', '-p', '-t', target));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const pid = Number(execFileSync('cat', [`/tmp/${SOCKET}.pid`], { encoding: 'utf8' }).trim());
    started.push(pid);
    process.kill(pid, 'SIGTERM');
    const end = Date.now() + 8000;
    let pane = '';
    while (!(pane = tmux('capture-pane', '-p', '-t', target)).includes('hostconsole-exit=')) {
      if (Date.now() > end) throw new Error(pane);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(pane).to.include('hostconsole-exit=143');
    expect(tmux('display-message', '-p', '-t', target, '#{cursor_flag} #{alternate_on}').trim()).to.equal('1 0');
    spawnSync('rm', ['-f', `/tmp/${SOCKET}.pid`]);
  });

  it('exits (does not spin) when the terminal goes away: tmux kill-server hangs up the tty', async () => {
    const socket = `${SOCKET}-hup`;
    execFileSync(TMUX, ['-L', socket, 'new-session', '-d', '-x', '80', '-y', '24',
      `cd '${ROOT}' && HOSTCONSOLE_XAPI_SOCKET=/nonexistent/xapi sh -c 'echo $$ > /tmp/${socket}.pid; exec node bin/hostconsole.js console'`]);
    const deadline = Date.now() + 8000;
    while (!execFileSync(TMUX, ['-L', socket, 'capture-pane', '-p'], { encoding: 'utf8' }).includes('About hostconsole')) {
      if (Date.now() > deadline) throw new Error('console did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const pid = Number(execFileSync('cat', [`/tmp/${socket}.pid`], { encoding: 'utf8' }).trim());
    started.push(pid);
    spawnSync(TMUX, ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    const alive = (): boolean => {
      try {
        const stat = execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        return !/\) Z /.test(stat);
      } catch {
        return false;
      }
    };
    const end = Date.now() + 5000;
    while (alive() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(), 'hostconsole still running after hang-up').to.equal(false);
  });
});
