/**
 * Every xapi error a plan can hit, injected on the call that carries each step (faults.failCall), plus the errors
 * the simulator raises by itself when steps are sent that xapi refuses. Checks the outcome: 'step-failed' at the
 * step that made the call, the typed error with the raw code and params and a readable sentence, and the progress
 * events (started/done before, started/failed at the step, nothing after).
 */
import { expect } from 'chai';
import type { StepProgress } from '../../../src/backends/backend.js';
import { XAPI_ERROR_SENTENCES } from '../../../src/backends/xapi/error-messages.js';
import { findInterfaceByName, type HostState, type Step, type StepKind } from '../../../src/model/index.js';
import { applyEdit, load, startRig, type Rig } from './support.js';

/** Which step kind's calls include this method. */
const STEP_OF_METHOD: Record<string, StepKind> = {
  'host.management_disable': 'disable-management',
  'PIF.set_primary_address_type': 'set-primary-family',
  'PIF.reconfigure_ip': 'configure-ipv4',
  'PIF.reconfigure_ipv6': 'configure-ipv6',
  'host.management_reconfigure': 'reconfigure-management',
  'host.set_hostname_live': 'set-hostname',
  'PIF.remove_from_other_config': 'set-search-domains',
  'PIF.add_to_other_config': 'set-search-domains',
};

interface Case {
  readonly method: string;
  readonly code: string;
  /** Parameters; 'PIF' / 'HOST' / 'REF' are replaced with real refs. */
  readonly params: readonly string[];
  /** A word the readable sentence must contain. */
  readonly says: RegExp;
}

const CASES: readonly Case[] = [
  { method: 'PIF.reconfigure_ip', code: 'INVALID_IP_ADDRESS_SPECIFIED', params: ['IP'], says: /IPv4 address/ },
  { method: 'PIF.reconfigure_ip', code: 'INVALID_IP_ADDRESS_SPECIFIED', params: ['netmask'], says: /netmask/ },
  { method: 'PIF.reconfigure_ip', code: 'INVALID_IP_ADDRESS_SPECIFIED', params: ['gateway'], says: /gateway/ },
  { method: 'PIF.reconfigure_ip', code: 'PIF_IS_MANAGEMENT_INTERFACE', params: ['PIF'], says: /management/ },
  { method: 'PIF.reconfigure_ip', code: 'PIF_UNMANAGED', params: ['PIF'], says: /not managed/ },
  { method: 'PIF.reconfigure_ip', code: 'HA_IS_ENABLED', params: [], says: /High availability/ },
  { method: 'PIF.reconfigure_ip', code: 'REDO_LOG_IS_ENABLED', params: [], says: /redo log/ },
  { method: 'PIF.reconfigure_ip', code: 'CLUSTERING_ENABLED', params: ['REF'], says: /Clustering/ },
  { method: 'PIF.reconfigure_ip', code: 'PIF_CONFIGURATION_ERROR', params: ['PIF', 'ifup failed'], says: /ifup failed/ },
  { method: 'PIF.reconfigure_ip', code: 'OTHER_OPERATION_IN_PROGRESS', params: ['PIF', 'PIF', 'reconfigure_ip', 'REF'], says: /Another operation/ },
  { method: 'PIF.reconfigure_ipv6', code: 'INVALID_CIDR_ADDRESS_SPECIFIED', params: ['IPv6'], says: /address\/prefix/ },
  { method: 'PIF.reconfigure_ipv6', code: 'INVALID_IP_ADDRESS_SPECIFIED', params: ['gateway'], says: /gateway/ },
  { method: 'PIF.reconfigure_ipv6', code: 'PIF_IS_MANAGEMENT_INTERFACE', params: ['PIF'], says: /management/ },
  { method: 'PIF.reconfigure_ipv6', code: 'HA_IS_ENABLED', params: [], says: /High availability/ },
  { method: 'PIF.reconfigure_ipv6', code: 'CLUSTERING_ENABLED', params: ['REF'], says: /Clustering/ },
  { method: 'PIF.set_primary_address_type', code: 'PIF_IS_MANAGEMENT_INTERFACE', params: ['PIF'], says: /primary family/ },
  { method: 'PIF.set_primary_address_type', code: 'HA_IS_ENABLED', params: [], says: /High availability/ },
  { method: 'PIF.set_primary_address_type', code: 'REDO_LOG_IS_ENABLED', params: [], says: /redo log/ },
  { method: 'host.management_disable', code: 'SLAVE_REQUIRES_MANAGEMENT_INTERFACE', params: [], says: /pool member/ },
  { method: 'host.management_disable', code: 'HA_IS_ENABLED', params: [], says: /High availability/ },
  { method: 'host.management_reconfigure', code: 'PIF_HAS_NO_V6_NETWORK_CONFIGURATION', params: ['PIF'], says: /no IPv6 configuration/ },
  { method: 'host.management_reconfigure', code: 'PIF_HAS_NO_NETWORK_CONFIGURATION', params: ['PIF'], says: /no IPv4 configuration/ },
  { method: 'host.management_reconfigure', code: 'HA_IS_ENABLED', params: [], says: /High availability/ },
  { method: 'host.management_reconfigure', code: 'CANNOT_PLUG_BOND_SLAVE', params: ['PIF'], says: /member of a bond/ },
  { method: 'host.set_hostname_live', code: 'HOST_NAME_INVALID', params: ['hostname empty'], says: /hostname empty/ },
  { method: 'host.set_hostname_live', code: 'HOST_NAME_INVALID', params: ['hostname is too long'], says: /too long/ },
  { method: 'host.set_hostname_live', code: 'HOST_NAME_INVALID', params: ['hostname contains invalid characters'], says: /invalid characters/ },
  { method: 'PIF.remove_from_other_config', code: 'RBAC_PERMISSION_DENIED', params: ['PIF.remove_from_other_config', 'no permission'], says: /Permission denied/ },
  { method: 'PIF.add_to_other_config', code: 'MAP_DUPLICATE_KEY', params: ['PIF', 'other_config', 'PIF', 'domain'], says: /already/ },
  { method: 'PIF.add_to_other_config', code: 'HANDLE_INVALID', params: ['PIF', 'PIF'], says: /no longer exists/ },
  { method: 'host.set_hostname_live', code: 'INTERNAL_ERROR', params: ['Unix.Unix_error(ENOSPC)'], says: /internal error/ },
];

/** Default host → IPv6-only static on a new address, new DNS, hostname and search domains: every step kind. */
async function applyEverything(rig: Rig) {
  return applyEdit(rig.backend, (p) => ({
    ...p,
    layout: 'ipv6-only',
    ipv4: { mode: 'none', address: '', netmask: '', gateway: '' },
    ipv6: { mode: 'static', address: '2001:db8::20', prefix: '64', gateway: '2001:db8::1' },
    dns: '2001:db8::54',
    hostname: 'renamed',
    searchDomains: 'lab.example.test',
  }));
}

function expectProgress(progress: readonly StepProgress[], failedIndex: number): void {
  const expected = [...Array.from({ length: failedIndex }, (_, i) => [`started ${i}`, `done ${i}`]).flat(), `started ${failedIndex}`, `failed ${failedIndex}`];
  expect(progress.map((p) => `${p.kind} ${p.index}`)).to.deep.equal(expected);
}

describe('xapi adapter: every xapi error a plan can hit (injected)', function () {
  this.timeout(20_000);
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig('default');
  });
  afterEach(async () => rig.close());

  it('the everything plan uses every step kind (so each case reaches its call)', async () => {
    const r = await applyEverything(rig);
    expect(r.result.kind).to.equal('applied');
    if (r.result.kind !== 'applied') return;
    expect(new Set(r.result.steps.map((s) => s.kind))).to.deep.equal(new Set(Object.values(STEP_OF_METHOD)));
  });

  for (const c of CASES) {
    it(`${c.method} → ${c.code} ${c.params.join(' ')}`, async () => {
      const state = await load(rig.backend);
      const hostRef = rig.sim.db.hostRef(state.name) ?? '';
      const eth0 = rig.sim.db.allRecords('PIF').find(([, p]) => p['device'] === 'eth0' && p['host'] === hostRef)?.[0] ?? '';
      const params = c.params.map((p) => (p === 'PIF' ? eth0 : p === 'HOST' ? hostRef : p === 'REF' ? 'OpaqueRef:7d1d7f5e-0000-4000-8000-000000000001' : p));
      const injected = rig.sim.faults.failCall(c.method, c.code, params, 1);
      expect(injected.ok, injected.ok ? '' : injected.error.message).to.equal(true);

      const r = await applyEverything(rig);
      expect(r.result.kind).to.equal('step-failed');
      if (r.result.kind !== 'step-failed') return;
      const index = r.result.steps.findIndex((s: Step) => s.kind === STEP_OF_METHOD[c.method]);
      expect(index).to.be.at.least(0);
      const { outcome } = r.result;
      expect(outcome.failedIndex).to.equal(index);
      expect(outcome.completed).to.equal(index);
      expect(outcome.error.code).to.equal(c.code);
      expect(outcome.error.params).to.deep.equal(params);
      // A readable sentence of our own, not the raw code or the generic fallback.
      expect(XAPI_ERROR_SENTENCES, `no sentence for ${c.code}`).to.have.property(c.code);
      expect(outcome.error.message).to.match(c.says);
      expect(outcome.error.message).not.to.contain(c.code);
      expect(outcome.error.retryable).to.equal(false);
      expectProgress(r.progress, index);
      const failedEvent = r.progress[r.progress.length - 1];
      expect(failedEvent?.kind === 'failed' ? failedEvent.error : null).to.deep.equal(outcome.error);
      // The fault was consumed by exactly that call.
      expect(rig.sim.faults.status().failures).to.deep.equal([]);
    });
  }
});

describe('xapi adapter: errors the simulator raises for steps xapi refuses', function () {
  this.timeout(20_000);
  let rig: Rig;
  let state: HostState;
  beforeEach(async () => {
    rig = await startRig('default');
    state = await load(rig.backend);
  });
  afterEach(async () => rig.close());

  const id = (name: string): string => findInterfaceByName(state, name)?.id ?? '';
  const apply = async (steps: Step[]) => {
    const progress: StepProgress[] = [];
    const outcome = await rig.backend.apply(steps, (p) => progress.push(p));
    return { outcome, progress };
  };

  it('PIF_IS_MANAGEMENT_INTERFACE: changing the primary family of the management interface without disabling it', async () => {
    const { outcome, progress } = await apply([{ kind: 'set-primary-family', title: 'IPv6 primary', params: { interfaceId: id('eth0'), family: 'ipv6' } }]);
    expect(outcome.ok).to.equal(false);
    if (outcome.ok) return;
    expect(outcome.failedIndex).to.equal(0);
    expect(outcome.error.code).to.equal('PIF_IS_MANAGEMENT_INTERFACE');
    expect(outcome.error.message).to.contain('management interface');
    expectProgress(progress, 0);
  });

  it('PIF_IS_MANAGEMENT_INTERFACE: IPv4 None on the IPv4-primary management interface', async () => {
    const { outcome } = await apply([
      { kind: 'configure-ipv6', title: 'v6', params: { interfaceId: id('eth0'), mode: 'static', address: { address: '2001:db8::10', prefix: 64 }, gateway: '2001:db8::1', dns: [] } },
      { kind: 'configure-ipv4', title: 'v4 none', params: { interfaceId: id('eth0'), mode: 'none', address: null, gateway: null, dns: [] } },
    ]);
    expect(outcome.ok ? null : [outcome.failedIndex, outcome.completed, outcome.error.code]).to.deep.equal([1, 1, 'PIF_IS_MANAGEMENT_INTERFACE']);
  });

  it('PIF_HAS_NO_NETWORK_CONFIGURATION: management to an unconfigured interface', async () => {
    const { outcome } = await apply([{ kind: 'reconfigure-management', title: 'eth1', params: { interfaceId: id('eth1'), family: 'ipv4' } }]);
    expect(outcome.ok ? null : [outcome.failedIndex, outcome.error.code]).to.deep.equal([0, 'PIF_HAS_NO_NETWORK_CONFIGURATION']);
    if (!outcome.ok) expect(outcome.error.message).to.contain('no IPv4 configuration');
  });

  it('HOST_NAME_INVALID with xapi\'s reason for a hostname with invalid characters', async () => {
    const { outcome } = await apply([{ kind: 'set-hostname', title: 'bad', params: { hostname: 'bad_name!' } }]);
    expect(outcome.ok ? null : [outcome.error.code, ...outcome.error.params]).to.deep.equal(['HOST_NAME_INVALID', 'hostname contains invalid characters']);
    if (!outcome.ok) expect(outcome.error.message).to.equal('xapi rejected the hostname: hostname contains invalid characters.');
  });

  it('INVALID_IP_ADDRESS_SPECIFIED for an IPv4 gateway sent to reconfigure_ipv6', async () => {
    const { outcome } = await apply([
      { kind: 'configure-ipv6', title: 'v6', params: { interfaceId: id('eth0'), mode: 'static', address: { address: '2001:db8::10', prefix: 64 }, gateway: '192.0.2.1', dns: [] } },
    ]);
    expect(outcome.ok ? null : [outcome.error.code, ...outcome.error.params]).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'gateway']);
    if (!outcome.ok) expect(outcome.error.message).to.equal('xapi rejected the gateway: it is not a valid address.');
  });

  it('an interface that vanished: HANDLE_INVALID before any call, at the right step', async () => {
    const { outcome, progress } = await apply([
      { kind: 'set-hostname', title: 'name', params: { hostname: 'fine' } },
      { kind: 'configure-ipv4', title: 'gone', params: { interfaceId: 'no-such-uuid', mode: 'dhcp', address: null, gateway: null, dns: [] } },
    ]);
    expect(outcome.ok ? null : [outcome.failedIndex, outcome.completed, outcome.error.code]).to.deep.equal([1, 1, 'HANDLE_INVALID']);
    expectProgress(progress, 1);
  });

  it("an IPv6 mode xapi does not have ('link-local'): 'unsupported' before any call, readable", async () => {
    const before = rig.sim.callCount('PIF.reconfigure_ipv6');
    const { outcome, progress } = await apply([
      { kind: 'configure-ipv6', title: 'link-local only', params: { interfaceId: id('eth1'), mode: 'link-local', address: null, gateway: null, dns: [] } },
    ]);
    expect(outcome.ok ? null : [outcome.failedIndex, outcome.error.code]).to.deep.equal([0, 'unsupported']);
    if (!outcome.ok) expect(outcome.error.message).to.contain("'link-local'");
    expectProgress(progress, 0);
    expect(rig.sim.callCount('PIF.reconfigure_ipv6')).to.equal(before);
  });

  it('an empty step list succeeds at once without calls', async () => {
    const before = rig.sim.callCount();
    const { outcome, progress } = await apply([]);
    expect(outcome).to.deep.equal({ ok: true, completed: 0 });
    expect(progress).to.deep.equal([]);
    expect(rig.sim.callCount()).to.equal(before);
  });
});
