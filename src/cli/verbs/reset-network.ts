/**
 * `hostconsole reset-network`: the emergency network reset (what xe-reset-networking does), with the fields of
 * `set management` plus --vlan and --master, validated by the same plan checks. Shows exactly which files change
 * (before → after), asks (or takes --yes), writes them atomically keeping the old ones beside them, and reboots the
 * host through the backend. `--undo` puts back the files of a reset that has not been applied yet.
 */
import { describeBackendError } from '../../backends/backend-error.js';
import { openBackend } from '../../backends/select-backend.js';
import { readHostFiles } from '../../host-files/host-files.js';
import { undoReset, writeResetFiles } from '../../host-files/write-reset-files.js';
import { resetFileChanges } from '../../model/reset/reset-files.js';
import { formatResetIssue, validateReset } from '../../model/reset/validate-reset.js';
import { resetViewLines } from '../../presentation/reset-view.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { EXIT, type CliIo } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import { statusText } from '../status-report.js';
import type { Verb } from '../verb.js';
import { join } from 'node:path';
import { AuditLog, detectWho } from '../../transaction/index.js';
import { openStateStore, STATE_OPTIONS } from '../transaction-setup.js';
import { planInputFromFlags, type SetFlags } from './set.js';

const FIELD_OPTIONS: readonly OptionSpec[] = [
  { name: 'interface', kind: 'value', valueName: 'DEV', help: 'the NIC that carries management after the reset (default: the current one)' },
  { name: 'vlan', kind: 'value', valueName: '0-4094|none', help: 'VLAN tag for the management network (default: none)' },
  { name: 'ipv4', kind: 'value', valueName: 'none|dhcp|static:ADDR/PREFIX', help: 'IPv4 mode and static address' },
  { name: 'gateway4', kind: 'value', valueName: 'ADDR|none', help: 'IPv4 default gateway' },
  { name: 'ipv6', kind: 'value', valueName: 'none|dhcp|autoconf|static:ADDR/PREFIX', help: 'IPv6 mode and static address' },
  { name: 'gateway6', kind: 'value', valueName: 'ADDR|none', help: 'IPv6 default gateway' },
  { name: 'primary', kind: 'value', valueName: 'ipv4|ipv6', help: 'the primary family in dual stack' },
  { name: 'dns', kind: 'value', valueName: 'LIST|none', help: 'DNS servers (written with a static family, as xe-reset-networking does; on NetworkManager always)' },
  { name: 'master', kind: 'value', valueName: 'ADDR', help: "pool member: the pool master's address to write into pool.conf" },
];
const RESET_OPTIONS: readonly OptionSpec[] = [
  { name: 'root', kind: 'value', valueName: 'DIR', help: "write the host's files under DIR instead of / (with --simulate: the simulated host's files)" },
  { name: 'yes', kind: 'flag', help: 'do not ask: write the files and reboot' },
  { name: 'no-reboot', kind: 'flag', help: 'write the files only; the reset takes effect at the next boot' },
  { name: 'undo', kind: 'flag', help: 'put back the files of a reset that has not been applied yet (kept as *.hostconsole-prev)' },
];
const ALL_OPTIONS: readonly OptionSpec[] = [...FIELD_OPTIONS, ...RESET_OPTIONS, ...STATE_OPTIONS, ...BACKEND_OPTIONS];

const SUMMARY = 'Emergency network reset: write a new management configuration (xe-reset-networking) and reboot';

function ask(io: CliIo, question: string): Promise<string> {
  io.stdout.write(question);
  return new Promise((resolve) => {
    let text = '';
    const onData = (d: Buffer | string) => {
      text += d.toString();
      if (text.includes('\n')) done();
    };
    const done = () => {
      io.stdin.off('data', onData);
      io.stdin.off('end', done);
      io.stdin.pause();
      resolve(text.split('\n')[0]?.trim() ?? '');
    };
    io.stdin.on('data', onData);
    io.stdin.on('end', done);
    io.stdin.resume();
  });
}

export const resetNetworkVerb: Verb = {
  name: 'reset-network',
  summary: SUMMARY,
  usage: [
    'reset-network [--interface DEV] [--vlan TAG] [--ipv4 none|dhcp|static:ADDR/PREFIX] [--gateway4 ADDR] [--ipv6 none|dhcp|autoconf|static:ADDR/PREFIX]',
    '              [--gateway6 ADDR] [--primary ipv4|ipv6] [--dns LIST] [--master ADDR] [--root DIR] [--yes] [--no-reboot] [backend options]',
    'reset-network --undo [--root DIR] [backend options]',
    '(exit 0 when the files are written (and the host rebooted); 1 when refused; 3 when the backend or a write fails)',
    '(on NetworkManager: a fresh profile for the device, activated at once; the old profiles are kept; no reboot)',
    ...describeOptions(ALL_OPTIONS),
  ],
  // Only the backend may come from the configuration file: a reset's fields and --yes are said on the command line.
  options: BACKEND_OPTIONS,
  async run(args, io) {
    const err = (text: string) => io.stderr.write(`hostconsole reset-network: ${text}\n`);
    const out = (text: string) => io.stdout.write(text + '\n');
    const parsed = parseOptions(args, ALL_OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      err(parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message);
      return EXIT.usage;
    }
    const v = parsed.value.values;
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      err(choice.error.message);
      return EXIT.usage;
    }
    const rootOption = v.get('root');
    const selected = choice.value.kind === 'simulate' && rootOption !== undefined ? { ...choice.value, hostRoot: rootOption } : choice.value;
    const opened = await openBackend(selected, io.env);
    if (!opened.ok) {
      err(describeBackendError(opened.error));
      return EXIT.backend;
    }
    const { backend, description } = opened.value;
    try {
      const support = backend.emergencyReset;
      // NetworkManager: a fresh profile applied at once (no files, no reboot).
      const live = support === undefined ? backend.liveReset : undefined;
      if (live !== undefined && (v.has('undo') || rootOption !== undefined || v.has('no-reboot') || v.has('master'))) {
        err(`--undo, --root, --no-reboot and --master are for xapi hosts; on ${description} the reset applies at once and keeps the old profiles (nmcli connection up NAME brings one back).`);
        return EXIT.usage;
      }
      const root = live !== undefined ? '' : rootOption ?? support?.root;
      if (root === undefined) {
        err(`${description} is not this machine, so its files cannot be written from here: run reset-network on the host itself (or give --root DIR to write them under DIR).`);
        return EXIT.invalid;
      }
      if (v.has('undo')) {
        const undone = undoReset(root);
        if (!undone.ok) {
          err(undone.message);
          return EXIT.invalid;
        }
        out(`Put back: ${undone.written.join(', ')}. The reset will not be applied.`);
        return EXIT.ok;
      }
      const state = await backend.loadState();
      if (!state.ok) {
        err(describeBackendError(state.error));
        return EXIT.backend;
      }
      const flags = Object.fromEntries(
        ['interface', 'ipv4', 'gateway4', 'ipv6', 'gateway6', 'primary', 'dns'].map((name) => [name, v.get(name)]).filter(([, value]) => value !== undefined),
      ) as SetFlags;
      const fromFlags = planInputFromFlags(state.value, flags);
      if (!fromFlags.ok) {
        err(fromFlags.message);
        return fromFlags.usage ? EXIT.usage : EXIT.invalid;
      }
      const validation = validateReset({ plan: fromFlags.input, vlan: v.get('vlan') ?? '', master: v.get('master') ?? '', target: live !== undefined ? 'live' : 'files' }, state.value, backend.capabilities);
      for (const w of validation.warnings) io.stderr.write(`warning: ${formatResetIssue(w)}\n`);
      if (validation.request === null) {
        for (const e of validation.errors) io.stderr.write(`error: ${formatResetIssue(e)}\n`);
        err('refused; nothing was written.');
        return EXIT.invalid;
      }
      if (live !== undefined) {
        const store = openStateStore(selected, v.get('state-dir'), io.env);
        const { runLiveReset } = await import('../reset-network-live.js');
        try {
          return await runLiveReset(
            { backend, description, live, request: validation.request, yes: v.has('yes'), auditPath: store.ok ? v.get('audit-log') ?? join(store.store.dir, 'audit.log') : null, ask: (q) => ask(io, q) },
            io,
          );
        } finally {
          if (store.ok) store.cleanup();
        }
      }
      const changes = resetFileChanges(validation.request, readHostFiles(root));
      out(`Emergency network reset of ${description}${root === '/' ? '' : ` (files under ${root})`}. These files change:`);
      for (const line of resetViewLines(changes)) out(`  ${line}`);
      // Reboot only the host whose files these are (never a real host after writing its files elsewhere).
      const reboot = !v.has('no-reboot') && support !== undefined && support.root === root;
      out(reboot ? `Then it ${support.rebootText}. Running VMs are stopped by the reboot.` : 'No reboot: the reset takes effect when the host next starts.');
      if (!v.has('yes')) {
        if ((io.stdin as { isTTY?: boolean }).isTTY !== true) {
          err('refused: this changes the host; give --yes to go ahead (nothing was written).');
          return EXIT.invalid;
        }
        const answer = await ask(io, "Type 'yes' to continue, anything else to cancel: ");
        if (answer !== 'yes') {
          out('Cancelled; nothing was written.');
          return EXIT.invalid;
        }
      }
      if (reboot) {
        const prepared = await support.prepare();
        if (!prepared.ok) {
          err(`${describeBackendError(prepared.error)}; nothing was written.`);
          return EXIT.backend;
        }
      }
      // Audit: who reset the network, to what, and whether the files were written (never file contents of secrets).
      const store = openStateStore(selected, v.get('state-dir'), io.env);
      const audit = store.ok ? new AuditLog(v.get('audit-log') ?? join(store.store.dir, 'audit.log')) : null;
      const tx = `reset-${Date.now().toString(36)}`;
      const who = detectWho({ env: io.env });
      audit?.write({ tx, event: 'begin', who, kind: 'network-reset', root, files: changes.map((c) => c.path), reboot });
      const written = writeResetFiles(root, changes);
      audit?.write({ tx, event: written.ok ? 'applied' : 'apply-failed', who, kind: 'network-reset', ...(written.ok ? {} : { error: written.message }) });
      if (store.ok) store.cleanup(); // only a private directory (--simulate without --state-dir) is removed
      if (!written.ok) {
        err(`writing the files failed: ${written.message}. ${written.restored ? 'The previous files are in place.' : 'Some previous files could not be put back: see the *.hostconsole-prev copies.'}`);
        return EXIT.backend;
      }
      out(`Written: ${written.written.join(', ')} (previous files kept as *.hostconsole-prev; \`hostconsole reset-network --undo\` puts them back before the reboot).`);
      if (!reboot) return EXIT.ok;
      out('Rebooting…');
      const rebooted = await support.reboot();
      if (!rebooted.ok) {
        err(describeBackendError(rebooted.error));
        return EXIT.backend;
      }
      out(rebooted.value.summary);
      if (root !== '/') {
        const after = await backend.loadState();
        if (after.ok) io.stdout.write(statusText(after.value, description));
      }
      return EXIT.ok;
    } finally {
      await backend.close();
    }
  },
};
