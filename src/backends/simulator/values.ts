/**
 * Values as the simulator stores them (plain JSON, so the state file is trivial) and as they go on the
 * wire (typed, because XML-RPC distinguishes ints, doubles, booleans and datetimes).
 */
import { classDef, enumValues, isClassName, parseType, type TypeExpr } from './datamodel.js';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type XRecord = { [field: string]: JsonValue };

/** A typed wire value: what both encoders (XML-RPC, JSON-RPC) consume. */
export type Wire =
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'int'; readonly v: number }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'datetime'; readonly v: string }
  | { readonly t: 'array'; readonly v: readonly Wire[] }
  | { readonly t: 'struct'; readonly v: readonly (readonly [string, Wire])[] };

export const NULL_REF = 'OpaqueRef:NULL';
export const EPOCH = '19700101T00:00:00Z';

export const w = {
  str: (v: string): Wire => ({ t: 'string', v }),
  int: (v: number): Wire => ({ t: 'int', v }),
  float: (v: number): Wire => ({ t: 'float', v }),
  bool: (v: boolean): Wire => ({ t: 'bool', v }),
  array: (v: readonly Wire[]): Wire => ({ t: 'array', v }),
  struct: (v: Record<string, Wire>): Wire => ({ t: 'struct', v: Object.entries(v) }),
};

/** xapi's datetime form: `YYYYMMDDTHH:MM:SSZ`. */
export function xapiDateTime(date: Date): string {
  const iso = date.toISOString(); // 2024-01-01T13:20:11.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}Z`;
}

export function isObject(v: unknown): v is { readonly [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asString(v: JsonValue | undefined): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** Converts a stored value to its wire form, driven by the datamodel type. */
export function toWire(value: JsonValue | undefined, type: TypeExpr): Wire {
  switch (type.kind) {
    case 'string':
    case 'ref':
    case 'enum':
    case 'void':
      return w.str(asString(value));
    case 'int':
      return w.int(typeof value === 'number' ? Math.trunc(value) : Number(asString(value)) || 0);
    case 'float':
      return w.float(typeof value === 'number' ? value : Number(asString(value)) || 0);
    case 'bool':
      return w.bool(value === true);
    case 'datetime':
      return { t: 'datetime', v: typeof value === 'string' && value !== '' ? value : EPOCH };
    case 'set':
      return w.array(Array.isArray(value) ? value.map((x: JsonValue) => toWire(x, type.of)) : []);
    case 'map':
      return { t: 'struct', v: isObject(value) ? Object.entries(value).map(([k, x]) => [k, toWire(x, type.value)] as const) : [] };
    case 'record':
      return recordToWire(type.cls, isObject(value) ? value : {});
  }
}

export function recordToWire(cls: string, record: { readonly [key: string]: JsonValue }): Wire {
  if (!isClassName(cls)) return { t: 'struct', v: [] };
  return { t: 'struct', v: classDef(cls).fields.map((f) => [f.name, toWire(record[f.name], parseType(f.type))] as const) };
}

/** The value a field has when nothing sets it. */
export function defaultValue(type: TypeExpr): JsonValue {
  switch (type.kind) {
    case 'string':
    case 'void':
      return '';
    case 'int':
    case 'float':
      return 0;
    case 'bool':
      return false;
    case 'datetime':
      return EPOCH;
    case 'ref':
      return NULL_REF;
    case 'enum':
      return enumValues(type.name)?.[0] ?? '';
    case 'set':
      return [];
    case 'map':
    case 'record':
      return {};
  }
}

/** A full record of `cls`: every datamodel field, defaults overridden by `values`. */
export function fullRecord(cls: string, values: XRecord): XRecord {
  if (!isClassName(cls)) return { ...values };
  const out: XRecord = {};
  for (const f of classDef(cls).fields) out[f.name] = Object.hasOwn(values, f.name) ? (values[f.name] ?? null) : defaultValue(parseType(f.type));
  return out;
}
