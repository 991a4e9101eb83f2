/**
 * A small, strict option parser for verbs: `--name value`, `--name=value`, boolean flags, repeated options,
 * optional values (`--simulate [SCENARIO]`), and positional arguments. Unknown options are usage errors.
 */
import { fail, ok, type Result } from '../addressing/result.js';

export interface OptionSpec {
  readonly name: string;
  /** 'flag': no value; 'value': one required value; 'optional': a value only when `accepts` says the next word is one. */
  readonly kind: 'flag' | 'value' | 'optional';
  readonly repeatable?: boolean;
  readonly accepts?: (word: string) => boolean;
  /** Shown by --help. */
  readonly help?: string;
  readonly valueName?: string;
}

export interface ParsedOptions {
  /** Last value of each option given (flags: 'true'; optional without value: ''). */
  readonly values: ReadonlyMap<string, string>;
  /** Every value of repeatable options, in order. */
  readonly all: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
  /**
   * Positional words that came right after an optional-value option which did not accept them (`--simulate bogus`):
   * word → option name. Lets a verb say "unknown scenario 'bogus'" instead of "unexpected argument".
   */
  readonly refusedValues?: ReadonlyMap<string, string>;
}

export function parseOptions(args: readonly string[], specs: readonly OptionSpec[]): Result<ParsedOptions> {
  const values = new Map<string, string>();
  const all = new Map<string, string[]>();
  const positional: string[] = [];
  const refusedValues = new Map<string, string>();
  const record = (name: string, value: string): void => {
    values.set(name, value);
    all.set(name, [...(all.get(name) ?? []), value]);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) return fail('options', arg, `unknown option '--${name}'`);
    if (!spec.repeatable && values.has(name)) return fail('options', arg, `'--${name}' is given twice`);
    switch (spec.kind) {
      case 'flag':
        if (inline !== undefined) return fail('options', arg, `'--${name}' takes no value`);
        record(name, 'true');
        break;
      case 'value': {
        const value = inline ?? args[i + 1];
        if (value === undefined) return fail('options', arg, `'--${name}' needs a value${spec.valueName ? ` (${spec.valueName})` : ''}`);
        if (inline === undefined) i++;
        record(name, value);
        break;
      }
      case 'optional': {
        if (inline !== undefined) {
          record(name, inline);
        } else {
          const next = args[i + 1];
          if (next !== undefined && !next.startsWith('-') && (spec.accepts?.(next) ?? false)) {
            record(name, next);
            i++;
          } else {
            record(name, '');
            if (next !== undefined && !next.startsWith('-')) refusedValues.set(next, name);
          }
        }
        break;
      }
    }
  }
  return ok({ values, all, positional, refusedValues });
}

/** Usage lines for a verb's options, aligned. */
export function describeOptions(specs: readonly OptionSpec[]): string[] {
  const forms = specs.map((s) => {
    const v = s.valueName ?? 'VALUE';
    return s.kind === 'flag' ? `--${s.name}` : s.kind === 'value' ? `--${s.name} ${v}` : `--${s.name} [${v}]`;
  });
  const width = Math.max(0, ...forms.map((f) => f.length));
  return specs.map((s, i) => `  ${(forms[i] as string).padEnd(width)}  ${s.help ?? ''}`.trimEnd());
}
