/** Expands a scenario file into a full xapi database (every datamodel field present, refs stable). */
import { addInventory } from './build-inventory.js';
import { SimDb } from './db.js';
import { stableRef, stableUuid } from './ids.js';
import type { Segment } from './netsim.js';
import { ipv4Fields, ipv6Fields, managementAddress, shownDns } from './pif-addressing.js';
import type { Scenario, ScenarioInterface } from './scenario-types.js';
import { fullRecord, NULL_REF, xapiDateTime, type XRecord } from './values.js';

export const SOFTWARE_VERSION: Readonly<Record<string, string>> = {
  product_brand: 'XCP-ng',
  product_version: '8.3.0',
  product_version_text: '8.3',
  product_version_text_short: '8.3',
  platform_name: 'XCP',
  platform_version: '3.4.0',
  build_number: 'cloud',
  git_id: '0',
  hostname: 'localhost',
  date: '2024-10-02',
  dbv: '2024.0326',
  xapi: '24.19',
  xapi_build: '24.19.2',
  xen: '4.17.5-3',
  linux: '4.19.0+1',
  xencenter_min: '2.21',
  xencenter_max: '2.21',
  network_backend: 'openvswitch',
  db_schema: '5.775',
};

export const API_VERSION = { major: 2, minor: 21 } as const;

export interface World {
  readonly db: SimDb;
  /** Simulated network behind each bridge. */
  readonly segments: Readonly<Record<string, Segment>>;
  /** Physical link (cable) and its speed per PIF: carrier = link ∧ attached. */
  readonly links: Readonly<Record<string, Link>>;
}

export interface Link {
  readonly link: boolean;
  readonly speed: number;
}

function pifKey(i: ScenarioInterface): string {
  return i.kind === 'vlan' ? `${i.on ?? i.device}.${i.tag ?? 0}` : i.device;
}

export function buildScenario(s: Scenario, maxTombstones?: number): World {
  const db = new SimDb(maxTombstones);
  const seed = (what: string) => `${s.name}/${what}`;
  const now = xapiDateTime(new Date());
  const segments: Record<string, Segment> = {};
  const links: Record<string, Link> = {};

  const poolRef = stableRef(seed('pool'));
  const hostRefs = s.hosts.map((h) => stableRef(seed(`host/${h.name_label}`)));
  const masterIndex = Math.max(0, s.hosts.findIndex((h) => h.master === true));
  const masterRef = hostRefs[masterIndex] ?? NULL_REF;

  const networkRefs = new Map<string, string>();
  const networkPifs = new Map<string, string[]>();
  for (const n of s.networks) {
    networkRefs.set(n.bridge, stableRef(seed(`network/${n.bridge}`)));
    networkPifs.set(n.bridge, []);
    if (n.segment !== undefined) segments[n.bridge] = n.segment;
  }

  const srRefs = (s.storage ?? []).map((sr) => stableRef(seed(`sr/${sr.name_label}`)));
  const srPbds = srRefs.map(() => [] as string[]);
  const records: [Parameters<SimDb['create']>[0], string, XRecord][] = [];

  s.hosts.forEach((h, hi) => {
    const hostRef = hostRefs[hi] ?? NULL_REF;
    const hseed = (what: string) => seed(`host/${h.name_label}/${what}`);
    const pifRefs = new Map<string, string>();
    for (const i of h.interfaces) pifRefs.set(pifKey(i), stableRef(hseed(`pif/${pifKey(i)}`)));
    const bondRefs = new Map<string, string>();
    const vlanRefs = new Map<string, string>();
    for (const i of h.interfaces) {
      if (i.kind === 'bond') bondRefs.set(i.device, stableRef(hseed(`bond/${i.device}`)));
      if (i.kind === 'vlan') vlanRefs.set(pifKey(i), stableRef(hseed(`vlan/${pifKey(i)}`)));
    }
    const byDevice = (d: string) => h.interfaces.find((i) => i.kind !== 'vlan' && i.device === d);
    let hostAddress = '';
    const hostPifs: string[] = [];

    for (const i of h.interfaces) {
      const key = pifKey(i);
      const ref = pifRefs.get(key) ?? NULL_REF;
      hostPifs.push(ref);
      const netRef = networkRefs.get(i.network);
      if (netRef === undefined) throw new Error(`scenario ${s.name}: interface ${key} on unknown network ${i.network}`);
      networkPifs.get(i.network)?.push(ref);
      const kind = i.kind ?? 'physical';
      const memberOf = h.interfaces.find((b) => b.kind === 'bond' && (b.members ?? []).includes(i.device) && kind === 'physical');
      const firstMember = kind === 'bond' ? byDevice(i.members?.[0] ?? '') : undefined;
      const tagged = kind === 'vlan' ? h.interfaces.find((t) => t.kind !== 'vlan' && t.device === i.on) : undefined;
      const mac = i.MAC ?? firstMember?.MAC ?? tagged?.MAC ?? (tagged?.kind === 'bond' ? byDevice(tagged.members?.[0] ?? '')?.MAC : undefined) ?? '02:00:00:00:00:01';
      const attached = i.attached ?? true;
      const link = kind === 'physical' ? (i.link ?? true) : true;
      const carrier = link && attached;
      links[ref] = { link, speed: kind === 'physical' ? (i.speed ?? 1000) : 0 };
      const metricsRef = stableRef(hseed(`pif_metrics/${key}`));
      records.push([
        'PIF_metrics',
        metricsRef,
        fullRecord('PIF_metrics', {
          uuid: stableUuid(hseed(`pif_metrics/${key}`)),
          carrier,
          speed: carrier ? (kind === 'physical' ? (i.speed ?? 1000) : 0) : 0,
          duplex: carrier,
          vendor_name: kind === 'physical' ? (i.vendor ?? '') : '',
          device_name: kind === 'physical' ? (i.model ?? '') : '',
          vendor_id: kind === 'physical' ? '8086' : '',
          device_id: kind === 'physical' ? '1521' : '',
          pci_bus_path: kind === 'physical' ? (i.pci ?? '') : '',
          last_updated: now,
        }),
      ]);
      let pif: XRecord = fullRecord('PIF', {
        uuid: stableUuid(hseed(`pif/${key}`)),
        device: i.device,
        network: netRef,
        host: hostRef,
        MAC: mac,
        MTU: 1500,
        VLAN: kind === 'vlan' ? (i.tag ?? 0) : -1,
        metrics: metricsRef,
        physical: kind === 'physical',
        currently_attached: attached,
        bond_slave_of: memberOf !== undefined ? (bondRefs.get(memberOf.device) ?? NULL_REF) : NULL_REF,
        bond_master_of: kind === 'bond' ? [bondRefs.get(i.device) ?? NULL_REF] : [],
        VLAN_master_of: kind === 'vlan' ? (vlanRefs.get(key) ?? NULL_REF) : NULL_REF,
        VLAN_slave_of: h.interfaces.filter((v) => v.kind === 'vlan' && v.on === i.device && kind !== 'vlan').map((v) => vlanRefs.get(pifKey(v)) ?? NULL_REF),
        management: i.management === true,
        other_config: i.domain !== undefined ? { domain: i.domain } : {},
        managed: i.managed ?? true,
        properties: kind === 'vlan' ? {} : { gro: 'on' },
        capabilities: kind === 'physical' ? ['fcoe'] : [],
        igmp_snooping_status: 'disabled',
        primary_address_type: i.primary ?? 'IPv4',
        ip_configuration_mode: 'None',
        ipv6_configuration_mode: 'None',
      });
      const segment = segments[i.network];
      const v4 = i.ipv4 ?? { mode: 'None' };
      const v6 = i.ipv6 ?? { mode: 'None' };
      pif = { ...pif, ...ipv4Fields(pif, segment, v4.mode, v4.IP ?? '', v4.netmask ?? '', v4.gateway ?? '') };
      pif = { ...pif, ...ipv6Fields(pif, segment, v6.mode, v6.IPv6 ?? '', v6.gateway ?? '') };
      pif = { ...pif, DNS: shownDns(pif, segment, i.DNS ?? '') };
      if (i.management === true) hostAddress = managementAddress(pif);
      records.push(['PIF', ref, pif]);

      if (kind === 'bond') {
        const bref = bondRefs.get(i.device) ?? NULL_REF;
        const members = (i.members ?? []).map((m) => pifRefs.get(m) ?? NULL_REF);
        records.push([
          'Bond',
          bref,
          fullRecord('Bond', {
            uuid: stableUuid(hseed(`bond/${i.device}`)),
            master: ref,
            slaves: members,
            primary_slave: members[0] ?? NULL_REF,
            mode: i.bondMode ?? 'active-backup',
            properties: (i.bondMode ?? 'active-backup') === 'balance-slb' ? { hashing_algorithm: 'src_mac' } : {},
            links_up: members.length,
            auto_update_mac: true,
          }),
        ]);
      }
      if (kind === 'vlan') {
        const taggedKey = tagged !== undefined ? pifKey(tagged) : '';
        records.push([
          'VLAN',
          vlanRefs.get(key) ?? NULL_REF,
          fullRecord('VLAN', { uuid: stableUuid(hseed(`vlan/${key}`)), tagged_PIF: pifRefs.get(taggedKey) ?? NULL_REF, untagged_PIF: ref, tag: i.tag ?? 0 }),
        ]);
      }
    }

    const metricsRef = stableRef(hseed('host_metrics'));
    const memory = (h.memoryMiB ?? 65536) * 1024 * 1024;
    records.push(['host_metrics', metricsRef, fullRecord('host_metrics', { uuid: stableUuid(hseed('host_metrics')), memory_total: memory, memory_free: Math.floor(memory * 0.8), live: true, last_updated: now })]);

    const pbds: string[] = [];
    (s.storage ?? []).forEach((sr, si) => {
      if (!sr.shared && hi !== masterIndex) return;
      const pbdRef = stableRef(hseed(`pbd/${sr.name_label}`));
      pbds.push(pbdRef);
      srPbds[si]?.push(pbdRef);
      records.push([
        'PBD',
        pbdRef,
        fullRecord('PBD', { uuid: stableUuid(hseed(`pbd/${sr.name_label}`)), host: hostRef, SR: srRefs[si] ?? NULL_REF, device_config: { ...sr.device_config }, currently_attached: true }),
      ]);
    });

    records.push([
      'host',
      hostRef,
      fullRecord('host', {
        uuid: stableUuid(hseed('host')),
        name_label: h.name_label,
        name_description: 'Default install',
        hostname: h.hostname,
        address: hostAddress,
        enabled: true,
        API_version_major: API_VERSION.major,
        API_version_minor: API_VERSION.minor,
        API_version_vendor: 'XenSource',
        software_version: { ...SOFTWARE_VERSION, hostname: h.hostname },
        PIFs: hostPifs,
        PBDs: pbds,
        metrics: metricsRef,
        edition: 'xcp-ng',
        sched_policy: 'credit',
        display: 'enabled',
        numa_affinity_policy: 'default_policy',
        latest_synced_updates_applied: 'unknown',
        capabilities: ['xen-3.0-x86_64', 'hvm-3.0-x86_32', 'hvm-3.0-x86_64'],
        other_config: { agent_start_time: '1700000000.', boot_time: '1700000000.' },
        cpu_info: { cpu_count: '16', socket_count: '1', vendor: 'GenuineIntel', modelname: 'Intel(R) Xeon(R) CPU' },
        iscsi_iqn: `iqn.2024-01.test.example:${h.hostname}`,
        ssl_legacy: false,
        https_only: false,
        tls_verification_enabled: true,
      }),
    ]);
  });

  for (const n of s.networks) {
    records.push([
      'network',
      networkRefs.get(n.bridge) ?? NULL_REF,
      fullRecord('network', {
        uuid: stableUuid(seed(`network/${n.bridge}`)),
        name_label: n.name_label,
        bridge: n.bridge,
        MTU: n.MTU ?? 1500,
        PIFs: networkPifs.get(n.bridge) ?? [],
        managed: true,
        other_config: {},
        default_locking_mode: 'unlocked',
      }),
    ]);
  }

  (s.storage ?? []).forEach((sr, si) => {
    records.push([
      'SR',
      srRefs[si] ?? NULL_REF,
      fullRecord('SR', {
        uuid: stableUuid(seed(`sr/${sr.name_label}`)),
        name_label: sr.name_label,
        name_description: `${sr.type.toUpperCase()} SR [${sr.device_config.server ?? ''}:${sr.device_config.serverpath ?? ''}]`,
        type: sr.type,
        content_type: sr.content_type ?? 'user',
        shared: sr.shared,
        PBDs: srPbds[si] ?? [],
        physical_size: 4398046511104,
        physical_utilisation: 1099511627776,
        virtual_allocation: 1649267441664,
        allowed_operations: ['scan', 'destroy', 'forget', 'plug', 'unplug', 'update', 'vdi_create', 'vdi_destroy'],
      }),
    ]);
  });

  records.push([
    'pool',
    poolRef,
    fullRecord('pool', {
      uuid: stableUuid(seed('pool')),
      name_label: s.pool.name_label,
      master: masterRef,
      default_SR: srRefs[0] ?? NULL_REF,
      ha_enabled: s.pool.ha_enabled === true,
      redo_log_enabled: s.pool.redo_log_enabled === true,
      restrictions: { restrict_vswitch_controller: 'false' },
      telemetry_frequency: 'weekly',
      update_sync_frequency: 'weekly',
      tls_verification_enabled: true,
      migration_compression: false,
      coordinator_bias: true,
      local_auth_max_threads: 8,
      ext_auth_max_threads: 1,
    }),
  ]);

  for (const [cls, ref, record] of records) db.create(cls, ref, record);
  addInventory(db, s, seed);
  db.dirty = false;
  return { db, segments, links };
}
