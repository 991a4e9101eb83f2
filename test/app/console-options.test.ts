/**
 * src/cli/verbs/console.ts repeats the options it shares with `set` (src/cli/transaction-setup.ts) so that its
 * first frame does not load the transaction layer; both must say and accept the same.
 */
import { expect } from 'chai';
import { CONFIRM_TIMEOUT_OPTION, parseConfirmTimeout, STATE_OPTIONS } from '../../src/cli/transaction-setup.js';
import { CONSOLE_CONFIRM_TIMEOUT_OPTION, CONSOLE_STATE_OPTIONS, consoleConfirmTimeout, consoleVerb } from '../../src/cli/verbs/console.js';

describe('app: the console verb\'s copy of the transaction options', () => {
  it('is the same as transaction-setup\'s', () => {
    expect(CONSOLE_STATE_OPTIONS).to.deep.equal(STATE_OPTIONS);
    expect(CONSOLE_CONFIRM_TIMEOUT_OPTION).to.deep.equal(CONFIRM_TIMEOUT_OPTION);
    for (const name of ['confirm-timeout', 'state-dir', 'audit-log']) expect(consoleVerb.options?.some((o) => o.name === name), name).to.equal(true);
  });

  it('parses --confirm-timeout the same way', () => {
    for (const text of [undefined, '1', '60', '3600', '0', '3601', '-5', '1.5', 'abc', '', ' 60']) {
      expect(consoleConfirmTimeout(text), String(text)).to.deep.equal(parseConfirmTimeout(text));
    }
  });
});
