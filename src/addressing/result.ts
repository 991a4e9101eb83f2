/**
 * Errors are values at boundaries. Every parser and check in src/addressing returns a Result:
 * either the canonical value, or a Problem naming the field, the offending text and a human sentence.
 */
export interface Problem {
  /** The field as a user knows it, e.g. "IPv6 address", "Gateway", "DNS servers". */
  readonly field: string;
  /** The exact text that was rejected (the whole input or the offending entry of a list). */
  readonly input: string;
  /** One human sentence saying what is wrong, e.g. "'2001:db8::1::2' has two '::' — …". */
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Problem };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(field: string, input: string, message: string): Result<T> {
  return { ok: false, error: { field, input, message } };
}

/** "Field: message" — the form the CLI prints and the UI shows next to a field. */
export function describeProblem(problem: Problem): string {
  return `${problem.field}: ${problem.message}`;
}
