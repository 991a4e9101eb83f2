/**
 * The built-in scenarios' names, without their data: what option parsing and help text need, so that a console on a
 * real host (or any verb) does not load the scenarios' JSON. test/backends/simulator/scenarios.test.ts checks that it
 * lists exactly the scenarios scenarios.ts has, in the same order.
 */
export const SCENARIO_NAMES: readonly string[] = ['default', 'ipv6-only', 'bond-vlan', 'pool', 'dhcp', 'pool-ipv4', 'pool-isolated', 'pool-ipv6-primary', 'pool-local-disk', 'nfs'];
