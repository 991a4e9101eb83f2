/**
 * The simulator's sockets. Explicit listeners (--listen unix:… / tcp:…) serve the local host and survive
 * address changes. Each address of a host's management interface (both families: xapi listens on all addresses)
 * gets its own loopback listener (ephemeral port): the address map says which; when an address goes (or management
 * is disabled) its listener closes — connections refused, open connections cut — and one for a new address opens.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Faults } from './faults.js';
import { requestHandler, type ControlApi, type ConnectionTracker } from './http-server.js';
import { canonicalAddress, isLinkLocal6 } from './ip-checks.js';
import type { Endpoint, ListenSpec } from './listen-spec.js';
import { reachable } from './management-addresses.js';
import { writeJsonAtomic } from './persist.js';
import { prepareSocketPath } from './socket-path.js';
import { bool, str, strs, type SimState } from './state.js';

export interface LoopbackEndpoint {
  readonly host: string;
  readonly port: number;
}

interface Listener {
  readonly server: Server;
  readonly sockets: Set<Socket>;
  /** Sockets with a call in progress, and that call's method. */
  readonly inflight: Map<Socket, string>;
  /** Sockets to cut once their current call is answered. */
  readonly cutAfterReply: Set<Socket>;
  retired: boolean;
}

interface AddressListener {
  readonly hostRef: string;
  readonly listener: Listener;
  readonly port: number;
}

const LOOPBACK = '127.0.0.1';

export class ListenerManager {
  private explicit: { spec: Endpoint; listener: Listener | undefined }[] = [];
  private readonly byAddress = new Map<string, AddressListener>();
  /** Ports once used per address, reused so the address map stays valid across a restart. */
  private readonly portMemory = new Map<string, number>();
  private down = false;
  private mapWritten = false;
  private closed = false;
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly state: SimState,
    private readonly faults: Faults,
    private readonly control: ControlApi,
    private readonly addressMapFile: string | undefined,
  ) {
    this.unsubscribe = state.db.onChange(() => this.schedule());
  }

  get endpoints(): readonly Endpoint[] {
    return this.explicit.map((e) => e.spec);
  }

  async start(specs: readonly ListenSpec[]): Promise<void> {
    for (const spec of specs) {
      const { listener, bound } = await this.open(spec, this.state.localHostRef, spec.kind === 'unix' ? 'unix' : 'tcp');
      this.explicit.push({ spec: bound, listener });
    }
    await this.enqueue();
  }

  /** The loopback endpoint that answers for a simulated management address, or null. */
  resolve(address: string): LoopbackEndpoint | null {
    const canonical = canonicalAddress(address.trim());
    const entry = canonical === null ? undefined : this.byAddress.get(canonical);
    return entry === undefined ? null : { host: LOOPBACK, port: entry.port };
  }

  addressMap(): Record<string, LoopbackEndpoint> {
    return Object.fromEntries([...this.byAddress].map(([addr, e]) => [addr, { host: LOOPBACK, port: e.port }]));
  }

  /** Down for `seconds` (sessions lost); `whileDown` runs once everything is shut, before listening again. */
  async restart(seconds: number, whileDown?: () => void): Promise<void> {
    if (this.down || this.closed) return;
    this.down = true;
    await this.chain;
    const closing: Promise<void>[] = [];
    for (const e of this.explicit) {
      if (e.listener !== undefined) closing.push(this.shut(e.listener, true));
      e.listener = undefined;
    }
    for (const a of this.byAddress.values()) closing.push(this.shut(a.listener, true));
    await Promise.all(closing);
    this.state.sessions.clear();
    whileDown?.();
    await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000)));
    if (this.closed) return;
    for (const e of this.explicit) {
      const { listener } = await this.open(e.spec, this.state.localHostRef, e.spec.kind === 'unix' ? 'unix' : 'tcp');
      e.listener = listener;
    }
    const previous = [...this.byAddress];
    this.byAddress.clear();
    for (const [address, a] of previous) {
      const { listener } = await this.open({ kind: 'tcp', host: LOOPBACK, port: a.port }, a.hostRef, 'tcp');
      this.byAddress.set(address, { hostRef: a.hostRef, listener, port: a.port });
    }
    this.down = false;
    await this.enqueue();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.chain;
    const all = [...this.explicit.map((e) => e.listener), ...[...this.byAddress.values()].map((a) => a.listener)];
    // Closing a unix socket listener removes its own socket file; nothing else at the path is ever deleted.
    await Promise.all(all.map((l) => (l === undefined ? Promise.resolve() : this.shut(l, true))));
    this.byAddress.clear();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.enqueue();
    });
  }

  private enqueue(): Promise<void> {
    this.chain = this.chain.then(() => this.reconcile()).catch((e: unknown) => {
      process.stderr.write(`simulator: listener update failed: ${e instanceof Error ? e.message : String(e)}\n`);
    });
    return this.chain;
  }

  /**
   * Desired: one listener per address of each host that has a management interface — host.address, every other
   * non-link-local address of the management PIF, both families, then those of the host's other attached PIFs: xapi
   * listens on all addresses (it binds `::`, xapi_mgmt_iface.ml), so any address of the host answers.
   */
  private async reconcile(): Promise<void> {
    if (this.down || this.closed) return;
    const wanted = new Map<string, string>();
    for (const [hostRef, host] of this.state.db.allRecords('host')) {
      const pif = this.state.db.find('PIF', (p) => p.host === hostRef && bool(p.management))?.[1];
      if (pif === undefined) continue;
      const others = this.state.db.allRecords('PIF').filter(([, p]) => p.host === hostRef && !bool(p.management) && bool(p.currently_attached)).map(([, p]) => p);
      const addressesOf = (p: typeof pif): string[] => [str(p.IP), ...strs(p.IPv6).filter((a) => !isLinkLocal6(a)).map((a) => a.split('/')[0] ?? '')];
      for (const text of [str(host.address), ...addressesOf(pif), ...others.flatMap(addressesOf)]) {
        const address = canonicalAddress(text);
        if (address !== null && !wanted.has(address) && reachable(this.state, hostRef, address)) wanted.set(address, hostRef);
      }
    }
    let changed = false;
    for (const [address, entry] of [...this.byAddress]) {
      if (wanted.get(address) !== entry.hostRef) {
        this.byAddress.delete(address);
        changed = true;
        await this.shut(entry.listener, false);
      }
    }
    for (const [address, hostRef] of wanted) {
      if (this.byAddress.has(address)) continue;
      const port = await this.openAddress(address, hostRef);
      this.portMemory.set(address, port);
      changed = true;
    }
    if (changed || !this.mapWritten) this.writeAddressMap();
  }

  private async openAddress(address: string, hostRef: string): Promise<number> {
    const remembered = this.portMemory.get(address);
    if (remembered !== undefined) {
      try {
        const { listener } = await this.open({ kind: 'tcp', host: LOOPBACK, port: remembered }, hostRef, 'tcp');
        this.byAddress.set(address, { hostRef, listener, port: remembered });
        return remembered;
      } catch {
        // The port was taken meanwhile: take a new one.
      }
    }
    const { listener, bound } = await this.open({ kind: 'tcp', host: LOOPBACK, port: 0 }, hostRef, 'tcp');
    const port = bound.kind === 'tcp' ? bound.port : 0;
    this.byAddress.set(address, { hostRef, listener, port });
    return port;
  }

  private writeAddressMap(): void {
    if (this.addressMapFile === undefined || this.closed) return;
    writeJsonAtomic(this.addressMapFile, this.addressMap());
    this.mapWritten = true;
  }

  private async open(spec: ListenSpec, hostRef: string, transport: 'unix' | 'tcp'): Promise<{ listener: Listener; bound: Endpoint }> {
    if (spec.kind === 'unix') {
      // Only a stale socket is replaced: never a file, a directory or another server's live socket.
      const free = await prepareSocketPath(spec.path);
      if (!free.ok) throw new Error(free.message);
    }
    const listener: Listener = { server: createServer(), sockets: new Set(), inflight: new Map(), cutAfterReply: new Set(), retired: false };
    const tracker: ConnectionTracker = {
      begin: (socket, method) => {
        listener.inflight.set(socket, method);
        return () => {
          listener.inflight.delete(socket);
          if (listener.cutAfterReply.has(socket) || listener.retired) socket.destroy();
        };
      },
    };
    listener.server.on('request', requestHandler({ state: this.state, faults: this.faults, control: this.control, origin: { hostRef, transport }, tracker }));
    listener.server.on('connection', (socket: Socket) => {
      listener.sockets.add(socket);
      socket.on('close', () => {
        listener.sockets.delete(socket);
        listener.inflight.delete(socket);
        listener.cutAfterReply.delete(socket);
      });
    });
    return new Promise((resolve, reject) => {
      listener.server.once('error', reject);
      const onListening = () => {
        listener.server.off('error', reject);
        const addr = listener.server.address();
        const bound: Endpoint = spec.kind === 'unix' ? spec : { kind: 'tcp', host: spec.host, port: typeof addr === 'object' && addr !== null ? addr.port : spec.port };
        resolve({ listener, bound });
      };
      if (spec.kind === 'unix') {
        listener.server.listen(spec.path, onListening);
      } else {
        listener.server.listen({ host: spec.host, port: spec.port, exclusive: true }, onListening);
      }
    });
  }

  /**
   * Stops accepting and cuts connections. `now`: everything at once (restart, close). Otherwise (address
   * moved) the call being answered — e.g. the management_reconfigure that moved it — gets its reply first.
   */
  private shut(listener: Listener, now: boolean): Promise<void> {
    listener.retired = true;
    const closed = new Promise<void>((resolve) => listener.server.close(() => resolve()));
    for (const socket of listener.sockets) {
      const method = listener.inflight.get(socket);
      if (!now && method !== undefined && method !== 'event.from') listener.cutAfterReply.add(socket);
      else socket.destroy();
    }
    return closed;
  }
}
