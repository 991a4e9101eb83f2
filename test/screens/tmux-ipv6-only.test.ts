/**
 * Smoke test of the built program in a real terminal (tmux): `node bin/hostconsole.js --simulate`, switch the
 * default host to IPv6-only with a static address using the keyboard alone, and read it back on the Status screen.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDist } from '../support/build-dist.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TMUX = '/usr/bin/tmux';
const SOCKET = `hc-ipv6-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

function tmux(...args: string[]): string {
  return execFileSync(TMUX, ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function keys(...names: string[]): void {
  tmux('send-keys', '-t', 'hc', ...names);
}

async function waitForPane(text: string | RegExp, timeoutMs = 10000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pane = tmux('capture-pane', '-p', '-t', 'hc');
    if (typeof text === 'string' ? pane.includes(text) : text.test(pane)) return pane;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; pane:\n${pane}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('screens: tmux smoke test — default simulated host to IPv6-only static', function () {
  this.timeout(120_000);

  before(function () {
    if (!existsSync(TMUX)) this.skip();
    buildDist();
    expect(existsSync(new URL('../../dist/screens/management-interface.js', import.meta.url)), 'dist/screens built').to.equal(true);
  });

  after(() => {
    spawnSync(TMUX, ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
  });

  it('switches with the keyboard alone and the Status screen shows the IPv6 URL', async () => {
    tmux('new-session', '-d', '-s', 'hc', '-x', '80', '-y', '24', `cd '${ROOT}' && TERM=xterm LANG=C.UTF-8 node bin/hostconsole.js --simulate; echo "hostconsole-exit=$?"; sleep 600`);
    // Both URLs of the dual-stack host, the primary first and marked.
    const first = await waitForPane('URL:          https://192.0.2.10/ (primary)');
    expect(first).to.include('https://[2001:db8::10]/');
    // Network and Management (a section), then its Management interface item.
    keys('n', 'Enter');
    await waitForPane(/[┌+]─ Network and Management /);
    keys('m', 'Enter');
    // Every change asks for root's password first (the simulated host's: xenroot), and shows nothing of it.
    await waitForPane("Enter root's password");
    keys('xenroot');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tmux('capture-pane', '-p', '-t', 'hc')).not.to.match(/xenroot|\*{3}/);
    keys('Enter');
    await waitForPane('choose the interface');
    expect(tmux('capture-pane', '-p', '-t', 'hc')).to.include('| root@xcp-ng-01 |');
    keys('Enter');
    await waitForPane('Dual stack (IPv4 primary) (current)');
    keys('Down', 'Down', 'Enter');
    await waitForPane('IPv6 on eth0');
    keys('Tab');
    // The first key replaces the prefilled address (xsconsole). A typo first: the console points at it, and nothing moves on.
    keys('2001:db8::2o', 'Tab');
    await waitForPane("has 'o' in group");
    keys('Up', 'BSpace', '0', 'Enter', 'Enter', 'Enter');
    await waitForPane('IPv4 and IPv6 servers, separated');
    keys('Enter', 'Enter');
    await waitForPane('Letters, digits and hyphens');
    keys('Enter');
    await waitForPane('Apply? F8/y');
    keys('y');
    // The confirmation window: the checks, the new URL and the countdown; y keeps the change.
    await waitForPane('Keep these settings?');
    keys('y');
    await waitForPane('Change kept');
    keys('Escape');
    await waitForPane('Enter Open');
    // Back to the main menu (Left: Esc and a letter sent together would read as Alt-letter), then Status display.
    keys('Left');
    await waitForPane('Status display');
    keys('s', 'Enter');
    const status = await waitForPane('Primary family');
    expect(status).to.match(/Primary family: +IPv6/);
    expect(status).to.include('https://[2001:db8::20]/');
    expect(status).to.include('2001:db8::20/64 global');
    expect(status).not.to.include('192.0.2.10/24');
    keys('Escape');
    await waitForPane('Enter Open');
    keys('q');
    const after = await waitForPane('hostconsole-exit=');
    expect(after).to.include('hostconsole-exit=0');
  });
});
