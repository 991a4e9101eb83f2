/**
 * The one place that touches dbus-next. Low-level method calls only (no proxy objects, so no introspection XML is
 * ever parsed — the xml2js code path stays unused), each with a timeout, each failure a BackendError value. Keeping
 * the library behind this small surface is what makes it swappable (dbus-next is unmaintained).
 */
import dbus from 'dbus-next';
import { BACKEND_ERROR_CODES, backendError, failed, succeeded, type BackendError, type BackendResult } from '../backend-error.js';

/** A D-Bus value as dbus-next unmarshals it: plain JS values, Buffers for `ay`, BigInts for 64-bit, Variants for `v`. */
export type DbusValue = unknown;

export interface DbusCall {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly signature?: string;
  readonly body?: readonly DbusValue[];
}

export interface DbusSignal {
  readonly sender: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly body: readonly DbusValue[];
}

export const DEFAULT_SYSTEM_BUS = 'unix:path=/var/run/dbus/system_bus_socket';

/** A D-Bus `Variant` (signature + value), re-exported so callers never import dbus-next themselves. */
export type Variant = InstanceType<typeof dbus.Variant>;
export function variant(signature: string, value: unknown): Variant {
  return new dbus.Variant(signature, value);
}
export function isVariant(value: unknown): value is Variant {
  return value instanceof dbus.Variant;
}

type Bus = ReturnType<typeof dbus.sessionBus>;

export interface DbusLinkOptions {
  /** Per-call timeout in ms (libdbus uses 25 s). */
  readonly callTimeoutMs?: number;
  /** How long connecting (socket + Hello) may take, in ms. */
  readonly connectTimeoutMs?: number;
}

/** A connection to one bus. Create with DbusLink.open(). */
export class DbusLink {
  readonly address: string;
  readonly #bus: Bus;
  readonly #timeoutMs: number;
  #closed = false;
  #lost: BackendError | null = null;
  readonly #signalListeners = new Set<(signal: DbusSignal) => void>();
  readonly #lostListeners = new Set<(error: BackendError) => void>();

  private constructor(address: string, bus: Bus, timeoutMs: number) {
    this.address = address;
    this.#bus = bus;
    this.#timeoutMs = timeoutMs;
    bus.on('message', (msg) => {
      if (msg.type !== dbus.MessageType.SIGNAL) return;
      const signal: DbusSignal = { sender: msg.sender, path: msg.path, interface: msg.interface, member: msg.member, body: msg.body ?? [] };
      for (const l of this.#signalListeners) l(signal);
    });
  }

  /** Connects and says Hello; a missing socket, refused connection or failed authentication is an error value. */
  static async open(address: string, options: DbusLinkOptions = {}): Promise<BackendResult<DbusLink>> {
    let bus: Bus;
    try {
      bus = dbus.sessionBus({ busAddress: address });
    } catch (err) {
      return failed(connectError(address, err));
    }
    const connectTimeout = options.connectTimeoutMs ?? 5000;
    const outcome = await new Promise<BackendResult<null>>((resolve) => {
      const timer = setTimeout(() => resolve(failed(backendError(BACKEND_ERROR_CODES.timeout, `The D-Bus bus at ${address} did not answer within ${connectTimeout} ms.`, { retryable: true }))), connectTimeout);
      bus.once('connect', () => {
        clearTimeout(timer);
        resolve(succeeded(null));
      });
      bus.on('error', (err: unknown) => {
        clearTimeout(timer);
        resolve(failed(connectError(address, err)));
      });
    });
    if (!outcome.ok) {
      try {
        bus.disconnect();
      } catch {
        // already gone
      }
      return outcome;
    }
    const link = new DbusLink(address, bus, options.callTimeoutMs ?? 25_000);
    bus.removeAllListeners('error');
    bus.on('error', (err: unknown) => link.#markLost(connectError(address, err)));
    return succeeded(link);
  }

  #markLost(error: BackendError): void {
    if (this.#lost !== null || this.#closed) return;
    this.#lost = error;
    for (const l of this.#lostListeners) l(error);
  }

  /** One method call; the reply body, or the D-Bus error as a BackendError (code = the D-Bus error name). */
  async call(c: DbusCall): Promise<BackendResult<readonly DbusValue[]>> {
    if (this.#closed) return failed(backendError(BACKEND_ERROR_CODES.closed, 'The NetworkManager connection is closed.'));
    if (this.#lost !== null) return failed(this.#lost);
    const msg = new dbus.Message({
      destination: c.destination,
      path: c.path,
      interface: c.interface,
      member: c.member,
      ...(c.signature !== undefined ? { signature: c.signature, body: [...(c.body ?? [])] } : {}),
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await Promise.race([
        this.#bus.call(msg),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), this.#timeoutMs);
        }),
      ]);
      if (reply === 'timeout') {
        return failed(backendError(BACKEND_ERROR_CODES.timeout, `${c.interface}.${c.member} got no answer within ${this.#timeoutMs / 1000} s.`, { retryable: true }));
      }
      return succeeded(reply?.body ?? []);
    } catch (err) {
      return failed(dbusError(err, `${c.interface}.${c.member}`));
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  /** org.freedesktop.DBus.Properties.GetAll, values unwrapped from their Variants. */
  async getAll(destination: string, path: string, iface: string): Promise<BackendResult<Record<string, DbusValue>>> {
    const r = await this.call({ destination, path, interface: 'org.freedesktop.DBus.Properties', member: 'GetAll', signature: 's', body: [iface] });
    if (!r.ok) return r;
    const dict = r.value[0];
    const out: Record<string, DbusValue> = {};
    if (dict !== null && typeof dict === 'object') {
      for (const [k, v] of Object.entries(dict as Record<string, unknown>)) out[k] = isVariant(v) ? v.value : v;
    }
    return succeeded(out);
  }

  /** Asks the bus to route matching signals to us (org.freedesktop.DBus.AddMatch). */
  async addMatch(rule: string): Promise<BackendResult<null>> {
    const r = await this.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'AddMatch', signature: 's', body: [rule] });
    return r.ok ? succeeded(null) : r;
  }

  /** True when `name` has an owner on the bus (the service is running). */
  async nameHasOwner(name: string): Promise<BackendResult<boolean>> {
    const r = await this.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'NameHasOwner', signature: 's', body: [name] });
    return r.ok ? succeeded(r.value[0] === true) : r;
  }

  onSignal(listener: (signal: DbusSignal) => void): () => void {
    this.#signalListeners.add(listener);
    return () => this.#signalListeners.delete(listener);
  }

  /** Called once when the connection breaks (bus daemon gone). */
  onLost(listener: (error: BackendError) => void): () => void {
    this.#lostListeners.add(listener);
    return () => this.#lostListeners.delete(listener);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#signalListeners.clear();
    this.#lostListeners.clear();
    try {
      this.#bus.disconnect();
    } catch {
      // already gone
    }
  }
}

function connectError(address: string, err: unknown): BackendError {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const text = typeof e?.message === 'string' ? e.message : String(err);
  if (code === 'ENOENT') return backendError(BACKEND_ERROR_CODES.connectionRefused, `There is no D-Bus socket at ${address}.`, { params: [address] });
  if (code === 'ECONNREFUSED') return backendError(BACKEND_ERROR_CODES.connectionRefused, `Nothing listens on the D-Bus socket at ${address}.`, { params: [address], retryable: true });
  if (code === 'EACCES') return backendError(BACKEND_ERROR_CODES.authenticationFailed, `No permission to open the D-Bus socket at ${address}; run as root.`, { params: [address] });
  if (/auth/i.test(text)) return backendError(BACKEND_ERROR_CODES.authenticationFailed, `The D-Bus bus at ${address} refused us: ${text}`, { params: [address] });
  return backendError(BACKEND_ERROR_CODES.connectionLost, `The D-Bus connection to ${address} failed: ${text}`, { params: [address], retryable: true });
}

/** A D-Bus error reply → BackendError with the D-Bus error name as code and NM's own sentence. */
export function dbusError(err: unknown, what: string): BackendError {
  if (err instanceof dbus.DBusError) {
    const name = err.type;
    const text = err.text ?? '';
    const unknownService = name === 'org.freedesktop.DBus.Error.ServiceUnknown' || name === 'org.freedesktop.DBus.Error.NameHasNoOwner';
    const message = unknownService ? `${what}: the service is not running (${text}).` : `${what} failed: ${text}`;
    return backendError(name, message, { params: [text], retryable: name === 'org.freedesktop.DBus.Error.NoReply' || name === 'org.freedesktop.DBus.Error.Timeout' });
  }
  const text = err instanceof Error ? err.message : String(err);
  return backendError(BACKEND_ERROR_CODES.protocol, `${what} failed: ${text}`, { params: [text] });
}
