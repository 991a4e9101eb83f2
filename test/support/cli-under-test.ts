/**
 * Where the fault-injection suites find the program they run as child processes (`bin/hostconsole.js`, built):
 * this checkout, or the checkout named by $HOSTCONSOLE_TEST_REPO — e.g. a built copy of main, to see each fault
 * test fail on the code before the fix.
 */
import { resolve } from 'node:path';

export const checkoutRepo = resolve(import.meta.dirname, '../..');
export const cliRepo = process.env['HOSTCONSOLE_TEST_REPO'] ?? checkoutRepo;
