/**
 * blessed-contrib is not on the console's start-up path: in a process of its own (the module cache of this mocha run
 * holds whatever other tests loaded), the console starts with none of its modules loaded; opening Traffic loads the
 * sparkline widget module and its sparkline package — and not the package's index, its map or picture widgets.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';

const PROBE = fileURLToPath(new URL('./support/chart-modules-probe.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('screens: charts are loaded when Traffic opens, not at start-up', function () {
  this.timeout(60_000);

  it('no blessed-contrib module at start; the sparkline widget module (only) once Traffic shows its chart', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROBE], { cwd: ROOT, timeout: 50_000 });
    const report = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { atStart: string[]; withTraffic: string[] };
    expect(report.atStart).to.deep.equal([]);
    expect(report.withTraffic).to.include('blessed-contrib/lib/widget/sparkline.js');
    expect(report.withTraffic.filter((m) => m.startsWith('blessed-contrib/'))).to.deep.equal(['blessed-contrib/lib/widget/sparkline.js']);
  });
});
