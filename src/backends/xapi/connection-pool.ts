/**
 * The connections one transport makes to xapi, kept alive and reused: an `event.from` long-poll holds one, the other
 * calls share the rest (xsconsole's XenAPI client and Xen Orchestra's keep theirs open too). Over https every new
 * connection is checked — CA trust, or exactly the pinned certificate — before it is handed to a request, so no
 * request (and no password) is written on an untrusted one; a reused connection was checked when it was made. A
 * `status` over TLS costs one or two handshakes instead of one per call. Unix sockets skip Node's server-name
 * (TLS SNI) computation, which would test whether "localhost" is an IP address on every request.
 */
import http from 'node:http';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import type { XapiEndpoint } from './endpoint.js';

export interface TlsTrust {
  /** Accept a self-signed or otherwise untrusted certificate (explicit opt-in). */
  readonly allowUnauthorized?: boolean;
  /** Accept exactly the certificate with this SHA-256 fingerprint (hex, colons optional). */
  readonly fingerprint256?: string;
}

/**
 * An idle kept-alive connection is closed after this long (ms), before xapi might close it under a request (a server
 * that announces its own limit with a Keep-Alive header gets a second less than that, as Node does).
 */
const IDLE_CONNECTION_MS = 10_000;

/** The error a connection whose certificate is not the pinned one fails with (http-post.ts reports it). */
export const FINGERPRINT_MISMATCH = 'HOSTCONSOLE_TLS_FINGERPRINT_MISMATCH';

export interface ConnectionPool {
  /** What http.request needs to use the pool for one request. */
  requestOptions(): http.RequestOptions;
  /** Connections made so far (each https one a TLS handshake). */
  readonly connectionsMade: number;
  /** Closes every connection, idle or busy. */
  close(): void;
}

function normaliseFingerprint(text: string): string {
  return text.replace(/:/g, '').toLowerCase();
}

type TlsModule = typeof import('node:tls');

/** An agent whose new connections are TLS connections, checked before use. */
class CheckedTlsAgent extends http.Agent {
  made = 0;

  constructor(
    private readonly tls: TlsModule,
    private readonly endpoint: { readonly host: string; readonly port: number },
    private readonly trust: TlsTrust,
  ) {
    super({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
  }

  // http.Agent calls this for each new connection; the callback form lets the request wait for the check.
  override createConnection(_options: http.ClientRequestArgs, ready?: (error: Error | null, socket: Duplex) => void): undefined {
    this.made += 1;
    const { host, port } = this.endpoint;
    const pinned = this.trust.fingerprint256;
    const lenient = this.trust.allowUnauthorized === true || pinned !== undefined;
    const socket: TLSSocket = this.tls.connect({
      host,
      port,
      rejectUnauthorized: !lenient,
      ...(isIP(host) === 0 ? { servername: host } : {}),
    });
    const onError = (error: Error): void => ready?.(error, socket);
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      socket.off('error', onError);
      if (pinned !== undefined && normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '') !== normaliseFingerprint(pinned)) {
        socket.destroy();
        ready?.(Object.assign(new Error('the certificate does not match the pinned fingerprint'), { code: FINGERPRINT_MISMATCH }), socket);
        return;
      }
      ready?.(null, socket);
    });
    return undefined;
  }
}

/** A counting agent for plain connections (unix socket, http). */
class CountingAgent extends http.Agent {
  made = 0;

  constructor() {
    super({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
  }

  override createConnection(options: http.ClientRequestArgs, ready?: (error: Error | null, socket: Duplex) => void): Duplex | null | undefined {
    this.made += 1;
    return super.createConnection(options, ready);
  }
}

/** The pool for an endpoint; `tls` is node:tls, loaded by the caller only for https endpoints. */
export function connectionPool(endpoint: XapiEndpoint, trust: TlsTrust, tls: TlsModule | null): ConnectionPool {
  if (endpoint.kind === 'unix') {
    const agent = new CountingAgent();
    return {
      // servername '' = not TLS: Node then skips guessing an SNI name from the Host header.
      requestOptions: () => ({ socketPath: endpoint.path, agent, servername: '' } as http.RequestOptions),
      get connectionsMade() {
        return agent.made;
      },
      close: () => agent.destroy(),
    };
  }
  if (endpoint.scheme === 'http') {
    const agent = new CountingAgent();
    return {
      requestOptions: () => ({ host: endpoint.host, port: endpoint.port, agent, servername: '' } as http.RequestOptions),
      get connectionsMade() {
        return agent.made;
      },
      close: () => agent.destroy(),
    };
  }
  if (tls === null) throw new Error('bug: https endpoint without the tls module');
  const agent = new CheckedTlsAgent(tls, endpoint, trust);
  return {
    requestOptions: () => ({ host: endpoint.host, port: endpoint.port, agent }),
    get connectionsMade() {
      return agent.made;
    },
    close: () => agent.destroy(),
  };
}
