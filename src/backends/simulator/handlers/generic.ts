/**
 * The implicit messages xapi generates for every class: get_record, get_all, get_all_records,
 * get_by_uuid, get_by_name_label, get_<field>, and for RW fields set_<field>, add_to_/remove_from_
 * (maps), add_/remove_ (sets). Derived from the datamodel, so arity and types are xapi's.
 */
import type { Handler, Implementation } from '../call-context.js';
import { classDef, parseType, type ClassName } from '../datamodel.js';
import { success, xapiError } from '../errors.js';
import { str, type SimState } from '../state.js';
import { isObject, type JsonValue, type XRecord } from '../values.js';

export interface RecordSource {
  get(state: SimState, ref: string): XRecord | undefined;
  all(state: SimState): [string, XRecord][];
}

export function dbSource(cls: ClassName): RecordSource {
  return { get: (state, ref) => state.db.getRecord(cls, ref), all: (state) => state.db.allRecords(cls) };
}

export interface GenericOptions {
  readonly source: RecordSource;
  /** Allow set_/add_/remove_ on RW fields. */
  readonly writable: boolean;
}

export function genericImplementations(cls: ClassName, opts: GenericOptions): Implementation[] {
  const def = classDef(cls);
  const out: Implementation[] = [];
  const { source } = opts;
  const add = (message: string, handler: Handler) => {
    if (def.messages.has(message)) out.push({ cls, message, handler });
  };
  const lookup = (ctx: Parameters<Handler>[0], ref: JsonValue | undefined) => {
    const r = str(ref);
    const rec = source.get(ctx.state, r);
    return rec === undefined ? xapiError('HANDLE_INVALID', cls, r) : success(rec);
  };

  add('get_record', (ctx, [ref]) => lookup(ctx, ref));
  add('get_all', (ctx) => success(source.all(ctx.state).map(([ref]) => ref)));
  add('get_all_records', (ctx) => success(Object.fromEntries(source.all(ctx.state))));
  add('get_by_uuid', (ctx, [uuid]) => {
    const found = source.all(ctx.state).find(([, r]) => r.uuid === uuid);
    return found === undefined ? xapiError('UUID_INVALID', cls, str(uuid)) : success(found[0]);
  });
  add('get_by_name_label', (ctx, [label]) =>
    success(source.all(ctx.state).filter(([, r]) => r.name_label === label).map(([ref]) => ref)),
  );

  for (const field of def.fields) {
    const f = field.name;
    add(`get_${f}`, (ctx, [ref]) => {
      const rec = lookup(ctx, ref);
      return rec.ok ? success(rec.value[f] ?? null) : rec;
    });
    if (!opts.writable || field.qualifier !== 'RW') continue;
    const type = parseType(field.type);
    const update = (ctx: Parameters<Handler>[0], ref: JsonValue | undefined, change: (old: JsonValue | undefined) => JsonValue) => {
      const rec = lookup(ctx, ref);
      if (!rec.ok) return rec;
      ctx.state.db.update(cls, str(ref), { [f]: change(rec.value[f]) });
      return success<JsonValue>('');
    };
    add(`set_${f}`, (ctx, [ref, value]) => update(ctx, ref, () => value ?? null));
    if (type.kind === 'map') {
      add(`add_to_${f}`, (ctx, [ref, key, value]) => {
        const rec = lookup(ctx, ref);
        if (!rec.ok) return rec;
        const old = rec.value[f];
        const map = isObject(old) ? old : {};
        if (Object.hasOwn(map, str(key))) return xapiError('MAP_DUPLICATE_KEY', cls, f, str(rec.value.uuid), str(key));
        ctx.state.db.update(cls, str(ref), { [f]: { ...map, [str(key)]: value ?? null } });
        return success('');
      });
      add(`remove_from_${f}`, (ctx, [ref, key]) =>
        update(ctx, ref, (old) => Object.fromEntries(Object.entries(isObject(old) ? old : {}).filter(([k]) => k !== key))),
      );
    }
    if (type.kind === 'set') {
      {
        add(`add_${f}`, (ctx, [ref, value]) =>
          update(ctx, ref, (old) => {
            const list = Array.isArray(old) ? (old as JsonValue[]) : [];
            return list.some((x) => JSON.stringify(x) === JSON.stringify(value)) ? list : [...list, value ?? null];
          }),
        );
      }
      {
        add(`remove_${f}`, (ctx, [ref, value]) =>
          update(ctx, ref, (old) => (Array.isArray(old) ? (old as JsonValue[]) : []).filter((x) => JSON.stringify(x) !== JSON.stringify(value))),
        );
      }
    }
  }
  return out;
}
