/** Capabilities of a session that has no backend (yet): nothing can be changed. Light: the first frame uses it. */
import type { Capabilities } from '../model/index.js';

export const NO_CAPABILITIES: Capabilities = {
  ipv4Modes: [],
  ipv6Modes: [],
  primaryFamilyChoice: false,
  hostname: false,
  searchDomains: false,
  gatewayPing: false,
  poolView: false,
  dhcpDns: 'adds-to-configured',
  dnsNeedsFamily: false,
};
