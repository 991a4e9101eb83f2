/**
 * Network time: the host's NTP mode (DHCP, custom servers, factory defaults, disabled), servers of both families,
 * whether the clock is synchronised with each server's state, and the time zone — xapi's host NTP API (xapi 26.0.0);
 * an older xapi is named with its version (then chrony on the host); NetworkManager hosts: chrony or timesyncd. Login first (ctx.authorize) before any change.
 */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { Screen } from '../src/ui/screen-contract.js';

const TITLE = 'Network time';

export function networkTimeScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'network-time',
    title: TITLE,
    menuLabel: 'Time (NTP)',
    changesHost: true,
    describe: () => menuPane('Enter: NTP mode and servers (IPv4 and IPv6), synchronisation, time zone.', session.state(), session.readError()?.message ?? null),
    refresh: () => session.refresh(),
    open: async (ctx) => {
      const ntp = session.ntp;
      if (ntp === undefined) {
        await ctx.message(TITLE, [`${session.description} does not offer network time settings.`]);
        return;
      }
      const [{ ntpFormSpec, ntpChangesFrom, applyNtp }, { ntpTextLines }] = await Promise.all([import('../src/app/network-time.js'), import('../src/presentation/ntp-text.js')]);
      const before = await ntp.read();
      if (!before.ok) {
        await ctx.error({ title: TITLE, message: before.error.message, details: [before.error.code, ...before.error.params].join(' ') });
        return;
      }
      if (!before.value.available) {
        await ctx.message(TITLE, [before.value.reason]);
        return;
      }
      const values = await ctx.form(ntpFormSpec(before.value.status, ntpTextLines(before.value), before.value.modes));
      if (values === null) return;
      const change = ntpChangesFrom(before.value.status, values);
      if (change.lines.length === 0) {
        await ctx.message(TITLE, ['Nothing to change.']);
        return;
      }
      if (!(await ctx.authorize(TITLE))) return;
      if (!(await ctx.confirm(TITLE, [...change.lines, 'Apply? (written to the audit log)']))) return;
      const tx = `ntp-${Date.now().toString(36)}`;
      await session.auditNote?.(tx, 'ntp', 'begin', { changes: change.lines });
      const failure = await applyNtp(ntp, change.request);
      await session.auditNote?.(tx, 'ntp', failure === null ? 'applied' : 'apply-failed', failure === null ? {} : { error: failure.message });
      if (failure !== null) {
        await ctx.error({ title: TITLE, message: failure.message, details: [failure.code, ...failure.params].join(' ') });
        return;
      }
      const after = await ntp.read();
      await ctx.message(TITLE, after.ok ? ntpTextLines(after.value) : [after.error.message]);
    },
  };
}
