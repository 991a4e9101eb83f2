/**
 * Every error the simulator raises goes through xapiError(), with a code from RAISED_ERRORS: the table
 * says how many parameters xapi sends with it. The conformance test enumerates this table against xapi's
 * own error declarations (ARITY_EXCEPTIONS lists where real xapi sends something else than it declares).
 */
import { fail, ok, type Result } from '../../addressing/result.js';
import { declaredErrorParams } from './datamodel.js';

export const RAISED_ERRORS = {
  SESSION_AUTHENTICATION_FAILED: 2,
  SESSION_INVALID: 1,
  HOST_IS_SLAVE: 1,
  HANDLE_INVALID: 2,
  UUID_INVALID: 2,
  MESSAGE_METHOD_UNKNOWN: 1,
  MESSAGE_PARAMETER_COUNT_MISMATCH: 3,
  FIELD_TYPE_ERROR: 1,
  INVALID_VALUE: 2,
  MAP_DUPLICATE_KEY: 4,
  INTERNAL_ERROR: 1,
  EVENTS_LOST: 0,
  EVENT_FROM_TOKEN_PARSE_FAILURE: 1,
  INVALID_IP_ADDRESS_SPECIFIED: 1,
  INVALID_CIDR_ADDRESS_SPECIFIED: 1,
  PIF_UNMANAGED: 1,
  PIF_IS_MANAGEMENT_INTERFACE: 1,
  PIF_HAS_NO_NETWORK_CONFIGURATION: 1,
  PIF_HAS_NO_V6_NETWORK_CONFIGURATION: 1,
  PIF_INCOMPATIBLE_PRIMARY_ADDRESS_TYPE: 1,
  PIF_NOT_PRESENT: 2,
  PIF_DOES_NOT_ALLOW_UNPLUG: 1,
  CANNOT_PLUG_BOND_SLAVE: 1,
  HA_IS_ENABLED: 0,
  REDO_LOG_IS_ENABLED: 0,
  HOST_NAME_INVALID: 1,
  SLAVE_REQUIRES_MANAGEMENT_INTERFACE: 0,
  NOT_IN_EMERGENCY_MODE: 0,
  CHANGE_PASSWORD_REJECTED: 1,
  USER_IS_NOT_LOCAL_SUPERUSER: 1,
  CANNOT_EVACUATE_HOST: 1,
  NO_HOSTS_AVAILABLE: 1,
  VM_REQUIRES_SR: 2,
  HOST_NOT_DISABLED: 0,
  HOST_IN_USE: 3,
  XMLRPC_UNMARSHAL_FAILURE: 2,
  INVALID_NTP_CONFIG: 1,
} as const;

export type RaisedCode = keyof typeof RAISED_ERRORS;

/**
 * Codes real xapi sends with other parameters than ocaml/idl/datamodel_errors.ml declares.
 * SESSION_AUTHENTICATION_FAILED is declared without parameters but sent as [username, message].
 */
export const ARITY_EXCEPTIONS: Readonly<Partial<Record<RaisedCode, string>>> = {
  SESSION_AUTHENTICATION_FAILED: 'declared with no parameters; xapi sends [username, message]',
  NO_HOSTS_AVAILABLE: 'declared with no parameters; the evacuation plan sends [vm] (xapi_host.ml compute_evacuation_plan)',
};

type Strings<N extends number, T extends string[] = []> = T['length'] extends N ? T : Strings<N, [...T, string]>;

export interface XapiError {
  readonly code: string;
  readonly params: readonly string[];
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: XapiError };

export function success<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** The one way the simulator raises an xapi error. A wrong parameter count is a bug. */
export function xapiError<C extends RaisedCode>(code: C, ...params: Strings<(typeof RAISED_ERRORS)[C]>): { ok: false; error: XapiError } {
  const list: readonly string[] = params;
  if (list.length !== RAISED_ERRORS[code]) throw new Error(`${code} raised with ${list.length} parameters`);
  return { ok: false, error: { code, params: list } };
}

/**
 * An error chosen at run time (fault injection): the code must be one xapi declares and the parameter
 * count must match its declaration (or RAISED_ERRORS for the listed exceptions).
 */
export function injectableError(code: string, params: readonly string[]): Result<XapiError> {
  const declared = declaredErrorParams(code);
  if (declared === undefined) return fail('error code', code, `'${code}' is not an xapi error code`);
  const expected = Object.hasOwn(ARITY_EXCEPTIONS, code) ? RAISED_ERRORS[code as RaisedCode] : declared.length;
  if (params.length !== expected) {
    return fail('error parameters', JSON.stringify(params), `${code} takes ${expected} parameter(s), got ${params.length}`);
  }
  return ok({ code, params: [...params] });
}
