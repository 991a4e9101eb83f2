import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  applyConfig,
  configSource,
  DEFAULT_CONFIG_PATH,
  optionDefault,
  parseConfig,
  readConfig,
  takeConfigOption,
  unknownKeys,
  type ConfigFile,
} from '../../src/cli/config.js';
import { main } from '../../src/cli/main.js';
import type { OptionSpec } from '../../src/cli/options.js';

const SPECS: readonly OptionSpec[] = [
  { name: 'confirm-timeout', kind: 'value', help: 'x (default 60)' },
  { name: 'no-confirm', kind: 'flag' },
  { name: 'state-dir', kind: 'value' },
  { name: 'ascii', kind: 'flag' },
  { name: 'simulate', kind: 'optional' },
  { name: 'xapi', kind: 'value' },
  { name: 'user', kind: 'value' },
  { name: 'nm', kind: 'flag' },
  { name: 'bus', kind: 'value' },
];

function config(text: string): ConfigFile {
  return { path: 'test.conf', ...parseConfig(text, 'test.conf') };
}

describe('cli config file', () => {
  describe('parseConfig', () => {
    it('reads key = value lines, skips comments and blank lines, trims spaces', () => {
      const c = config('# comment\n\n  confirm-timeout = 120 \nstate-dir=/var/lib/x\n   # indented comment\nascii = true\r\n');
      expect(c.entries).to.deep.equal([
        { key: 'confirm-timeout', value: '120', line: 3 },
        { key: 'state-dir', value: '/var/lib/x', line: 4 },
        { key: 'ascii', value: 'true', line: 6 },
      ]);
      expect(c.problems).to.deep.equal([]);
    });

    it('reports malformed lines and bad keys with their line numbers, and keeps going', () => {
      const c = config('ascii = true\njust words\nNot A Key = 1\nstate-dir = /a\nstate-dir = /b\n');
      expect(c.entries.map((e) => [e.key, e.value])).to.deep.equal([
        ['ascii', 'true'],
        ['state-dir', '/b'],
      ]);
      expect(c.problems).to.deep.equal([
        "test.conf:2: expected 'key = value', got 'just words' (ignored)",
        "test.conf:3: 'Not A Key' is not an option name (ignored)",
        "test.conf:5: 'state-dir' was already set on line 4 (this line wins)",
      ]);
    });

    it('keeps "=" inside values', () => {
      expect(config('bus = unix:path=/run/dbus/system_bus_socket').entries[0]?.value).to.equal('unix:path=/run/dbus/system_bus_socket');
    });
  });

  describe('applyConfig', () => {
    it('adds the defaults of the verb\'s options after the arguments, as --name=value / --name', () => {
      const r = applyConfig(['hostname', 'h1'], SPECS, config('confirm-timeout = 120\nascii = yes\nstate-dir = /var/lib/x'));
      expect(r.args).to.deep.equal(['hostname', 'h1', '--confirm-timeout=120', '--ascii', '--state-dir=/var/lib/x']);
      expect(r.problems).to.deep.equal([]);
    });

    it('lets the command line win, in both option forms', () => {
      const c = config('confirm-timeout = 120\nstate-dir = /var/lib/x');
      expect(applyConfig(['--confirm-timeout', '30'], SPECS, c).args).to.deep.equal(['--confirm-timeout', '30', '--state-dir=/var/lib/x']);
      expect(applyConfig(['--state-dir=/tmp/s'], SPECS, c).args).to.deep.equal(['--state-dir=/tmp/s', '--confirm-timeout=120']);
    });

    it('drops a default that an option on the command line excludes', () => {
      expect(applyConfig(['--no-confirm'], SPECS, config('confirm-timeout = 120')).args).to.deep.equal(['--no-confirm']);
      // The command line chooses the simulated host: the file's xapi and its user do not apply.
      expect(applyConfig(['--simulate'], SPECS, config('xapi = unix:/x\nuser = admin')).args).to.deep.equal(['--simulate']);
      // The command line chooses xapi: the file's user applies, its NetworkManager bus does not.
      expect(applyConfig(['--xapi', 'https://h'], SPECS, config('user = admin\nbus = unix:path=/b')).args).to.deep.equal(['--xapi', 'https://h', '--user=admin']);
      // The file chooses xapi and its user.
      expect(applyConfig([], SPECS, config('xapi = unix:/x\nuser = admin')).args).to.deep.equal(['--xapi=unix:/x', '--user=admin']);
    });

    it('ignores the keys of other verbs and false flags; reports flags that are not true/false', () => {
      const r = applyConfig([], [{ name: 'ascii', kind: 'flag' }, { name: 'mono', kind: 'flag' }], config('ascii = false\nmono = maybe\nstate-dir = /x'));
      expect(r.args).to.deep.equal([]);
      expect(r.problems).to.deep.equal(["test.conf:2: 'mono' is true or false, not 'maybe' (ignored)"]);
    });

    it('puts the defaults before a "--", so they stay options', () => {
      expect(applyConfig(['--', '-x'], SPECS, config('ascii = true')).args).to.deep.equal(['--ascii', '--', '-x']);
    });

    it('optional-value options: a value, true (no value) or false (off)', () => {
      expect(applyConfig([], SPECS, config('simulate = dhcp')).args).to.deep.equal(['--simulate=dhcp']);
      expect(applyConfig([], SPECS, config('simulate = true')).args).to.deep.equal(['--simulate']);
      expect(applyConfig([], SPECS, config('simulate = false')).args).to.deep.equal([]);
    });
  });

  it('unknownKeys names each key no verb has, with its line', () => {
    expect(unknownKeys(config('ascii = true\ncolour = red'), new Set(['ascii']))).to.deep.equal([
      "test.conf:2: unknown key 'colour' (ignored; keys are long option names of the verbs)",
    ]);
  });

  it('takeConfigOption splits a leading --config FILE or --config=FILE', () => {
    expect(takeConfigOption(['--config', '/a', 'status'])).to.deep.equal({ ok: true, value: { path: '/a', rest: ['status'] } });
    expect(takeConfigOption(['--config=/b'])).to.deep.equal({ ok: true, value: { path: '/b', rest: [] } });
    expect(takeConfigOption(['status', '--config', '/a'])).to.deep.equal({ ok: true, value: { path: undefined, rest: ['status', '--config', '/a'] } });
    expect(takeConfigOption(['--config']).ok).to.equal(false);
  });

  it('configSource: --config, else $HOSTCONSOLE_CONFIG, else the default path (which may be absent)', () => {
    expect(configSource('/a', { HOSTCONSOLE_CONFIG: '/b' })).to.deep.equal({ path: '/a', explicit: true });
    expect(configSource(undefined, { HOSTCONSOLE_CONFIG: '/b' })).to.deep.equal({ path: '/b', explicit: true });
    expect(configSource(undefined, {})).to.deep.equal({ path: DEFAULT_CONFIG_PATH, explicit: false });
  });

  it('readConfig: an absent default file is no configuration; an absent named file is an error', () => {
    const enoent = (): string => {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    expect(readConfig({ path: DEFAULT_CONFIG_PATH, explicit: false }, enoent)).to.deep.equal({ ok: true, value: { path: null, entries: [], problems: [] } });
    const named = readConfig({ path: '/etc/x.conf', explicit: true }, enoent);
    expect(named.ok ? '' : named.error.message).to.equal('cannot read the configuration file /etc/x.conf: no such file');
  });

  it('optionDefault: false for flags and optional values, the one word a help names, else empty', () => {
    expect(optionDefault({ name: 'a', kind: 'flag' })).to.equal('false');
    expect(optionDefault({ name: 'a', kind: 'optional', help: '(…; default: default)' })).to.equal('false');
    expect(optionDefault({ name: 'a', kind: 'value', help: 'x (default 60)' })).to.equal('60');
    expect(optionDefault({ name: 'a', kind: 'value', help: 'x (default /var/lib/hostconsole, or $X)' })).to.equal('/var/lib/hostconsole');
    expect(optionDefault({ name: 'a', kind: 'value', help: 'x (default auto: JSON-RPC)' })).to.equal('auto');
    expect(optionDefault({ name: 'a', kind: 'value', help: 'x (default: the system bus)' })).to.equal('');
    expect(optionDefault({ name: 'a', kind: 'value', help: 'x' })).to.equal('');
  });

  describe('through main', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'hostconsole-config-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    async function runMain(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (c: Buffer) => (out += c.toString()));
      stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await main(argv, { stdin: new PassThrough(), stdout, stderr, env });
      return { code, out, err };
    }

    it('a value from the file is used (simulate = ipv6-only), the command line wins, unknown keys are reported', async () => {
      const file = join(dir, 'a.conf');
      writeFileSync(file, '# test\nsimulate = ipv6-only\njson = true\ncolour = red\n');
      const fromFile = await runMain(['status'], { HOSTCONSOLE_CONFIG: file });
      expect(fromFile.code).to.equal(0);
      expect(JSON.parse(fromFile.out).backend).to.equal('simulated host (scenario ipv6-only)');
      expect(fromFile.err).to.equal(`hostconsole: ${file}:4: unknown key 'colour' (ignored; keys are long option names of the verbs)\n`);
      const cli = await runMain(['--config', file, 'status', '--simulate', 'dhcp'], {});
      expect(JSON.parse(cli.out).backend).to.equal('simulated host (scenario dhcp)');
    });

    it('a named file that does not exist stops with exit 2', async () => {
      const r = await runMain(['--config', join(dir, 'absent.conf'), 'status'], {});
      expect(r.code).to.equal(2);
      expect(r.err).to.contain('cannot read the configuration file');
    });

    it('verbs without configurable options ignore the file', async () => {
      const file = join(dir, 'b.conf');
      writeFileSync(file, 'nonsense line\n');
      const r = await runMain(['validate', 'ipv6', '2001:db8::1'], { HOSTCONSOLE_CONFIG: file });
      expect(r.code).to.equal(0);
      expect(r.err).to.equal('');
    });
  });
});
