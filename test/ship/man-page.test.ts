/**
 * assets/hostconsole.1 renders without warnings, and names every verb and every option that --help and each
 * `<verb> --help` show (verbs and options are still being added: this test is what keeps the page complete).
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { verbs } from '../../src/cli/verbs/index.js';

const PAGE = fileURLToPath(new URL('../../assets/hostconsole.1', import.meta.url));

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** What `hostconsole …args` prints on stdout (run in-process: the same text as bin/hostconsole.js prints). */
async function helpText(args: string[]): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: { HOSTCONSOLE_CONFIG: '/dev/null' } });
  expect(code, args.join(' ')).to.equal(0);
  return out;
}

/** The page as text (groff's escapes undone: \- is -). */
function renderedPage(): string {
  return execFileSync('groff', ['-man', '-Tutf8', '-P-cbou', PAGE], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
}

describe('ship: man page hostconsole(1)', function () {
  this.timeout(30_000);

  it('renders with groff without a warning', function () {
    if (!has('groff')) this.skip();
    const r = spawnSync('groff', ['-man', '-ww', '-z', PAGE], { encoding: 'utf8' });
    expect(r.status).to.equal(0);
    expect(r.stderr).to.equal('');
  });

  it('renders with man -l without a warning', function () {
    if (!has('man')) this.skip();
    const r = spawnSync('man', ['--warnings', '-l', PAGE], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '80', LC_ALL: 'C.UTF-8', MANPAGER: 'cat', PAGER: 'cat' } });
    expect(r.status).to.equal(0);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.contain('HOSTCONSOLE(1)');
  });

  it('names every verb of --help and every --option of --help and of each verb\'s --help', async function () {
    if (!has('groff')) this.skip();
    const page = renderedPage();
    const top = await helpText(['--help']);
    const names = verbs.map((v) => v.name);
    for (const name of names) expect(top).to.contain(`  ${name} `);
    const missing: string[] = [];
    for (const name of names) if (!new RegExp(`\\b${name}\\b`).test(page)) missing.push(`verb ${name}`);
    const options = new Set<string>();
    for (const text of [top, ...(await Promise.all(names.map((n) => helpText([n, '--help']))))]) {
      for (const m of text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)) options.add(m[0]);
    }
    expect(options.size).to.be.greaterThan(20);
    for (const option of options) if (!new RegExp(`(?<![\\w-])${option}(?![\\w-])`).test(page)) missing.push(option);
    expect(missing, `missing from assets/hostconsole.1: ${missing.join(', ')}`).to.deep.equal([]);
  });

  it('lists every exit code of src/cli/io.ts', async () => {
    const { EXIT } = await import('../../src/cli/io.js');
    const page = renderedPage();
    for (const code of Object.values(EXIT)) expect(page).to.match(new RegExp(`^\\s+${code}\\s`, 'm'));
  });
});
