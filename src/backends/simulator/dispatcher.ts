/**
 * One xapi call, protocol-independent: method lookup, arity, session, argument types, handles, then the
 * handler — in that order, with xapi's error codes. Async.<call> runs the handler as a task.
 */
import type { CallContext, Implementation } from './call-context.js';
import { coerceArg } from './coerce.js';
import { classDef, isClassName, parseType, type MessageDef } from './datamodel.js';
import { success, xapiError, type Outcome, type XapiError } from './errors.js';
import { completeTask, createTask } from './handlers/task.js';
import { isNtpMethod } from './handlers/ntp.js';
import { IMPLEMENTATIONS, listMethods } from './registry.js';
import { activeSession } from './session-limits.js';
import { str, type SimState } from './state.js';
import { toWire, w, type JsonValue, type Wire } from './values.js';

export type DispatchResult =
  | { readonly kind: 'bare'; readonly value: Wire }
  | { readonly kind: 'success'; readonly value: Wire }
  | { readonly kind: 'failure'; readonly error: XapiError };

export interface CallOrigin {
  readonly hostRef: string;
  readonly transport: 'unix' | 'tcp';
}

/** Fault hooks the dispatcher consults (see faults.ts). */
export interface DispatchHooks {
  latencyMs(): number;
  /** A configured failure for this call, consumed. */
  takeFailure(method: string): XapiError | undefined;
}

/**
 * Messages xapi overloads by arity (later releases added trailing parameters; older callers send fewer): the fewest
 * arguments accepted, session excluded. host.evacuate: (host), (host, network), (host, network, evacuate_batch_size).
 */
const OVERLOAD_MINIMUM: Readonly<Record<string, number>> = { 'host.evacuate': 1 };

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function resolveMethod(method: string): { impl: Implementation; def: MessageDef; isAsync: boolean } | undefined {
  const isAsync = method.startsWith('Async.');
  const name = isAsync ? method.slice('Async.'.length) : method;
  const impl = IMPLEMENTATIONS.get(name);
  if (impl === undefined || (isAsync && impl.async !== true)) return undefined;
  const def = classDef(impl.cls).messages.get(impl.message);
  if (def === undefined) throw new Error(`${name} is implemented but not in the datamodel`);
  return { impl, def, isAsync };
}

function checkHandles(state: SimState, def: MessageDef, args: readonly JsonValue[], offset: number): Outcome<null> {
  // Only the arguments given: an overloaded message called with fewer has no handle to check there.
  for (let i = offset; i < Math.min(def.params.length, args.length + offset); i++) {
    const [typeText] = def.params[i] ?? ['string'];
    const type = parseType(typeText);
    if (type.kind !== 'ref' || type.cls === 'session' || !isClassName(type.cls)) continue;
    const ref = str(args[i - offset]);
    if (state.db.classOf(ref) !== type.cls) return xapiError('HANDLE_INVALID', type.cls, ref);
  }
  return success(null);
}

async function run(impl: Implementation, ctx: CallContext, args: readonly JsonValue[], def: MessageDef): Promise<Outcome<Wire>> {
  if (impl.raw !== undefined) return impl.raw(ctx, args);
  if (impl.handler === undefined) throw new Error(`${impl.cls}.${impl.message} has no handler`);
  const out = await impl.handler(ctx, args);
  return out.ok ? success(toWire(out.value, parseType(def.result))) : out;
}

/** `connection`: aborted when the client hangs up (a pending event.from or login delay then ends). */
export async function dispatch(
  state: SimState,
  hooks: DispatchHooks,
  origin: CallOrigin,
  method: string,
  params: readonly unknown[],
  connection?: AbortSignal,
): Promise<DispatchResult> {
  state.countCall(method);
  const answered = state.logCall(method, params);
  let result: DispatchResult | undefined;
  try {
    result = await dispatchCall(state, hooks, origin, method, params, connection);
    return result;
  } finally {
    answered(result === undefined ? 'exception' : result.kind === 'failure' ? result.error.code : undefined);
  }
}

async function dispatchCall(state: SimState, hooks: DispatchHooks, origin: CallOrigin, method: string, params: readonly unknown[], connection?: AbortSignal): Promise<DispatchResult> {
  const signal = connection === undefined ? state.closing.signal : AbortSignal.any([state.closing.signal, connection]);
  await sleep(hooks.latencyMs(), signal);
  const failure = (error: XapiError): DispatchResult => ({ kind: 'failure', error });
  const fromOutcome = (o: Outcome<Wire>): DispatchResult => (o.ok ? { kind: 'success', value: o.value } : failure(o.error));

  if (method === 'system.listMethods') return { kind: 'bare', value: w.array(listMethods().filter((m) => state.ntpApi || !isNtpMethod(m)).map(w.str)) };
  const resolved = resolveMethod(method);
  if (resolved === undefined) return fromOutcome(xapiError('MESSAGE_METHOD_UNKNOWN', method));
  const { impl, def, isAsync } = resolved;
  const name = `${impl.cls}.${impl.message}`;

  // Arity: counts exclude the session; login_with_password takes 2 to 4 arguments.
  const offset = impl.noSession === true ? 0 : 1;
  const expected = def.params.length - offset;
  const received = params.length - offset;
  const minimum = name === 'session.login_with_password' ? 2 : (OVERLOAD_MINIMUM[name] ?? expected);
  if (params.length - offset < minimum || params.length - offset > expected) {
    return fromOutcome(xapiError('MESSAGE_PARAMETER_COUNT_MISMATCH', method, String(expected), String(Math.max(0, received))));
  }

  let session;
  if (offset === 1) {
    const handle = typeof params[0] === 'string' ? params[0] : '';
    session = activeSession(state, handle, state.sessionClock());
    if (session === undefined) return fromOutcome(xapiError('SESSION_INVALID', handle));
    if (session.slaveLocal && session.hostRef !== origin.hostRef) return fromOutcome(xapiError('SESSION_INVALID', handle));
  }

  const args: JsonValue[] = [];
  for (let i = offset; i < params.length; i++) {
    const [typeText, paramName] = def.params[i] ?? ['string', ''];
    const c = coerceArg(params[i], parseType(typeText), paramName);
    if (!c.ok) return fromOutcome(c);
    args.push(c.value);
  }

  const injected = hooks.takeFailure(isAsync ? `Async.${name}` : name) ?? (isAsync ? hooks.takeFailure(name) : undefined);
  const ctx: CallContext = { state, hostRef: origin.hostRef, transport: origin.transport, session, method: name, signal };

  if (!isAsync) {
    if (injected !== undefined) return failure(injected);
    const handles = checkHandles(state, def, args, offset);
    if (!handles.ok) return fromOutcome(handles);
    return fromOutcome(await run(impl, ctx, args, def));
  }

  const taskRef = createTask(ctx, `Async.${name}`, '');
  setImmediate(() => {
    void (async () => {
      if (injected !== undefined) return completeTask(ctx, taskRef, { ok: false, error: injected });
      const handles = checkHandles(state, def, args, offset);
      if (!handles.ok) return completeTask(ctx, taskRef, handles);
      const out = await run(impl, ctx, args, def);
      // A task's result is XML-RPC text whatever the protocol (as xapi stores it): the codec loads with the first one.
      const resultXml = out.ok && parseType(def.result).kind !== 'void' ? (await import('./xmlrpc-codec.js')).xmlRpcValueText(out.value) : '';
      completeTask(ctx, taskRef, out.ok ? { ok: true, resultXml } : out);
    })();
  });
  return { kind: 'success', value: w.str(taskRef) };
}
