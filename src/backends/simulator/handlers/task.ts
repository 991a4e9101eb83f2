/** task.create / cancel / destroy and the getters; Async.* calls run as tasks. */
import type { CallContext, Implementation } from '../call-context.js';
import { success, type Outcome, type XapiError } from '../errors.js';
import { randomRef, randomUUID } from '../ids.js';
import { str } from '../state.js';
import { fullRecord, NULL_REF, xapiDateTime, type JsonValue } from '../values.js';
import { dbSource, genericImplementations } from './generic.js';

export function createTask(ctx: CallContext, label: string, description: string): string {
  const ref = randomRef();
  ctx.state.db.create(
    'task',
    ref,
    fullRecord('task', {
      uuid: randomUUID(),
      name_label: label,
      name_description: description,
      allowed_operations: ['cancel'],
      current_operations: {},
      created: xapiDateTime(new Date()),
      finished: '19700101T00:00:00Z',
      status: 'pending',
      resident_on: ctx.hostRef,
      progress: 0,
      type: '<none/>',
      result: '',
      error_info: [],
      other_config: {},
      subtask_of: NULL_REF,
      subtasks: [],
      backtrace: '()',
    }),
  );
  return ref;
}

export function completeTask(ctx: CallContext, ref: string, outcome: { ok: true; resultXml: string } | { ok: false; error: XapiError }): void {
  const task = ctx.state.record('task', ref);
  if (task === undefined || task.status !== 'pending') return;
  ctx.state.db.update('task', ref, {
    status: outcome.ok ? 'success' : 'failure',
    progress: 1,
    finished: xapiDateTime(new Date()),
    allowed_operations: [],
    result: outcome.ok ? outcome.resultXml : '',
    error_info: outcome.ok ? [] : [outcome.error.code, ...outcome.error.params],
  });
}

function cancel(ctx: CallContext, [taskV]: readonly JsonValue[]): Outcome<JsonValue> {
  const ref = str(taskV);
  if (ctx.state.record('task', ref)?.status === 'pending') {
    ctx.state.db.update('task', ref, { status: 'cancelled', finished: xapiDateTime(new Date()), allowed_operations: [] });
  }
  return success('');
}

export const taskImplementations: readonly Implementation[] = [
  { cls: 'task', message: 'create', handler: (ctx, [label, description]) => success(createTask(ctx, str(label), str(description))) },
  { cls: 'task', message: 'cancel', handler: cancel },
  {
    cls: 'task',
    message: 'destroy',
    handler: (ctx, [taskV]) => {
      ctx.state.db.remove('task', str(taskV));
      return success('');
    },
  },
  ...genericImplementations('task', { source: dbSource('task'), writable: true }),
];
