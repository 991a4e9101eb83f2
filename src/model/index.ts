/** The pure domain: host state, plans, validation, compiled steps. No I/O, no blessed, no backend imports. */
export type { AddressScope, FamilyConfig, HostState, InterfaceAddress, Ipv4Config, Ipv6Config, NetworkInterface, PoolInfo, PoolRole, StorageTarget } from './host-state.js';
export { IPV4_MODES, IPV6_MODES, isDynamicMode, isIpv4Mode, isIpv6Mode, modeLabel, modesOf, providesAddresses, type AnyMode, type Ipv4Mode, type Ipv6Mode } from './modes.js';
export { LAYOUTS, describeLayout, isLayout, layoutFamilies, layoutOf, layoutPrimaryFamily, layoutUses, type Layout } from './layout.js';
export { FULL_CAPABILITIES, type Capabilities, type CapabilityFeature } from './capabilities.js';
export {
  familyAddresses,
  findInterface,
  hostPrimaryFamily,
  interfaceName,
  ipDeviceOf,
  managementAddress,
  managementInterface,
  managementUrl,
  managementUrls,
  preferredAddress,
  type ManagementUrl,
} from './host-queries.js';
export { cidrText, entriesOfFamily, familyOfCanonical, listText } from './canonical-text.js';
export { configurationOf, stateRevision } from './state-revision.js';
export { stateWithConfiguration } from './state-from-configuration.js';
export { configChanges, diffHostStates, diffInterfaces, type FieldChange } from './diff-host-states.js';
export { PLAN_FIELD_LABELS, type PlanField, type PlanInput } from './plan-input.js';
export type { Ipv4Plan, Ipv6Plan, Plan, PlannedAddress } from './plan.js';
export {
  PLAN_ERRORS,
  PLAN_WARNINGS,
  issueLine,
  planError,
  planIssueCatalogue,
  planIssueTable,
  planWarning,
  type PlanErrorCode,
  type PlanIssue,
  type PlanIssueCode,
  type PlanWarningCode,
} from './plan-issues.js';
export { validatePlan, type PlanValidation } from './validate-plan.js';
export { findInterfaceByName, planFromManagement, planFromState } from './plan-from-state.js';
export { STEP_KINDS, type ConfigureIpv4Params, type ConfigureIpv6Params, type Step, type StepKind } from './steps.js';
export { NOTHING_TO_CHANGE, compilePlan, familyText } from './compile-plan.js';
export { familyAfter, familyMatches } from './family-match.js';
export { networkProvidedDns, planChanges, planToDesiredState, verifyPlanApplied, type PlanMismatch } from './desired-state.js';
export { applyStep, applySteps } from './step-effects.js';
export {
  lookupName,
  planNetworkTests,
  type NetworkProbe,
  type NetworkTest,
  type NetworkTestKind,
  type NetworkTestOptions,
  type NetworkTestPlan,
} from './network-test-plan.js';
export { DNS_ORDER_RULE, DNS_ORDER_RULE_IPV4_FIRST, dnsFamilyOrderDiffers, dnsOrderRule, firstDnsFamily, storableDnsOrder } from './dns-order.js';
export { rememberedFamily, type RememberedFamily } from './remembered-family.js';
