// The hostconsole shell (built, from dist/) on this terminal with a bench menu: six items whose
// right-pane descriptions differ (as real screens will), one a form with an IPv4 field,
// one a choice list (a list move without a pane change).
import { startShell } from '../dist/src/ui/shell.js';

const ipv4 = (text) => (/^(\d{1,3}\.){3}\d{1,3}$/.test(text) ? null : `'${text}' is not an IPv4 address.`);
const screen = (id, label, rows, open) => ({
  id,
  title: label,
  menuLabel: label,
  describe: () => ({ title: label, blocks: [{ kind: 'key-value', rows }] }),
  open: open ?? (async (ctx) => ctx.message(label, ['Placeholder.'])),
});

const screens = [
  screen('status', 'Status Display', [{ key: 'Hostname', value: 'xcp-bench-01' }, { key: 'IPv4', value: '192.0.2.10/24' }, { key: 'IPv6', value: '2001:db8::10/64' }]),
  screen('network', 'Network and Management', [{ key: 'Interface', value: 'eth0' }, { key: 'Mode', value: 'Static' }, { key: 'Gateway', value: '192.0.2.1' }]),
  screen('dns', 'DNS Servers', [{ key: 'Servers', value: '192.0.2.53 2001:db8::53' }]),
  screen('form', 'Form Demo', [{ key: 'Fields', value: 'IPv4 address' }], async (ctx) => {
    await ctx.form({ title: 'Demo', fields: [{ kind: 'text', id: 'ip', label: 'IPv4 address', validate: ipv4 }] });
  }),
  screen('nic', 'Choose NIC', [{ key: 'NICs', value: '6' }], async (ctx) => {
    await ctx.choose('Choose a NIC', ['eth0', 'eth1', 'eth2', 'eth3', 'eth4', 'eth5'].map((d) => ({ value: d, label: `${d}: connected` })));
  }),
  screen('about', 'About', [{ key: 'Version', value: 'bench' }]),
];

const shell = await startShell({
  input: process.stdin,
  output: process.stdout,
  env: process.env,
  screens,
  header: () => ({ product: 'hostconsole bench', hostname: 'xcp-bench-01', backend: 'none' }),
});
const reason = await shell.closed;
process.exitCode = reason === 'quit' ? 0 : 1;
