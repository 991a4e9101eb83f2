/**
 * Remote access: SSH on/off, the time after which SSH turns itself off again, and the idle timeout of console
 * sessions — through xapi where the host's API has them (host.enable_ssh 25.13; the timeouts 25.21), else systemctl
 * on this machine (on/off only). Each change passes requireChange, is confirmed, and is written to the audit log.
 */
import type { SshControl, SshStatus } from '../backends/host-operations.js';
import { sshAddresses } from '../presentation/ssh-addresses.js';
import type { ScreenContext } from '../ui/screen-contract.js';
import type { HostSession } from './host-session.js';
import { requireChange } from './require-change.js';

/** "never", "30 min", "2 h", "1 h 30 min". */
export function formatTimeout(seconds: number): string {
  if (seconds === 0) return 'never';
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Minutes typed in a field → seconds, or the problem. */
export function parseMinutes(text: string, maxMinutes: number | null): { seconds: number } | { problem: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { problem: 'Minutes: a whole number (0 means never).' };
  const n = Number(t);
  if (maxMinutes !== null && n > maxMinutes) return { problem: `Minutes: at most ${maxMinutes} (${formatTimeout(maxMinutes * 60)}).` };
  return { seconds: n * 60 };
}

type Choice = 'toggle' | 'ssh-timeout' | 'console-timeout' | 'addresses';

function statusLine(s: SshStatus): string {
  const state = s.enabled ? 'SSH is on' : 'SSH is off';
  const expiry = s.enabled && s.expiry !== null ? `, turns itself off at ${s.expiry}` : '';
  return `${state}${expiry} (via ${s.via})`;
}

export async function runRemoteAccess(ctx: ScreenContext, session: HostSession): Promise<void> {
  const tools = session.tools?.() ?? null;
  const ssh: SshControl | null = tools?.operations?.ssh ?? null;
  if (tools === null || ssh === null) {
    await ctx.message('Remote access', [session.readError()?.message ?? 'This backend cannot manage the SSH service (or the host has not been read yet).']);
    return;
  }
  let selected = 0;
  for (;;) {
    const status = await ssh.status();
    if (!status.ok) {
      await ctx.error({ title: 'Remote access', message: status.error.message, details: [status.error.code, ...status.error.params].join(' ') });
      return;
    }
    const s = status.value;
    const items: { value: Choice; label: string }[] = [{ value: 'toggle', label: s.enabled ? 'Turn SSH off' : 'Turn SSH on' }];
    if (s.enabledTimeoutSeconds !== null && ssh.setEnabledTimeout !== undefined) {
      items.push({ value: 'ssh-timeout', label: `SSH turns itself off after: ${formatTimeout(s.enabledTimeoutSeconds)}` });
    }
    if (s.consoleIdleTimeoutSeconds !== null && ssh.setConsoleIdleTimeout !== undefined) {
      items.push({ value: 'console-timeout', label: `Idle console sessions end after: ${formatTimeout(s.consoleIdleTimeoutSeconds)}` });
    }
    items.push({ value: 'addresses', label: 'How to connect (SSH address of each family)' });
    const choice = await ctx.choose(statusLine(s), items, Math.min(selected, items.length - 1));
    if (choice === null) return;
    selected = Math.max(0, items.findIndex((i) => i.value === choice));
    if (choice === 'addresses') {
      const list = sshAddresses(session.state());
      await ctx.view({
        title: 'How to connect',
        blocks:
          list.length === 0
            ? [{ kind: 'text', paragraphs: ['The management interface has no address to connect to.'] }]
            : [
                { kind: 'key-value', rows: list.map((a) => ({ key: a.family, value: a.url })) },
                { kind: 'text', paragraphs: ['From a shell:', ...list.map((a) => `  ${a.command}`), s.enabled ? '' : 'SSH is off: turn it on first.'].filter((p) => p !== '') },
              ],
      });
      continue;
    }
    if (choice === 'toggle') {
      const on = !s.enabled;
      if (!(await requireChange(ctx, on ? 'turn SSH on' : 'turn SSH off'))) continue;
      const warn = on
        ? [`Turn SSH on? root can then log in over the network${s.enabledTimeoutSeconds ? `; SSH turns itself off again after ${formatTimeout(s.enabledTimeoutSeconds)}` : ''}.`]
        : ['Turn SSH off? Sessions open now stay open; no new one can start. If you are connected over SSH, make sure you can reach this console another way.'];
      if (!(await ctx.confirm(on ? 'Turn SSH on' : 'Turn SSH off', warn))) continue;
      const r = await ssh.setEnabled(on);
      await tools.audit('host-action', { action: on ? 'ssh-on' : 'ssh-off', outcome: r.ok ? 'done' : 'failed', via: s.via, ...(r.ok ? {} : { code: r.error.code }) });
      if (!r.ok) await ctx.error({ title: on ? 'Turn SSH on: failed' : 'Turn SSH off: failed', message: r.error.message, details: [r.error.code, ...r.error.params].join(' ') });
      else await ctx.message('Remote access', [on ? 'SSH is on.' : 'SSH is off.']);
      continue;
    }
    const isSsh = choice === 'ssh-timeout';
    const current = (isSsh ? s.enabledTimeoutSeconds : s.consoleIdleTimeoutSeconds) ?? 0;
    const max = isSsh ? 2880 : null;
    const values = await ctx.form({
      title: isSsh ? 'SSH timeout' : 'Console idle timeout',
      intro: [
        isSsh ? 'After how many minutes SSH turns itself off again each time it is turned on (0: never; at most 2 days).' : 'After how many idle minutes a console session (local or SSH) ends (0: never).',
      ],
      fields: [{ kind: 'text', id: 'minutes', label: 'Minutes', initial: String(Math.round(current / 60)), validate: (t) => { const p = parseMinutes(t, max); return 'problem' in p ? p.problem : null; } }],
    });
    if (values === null) continue;
    const parsed = parseMinutes(values['minutes'] ?? '', max);
    if ('problem' in parsed) continue;
    if (!(await requireChange(ctx, isSsh ? 'set the SSH timeout' : 'set the console idle timeout'))) continue;
    const set = isSsh ? ssh.setEnabledTimeout : ssh.setConsoleIdleTimeout;
    if (set === undefined) continue;
    const r = await set.call(ssh, parsed.seconds);
    await tools.audit('host-action', { action: isSsh ? 'ssh-timeout' : 'console-timeout', outcome: r.ok ? 'done' : 'failed', seconds: parsed.seconds, ...(r.ok ? {} : { code: r.error.code }) });
    if (!r.ok) await ctx.error({ title: 'Remote access: not changed', message: r.error.message, details: [r.error.code, ...r.error.params].join(' ') });
  }
}
