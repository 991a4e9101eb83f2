import { describeChar } from './text-phrases.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_HOSTNAME_FIELD = 'Hostname';

export type XapiHostnameReason = 'hostname empty' | 'hostname is too long' | 'hostname contains invalid characters';

/** xapi's limit for host.set_hostname_live. */
export const HOSTNAME_MAX_LENGTH = 255;
/** RFC 1035/1123 label limit. */
export const HOSTNAME_LABEL_MAX_LENGTH = 63;

const XAPI_CHAR = /^[A-Za-z0-9.-]$/;

/**
 * The reason xapi's host.set_hostname_live would give for refusing the name (HOST_NAME_INVALID), or null when
 * xapi accepts it: empty; longer than 255; a character outside [A-Za-z0-9.-], or a leading or trailing '-'.
 */
export function xapiHostnameReason(text: string): XapiHostnameReason | null {
  if (text.length === 0) return 'hostname empty';
  if (text.length > HOSTNAME_MAX_LENGTH) return 'hostname is too long';
  if (![...text].every((c) => XAPI_CHAR.test(c)) || text.startsWith('-') || text.endsWith('-')) {
    return 'hostname contains invalid characters';
  }
  return null;
}

/**
 * A hostname xapi accepts that is also valid by RFC 1123: dot-separated labels of 1–63 letters, digits and hyphens,
 * no label starting or ending with '-', no empty label (so no leading, trailing or double dot), and not all-numeric
 * in its last label (RFC 1123 §2.1: a name must not look like a dotted-decimal address). Case is kept as typed.
 */
export function checkHostname(text: string, field: string = DEFAULT_HOSTNAME_FIELD, noun: 'hostname' | 'search domain' = 'hostname'): Result<string> {
  const reason = xapiHostnameReason(text);
  if (reason === 'hostname empty') return fail(field, text, noun === 'hostname' ? 'The hostname is empty; enter a name such as xcp-host1' : 'The search domain is empty; enter a domain such as example.net');
  if (reason === 'hostname is too long') {
    return fail(field, text, `The ${noun} is ${text.length} characters long; at most ${HOSTNAME_MAX_LENGTH} are allowed`);
  }
  const bad = [...text].find((c) => !XAPI_CHAR.test(c));
  if (bad !== undefined) {
    return fail(field, text, `'${text}' contains ${describeChar(bad)}; a ${noun} may contain only letters, digits, '-' and '.'`);
  }
  const labels = text.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? '';
    const n = i + 1;
    if (label === '') {
      const where = i === 0 ? 'starts with a dot' : i === labels.length - 1 ? 'ends with a dot' : 'has two dots in a row';
      return fail(field, text, `'${text}' ${where}; every dot-separated label must have at least one character`);
    }
    if (label.length > HOSTNAME_LABEL_MAX_LENGTH) {
      return fail(field, text, `label ${n} of '${text}' is ${label.length} characters long; a label has at most ${HOSTNAME_LABEL_MAX_LENGTH}`);
    }
    if (label.startsWith('-')) return fail(field, text, `label ${n} ('${label}') of '${text}' starts with a hyphen, which is not allowed`);
    if (label.endsWith('-')) return fail(field, text, `label ${n} ('${label}') of '${text}' ends with a hyphen, which is not allowed`);
  }
  const last = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(last)) {
    return fail(field, text, `'${text}' ends with an all-numeric label ('${last}'), so it could be mistaken for an address; a ${noun} must not look like one`);
  }
  return ok(text);
}

export const DEFAULT_SEARCH_DOMAIN_FIELD = 'Search domains';

/** One DNS search domain: the hostname rules, with messages that speak of a search domain. */
export function checkSearchDomain(text: string, field: string = DEFAULT_SEARCH_DOMAIN_FIELD): Result<string> {
  return checkHostname(text, field, 'search domain');
}
