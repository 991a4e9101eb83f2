/**
 * Codes of BackendErrors that mean the options themselves are wrong — an unusable --xapi URL, a password file that
 * cannot be read or is empty, no password for a TCP endpoint, a clear-text password beyond loopback, an unknown
 * scenario: the CLI exits 2 (wrong usage) with the sentence, not 3 (the host failed). Kept apart so that the
 * console's start-up path can know them without loading the address code.
 */
export const USAGE_ERROR_CODES: ReadonlySet<string> = new Set(['invalid-endpoint', 'password-file', 'no-password', 'plain-http', 'unknown-scenario']);
