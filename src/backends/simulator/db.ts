/**
 * The simulated xapi database: records per class, each with the generation that created and last
 * modified it, plus tombstones of deleted objects. event.from reads it by generation, like xapi does.
 */
import type { ClassName } from './datamodel.js';
import type { JsonValue, XRecord } from './values.js';

export type EventOperation = 'add' | 'mod' | 'del';

export interface DbEvent {
  /** xapi's event id: the generation that created the object (add), last modified it (mod) or deleted it (del). */
  readonly id: number;
  readonly cls: ClassName;
  readonly ref: string;
  readonly operation: EventOperation;
  readonly snapshot: XRecord;
}

interface Stored {
  record: XRecord;
  created: number;
  modified: number;
}

interface Tombstone {
  readonly cls: ClassName;
  readonly ref: string;
  readonly created: number;
  readonly deleted: number;
  readonly snapshot: XRecord;
}

export interface DbSnapshot {
  readonly generation: number;
  readonly tables: Record<string, Record<string, XRecord>>;
}

/** Read access for tests and the listener manager. */
export interface SimulatorDbView {
  getRecord(cls: ClassName, ref: string): Readonly<XRecord> | undefined;
  allRecords(cls: ClassName): readonly (readonly [string, Readonly<XRecord>])[];
  classOf(ref: string): ClassName | undefined;
  readonly generation: number;
}

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class SimDb implements SimulatorDbView {
  private gen = 0;
  private readonly tables = new Map<ClassName, Map<string, Stored>>();
  private readonly classes = new Map<string, ClassName>();
  private tombstones: Tombstone[] = [];
  /** Tokens older than this generation may have missed deletions: EVENTS_LOST. */
  private lostBefore = 0;
  private readonly watchers = new Set<() => void>();
  /** Set by every change; the persistence layer clears it. */
  dirty = false;

  constructor(private readonly maxTombstones = 1000) {}

  get generation(): number {
    return this.gen;
  }

  get oldestValidGeneration(): number {
    return this.lostBefore;
  }

  private table(cls: ClassName): Map<string, Stored> {
    let t = this.tables.get(cls);
    if (t === undefined) {
      t = new Map();
      this.tables.set(cls, t);
    }
    return t;
  }

  private bump(): number {
    this.gen += 1;
    this.dirty = true;
    for (const fn of [...this.watchers]) fn();
    return this.gen;
  }

  /** Calls fn after every change; returns the unsubscribe function. */
  onChange(fn: () => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  classOf(ref: string): ClassName | undefined {
    return this.classes.get(ref);
  }

  getRecord(cls: ClassName, ref: string): XRecord | undefined {
    return this.tables.get(cls)?.get(ref)?.record;
  }

  allRecords(cls: ClassName): [string, XRecord][] {
    return [...(this.tables.get(cls) ?? new Map<string, Stored>()).entries()].map(([ref, s]) => [ref, s.record]);
  }

  count(cls: ClassName): number {
    return this.tables.get(cls)?.size ?? 0;
  }

  find(cls: ClassName, predicate: (record: XRecord, ref: string) => boolean): [string, XRecord] | undefined {
    for (const [ref, s] of this.tables.get(cls) ?? []) if (predicate(s.record, ref)) return [ref, s.record];
    return undefined;
  }

  create(cls: ClassName, ref: string, record: XRecord): void {
    if (this.classes.has(ref)) throw new Error(`duplicate ref ${ref}`);
    const gen = this.bump();
    this.table(cls).set(ref, { record: { ...record }, created: gen, modified: gen });
    this.classes.set(ref, cls);
  }

  /** Applies the fields that differ; returns whether anything changed (no event otherwise). */
  update(cls: ClassName, ref: string, patch: XRecord): boolean {
    const stored = this.tables.get(cls)?.get(ref);
    if (stored === undefined) throw new Error(`update of missing ${cls} ${ref}`);
    const changed = Object.entries(patch).filter(([k, v]) => !sameJson(stored.record[k], v));
    if (changed.length === 0) return false;
    stored.record = { ...stored.record, ...Object.fromEntries(changed) };
    stored.modified = this.bump();
    return true;
  }

  /** event.inject: a "mod" without a change. */
  touch(cls: ClassName, ref: string): void {
    const stored = this.tables.get(cls)?.get(ref);
    if (stored === undefined) throw new Error(`touch of missing ${cls} ${ref}`);
    stored.modified = this.bump();
  }

  remove(cls: ClassName, ref: string): void {
    const t = this.tables.get(cls);
    const stored = t?.get(ref);
    if (t === undefined || stored === undefined) return;
    t.delete(ref);
    this.classes.delete(ref);
    const gen = this.bump();
    this.tombstones.push({ cls, ref, created: stored.created, deleted: gen, snapshot: stored.record });
    while (this.tombstones.length > this.maxTombstones) {
      const dropped = this.tombstones.shift();
      if (dropped !== undefined) this.lostBefore = dropped.deleted;
    }
  }

  /**
   * Every change after generation `since` to objects of `classes`, one event per object, oldest first. As in xapi
   * (xapi_event.ml, collect_events): an object created after `since` is one "add" (its id the generation that created
   * it, its snapshot the current record), never also a "mod"; one created and deleted after `since` is not reported.
   */
  changesSince(since: number, classes: ReadonlySet<ClassName>, refs?: ReadonlySet<string>): DbEvent[] {
    const events: DbEvent[] = [];
    const wanted = (cls: ClassName, ref: string) => classes.has(cls) || (refs?.has(ref) ?? false);
    for (const [cls, t] of this.tables) {
      for (const [ref, s] of t) {
        if (s.modified > since && wanted(cls, ref)) {
          const added = s.created > since;
          events.push({ id: added ? s.created : s.modified, cls, ref, operation: added ? 'add' : 'mod', snapshot: s.record });
        }
      }
    }
    for (const d of this.tombstones) {
      if (d.deleted > since && d.created <= since && wanted(d.cls, d.ref)) {
        events.push({ id: d.deleted, cls: d.cls, ref: d.ref, operation: 'del', snapshot: d.snapshot });
      }
    }
    return events.sort((a, b) => a.id - b.id);
  }

  /**
   * The generation an event.from answer's token carries (xapi: `last`): the latest change after `since` to an object
   * of `classes` — live or deleted, reported or not — or `since` itself when there is none.
   */
  lastChange(since: number, classes: ReadonlySet<ClassName>, refs?: ReadonlySet<string>): number {
    const wanted = (cls: ClassName, ref: string) => classes.has(cls) || (refs?.has(ref) ?? false);
    let last = since;
    for (const [cls, t] of this.tables) {
      for (const [ref, s] of t) if (s.modified > last && wanted(cls, ref)) last = s.modified;
    }
    for (const d of this.tombstones) if (d.deleted > last && wanted(d.cls, d.ref)) last = d.deleted;
    return last;
  }

  toSnapshot(): DbSnapshot {
    const tables: Record<string, Record<string, XRecord>> = {};
    for (const [cls, t] of this.tables) tables[cls] = Object.fromEntries([...t].map(([ref, s]) => [ref, s.record]));
    return { generation: this.gen, tables };
  }

  /** Replaces the content with a snapshot (all objects count as created at the snapshot's generation). */
  load(snapshot: DbSnapshot, isClass: (name: string) => name is ClassName): void {
    this.tables.clear();
    this.classes.clear();
    this.tombstones = [];
    this.gen = snapshot.generation;
    this.lostBefore = snapshot.generation;
    for (const [cls, records] of Object.entries(snapshot.tables)) {
      if (!isClass(cls)) continue;
      const t = this.table(cls);
      for (const [ref, record] of Object.entries(records)) {
        t.set(ref, { record, created: this.gen, modified: this.gen });
        this.classes.set(ref, cls);
      }
    }
  }
}
