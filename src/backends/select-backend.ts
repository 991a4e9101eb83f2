/**
 * Backend selection shared by the console and every CLI verb: `--simulate [SCENARIO]` (the embedded simulator,
 * in-process, reached over a private unix socket through the real xapi adapter), `--xapi URL|unix:PATH`, `--nm
 * [--bus ADDRESS]` (NetworkManager over D-Bus), or — with none — the local xapi socket when it exists, else
 * NetworkManager when it answers on the system bus. Nothing is guessed silently: when no backend can be used the
 * result says what was tried.
 */
import { ProcTrafficSource } from './local/proc-traffic-source.js';
import { existsSync, mkdtempSync } from 'node:fs';
import { removeOnExit } from '../fs/remove-on-exit.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend, NetTools } from './backend.js';
import { createLocalNetTools } from '../net-tests/local-tools.js';
import { backendError, failed, succeeded, type BackendResult } from './backend-error.js';
import { SCENARIO_NAMES } from './simulator/scenario-names.js';
import { DEFAULT_XAPI_SOCKET, describeEndpoint, type XapiEndpoint } from './xapi/endpoint.js';
import { checkXapiChoice, readPasswordOption } from './xapi-choice-check.js';
import { createTransport, type WireProtocol } from './xapi/transport.js';
import { SystemctlSsh } from './systemd/systemd-host-operations.js';
import { localXapiReset } from './xapi/local-reset.js';
import { chronyNtp } from './local/chrony-ntp.js';
import { execFileRunner } from './systemd/systemctl.js';
import { XapiBackend } from './xapi/xapi-backend.js';
import { masterEndpoint } from './xapi/follow-master.js';

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
      /** Allow the password over plain http:// to a host beyond loopback (--allow-plain-http). */
      readonly allowPlainHttp?: boolean;
    }
  /** NetworkManager over D-Bus; bus null = the system bus ($DBUS_SYSTEM_BUS_ADDRESS or the standard socket). */
  | { readonly kind: 'nm'; readonly bus: string | null }
  | { readonly kind: 'auto' };

export interface OpenedBackend {
  readonly backend: Backend;
  /** "simulated host (scenario default)", "xapi at unix:/var/lib/xcp/xapi", … for the top line and messages. */
  readonly description: string;
}

async function openSimulated(scenario: string, hostRootChoice?: string): Promise<BackendResult<OpenedBackend>> {
  if (!SCENARIO_NAMES.includes(scenario)) {
    return failed(backendError('unknown-scenario', `There is no simulated scenario '${scenario}'. Scenarios: ${SCENARIO_NAMES.join(', ')}.`));
  }
  const dir = mkdtempSync(join(tmpdir(), 'hostconsole-sim-'));
  // Removed on close, or when the process exits (also from a signal handler's process.exit()).
  const removeDir = removeOnExit(dir);
  const path = join(dir, 'xapi');
  // Loaded only when asked for: a console on a real host never pays for the simulator.
  const { startSimulator } = await import('./simulator/embedded.js');
  const hostRoot = hostRootChoice ?? join(dir, 'root');
  const sim = await startSimulator({ scenario, listen: [{ kind: 'unix', path }], hostRoot });
  const [{ SimulatedTrafficSource }, { simulatedReset }] = await Promise.all([import('./simulator/simulated-traffic.js'), import('./simulator/simulated-reset.js')]);
  const backend = new XapiBackend({
    transport: createTransport({ endpoint: { kind: 'unix', path } }),
    // The embedded simulator's own root password: the unix socket accepts any, and a management probe that logs in
    // over TCP is then answered at once instead of after xapi's wrong-password delay.
    credentials: { user: 'root', password: sim.password },
    // The simulated management addresses answer on loopback ports the simulator maps them to.
    probe: { resolve: (address) => sim.resolve(address) },
    traffic: new SimulatedTrafficSource(sim.traffic),
    // Ping, lookups and DNS queries answered from the scenario.
    netTools: sim.netTools,
    emergencyReset: simulatedReset(sim, hostRoot),
    onClose: async () => {
      await sim.close();
      removeDir();
    },
  });
  return succeeded({ backend, description: `simulated host (scenario ${scenario})` });
}

function openXapi(endpoint: XapiEndpoint, choice: Extract<BackendChoice, { kind: 'xapi' }>, env: NodeJS.ProcessEnv): BackendResult<OpenedBackend> {
  const password = readPasswordOption(choice.passwordFile, env);
  if (!password.ok) return password;
  const tls = {
    ...(choice.allowUnauthorized ? { allowUnauthorized: true } : {}),
    ...(choice.fingerprint !== null ? { fingerprint256: choice.fingerprint } : {}),
  };
  // A standalone simulator (`hostconsole simulator --address-map FILE`) maps its management addresses to loopback.
  const addressMap = env['HOSTCONSOLE_SIMULATOR_ADDRESS_MAP'];
  const simulator = addressMap !== undefined && addressMap !== '';
  const where = netToolsFor(endpoint, simulator, env);
  // xapi on this machine (its default socket): without host.enable_ssh, SSH is switched with systemctl here.
  const local = endpoint.kind === 'unix' && endpoint.path === DEFAULT_XAPI_SOCKET;
  const backend = new XapiBackend({
    transport: createTransport({ endpoint, protocol: choice.protocol, tls }),
    credentials: { user: choice.user, password: password.value },
    ...(local ? { systemctlSsh: new SystemctlSsh() } : {}),
    // Over the local socket the probe reaches this host's own https (its self-signed certificate is expected, and the
    // probe sends nothing secret); a remote xapi's probe uses the trust given for it.
    probe: { tls: endpoint.kind === 'unix' && choice.fingerprint === null ? { allowUnauthorized: true } : tls, protocol: choice.protocol, ...(simulator ? { addressMapFile: addressMap } : {}) },
    ...where,
    // On the host itself (unix socket) the console's password check logs in at the host's own management address:
    // the connection never leaves the host, and its certificate is the host's self-signed one.
    passwordLoginTls: endpoint.kind === 'unix' ? { allowUnauthorized: true } : tls,
    // On its unix socket xapi runs on this very host: its kernel's counters are the host's.
    // Over TCP the host is elsewhere: xapi's RRDs give its interfaces' bytes (not per family, no peers).
    ...(endpoint.kind === 'unix' ? { traffic: new ProcTrafficSource() } : { rrd: { endpoint, tls } }),
    // A pool member answers logins with HOST_IS_SLAVE: work through its master, keep showing the member.
    followMaster: (master) => {
      const to = masterEndpoint(master, endpoint, simulator ? addressMap : undefined);
      return to === null ? null : { transport: createTransport({ endpoint: to.endpoint, protocol: choice.protocol, tls }), member: to.member };
    },
    // Only xapi on this machine has its files here to reset.
    ...(endpoint.kind === 'unix' ? { emergencyReset: localXapiReset() } : {}),
    // An xapi on this machine older than the NTP API (26.0.0): chrony's configuration and chronyc here instead.
    ...(endpoint.kind === 'unix' && !simulator ? { ntpFallback: chronyNtp({ run: execFileRunner }) } : {}),
  });
  return succeeded({ backend, description: `xapi at ${describeEndpoint(endpoint)}` });
}

/**
 * Where network tests run for an xapi endpoint: an xapi on this host (its unix socket, or https to a loopback
 * address) gets the local tools; a remote one none — nothing here can ping from that host; a standalone simulator
 * (its address map given) none either: its answers live in its own process.
 */
export function netToolsFor(endpoint: XapiEndpoint, simulator: boolean, env: NodeJS.ProcessEnv): { netTools: NetTools } | { noNetToolsReason: string } {
  if (simulator) return { noNetToolsReason: 'a simulator reached over its socket answers no network tests (use --simulate for simulated ones)' };
  const local = endpoint.kind === 'unix' || ['127.0.0.1', '::1', '[::1]', 'localhost'].includes(endpoint.host);
  if (local) return { netTools: createLocalNetTools({ env }) };
  return { noNetToolsReason: `cannot ping from the host over a remote connection (xapi at ${describeEndpoint(endpoint)})` };
}

/** NetworkManager on `bus` (loaded only when used, so other backends do not pay for dbus-next). */
async function openNetworkManager(bus: string | null, env: NodeJS.ProcessEnv): Promise<BackendResult<OpenedBackend>> {
  const nm = await import('./networkmanager/index.js');
  const address = bus ?? nm.systemBusAddress(env);
  // NetworkManager drives the host this process runs on: the network tests run here.
  const opened = await nm.NmBackend.open({ busAddress: address, netTools: createLocalNetTools({ env }) });
  if (!opened.ok) return opened;
  return succeeded({ backend: opened.value, description: `NetworkManager on ${address}` });
}

export async function openBackend(choice: BackendChoice, env: NodeJS.ProcessEnv = process.env): Promise<BackendResult<OpenedBackend>> {
  switch (choice.kind) {
    case 'simulate':
      return openSimulated(choice.scenario, choice.hostRoot);
    case 'xapi': {
      // A usable URL, a readable password file, a password for TCP, no clear-text password beyond loopback.
      const checked = checkXapiChoice(choice, env);
      if (!checked.ok) return checked;
      return openXapi(checked.value.endpoint, choice, env);
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
          `No backend found: there is no xapi socket at ${socket}, and NetworkManager does not answer on the system bus (${whyNotNm}). Use --xapi URL|unix:PATH for a remote or non-default xapi, --nm [--bus ADDRESS] for NetworkManager on another bus, or --simulate [SCENARIO] for the built-in simulated host (scenarios: ${SCENARIO_NAMES.join(', ')}).`,
        ),
      );
    }
  }
}
