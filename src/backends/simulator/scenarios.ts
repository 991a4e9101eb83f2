/** The built-in scenarios (JSON data files in scenarios/). */
import bondVlan from './scenarios/bond-vlan.json' with { type: 'json' };
import defaultScenario from './scenarios/default.json' with { type: 'json' };
import dhcp from './scenarios/dhcp.json' with { type: 'json' };
import ipv6Only from './scenarios/ipv6-only.json' with { type: 'json' };
import pool from './scenarios/pool.json' with { type: 'json' };
import poolIpv4 from './scenarios/pool-ipv4.json' with { type: 'json' };
import poolIsolated from './scenarios/pool-isolated.json' with { type: 'json' };
import poolIpv6Primary from './scenarios/pool-ipv6-primary.json' with { type: 'json' };
import poolLocalDisk from './scenarios/pool-local-disk.json' with { type: 'json' };
import type { Scenario } from './scenario-types.js';

const defaultHost = defaultScenario as unknown as Scenario;

/** The default host whose traffic includes its NFS SR's: the host reaches the IPv4-only NFS server 192.0.2.5 over IPv4. */
const nfs: Scenario = {
  ...defaultHost,
  name: 'nfs',
  description: `${defaultHost.description} Traffic: as the default host's, plus the host's NFS connection to the IPv4-only server 192.0.2.5 (port 2049).`,
  traffic: { clients: defaultHost.traffic?.clients ?? [], storage: true },
};

const SCENARIOS: readonly Scenario[] = [defaultHost, ...([ipv6Only, bondVlan, pool, dhcp, poolIpv4, poolIsolated, poolIpv6Primary, poolLocalDisk] as readonly Scenario[]), nfs];

export function listScenarios(): string[] {
  return SCENARIOS.map((s) => s.name);
}

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
