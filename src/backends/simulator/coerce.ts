/**
 * Incoming arguments → stored values, per the datamodel parameter type. XML-RPC ints arrive as strings,
 * enums are matched case-insensitively and stored in their datamodel spelling.
 */
import { enumValues, type TypeExpr } from './datamodel.js';
import { success, xapiError, type Outcome } from './errors.js';
import { xapiDateTime, type JsonValue } from './values.js';

function typeError(name: string): Outcome<JsonValue> {
  return xapiError('FIELD_TYPE_ERROR', name);
}

export function coerceArg(value: unknown, type: TypeExpr, name: string): Outcome<JsonValue> {
  switch (type.kind) {
    case 'string':
    case 'ref':
      return typeof value === 'string' ? success(value) : typeError(name);
    case 'void':
      return success('');
    case 'int': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
      return Number.isInteger(n) ? success(n) : typeError(name);
    }
    case 'float': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? success(n) : typeError(name);
    }
    case 'bool':
      if (typeof value === 'boolean') return success(value);
      if (value === 'true' || value === '1') return success(true);
      if (value === 'false' || value === '0') return success(false);
      return typeError(name);
    case 'datetime':
      if (value instanceof Date && !Number.isNaN(+value)) return success(xapiDateTime(value));
      return typeof value === 'string' ? success(value) : typeError(name);
    case 'enum': {
      if (typeof value !== 'string') return typeError(name);
      const match = (enumValues(type.name) ?? []).find((v) => v.toLowerCase() === value.toLowerCase());
      return match === undefined ? xapiError('INVALID_VALUE', name, value) : success(match);
    }
    case 'set': {
      if (!Array.isArray(value)) return typeError(name);
      const out: JsonValue[] = [];
      for (const item of value) {
        const c = coerceArg(item, type.of, name);
        if (!c.ok) return c;
        out.push(c.value);
      }
      return success(out);
    }
    case 'map':
    case 'record': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return typeError(name);
      const out: { [key: string]: JsonValue } = {};
      for (const [k, v] of Object.entries(value)) {
        if (type.kind === 'map') {
          const c = coerceArg(v, type.value, name);
          if (!c.ok) return c;
          out[k] = c.value;
        } else {
          out[k] = v as JsonValue;
        }
      }
      return success(out);
    }
  }
}
