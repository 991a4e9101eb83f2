/**
 * The client-side copy of the xapi records hostconsole reads, kept current by event.from.
 * Records are stored as received (xapi field names); state-from-records.ts turns them into the model.
 */

/** The classes hostconsole watches, as event.from names them (lower-case, as xapi's events report them). */
export const WATCHED_CLASSES = ['host', 'pool', 'PIF', 'PIF_metrics', 'network', 'Bond', 'VLAN', 'SR', 'PBD'] as const;
export type WatchedClass = (typeof WATCHED_CLASSES)[number];

export type XapiRecord = Readonly<Record<string, unknown>>;

export interface XapiEvent {
  readonly class: string;
  readonly operation: 'add' | 'mod' | 'del';
  readonly ref: string;
  readonly snapshot?: XapiRecord;
}

export class RecordStore {
  readonly #classes = new Map<string, Map<string, XapiRecord>>();

  /**
   * The copy an `event.from(classes, "", …)` answer describes: every class empty, then its events applied (with the
   * empty token they are one "add" per object, its snapshot the current record).
   */
  static fromEvents(classes: readonly WatchedClass[], events: readonly XapiEvent[]): RecordStore {
    const store = new RecordStore();
    for (const cls of classes) store.load(cls, {});
    for (const event of events) store.apply(event);
    return store;
  }

  /** Replaces a whole class with the answer of `<class>.get_all_records`. */
  load(cls: WatchedClass, records: Readonly<Record<string, XapiRecord>>): void {
    this.#classes.set(cls.toLowerCase(), new Map(Object.entries(records)));
  }

  /** Applies one event; returns true when it changed a watched record. */
  apply(event: XapiEvent): boolean {
    const table = this.#classes.get(event.class.toLowerCase());
    if (table === undefined) return false;
    if (event.operation === 'del') return table.delete(event.ref);
    if (event.snapshot === undefined) return false;
    const before = table.get(event.ref);
    table.set(event.ref, event.snapshot);
    return before === undefined || JSON.stringify(before) !== JSON.stringify(event.snapshot);
  }

  get(cls: WatchedClass, ref: unknown): XapiRecord | undefined {
    if (typeof ref !== 'string') return undefined;
    return this.#classes.get(cls.toLowerCase())?.get(ref);
  }

  all(cls: WatchedClass): ReadonlyArray<readonly [string, XapiRecord]> {
    return [...(this.#classes.get(cls.toLowerCase()) ?? new Map<string, XapiRecord>()).entries()];
  }
}

// Readers for xapi's wire values: XML-RPC sends ints as strings, JSON-RPC as numbers.

export function str(record: XapiRecord | undefined, field: string): string {
  const v = record?.[field];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function int(record: XapiRecord | undefined, field: string): number | null {
  const v = record?.[field];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function bool(record: XapiRecord | undefined, field: string): boolean {
  const v = record?.[field];
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function strings(record: XapiRecord | undefined, field: string): string[] {
  const v = record?.[field];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function map(record: XapiRecord | undefined, field: string): Readonly<Record<string, string>> {
  const v = record?.[field];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export const NULL_REF = 'OpaqueRef:NULL';

export function isRef(value: string): boolean {
  return value !== '' && value !== NULL_REF;
}
