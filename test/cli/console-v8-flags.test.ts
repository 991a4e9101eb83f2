/**
 * The console's own V8 flags (src/cli/console-v8-flags.ts), in a child Node process as the console sets them: every
 * flag is known to this Node (an unknown one would print "unrecognized flag" onto the console's screen), the young
 * generation stays at its size when the flags are set (the console's first frame) however much survives, and HOSTCONSOLE_V8_DEFAULTS=1 leaves V8 as it is.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The built module (npm test builds first), as the console runs it: plain node, nothing loaded before it.
const MODULE = fileURLToPath(new URL('../../dist/src/cli/console-v8-flags.js', import.meta.url));

// Sets the flags (or not), then keeps ~24 MB of small objects alive through many scavenges and reports the young
// generation's size (MB) and what the module answered.
const CHILD = `
import v8 from 'node:v8';
const { boundConsoleMemory, holdYoungGeneration } = await import(${JSON.stringify(MODULE)});
const set = [...boundConsoleMemory(process.env), ...holdYoungGeneration(process.env)];
const youngMB = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
const before = youngMB();
const kept = [];
for (let i = 0; i < 400_000; i++) kept.push({ i, text: 'row ' + i, list: [i, i + 1] });
process.stdout.write(JSON.stringify({ set, beforeMB: before, youngMB: youngMB(), kept: kept.length }));
`;

function child(env: NodeJS.ProcessEnv): { set: string[]; beforeMB: number; youngMB: number; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], ...env },
    timeout: 30_000,
  });
  expect(r.status, r.stderr).to.equal(0);
  const result = JSON.parse(r.stdout) as { set: string[]; beforeMB: number; youngMB: number };
  return { ...result, stderr: r.stderr, stdout: r.stdout };
}

describe('cli: the console bounds its own memory with V8 flags', function () {
  this.timeout(60_000);

  it('sets flags this Node knows (nothing printed) and the young generation does not grow', function () {
    const r = child({});
    expect(r.set).to.deep.equal(['--no-turbofan', '--no-maglev', '--semi-space-growth-factor=1']);
    expect(r.stderr).to.not.match(/unrecognized|flag/i);
    // V8's initial young generation (2 MB as Node 20 reports it), where V8's defaults grow it to 16–32 MB.
    expect(r.youngMB).to.be.at.most(Math.max(2, r.beforeMB));
  });

  it('HOSTCONSOLE_V8_DEFAULTS=1 keeps V8 as it is (its young generation grows under the same load)', function () {
    const r = child({ HOSTCONSOLE_V8_DEFAULTS: '1' });
    expect(r.set).to.deep.equal([]);
    expect(r.youngMB).to.be.greaterThan(4 * Math.max(2, r.beforeMB));
  });
});
