/**
 * NetworkManager connection settings (D-Bus `a{sa{sv}}`) ↔ JSON, exactly: every leaf keeps its D-Bus signature so a
 * snapshot written to a journal can be sent back to NM unchanged. Pure. Also the plain unwrapping used for reading.
 */
import type { JsonValue } from '../backend.js';
import { isVariant, variant, type Variant } from './dbus-link.js';

/** Settings as NM takes them: a plain two-level object whose leaves are Variants (never a Variant at the top). */
export type SettingsDict = Record<string, Record<string, Variant>>;

/** Splits a signature into its complete types: "sa{sv}(iu)" → ["s", "a{sv}", "(iu)"]. */
export function splitSignature(sig: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < sig.length) {
    const end = completeTypeEnd(sig, i);
    out.push(sig.slice(i, end));
    i = end;
  }
  return out;
}

function completeTypeEnd(sig: string, start: number): number {
  const c = sig[start];
  if (c === 'a') return completeTypeEnd(sig, start + 1);
  if (c === '(' || c === '{') {
    const close = c === '(' ? ')' : '}';
    let i = start + 1;
    while (sig[i] !== close) {
      if (i >= sig.length) throw new Error(`bug: unbalanced D-Bus signature '${sig}'`);
      i = completeTypeEnd(sig, i);
    }
    return i + 1;
  }
  if (c === undefined) throw new Error(`bug: truncated D-Bus signature '${sig}'`);
  return start + 1;
}

/** A D-Bus value of signature `sig` → JSON (Variants as {sig, v}, 64-bit integers as decimal strings, `ay` as byte arrays). */
export function valueToJson(sig: string, value: unknown): JsonValue {
  if (sig === 'v') {
    if (!isVariant(value)) throw new Error('bug: expected a Variant');
    return { sig: value.signature, v: valueToJson(value.signature, value.value) };
  }
  if (sig === 't' || sig === 'x') return String(value);
  if (sig === 'ay') return [...(value as Uint8Array)];
  if (sig.startsWith('a{')) {
    const [keySig, valueSig] = splitSignature(sig.slice(2, -1));
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[String(k)] = valueToJson(valueSig ?? 'v', v);
    void keySig;
    return out;
  }
  if (sig.startsWith('a')) return (value as unknown[]).map((v) => valueToJson(sig.slice(1), v));
  if (sig.startsWith('(')) {
    const fields = splitSignature(sig.slice(1, -1));
    return (value as unknown[]).map((v, i) => valueToJson(fields[i] ?? 'v', v));
  }
  return value as JsonValue;
}

/** The inverse of valueToJson. */
export function valueFromJson(sig: string, json: JsonValue): unknown {
  if (sig === 'v') {
    const o = json as { sig: string; v: JsonValue };
    return variant(o.sig, valueFromJson(o.sig, o.v));
  }
  if (sig === 't' || sig === 'x') return BigInt(json as string);
  if (sig === 'ay') return Buffer.from(json as number[]);
  if (sig.startsWith('a{')) {
    const [, valueSig] = splitSignature(sig.slice(2, -1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(json as Record<string, JsonValue>)) out[k] = valueFromJson(valueSig ?? 'v', v);
    return out;
  }
  if (sig.startsWith('a')) return (json as JsonValue[]).map((v) => valueFromJson(sig.slice(1), v));
  if (sig.startsWith('(')) {
    const fields = splitSignature(sig.slice(1, -1));
    return (json as JsonValue[]).map((v, i) => valueFromJson(fields[i] ?? 'v', v));
  }
  return json;
}

export function settingsToJson(settings: SettingsDict): JsonValue {
  return valueToJson('a{sa{sv}}', settings);
}

/** JSON from settingsToJson → settings; null when the JSON does not have the shape (a foreign or damaged snapshot). */
export function settingsFromJson(json: JsonValue): SettingsDict | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  try {
    return valueFromJson('a{sa{sv}}', json) as SettingsDict;
  } catch {
    return null;
  }
}

/** Deep-unwraps Variants into plain values (for reading; signatures are lost). */
export function plain(value: unknown): unknown {
  if (isVariant(value)) return plain(value.value);
  if (Buffer.isBuffer(value) || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(plain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plain(v);
  return out;
}
