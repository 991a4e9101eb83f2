import {
  checkGateway4,
  checkGateway6,
  checkHostname,
  checkSearchDomain,
  cidrContains,
  classify,
  familyLabel,
  lastAddress,
  makeCidr,
  networkAddress,
  networkText,
  parseAddress,
  parseCidr4,
  parseCidr6,
  parseDnsList,
  parseNetmask,
  parsePrefix,
  sameAddress,
  type Cidr,
  type Family,
  type IpAddress,
} from '../addressing/index.js';
import type { Capabilities } from './capabilities.js';
import { familyOfCanonical, listText } from './canonical-text.js';
import type { HostState, NetworkInterface } from './host-state.js';
import { findInterface, interfaceName, managementAddress, managementInterface, preferredAddress } from './host-queries.js';
import { storableDnsOrder } from './dns-order.js';
import { managementHop } from './management-hop.js';
import { checkPoolMasterSwitch } from './pool-master-switch.js';
import { describeLayout, layoutPrimaryFamily, layoutUses } from './layout.js';
import { modeLabel, providesAddresses, type AnyMode } from './modes.js';
import type { Ipv4Plan, Ipv6Plan, Plan, PlannedAddress } from './plan.js';
import { PLAN_FIELD_LABELS, type PlanField, type PlanInput } from './plan-input.js';
import { planError, planWarning, type PlanIssue } from './plan-issues.js';

/** The outcome of validating a plan: the typed plan when there is no error, and every error and warning found. */
export interface PlanValidation {
  /** Non-null exactly when `errors` is empty. */
  readonly plan: Plan | null;
  readonly errors: readonly PlanIssue[];
  readonly warnings: readonly PlanIssue[];
}

/** Static addresses are interface addresses: /0 is refused with the addressing core's one message. */
const INTERFACE = { interfacePrefix: true } as const;

interface StaticValues {
  readonly cidr: Cidr | null;
  readonly gateway: IpAddress | null;
}

/**
 * Validates a plan as a whole against the current host state and the backend's capabilities: field syntax (through
 * the addressing core), family consistency, layout against modes, the target interface, capabilities, and the
 * caveats worth a warning. The one validation path for forms and CLI flags.
 */
export function validatePlan(input: PlanInput, state: HostState, capabilities: Capabilities): PlanValidation {
  const issues: PlanIssue[] = [];
  const target = findInterface(state, input.interfaceId) ?? null;
  const primary = layoutPrimaryFamily(input.layout);

  checkInterface(state, target, issues);
  checkLayout(input, issues);
  checkCapabilities(input, state, target, capabilities, issues);

  // Range warnings (documentation, special-purpose) only for an address the change introduces, not on every review.
  const has = (family: Family) => (address: string): boolean => target?.[family].addresses.some((a) => a.address === address) ?? false;
  const v4 = input.ipv4.mode === 'static' ? checkStatic('ipv4', input.ipv4.address, input.ipv4.netmask, input.ipv4.gateway, issues, has('ipv4')) : null;
  const v6 = input.ipv6.mode === 'static' ? checkStatic('ipv6', input.ipv6.address, input.ipv6.prefix, input.ipv6.gateway, issues, has('ipv6')) : null;
  const dns = checkDns(input, capabilities, issues);
  const hostname = checkHostnameField(input, state, capabilities, issues);
  const searchDomains = checkSearchDomains(input, state, capabilities, issues);

  checkStorage(input, state, issues);
  checkPoolMasterSwitch(input, state, target, capabilities.primaryFamilyChoice, issues);
  checkManagementAddress(input, state, target, primary === 'ipv4' ? v4 : v6, issues);

  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  if (errors.length > 0 || dns === null || hostname === null || searchDomains === null) {
    return { plan: null, errors, warnings };
  }
  const plan: Plan = {
    interfaceId: input.interfaceId,
    layout: input.layout,
    primaryFamily: primary,
    ipv4: ipv4Plan(input.ipv4.mode, v4),
    ipv6: ipv6Plan(input.ipv6.mode, v6),
    dns,
    hostname,
    searchDomains,
  };
  return { plan, errors, warnings };
}

function planned(values: StaticValues | null): { address: PlannedAddress; gateway: string | null } {
  const cidr = values?.cidr;
  // validatePlan builds a plan only without errors, and a static family without an address is an error.
  if (cidr === undefined || cidr === null) throw new Error('bug: static family without an address in a valid plan');
  return { address: { address: cidr.address.text, prefix: cidr.prefix }, gateway: values?.gateway?.text ?? null };
}

function ipv4Plan(mode: PlanInput['ipv4']['mode'], values: StaticValues | null): Ipv4Plan {
  return mode === 'static' ? { mode, ...planned(values) } : { mode };
}

function ipv6Plan(mode: PlanInput['ipv6']['mode'], values: StaticValues | null): Ipv6Plan {
  return mode === 'static' ? { mode, ...planned(values) } : { mode };
}

function fieldOf(family: Family, part: 'mode' | 'address' | 'prefix' | 'gateway'): PlanField {
  if (part === 'prefix') return family === 'ipv4' ? 'ipv4.netmask' : 'ipv6.prefix';
  return `${family}.${part}`;
}

function label(field: PlanField): string {
  return PLAN_FIELD_LABELS[field];
}

function other(family: Family): Family {
  return family === 'ipv4' ? 'ipv6' : 'ipv4';
}

function modeOf(input: PlanInput, family: Family): AnyMode {
  return family === 'ipv4' ? input.ipv4.mode : input.ipv6.mode;
}

function checkInterface(state: HostState, target: NetworkInterface | null, issues: PlanIssue[]): void {
  if (target === null) {
    issues.push(planError('interface-unknown', 'interface', 'The chosen interface does not exist on this host (any more); re-read the host and choose again.'));
    return;
  }
  const name = interfaceName(target);
  if (target.bondMemberOf !== null) {
    const bond = findInterface(state, target.bondMemberOf);
    const bondName = bond === undefined ? 'its bond' : interfaceName(bond);
    issues.push(planError('interface-bond-member', 'interface', `${name} is a member of ${bondName}; put management on ${bondName} instead.`));
  }
  if (target.management) return;
  if (!target.carrier) {
    issues.push(
      planError('interface-no-carrier', 'interface', `${name} has no carrier (no link); moving management there would leave the host unreachable.`),
    );
  }
  const current = managementInterface(state);
  if (current !== null) {
    const address = managementAddress(state);
    const stops = address === null ? '' : `: ${address} stops answering`;
    issues.push(planWarning('management-moves', 'interface', `Management moves from ${interfaceName(current)} to ${name}${stops}.`));
  }
}

function checkLayout(input: PlanInput, issues: PlanIssue[]): void {
  if (!providesAddresses(input.ipv4.mode) && !providesAddresses(input.ipv6.mode)) {
    const why =
      input.ipv4.mode === 'none' && input.ipv6.mode === 'none'
        ? 'Both IPv4 and IPv6 are set to None'
        : `Neither IPv4 (${modeLabel(input.ipv4.mode)}) nor IPv6 (${modeLabel(input.ipv6.mode)}) gives the host a routable address`;
    issues.push(planError('no-usable-family', 'layout', `${why}; the host would have no management address at all.`));
    return;
  }
  const layout = describeLayout(input.layout);
  const primary = layoutPrimaryFamily(input.layout);
  for (const family of ['ipv4', 'ipv6'] as const) {
    const mode = modeOf(input, family);
    const name = familyLabel(family);
    if (!layoutUses(input.layout, family) && providesAddresses(mode)) {
      issues.push(planError('layout-mode-mismatch', fieldOf(family, 'mode'), `${layout} leaves ${name} out, so the ${name} mode must be None (it is ${modeLabel(mode)}).`));
    } else if (layoutUses(input.layout, family) && !providesAddresses(mode)) {
      if (family === primary) {
        issues.push(planError('primary-family-none', fieldOf(family, 'mode'), `${name} is the primary family in ${layout}, so its mode cannot be ${modeLabel(mode)}.`));
      } else {
        issues.push(planError('layout-mode-mismatch', fieldOf(family, 'mode'), `${layout} uses both families, so the ${name} mode cannot be ${modeLabel(mode)}.`));
      }
    }
  }
}

function checkCapabilities(
  input: PlanInput,
  state: HostState,
  target: NetworkInterface | null,
  capabilities: Capabilities,
  issues: PlanIssue[],
): void {
  for (const family of ['ipv4', 'ipv6'] as const) {
    const mode = modeOf(input, family);
    const supported: readonly AnyMode[] = family === 'ipv4' ? capabilities.ipv4Modes : capabilities.ipv6Modes;
    const unchanged = target !== null && target[family].mode === mode;
    if (!supported.includes(mode) && !unchanged) {
      const offered = supported.length === 0 ? `no ${familyLabel(family)} configuration at all` : supported.map(modeLabel).join(', ');
      issues.push(planError('mode-unsupported', fieldOf(family, 'mode'), `This backend cannot set ${familyLabel(family)} to ${modeLabel(mode)}; it offers ${offered}.`));
    }
  }
  const primary = layoutPrimaryFamily(input.layout);
  if (input.layout === 'dual-ipv6-primary' && !capabilities.primaryFamilyChoice) {
    issues.push(planError('primary-family-unsupported', 'layout', `This backend cannot choose the primary family, so ${describeLayout(input.layout)} is not available.`));
  }
  if (capabilities.primaryFamilyChoice && target !== null && target.management && target.primaryFamily !== primary && state.pool.role === 'member') {
    const hop = managementHop(state, target.id);
    const from = familyLabel(target.primaryFamily);
    const to = familyLabel(primary);
    if (hop === null) {
      issues.push(
        planError(
          'pool-member-primary-switch',
          'layout',
          `This host is a pool member: xapi changes the primary family only of an interface that is not the management interface, and a member's management cannot be disabled, only moved to another interface with an address — it has none (an address on a second network the master shares, such as a storage network, would do). So switching it from ${from} to ${to} is refused.`,
        ),
      );
    } else {
      const address = preferredAddress(hop, hop.primaryFamily)?.address ?? '';
      issues.push(
        planWarning(
          'pool-member-management-hop',
          'layout',
          `This host is a pool member: to switch its primary family from ${from} to ${to}, management moves to ${interfaceName(hop)} (${address}) for the switch and then back; the master must reach it there meanwhile.`,
        ),
      );
    }
  }
}

/**
 * The separate prefix/netmask field on its own: its value, null when empty, or 'invalid' (the error is pushed). Checked
 * whatever the address field holds, so a form shows every field's error at once.
 */
function checkPrefixField(family: Family, prefixText: string, issues: PlanIssue[]): number | null | 'invalid' {
  const prefixField = fieldOf(family, 'prefix');
  const trimmed = prefixText.trim();
  if (trimmed === '') return null;
  const result =
    family === 'ipv4' && trimmed.includes('.') ? parseNetmask(trimmed, label(prefixField), INTERFACE) : parsePrefix(trimmed, family, label(prefixField), INTERFACE);
  if (result.ok) return result.value;
  issues.push(planError('prefix-invalid', prefixField, fromProblem(label(prefixField), result.error.message)));
  return 'invalid';
}

/** Parses and checks one static family's address, prefix and gateway: every field's error, not only the first. */
function checkStatic(
  family: Family,
  addressText: string,
  prefixText: string,
  gatewayText: string,
  issues: PlanIssue[],
  alreadyHas: (address: string) => boolean,
): StaticValues {
  const addressField = fieldOf(family, 'address');
  const prefixField = fieldOf(family, 'prefix');
  const name = familyLabel(family);
  const text = addressText.trim();
  const separate = checkPrefixField(family, prefixText, issues);
  const unusable = (): StaticValues => ({ cidr: null, gateway: checkGateway(family, null, gatewayText, issues) });
  if (text === '') {
    issues.push(planError('address-required', addressField, `${name} is Static but has no address; enter one such as ${family === 'ipv4' ? '192.0.2.10/24' : '2001:db8::10/64'}.`));
    return unusable();
  }
  const slash = text.indexOf('/');
  const bare = slash < 0 ? text : text.slice(0, slash);
  const parsed = parseAddress(bare, label(addressField));
  if (!parsed.ok) {
    issues.push(planError('address-invalid', addressField, fromProblem(label(addressField), parsed.error.message)));
    return unusable();
  }
  if (parsed.value.family !== family) {
    issues.push(
      planError('address-wrong-family', addressField, `'${text}' is an ${familyLabel(parsed.value.family)} address; the ${name} address field needs an ${name} address.`),
    );
    return unusable();
  }

  let inline: number | null = null;
  if (slash >= 0) {
    const cidr = family === 'ipv4' ? parseCidr4(text, label(addressField), INTERFACE) : parseCidr6(text, label(addressField), INTERFACE);
    if (!cidr.ok) {
      issues.push(planError('prefix-invalid', addressField, fromProblem(label(addressField), cidr.error.message)));
      return unusable();
    }
    inline = cidr.value.prefix;
  }
  if (separate === 'invalid') return unusable();
  if (inline !== null && separate !== null && inline !== separate) {
    issues.push(planError('prefix-conflict', prefixField, `The address says /${inline} but the ${label(prefixField)} says /${separate}; keep one or make them agree.`));
    return unusable();
  }
  const prefix = inline ?? separate;
  if (prefix === null) {
    const what = family === 'ipv4' ? 'a netmask (e.g. 255.255.255.0) or a prefix length (e.g. /24)' : 'a prefix length (e.g. /64)';
    issues.push(planError('prefix-required', prefixField, `${name} address ${parsed.value.text} needs ${what}.`));
    return unusable();
  }
  const cidr = makeCidr(parsed.value, prefix);
  checkUsable(cidr, addressField, issues, alreadyHas(cidr.address.text));
  return { cidr, gateway: checkGateway(family, cidr, gatewayText, issues) };
}

/** Errors for an address that cannot be a host's; range warnings only when `known` is false (the change introduces it). */
function checkUsable(cidr: Cidr, field: PlanField, issues: PlanIssue[], known: boolean): void {
  const address = cidr.address;
  const c = classify(address);
  if (c.usable === 'no') {
    issues.push(planError('address-unusable', field, fromProblem(address.text, c.reason)));
    return;
  }
  if (address.family === 'ipv4' && cidr.prefix <= 30) {
    if (sameAddress(address, networkAddress(cidr))) {
      issues.push(planError('address-unusable', field, `${address.text} is the network address of ${networkText(cidr)}; choose a host address inside the subnet.`));
      return;
    }
    if (sameAddress(address, lastAddress(cidr))) {
      issues.push(planError('address-unusable', field, `${address.text} is the broadcast address of ${networkText(cidr)}; choose a host address inside the subnet.`));
      return;
    }
  }
  if (known) return;
  if (c.kind === 'documentation') {
    issues.push(planWarning('documentation-address', field, `${address.text}: ${c.reason}`));
  } else if (c.usable === 'warn') {
    issues.push(planWarning('address-unusual', field, `${address.text}: ${c.reason}`));
  }
}

/** Checks a static family's gateway; `cidr` null when the address itself was missing or invalid. */
function checkGateway(family: Family, cidr: Cidr | null, gatewayText: string, issues: PlanIssue[]): IpAddress | null {
  const field = fieldOf(family, 'gateway');
  const text = gatewayText.trim();
  const name = familyLabel(family);
  if (text === '') {
    if (cidr !== null) {
      issues.push(planWarning('gateway-missing', field, `${name} is static with no gateway: over ${name} the host reaches only ${networkText(cidr)}.`));
    }
    return null;
  }
  const parsed = parseAddress(text, label(field));
  if (!parsed.ok) {
    issues.push(planError('gateway-invalid', field, fromProblem(label(field), parsed.error.message)));
    return null;
  }
  if (parsed.value.family !== family) {
    issues.push(
      planError('gateway-wrong-family', field, `'${text}' is an ${familyLabel(parsed.value.family)} address; the ${name} gateway must be an ${name} address.`),
    );
    return null;
  }
  if (cidr === null) return null; // nothing to check it against; the address error says what to fix
  const checked = family === 'ipv4' ? checkGateway4(text, cidr, label(field)) : checkGateway6(text, cidr, label(field));
  if (checked.ok) return checked.value;
  const linkLocal = family === 'ipv6' && classify(parsed.value).kind === 'link-local';
  const offLink = !linkLocal && (!cidrContains(cidr, parsed.value) || (family === 'ipv4' && cidr.prefix === 32));
  issues.push(planError(offLink ? 'gateway-off-link' : 'gateway-invalid', field, fromProblem(label(field), checked.error.message)));
  return null;
}

function checkDns(input: PlanInput, capabilities: Capabilities, issues: PlanIssue[]): string[] | null {
  const parsed = parseDnsList(input.dns, label('dns'));
  if (!parsed.ok) {
    issues.push(planError('dns-invalid', 'dns', fromProblem(label('dns'), parsed.error.message)));
    return null;
  }
  const typed = parsed.value.map((a) => a.text);
  const dns = storableDnsOrder(typed, capabilities);
  if (dns.join(' ') !== typed.join(' ')) {
    issues.push(
      planWarning('dns-order-grouped', 'dns', `The servers of each family stay together, so the host will try them in this order: ${listText(dns)}.`),
    );
  }
  for (const family of ['ipv4', 'ipv6'] as const) {
    const entries = dns.filter((a) => familyOfCanonical(a) === family);
    if (entries.length > 0 && !providesAddresses(modeOf(input, family)) && capabilities.dnsNeedsFamily) {
      const name = familyLabel(family);
      issues.push(
        planError(
          'dns-family-off',
          'dns',
          `${name} DNS ${listText(entries)} cannot be kept while ${name} is ${modeLabel(modeOf(input, family))}: this backend stores DNS servers per family. Remove ${entries.length === 1 ? 'it' : 'them'} or turn ${name} on.`,
        ),
      );
    } else if (entries.length > 0 && !providesAddresses(modeOf(input, family)) && providesAddresses(modeOf(input, other(family)))) {
      const name = familyLabel(family);
      issues.push(
        planWarning('dns-family-unused', 'dns', `${name} DNS ${listText(entries)} is kept, but ${name} is off in ${describeLayout(input.layout)}; the host cannot reach it.`),
      );
    }
  }
  const dual = input.layout === 'dual-ipv4-primary' || input.layout === 'dual-ipv6-primary';
  const v6Dns = dns.filter((a) => familyOfCanonical(a) === 'ipv6');
  if (capabilities.dhcpDns === 'replaces-configured' && dual && input.ipv4.mode === 'dhcp' && providesAddresses(input.ipv6.mode) && v6Dns.length > 0) {
    issues.push(
      planWarning(
        'dhcp-dns-overrides-ipv6-dns',
        'dns',
        `With IPv4 on DHCP in dual stack, the DNS servers DHCP provides replace the IPv6 DNS servers ${listText(v6Dns)}; set IPv4 to Static to keep them.`,
      ),
    );
  }
  const dynamic = input.ipv4.mode === 'dhcp' || input.ipv6.mode === 'dhcp' || input.ipv6.mode === 'autoconf';
  if (dns.length === 0 && !dynamic && (providesAddresses(input.ipv4.mode) || providesAddresses(input.ipv6.mode))) {
    issues.push(planWarning('dns-none', 'dns', 'No DNS servers and no DHCP: the host cannot resolve names (updates, storage or pool members by name).'));
  }
  return dns;
}

function checkHostnameField(input: PlanInput, state: HostState, capabilities: Capabilities, issues: PlanIssue[]): string | null {
  const checked = checkHostname(input.hostname.trim(), label('hostname'));
  if (!checked.ok) {
    issues.push(planError('hostname-invalid', 'hostname', fromProblem(label('hostname'), checked.error.message)));
    return null;
  }
  if (checked.value !== state.hostname && !capabilities.hostname) {
    issues.push(planError('hostname-unsupported', 'hostname', `This backend cannot change the hostname; it stays ${state.hostname}.`));
  }
  return checked.value;
}

function checkSearchDomains(input: PlanInput, state: HostState, capabilities: Capabilities, issues: PlanIssue[]): string[] | null {
  const domains = input.searchDomains.split(/[\s,]+/).filter((d) => d !== '');
  for (const domain of domains) {
    const checked = checkSearchDomain(domain, label('searchDomains'));
    if (!checked.ok) {
      issues.push(planError('search-domain-invalid', 'searchDomains', fromProblem(label('searchDomains'), checked.error.message)));
      return null;
    }
  }
  if (domains.join(' ') !== state.searchDomains.join(' ') && !capabilities.searchDomains) {
    issues.push(planError('search-domains-unsupported', 'searchDomains', `This backend cannot change the DNS search domains; they stay ${listText(state.searchDomains)}.`));
  }
  return domains;
}

function checkStorage(input: PlanInput, state: HostState, issues: PlanIssue[]): void {
  if (input.layout !== 'ipv6-only') return;
  const v4Only = state.storage.filter((s) => {
    const parsed = parseAddress(s.server);
    return parsed.ok && parsed.value.family === 'ipv4';
  });
  if (v4Only.length === 0) return;
  const names = v4Only.map((s) => `'${s.name}' (${s.type.toUpperCase()} on ${s.server})`).join(', ');
  const what = v4Only.length === 1 ? `the storage repository ${names} is` : `the storage repositories ${names} are`;
  issues.push(planWarning('storage-ipv4-only', 'layout', `IPv6 only, but ${what} reachable only over IPv4: the host would lose ${v4Only.length === 1 ? 'it' : 'them'}.`));
}

/** Warnings about the management address itself: not global, or changing (which drops sessions). */
function checkManagementAddress(
  input: PlanInput,
  state: HostState,
  target: NetworkInterface | null,
  primaryStatic: StaticValues | null,
  issues: PlanIssue[],
): void {
  if (target === null) return;
  const primary = layoutPrimaryFamily(input.layout);
  const mode = modeOf(input, primary);
  if (!providesAddresses(mode)) return;
  const name = familyLabel(primary);

  // What management will listen on: the static address, or (mode unchanged) what the network gives now.
  let next: string | null = null;
  let field: PlanField = fieldOf(primary, 'address');
  if (mode === 'static') {
    const cidr = primaryStatic?.cidr ?? null;
    if (cidr === null) return; // the address error comes first
    next = cidr.address.text;
    const scope = classify(cidr.address).scope;
    if (scope === 'ula' || scope === 'link-local') {
      issues.push(planWarning('management-address-not-global', field, `The management address ${next} is ${scopeWords(scope)}: it cannot be reached from other networks.`));
    }
  } else {
    field = fieldOf(primary, 'mode');
    if (target[primary].mode === mode) {
      const addresses = target[primary].addresses;
      next = preferredAddress(target, primary)?.address ?? null;
      if (addresses.length > 0 && addresses.every((a) => a.scope === 'ula' || a.scope === 'link-local')) {
        issues.push(
          planWarning(
            'management-address-not-global',
            field,
            `${interfaceName(target)} has only link-local or unique-local ${name} addresses (${listText(addresses.map((a) => a.address))}) from ${modeLabel(mode)}: management cannot be reached from other networks.`,
          ),
        );
      }
    }
  }

  if (!target.management) return; // management-moves already says the old address stops answering
  const current = managementAddress(state);
  if (current === null || current === next) return;
  const message =
    next === null
      ? `The management address ${current} may change (${modeLabel(mode)} decides the new one): SSH and console sessions connected to ${current} drop.`
      : `The management address changes from ${current} to ${next}: SSH and console sessions connected to ${current} drop.`;
  issues.push(planWarning('management-address-changes', target.primaryFamily === primary ? field : 'layout', message));
}

/** "Field: problem." — an addressing Problem as one sentence. */
function fromProblem(field: string, message: string): string {
  return /[.!?]$/.test(message) ? `${field}: ${message}` : `${field}: ${message}.`;
}

function scopeWords(scope: string): string {
  return scope === 'ula' ? 'a unique local address (ULA)' : 'link-local';
}
