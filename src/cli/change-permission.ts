/**
 * Who may change the host from the command line (`set`, `confirm`, `revert`): on a local backend — the xapi unix
 * socket (which gives root's rights to whoever opens it) or NetworkManager — only root (effective uid 0), or the
 * owner of a non-default xapi socket (a user's own standalone simulator); on a TCP xapi, whoever has the password
 * (`set` logs in with it; `confirm` and `revert` check it by a login before deciding). The embedded simulated host
 * needs neither. Refused: one clear sentence, exit 3, nothing sent to the host.
 */
import { existsSync, statSync } from 'node:fs';
import type { BackendChoice } from '../backends/select-backend.js';
import type { JsonValue } from '../backends/backend.js';
import { EXIT, type CliIo } from './io.js';
import { choiceFromRef, nmChoiceFromRef, passwordOf } from './transaction-setup.js';

export interface PermissionFacts {
  /** The effective uid (process.geteuid()). */
  readonly euid: number;
  /** The owner uid of a file, or null when it does not exist. */
  readonly ownerOf: (path: string) => number | null;
  /** A login with these credentials at a TCP xapi: null when accepted, else why not. */
  readonly tryLogin: (choice: Extract<BackendChoice, { kind: 'xapi' }>, password: string) => Promise<string | null>;
}

const DEFAULT_SOCKET = '/var/lib/xcp/xapi';

function ownerOf(path: string): number | null {
  try {
    return statSync(path).uid;
  } catch {
    return null;
  }
}

async function tryLogin(choice: Extract<BackendChoice, { kind: 'xapi' }>, password: string): Promise<string | null> {
  const [{ parseEndpoint }, { createTransport }, { XapiClient }] = await Promise.all([
    import('../backends/xapi/endpoint.js'),
    import('../backends/xapi/transport.js'),
    import('../backends/xapi/client.js'),
  ]);
  const endpoint = parseEndpoint(choice.endpoint, '--xapi');
  if (!endpoint.ok) return endpoint.error.message;
  const tls = { ...(choice.allowUnauthorized ? { allowUnauthorized: true } : {}), ...(choice.fingerprint !== null ? { fingerprint256: choice.fingerprint } : {}) };
  const client = new XapiClient({ transport: createTransport({ endpoint: endpoint.value, protocol: choice.protocol, tls }), credentials: { user: choice.user, password }, originator: 'hostconsole-cli' });
  const login = await client.login();
  if (!login.ok) return login.error.message;
  await client.logout();
  return null;
}

export function systemFacts(): PermissionFacts {
  return { euid: process.geteuid?.() ?? 0, ownerOf, tryLogin };
}

/** Why `verb` may not change the host through `choice` (null: it may). `check`: also verify a TCP password by a login. */
export async function changeRefusal(verb: string, choice: BackendChoice | null, io: CliIo, facts: PermissionFacts, check: boolean): Promise<string | null> {
  if (choice === null || choice.kind === 'simulate') return null;
  const asRoot = `hostconsole ${verb}: changing the host needs root: run it as root (e.g. sudo hostconsole ${verb} …)`;
  if (choice.kind === 'nm') return facts.euid === 0 ? null : `${asRoot}; NetworkManager changes the host's network for whoever asks on the system bus.`;
  const socket = choice.kind === 'auto' ? (io.env['HOSTCONSOLE_XAPI_SOCKET'] ?? DEFAULT_SOCKET) : choice.endpoint.startsWith('unix:') ? choice.endpoint.slice('unix:'.length) : null;
  if (socket !== null) {
    if (facts.euid === 0) return null;
    // A socket of one's own (a standalone simulator) is one's own host; the host's xapi socket is root's.
    if (socket !== DEFAULT_SOCKET && facts.ownerOf(socket) === facts.euid) return null;
    if (choice.kind === 'auto' && !existsSync(socket)) return `${asRoot}; NetworkManager changes the host's network for whoever asks on the system bus.`;
    return `${asRoot}; the xapi socket ${socket} acts as root for whoever opens it.`;
  }
  if (choice.kind !== 'xapi') return null;
  const password = passwordOf(choice, io.env);
  if (password === '') {
    return `hostconsole ${verb}: changing the host at ${choice.endpoint} needs the password of ${choice.user}: give it with --password-file FILE or HOSTCONSOLE_PASSWORD.`;
  }
  if (!check) return null;
  const why = await facts.tryLogin(choice, password);
  return why === null ? null : `hostconsole ${verb}: the password of ${choice.user} at ${choice.endpoint} was not accepted (${why}); nothing was decided.`;
}

/** The backend a pending change's journal names (null: the in-process simulated host). */
export function journalChoice(backendRef: JsonValue | null): BackendChoice | null {
  return choiceFromRef(backendRef) ?? nmChoiceFromRef(backendRef);
}

/** For the verbs: write the refusal and return exit 3, or null when the change may go on. */
export async function refuseUnlessAllowed(verb: string, choice: BackendChoice | null, io: CliIo, check = false, facts: PermissionFacts = systemFacts()): Promise<number | null> {
  const why = await changeRefusal(verb, choice, io, facts, check);
  if (why === null) return null;
  io.stderr.write(`${why}\n`);
  return EXIT.backend;
}
