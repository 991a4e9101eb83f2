import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleHarness } from './support/console-harness.js';
import { openNetworkTime } from './support/flows.js';

describe('screens: Network time (simulated host, end to end)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('sets two IPv6 NTP servers and shows each one\'s state', async () => {
    h = await ConsoleHarness.start();
    await openNetworkTime(h);
    await h.waitForText('Factory defaults, clock synchronised');
    expect(h.screenText()).to.include('0.pool.ntp.org: synchronised');
    await h.press('left'); // Factory defaults → Custom servers (DHCP, Custom, Factory, Disabled)
    await h.press('tab');
    await h.type('2001:db8::123, 2001:db8::124');
    await h.press('enter', 2); // to Time zone, then submit
    await h.waitForText('Custom servers: none -> 2001:db8::123, 2001:db8::124');
    expect(h.sim?.callCount('host.set_ntp_custom_servers'), 'nothing sent before the answer').to.equal(0);
    await h.type('y');
    await h.waitForText('Custom servers, clock synchronised');
    expect(h.screenText()).to.include('2001:db8::123: synchronised (selected)');
    expect(h.screenText()).to.include('2001:db8::124: combined');
    expect(h.sim?.callCount('host.set_ntp_mode')).to.equal(1);
    const audit = readFileSync(join(h.store.dir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; event: string; who?: { user: string } });
    expect(audit.filter((e) => e.kind === 'ntp').map((e) => `${e.event}:${e.who?.user ?? ''}`)).to.deep.equal(['begin:tester', 'applied:tester']);
  });

  it('a bad server is refused in the form with the field named, nothing sent', async () => {
    h = await ConsoleHarness.start();
    await openNetworkTime(h);
    await h.waitForText('Factory defaults, clock synchronised');
    await h.press('left');
    await h.press('tab');
    await h.type('2001:db8::zz');
    await h.press('enter', 2);
    await h.waitForText('NTP servers:');
    expect(h.sim?.callCount('host.set_ntp_custom_servers')).to.equal(0);
  });

  it('an older xapi: says the host predates the NTP API, with its version', async () => {
    h = await ConsoleHarness.start({ ntpApi: false });
    await openNetworkTime(h);
    await h.waitForText('predates the');
    // The dialog wraps its sentence: read the box whole. The scenario's xapi is 25.x (the SSH calls), before 26.0.0.
    expect(h.boxesText()).to.match(/\(API 2\.21, xapi 2[45]\.[\d.]+\) predates the NTP API/);
  });
});
