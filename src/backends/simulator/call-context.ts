/** What a handler knows about the call it serves, and the handler signatures. */
import type { ClassName } from './datamodel.js';
import type { Outcome } from './errors.js';
import type { Session, SimState } from './state.js';
import type { JsonValue, Wire } from './values.js';

export interface CallContext {
  readonly state: SimState;
  /** The host the connection reached (its management address, or the local host for --listen). */
  readonly hostRef: string;
  readonly transport: 'unix' | 'tcp';
  /** The caller's session, for every call but the login ones. */
  readonly session: Session | undefined;
  /** As called, without any "Async." prefix. */
  readonly method: string;
  /** Aborted when the client hangs up or the simulator closes: long waits (event.from, login delays) end. */
  readonly signal: AbortSignal;
}

export type Handler = (ctx: CallContext, args: readonly JsonValue[]) => Outcome<JsonValue> | Promise<Outcome<JsonValue>>;
/** For results the datamodel does not type (event.from's "event batch"): the handler builds the wire value. */
export type RawHandler = (ctx: CallContext, args: readonly JsonValue[]) => Outcome<Wire> | Promise<Outcome<Wire>>;

export interface Implementation {
  readonly cls: ClassName;
  readonly message: string;
  readonly handler?: Handler;
  readonly raw?: RawHandler;
  /** The session argument is not a session (session.login_*). */
  readonly noSession?: boolean;
  /** Can be called as Async.<class>.<message>. */
  readonly async?: boolean;
}
