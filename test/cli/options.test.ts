import { expect } from 'chai';
import { parseOptions, describeOptions, type OptionSpec } from '../../src/cli/options.js';

const specs: OptionSpec[] = [
  { name: 'json', kind: 'flag', help: 'machine-readable output' },
  { name: 'xapi', kind: 'value', valueName: 'URL' },
  { name: 'simulate', kind: 'optional', accepts: (w) => ['default', 'pool'].includes(w), valueName: 'SCENARIO' },
  { name: 'dns', kind: 'value', repeatable: true },
];

describe('cli option parser', () => {
  it('reads flags, values, optional values and positionals', () => {
    const r = parseOptions(['--json', '--xapi', 'https://[::1]', 'status', '--simulate', 'pool', 'extra'], specs);
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.value.values.get('json')).to.equal('true');
    expect(r.value.values.get('xapi')).to.equal('https://[::1]');
    expect(r.value.values.get('simulate')).to.equal('pool');
    expect(r.value.positional).to.deep.equal(['status', 'extra']);
  });

  it('leaves a word that is not an accepted optional value as a positional', () => {
    const r = parseOptions(['--simulate', 'eth0'], specs);
    expect(r.ok && r.value.values.get('simulate')).to.equal('');
    expect(r.ok && r.value.positional).to.deep.equal(['eth0']);
  });

  it('supports --name=value and repeated options', () => {
    const r = parseOptions(['--dns=192.0.2.53', '--dns', '2001:db8::53', '--simulate=default'], specs);
    expect(r.ok && r.value.all.get('dns')).to.deep.equal(['192.0.2.53', '2001:db8::53']);
    expect(r.ok && r.value.values.get('simulate')).to.equal('default');
  });

  const errors: Array<[string[], RegExp]> = [
    [['--nope'], /unknown option '--nope'/],
    [['--xapi'], /'--xapi' needs a value \(URL\)/],
    [['--json=1'], /takes no value/],
    [['--xapi', 'a', '--xapi', 'b'], /given twice/],
  ];
  for (const [args, message] of errors) {
    it(`refuses ${args.join(' ')}`, () => {
      const r = parseOptions(args, specs);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.error.message).to.match(message);
    });
  }

  it('treats everything after -- as positional, and "-" as a positional', () => {
    const r = parseOptions(['-', '--', '--json'], specs);
    expect(r.ok && r.value.positional).to.deep.equal(['-', '--json']);
  });

  it('describes options aligned', () => {
    expect(describeOptions(specs.slice(0, 3))).to.deep.equal([
      '  --json                 machine-readable output',
      '  --xapi URL',
      '  --simulate [SCENARIO]',
    ]);
  });
});
