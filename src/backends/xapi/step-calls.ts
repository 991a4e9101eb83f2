/**
 * Plan steps → xapi calls. The only place that knows which xapi call carries which step, in which argument order.
 * The order of the steps themselves comes from the model (src/model/compile-plan.ts); switching the primary family
 * of the management PIF there is management_disable → set_primary_address_type → reconfigure → management_reconfigure,
 * as xapi's own network-init does.
 */
import { prefixToNetmask } from '../../addressing/index.js';
import type { Step } from '../../model/steps.js';
import type { Ipv4Mode, Ipv6Mode } from '../../model/modes.js';

export interface XapiCall {
  readonly method: string;
  /** Arguments after the session. `{pif}` / `{host}` placeholders are resolved by the caller. */
  readonly params: readonly unknown[];
}

export interface CallTargets {
  /** Resolves an interface id to its PIF ref (or null when the interface is gone). */
  pifRef(interfaceId: string): string | null;
  readonly hostRef: string;
  /** The interface's current other_config, for search domains. */
  otherConfig(interfaceId: string): Readonly<Record<string, string>>;
}

const IPV4_MODE: Record<Ipv4Mode, string> = { dhcp: 'DHCP', static: 'Static', none: 'None' };
/** xapi's IPv6 modes; 'link-local' and 'ignore' (NetworkManager's) have no xapi equivalent (capabilities leave them out). */
const IPV6_MODE: Record<Ipv6Mode, string | null> = { dhcp: 'DHCP', static: 'Static', autoconf: 'Autoconf', none: 'None', 'link-local': null, ignore: null };

/** The calls of a step, or why there are none: an interface that is gone (`missing`) or a value xapi cannot take. */
export type StepCalls =
  | { readonly ok: true; readonly calls: readonly XapiCall[] }
  | { readonly ok: false; readonly missing: string }
  | { readonly ok: false; readonly unsupported: string };

export function callsForStep(step: Step, targets: CallTargets): StepCalls {
  const pif = (id: string): string | null => targets.pifRef(id);
  switch (step.kind) {
    case 'disable-management': {
      // A pool member's management cannot be disabled (SLAVE_REQUIRES_MANAGEMENT_INTERFACE): it moves to `via`.
      if (step.params.via === undefined) return { ok: true, calls: [{ method: 'host.management_disable', params: [] }] };
      const via = pif(step.params.via);
      if (via === null) return { ok: false, missing: step.params.via };
      return { ok: true, calls: [{ method: 'host.management_reconfigure', params: [via] }] };
    }
    case 'set-primary-family': {
      const ref = pif(step.params.interfaceId);
      if (ref === null) return { ok: false, missing: step.params.interfaceId };
      return {
        ok: true,
        calls: [{ method: 'PIF.set_primary_address_type', params: [ref, step.params.family === 'ipv6' ? 'IPv6' : 'IPv4'] }],
      };
    }
    case 'configure-ipv4': {
      const ref = pif(step.params.interfaceId);
      if (ref === null) return { ok: false, missing: step.params.interfaceId };
      const a = step.params.address;
      return {
        ok: true,
        calls: [
          {
            method: 'PIF.reconfigure_ip',
            params: [
              ref,
              IPV4_MODE[step.params.mode],
              a?.address ?? '',
              a !== null ? prefixToNetmask(a.prefix) : '',
              step.params.gateway ?? '',
              // xapi keeps this family's entries and merges the other family's existing ones.
              step.params.dns.join(','),
            ],
          },
        ],
      };
    }
    case 'configure-ipv6': {
      const ref = pif(step.params.interfaceId);
      if (ref === null) return { ok: false, missing: step.params.interfaceId };
      const a = step.params.address;
      const mode = IPV6_MODE[step.params.mode];
      if (mode === null) return { ok: false, unsupported: `IPv6 mode '${step.params.mode}'` };
      return {
        ok: true,
        calls: [
          {
            method: 'PIF.reconfigure_ipv6',
            params: [
              ref,
              mode,
              a !== null ? `${a.address}/${a.prefix}` : '',
              step.params.gateway ?? '',
              step.params.dns.join(','),
            ],
          },
        ],
      };
    }
    case 'reconfigure-management': {
      const ref = pif(step.params.interfaceId);
      if (ref === null) return { ok: false, missing: step.params.interfaceId };
      return { ok: true, calls: [{ method: 'host.management_reconfigure', params: [ref] }] };
    }
    case 'set-hostname':
      return { ok: true, calls: [{ method: 'host.set_hostname_live', params: [targets.hostRef, step.params.hostname] }] };
    case 'set-search-domains': {
      const ref = pif(step.params.interfaceId);
      if (ref === null) return { ok: false, missing: step.params.interfaceId };
      const calls: XapiCall[] = [];
      if ('domain' in targets.otherConfig(step.params.interfaceId)) {
        calls.push({ method: 'PIF.remove_from_other_config', params: [ref, 'domain'] });
      }
      if (step.params.domains.length > 0) {
        calls.push({ method: 'PIF.add_to_other_config', params: [ref, 'domain', step.params.domains.join(',')] });
      }
      return { ok: true, calls };
    }
  }
}
