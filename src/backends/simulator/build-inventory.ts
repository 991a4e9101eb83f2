/**
 * Expands a scenario's VMs and hardware into records: a control domain per host (as xapi has), the guest VMs with
 * their VM_metrics and VM_guest_metrics (networks "0/ipv4/0", "0/ipv6/0" as the guest agent writes them), host_cpu
 * per thread, and the hosts' resident_VMs, host_CPUs, cpu_info and bios_strings. Where a VM's disk is stays in the
 * scenario (diskSrOf): the simulator has no VDI/VBD classes, and evacuation only needs to know whether that SR is
 * shared.
 */
import type { SimDb } from './db.js';
import { stableRef, stableUuid } from './ids.js';
import type { Scenario, ScenarioVm } from './scenario-types.js';
import { fullRecord, NULL_REF, xapiDateTime, type XRecord } from './values.js';

/** The seed buildScenario derives stable refs from (the same function). */
export function seedOf(s: Scenario): (what: string) => string {
  return (what) => `${s.name}/${what}`;
}

const DEFAULT_BIOS: Readonly<Record<string, string>> = {
  'bios-vendor': 'Dell Inc.',
  'bios-version': '2.19.0',
  'system-manufacturer': 'Dell Inc.',
  'system-product-name': 'PowerEdge R640',
  'system-version': '',
  'system-serial-number': 'SIM0001',
  'baseboard-manufacturer': 'Dell Inc.',
  'baseboard-product-name': '0W23H8',
};

/** Adds the VM and hardware records of `s` to `db` (after the hosts, SRs and pool exist). */
export function addInventory(db: SimDb, s: Scenario, seed: (what: string) => string): void {
  const now = xapiDateTime(new Date());
  const hostRef = (name: string) => stableRef(seed(`host/${name}`));
  const resident = new Map<string, string[]>();
  s.hosts.forEach((h) => {
    const ref = hostRef(h.name_label);
    const hw = h.hardware ?? {};
    const count = hw.cpuCount ?? 16;
    const model = hw.cpuModel ?? 'Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz';
    const vendor = hw.cpuVendor ?? 'GenuineIntel';
    const speed = hw.cpuSpeedMhz ?? 2200;
    const cpus: string[] = [];
    for (let n = 0; n < count; n++) {
      const cpuRef = stableRef(seed(`host/${h.name_label}/cpu/${n}`));
      cpus.push(cpuRef);
      db.create('host_cpu', cpuRef, fullRecord('host_cpu', { uuid: stableUuid(seed(`host/${h.name_label}/cpu/${n}`)), host: ref, number: n, vendor, speed, modelname: model, family: 6, model: 85, stepping: '7', flags: 'fpu de tsc msr pae', utilisation: 0.02 * ((n % 5) + 1) }));
    }
    const dom0 = stableRef(seed(`host/${h.name_label}/dom0`));
    db.create('VM', dom0, fullRecord('VM', {
      uuid: stableUuid(seed(`host/${h.name_label}/dom0`)),
      name_label: `Control domain on host: ${h.name_label}`,
      power_state: 'Running',
      is_control_domain: true,
      resident_on: ref,
      domid: 0,
      memory_static_max: 8 * 1024 ** 3,
      VCPUs_max: count,
      VCPUs_at_startup: count,
      domain_type: 'pv',
    }));
    resident.set(ref, [dom0]);
    db.update('host', ref, {
      host_CPUs: cpus,
      cpu_info: { cpu_count: String(count), socket_count: String(hw.sockets ?? 1), vendor, speed: speed.toFixed(3), modelname: model, family: '6', model: '85', stepping: '7' },
      bios_strings: { ...DEFAULT_BIOS, ...(hw.bios ?? {}) },
      // A host whose xapi has the SSH calls (25.21: on/off and both timeouts) says so in its software version.
      ...(s.sshApi === true
        ? { ssh_enabled: true, ssh_enabled_timeout: 0, console_idle_timeout: 0, software_version: { ...strMap(db.getRecord('host', ref)?.software_version), xapi: '25.21.0', xapi_build: '25.21.0' } }
        : {}),
    });
  });
  (s.vms ?? []).forEach((vm, vi) => {
    const ref = stableRef(seed(`vm/${vm.name_label}`));
    const on = vm.host !== undefined && (vm.power_state === 'Running' || vm.power_state === 'Paused') ? hostRef(vm.host) : NULL_REF;
    const metrics = stableRef(seed(`vm/${vm.name_label}/metrics`));
    const memory = (vm.memoryMiB ?? 2048) * 1024 * 1024;
    db.create('VM_metrics', metrics, fullRecord('VM_metrics', { uuid: stableUuid(seed(`vm/${vm.name_label}/metrics`)), memory_actual: on === NULL_REF ? 0 : memory, VCPUs_number: vm.vcpus ?? 2, start_time: now, install_time: now, last_updated: now, hvm: true, current_domain_type: on === NULL_REF ? 'unspecified' : 'hvm' }));
    let guest = NULL_REF;
    if (vm.guest !== undefined && on !== NULL_REF) {
      guest = stableRef(seed(`vm/${vm.name_label}/guest`));
      db.create('VM_guest_metrics', guest, fullRecord('VM_guest_metrics', {
        uuid: stableUuid(seed(`vm/${vm.name_label}/guest`)),
        os_version: { name: vm.guest.os ?? 'Debian GNU/Linux 12', distro: 'debian' },
        PV_drivers_version: { major: '9', minor: '4', micro: '0' },
        PV_drivers_up_to_date: true,
        PV_drivers_detected: true,
        networks: guestNetworks(vm),
        last_updated: now,
        live: true,
        can_use_hotplug_vbd: 'yes',
        can_use_hotplug_vif: 'yes',
      }));
    }
    db.create('VM', ref, fullRecord('VM', {
      uuid: stableUuid(seed(`vm/${vm.name_label}`)),
      name_label: vm.name_label,
      power_state: vm.power_state,
      resident_on: on,
      domid: on === NULL_REF ? -1 : vi + 1,
      memory_static_max: memory,
      memory_dynamic_max: memory,
      memory_dynamic_min: memory,
      memory_static_min: memory,
      VCPUs_max: vm.vcpus ?? 2,
      VCPUs_at_startup: vm.vcpus ?? 2,
      metrics,
      guest_metrics: guest,
      domain_type: 'hvm',
      allowed_operations: on === NULL_REF ? ['start', 'export'] : ['clean_shutdown', 'clean_reboot', 'pool_migrate', 'hard_shutdown'],
      power_state_last_changed: now,
    }));
    if (on !== NULL_REF) resident.get(on)?.push(ref);
  });
  for (const [ref, vms] of resident) db.update('host', ref, { resident_VMs: vms });
}

function strMap(v: unknown): Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
}

/** VM_guest_metrics.networks as the guest agent writes it: "0/ip", "0/ipv4/N", "0/ipv6/N". */
function guestNetworks(vm: ScenarioVm): XRecord {
  const out: XRecord = {};
  const v4 = vm.guest?.ipv4 ?? [];
  const v6 = vm.guest?.ipv6 ?? [];
  if (v4[0] !== undefined) out['0/ip'] = v4[0];
  v4.forEach((a, i) => (out[`0/ipv4/${i}`] = a));
  v6.forEach((a, i) => (out[`0/ipv6/${i}`] = a));
  return out;
}

/** The SR (ref) a VM's disk is on, from the scenario, or null (no disk, or not said). */
export function diskSrOf(s: Scenario, seed: (what: string) => string, vmName: string): string | null {
  const vm = (s.vms ?? []).find((v) => v.name_label === vmName);
  return vm?.disk_sr === undefined ? null : stableRef(seed(`sr/${vm.disk_sr}`));
}
