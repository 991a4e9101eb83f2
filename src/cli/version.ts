/** The program's version, kept in step with package.json by a test (test/cli/main.test.ts). A constant, not a read of
 * package.json at run time, so that the bundle and the single executable know it too. */
export const VERSION = '0.1.0';
