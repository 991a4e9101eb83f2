/**
 * Backend selection shared by the console and every CLI verb: `--simulate [SCENARIO]` (the embedded simulator,
 * in-process, reached over a private unix socket through the real xapi adapter), `--xapi URL|unix:PATH`, `--nm
 * [--bus ADDRESS]` (NetworkManager over D-Bus), or — with none — the local xapi socket when it exists, else
 * NetworkManager when it answers on the system bus. Nothing is guessed silently: when no backend can be used the
 * result says what was tried.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from './backend.js';
import { backendError, failed, succeeded, type BackendResult } from './backend-error.js';
import { listScenarios } from './simulator/scenarios.js';
import { simulatedReset } from './simulator/simulated-reset.js';
import { DEFAULT_XAPI_SOCKET, describeEndpoint, parseEndpoint, type XapiEndpoint } from './xapi/endpoint.js';
import { createTransport, type WireProtocol } from './xapi/transport.js';
import { localXapiReset } from './xapi/local-reset.js';
import { XapiBackend } from './xapi/xapi-backend.js';

export type BackendChoice =
  /** hostRoot: where the simulated host keeps its files (emergency network reset); a private directory by default. */
  | { readonly kind: 'simulate'; readonly scenario: string; readonly hostRoot?: string }
  | {
      readonly kind: 'xapi';
      readonly endpoint: string;
      readonly user: string;
      readonly passwordFile: string | null;
      readonly allowUnauthorized: boolean;
      readonly fingerprint: string | null;
      readonly protocol: WireProtocol;
    }
  /** NetworkManager over D-Bus; bus null = the system bus ($DBUS_SYSTEM_BUS_ADDRESS or the standard socket). */
  | { readonly kind: 'nm'; readonly bus: string | null }
  | { readonly kind: 'auto' };

export interface OpenedBackend {
  readonly backend: Backend;
  /** "simulated host (scenario default)", "xapi at unix:/var/lib/xcp/xapi", … for the top line and messages. */
  readonly description: string;
}

/** The simulator's own password for root in every scenario (TCP logins check it; the unix socket accepts any). */
function readPassword(file: string | null, env: NodeJS.ProcessEnv): BackendResult<string> {
  if (file === null) return succeeded(env['HOSTCONSOLE_PASSWORD'] ?? '');
  try {
    return succeeded(readFileSync(file, 'utf8').replace(/\r?\n$/, ''));
  } catch (err) {
    return failed(backendError('password-file', `Cannot read the password file '${file}': ${(err as Error).message}`));
  }
}

async function openSimulated(scenario: string, hostRootChoice?: string): Promise<BackendResult<OpenedBackend>> {
  if (!listScenarios().includes(scenario)) {
    return failed(backendError('unknown-scenario', `There is no simulated scenario '${scenario}'. Scenarios: ${listScenarios().join(', ')}.`));
  }
  const dir = mkdtempSync(join(tmpdir(), 'hostconsole-sim-'));
  const path = join(dir, 'xapi');
  // Loaded only when asked for: a console on a real host never pays for the simulator.
  const { startSimulator } = await import('./simulator/simulator.js');
  const hostRoot = hostRootChoice ?? join(dir, 'root');
  const sim = await startSimulator({ scenario, listen: [{ kind: 'unix', path }], hostRoot });
  const backend = new XapiBackend({
    transport: createTransport({ endpoint: { kind: 'unix', path } }),
    credentials: { user: 'root', password: '' },
    // The simulated management addresses answer on loopback ports the simulator maps them to.
    probe: { resolve: (address) => sim.resolve(address) },
    emergencyReset: simulatedReset(sim, hostRoot),
    onClose: async () => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  return succeeded({ backend, description: `simulated host (scenario ${scenario})` });
}

function openXapi(endpoint: XapiEndpoint, choice: Extract<BackendChoice, { kind: 'xapi' }>, env: NodeJS.ProcessEnv): BackendResult<OpenedBackend> {
  const password = readPassword(choice.passwordFile, env);
  if (!password.ok) return password;
  const tls = {
    ...(choice.allowUnauthorized ? { allowUnauthorized: true } : {}),
    ...(choice.fingerprint !== null ? { fingerprint256: choice.fingerprint } : {}),
  };
  // A standalone simulator (`hostconsole simulator --address-map FILE`) maps its management addresses to loopback.
  const addressMap = env['HOSTCONSOLE_SIMULATOR_ADDRESS_MAP'];
  const backend = new XapiBackend({
    transport: createTransport({ endpoint, protocol: choice.protocol, tls }),
    credentials: { user: choice.user, password: password.value },
    probe: { tls, protocol: choice.protocol, ...(addressMap !== undefined && addressMap !== '' ? { addressMapFile: addressMap } : {}) },
    // Only xapi on this machine has its files here to reset.
    ...(endpoint.kind === 'unix' ? { emergencyReset: localXapiReset() } : {}),
  });
  return succeeded({ backend, description: `xapi at ${describeEndpoint(endpoint)}` });
}

/** NetworkManager on `bus` (loaded only when used, so other backends do not pay for dbus-next). */
async function openNetworkManager(bus: string | null, env: NodeJS.ProcessEnv): Promise<BackendResult<OpenedBackend>> {
  const nm = await import('./networkmanager/index.js');
  const address = bus ?? nm.systemBusAddress(env);
  const opened = await nm.NmBackend.open({ busAddress: address });
  if (!opened.ok) return opened;
  return succeeded({ backend: opened.value, description: `NetworkManager on ${address}` });
}

export async function openBackend(choice: BackendChoice, env: NodeJS.ProcessEnv = process.env): Promise<BackendResult<OpenedBackend>> {
  switch (choice.kind) {
    case 'simulate':
      return openSimulated(choice.scenario, choice.hostRoot);
    case 'xapi': {
      const endpoint = parseEndpoint(choice.endpoint, '--xapi');
      if (!endpoint.ok) return failed(backendError('invalid-endpoint', `${endpoint.error.field}: ${endpoint.error.message}`));
      return openXapi(endpoint.value, choice, env);
    }
    case 'nm':
      return openNetworkManager(choice.bus, env);
    case 'auto': {
      const socket = env['HOSTCONSOLE_XAPI_SOCKET'] ?? DEFAULT_XAPI_SOCKET;
      if (existsSync(socket)) {
        return openXapi({ kind: 'unix', path: socket }, { kind: 'xapi', endpoint: `unix:${socket}`, user: 'root', passwordFile: null, allowUnauthorized: false, fingerprint: null, protocol: 'auto' }, env);
      }
      // No xapi here: a host whose network NetworkManager owns? (Never the simulator unless asked.)
      const nm = await import('./networkmanager/index.js');
      const bus = nm.systemBusAddress(env);
      const whyNotNm = await nm.probeNetworkManager(bus);
      if (whyNotNm === null) return openNetworkManager(bus, env);
      return failed(
        backendError(
          'no-backend',
          `No backend found: there is no xapi socket at ${socket}, and NetworkManager does not answer on the system bus (${whyNotNm}). Use --xapi URL|unix:PATH for a remote or non-default xapi, --nm [--bus ADDRESS] for NetworkManager on another bus, or --simulate [SCENARIO] for the built-in simulated host (scenarios: ${listScenarios().join(', ')}).`,
        ),
      );
    }
  }
}
