/**
 * Remote access end to end through the headless terminal on the simulated host (xapi 25.21): the SSH addresses of
 * both families (IPv6 bracketed), SSH off and on through xapi, the timeout set and refused beyond two days; and on
 * an older xapi, the refusal in words.
 */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { jumpTo, waitBox } from './support/menu-jump.js';

describe('screens: remote access (SSH)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('shows the SSH URL of each family, turns SSH off through xapi, sets its timeout', async () => {
    h = await ConsoleHarness.start();
    const host = h.sim?.db.hostRef('xcp-ng-01') ?? '';
    const record = () => h?.sim?.db.allRecords('host').find(([ref]) => ref === host)?.[1] ?? {};
    await jumpTo(h, 'r', 'Remote access (SSH)');
    expect(h.screenText()).to.match(/IPv4: +ssh:\/\/root@192\.0\.2\.10/);
    expect(h.screenText()).to.match(/IPv6: +ssh:\/\/root@\[2001:db8::10\]/);
    await h.press('enter');
    await h.waitForText('SSH is on (via xapi)');
    expect(h.screenText()).to.include('SSH turns itself off after: never');
    expect(h.screenText()).to.include('Idle console sessions end after: never');
    await h.press('enter');
    await waitBox(h, 'Turn SSH off', 'Sessions open now stay open');
    await h.type('y');
    await h.waitForText('SSH is off.');
    expect(record()['ssh_enabled']).to.equal(false);
    await h.press('enter');
    await h.waitForText('SSH is off (via xapi)');
    // The timeout: more than two days is refused in the form, nothing sent; 30 minutes is set.
    await h.press('down');
    await h.press('enter');
    await h.waitForText('Minutes');
    await h.replaceField('2881');
    await h.press('enter');
    await h.waitForText('at most 2880');
    await h.replaceField('30');
    await h.press('enter');
    await h.waitForText('SSH turns itself off after: 30 min');
    expect(record()['ssh_enabled_timeout']).to.equal(1800);
    expect(h.sim?.callCount('host.set_ssh_enabled_timeout')).to.equal(1);
  });

  it('an older xapi on another machine: says why SSH cannot be switched from here', async () => {
    h = await ConsoleHarness.start({ scenario: 'dhcp' });
    await jumpTo(h, 'r', 'Remote access (SSH)');
    await h.press('enter');
    await waitBox(h, 'Remote access', 'has no SSH calls (they came with 25.13)');
    expect(h.sim?.callCount('host.enable_ssh')).to.equal(0);
  });
});
