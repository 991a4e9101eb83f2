import { expect } from 'chai';
import { installExitGuards, RESTORE_SEQUENCE, type ExitReason } from '../../../src/ui/terminal/restore.js';

describe('ui/terminal/restore', () => {
  it('the last-resort sequence leaves the alternate screen and shows the cursor', () => {
    expect(RESTORE_SEQUENCE).to.include('\x1b[?1049l');
    expect(RESTORE_SEQUENCE).to.include('\x1b[?25h');
    expect(RESTORE_SEQUENCE.startsWith('\x1b[m')).to.equal(true);
  });

  it('routes SIGTERM and SIGHUP through shutdown and removes its handlers', () => {
    const reasons: ExitReason[] = [];
    const signals: string[] = [];
    const before = process.listenerCount('SIGTERM');
    const remove = installExitGuards({ shutdown: (r) => reasons.push(r) }, (s) => signals.push(s));
    expect(process.listenerCount('SIGTERM')).to.equal(before + 1);
    process.emit('SIGTERM');
    process.emit('SIGHUP');
    remove();
    expect(reasons).to.deep.equal(['signal', 'signal']);
    expect(signals).to.deep.equal(['SIGTERM', 'SIGHUP']);
    expect(process.listenerCount('SIGTERM')).to.equal(before);
  });
});
