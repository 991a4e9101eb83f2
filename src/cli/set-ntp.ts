/**
 * `hostconsole set ntp`: the host's NTP mode (dhcp, custom, factory, disabled), custom servers of both families
 * (addresses or names) and time zone, through the backend's NtpSupport (xapi's host NTP API, else chrony on the host;
 * on NetworkManager hosts chrony or systemd-timesyncd). Validated before
 * anything is sent, shown before → after, audit-logged, then the result read back with each server's state.
 * Called from set.ts, kept apart so that file stays about management addressing.
 */
import { describeBackendError } from '../backends/backend-error.js';
import { applyNtp } from '../app/network-time.js';
import { openBackend } from '../backends/select-backend.js';
import { listText } from '../model/canonical-text.js';
import { isNtpMode, ntpModeLabel, parseNtpServers, type NtpMode } from '../model/ntp.js';
import { ntpTextLines } from '../presentation/ntp-text.js';
import { AuditLog, detectWho } from '../transaction/index.js';
import { backendChoice, BACKEND_OPTIONS } from './backend-options.js';
import { EXIT, type CliIo } from './io.js';
import { parseOptions, type OptionSpec } from './options.js';
import { openStateStore, STATE_OPTIONS } from './transaction-setup.js';
import { join } from 'node:path';

export const NTP_OPTIONS: readonly OptionSpec[] = [
  { name: 'mode', kind: 'value', valueName: 'dhcp|custom|factory|disabled', help: 'NTP mode (custom uses --servers or the custom servers already set)' },
  { name: 'servers', kind: 'value', valueName: 'LIST', help: 'custom NTP servers: IPv4/IPv6 addresses or names, comma or space separated' },
  { name: 'timezone', kind: 'value', valueName: 'ZONE', help: 'time zone, an IANA name such as UTC or Europe/Paris' },
];

export const NTP_USAGE = 'set ntp [--mode dhcp|custom|factory|disabled] [--servers LIST] [--timezone ZONE] [backend options]';

export interface NtpRequest {
  readonly mode: NtpMode | null;
  readonly servers: readonly string[] | null;
  readonly timezone: string | null;
}

/** Flags → a checked request, or the message naming what is wrong. */
export function ntpRequest(values: ReadonlyMap<string, string>): { ok: true; request: NtpRequest } | { ok: false; message: string } {
  const modeText = values.get('mode');
  const serversText = values.get('servers');
  const timezone = values.get('timezone');
  if (modeText === undefined && serversText === undefined && timezone === undefined) return { ok: false, message: 'nothing to set: give --mode, --servers or --timezone' };
  if (modeText !== undefined && !isNtpMode(modeText)) return { ok: false, message: `--mode is dhcp, custom, factory or disabled, not '${modeText}'` };
  let servers: readonly string[] | null = null;
  if (serversText !== undefined) {
    const parsed = parseNtpServers(serversText, true);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    servers = parsed.servers;
  }
  if (timezone !== undefined && !/^[A-Za-z0-9_+\-/]+$/.test(timezone)) return { ok: false, message: `Time zone: '${timezone}' is not an IANA time zone name (such as UTC or Europe/Paris).` };
  return { ok: true, request: { mode: (modeText as NtpMode | undefined) ?? (servers !== null ? 'custom' : null), servers, timezone: timezone ?? null } };
}

export async function runSetNtp(args: readonly string[], io: CliIo): Promise<number> {
  const err = (text: string) => io.stderr.write(`hostconsole set ntp: ${text}\n`);
  const out = (text: string) => io.stdout.write(text + '\n');
  const all = [...NTP_OPTIONS, ...STATE_OPTIONS, ...BACKEND_OPTIONS];
  const parsed = parseOptions(args, all);
  if (!parsed.ok || parsed.value.positional.length > 0) {
    err(`${parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message}\nUsage: hostconsole ${NTP_USAGE}`);
    return EXIT.usage;
  }
  const checked = ntpRequest(parsed.value.values);
  if (!checked.ok) {
    err(checked.message);
    return checked.message.startsWith('--') || checked.message.startsWith('nothing') ? EXIT.usage : EXIT.invalid;
  }
  const request = checked.request;
  const choice = backendChoice(parsed.value);
  if (!choice.ok) {
    err(choice.error.message);
    return EXIT.usage;
  }
  const opened = await openBackend(choice.value, io.env);
  if (!opened.ok) {
    err(describeBackendError(opened.error));
    return EXIT.backend;
  }
  const { backend, description } = opened.value;
  try {
    const ntp = backend.ntp;
    if (ntp === undefined) {
      err(`${description} does not offer network time settings (a remote xapi without the NTP API cannot be changed from here).`);
      return EXIT.invalid;
    }
    const before = await ntp.read();
    if (!before.ok) {
      err(describeBackendError(before.error));
      return EXIT.backend;
    }
    if (!before.value.available) {
      err(before.value.reason);
      return EXIT.invalid;
    }
    const now = before.value.status;
    const offered = before.value.modes;
    if (request.mode !== null && offered !== undefined && !offered.includes(request.mode)) {
      err(`--mode ${request.mode} is not offered here (${offered.join(', ')}): ${before.value.note ?? ''}`.trim());
      return EXIT.invalid;
    }
    if (request.mode === 'custom' && request.servers === null && now.customServers.length === 0) {
      err('NTP servers: custom mode needs servers; give --servers LIST (none are set on the host).');
      return EXIT.invalid;
    }
    const changes: string[] = [];
    if (request.mode !== null && request.mode !== now.mode) changes.push(`mode: ${ntpModeLabel(now.mode)} -> ${ntpModeLabel(request.mode)}`);
    if (request.servers !== null && request.servers.join(',') !== now.customServers.join(',')) changes.push(`custom servers: ${listText(now.customServers)} -> ${listText(request.servers)}`);
    if (request.timezone !== null && request.timezone !== now.timezone) changes.push(`time zone: ${now.timezone} -> ${request.timezone}`);
    if (changes.length === 0) {
      out('Nothing to change.');
      for (const line of ntpTextLines(before.value)) out(line);
      return EXIT.ok;
    }
    out(`Network time on ${description}:`);
    for (const c of changes) out(`  ${c}`);
    const store = openStateStore(choice.value, parsed.value.values.get('state-dir'), io.env);
    const audit = store.ok ? new AuditLog(parsed.value.values.get('audit-log') ?? join(store.store.dir, 'audit.log')) : null;
    const tx = `ntp-${Date.now().toString(36)}`;
    const who = detectWho({ env: io.env });
    audit?.write({ tx, event: 'begin', who, kind: 'ntp', changes });
    const error = await applyNtp(ntp, request);
    const failure = error === null ? null : describeBackendError(error);
    audit?.write({ tx, event: failure === null ? 'applied' : 'apply-failed', who, kind: 'ntp', ...(failure === null ? {} : { error: failure }) });
    if (store.ok) store.cleanup();
    if (failure !== null) {
      err(failure);
      return EXIT.backend;
    }
    const after = await ntp.read();
    if (after.ok) for (const line of ntpTextLines(after.value)) out(line);
    return EXIT.ok;
  } finally {
    await backend.close();
  }
}
