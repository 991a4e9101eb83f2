import type { VerbEntry } from '../verb.js';

/**
 * Every CLI verb, in the order --help lists them. Add a verb: one file in this folder, one entry here.
 * Verbs are loaded only when run, so the console does not pay at start-up for the backends other verbs use.
 * The summary here must equal the verb's own (a test checks).
 */
export const verbs: readonly VerbEntry[] = [
  {
    name: 'console',
    summary: 'Open the text console (menu, status, dialogs) on this terminal.',
    load: async () => (await import('./console.js')).consoleVerb,
  },
  {
    name: 'status',
    summary: 'Show the host: addresses of both families, gateways, DNS, primary family, management URL, pool',
    load: async () => (await import('./status.js')).statusVerb,
  },
  {
    name: 'pool',
    summary: 'Show every host of the pool (both families, URLs, whether each answers) and its IPv6 readiness',
    load: async () => (await import('./pool.js')).poolVerb,
  },
  {
    name: 'validate',
    summary: 'Check an address, prefix, netmask, gateway, DNS list or hostname and print its canonical form.',
    load: async () => (await import('./validate.js')).validateVerb,
  },
  {
    name: 'traffic',
    summary: 'Watch traffic by family and the peers of the management services: is anything still using IPv4?',
    load: async () => (await import('./traffic.js')).trafficVerb,
  },
  {
    name: 'simulator',
    summary: 'Run the embedded xapi simulator (XML-RPC and JSON-RPC) on unix/TCP sockets.',
    load: async () => (await import('./simulator.js')).simulatorVerb,
  },
  {
    name: 'set',
    summary: 'Change management addressing, DNS or hostname safely: apply, check, revert unless confirmed',
    load: async () => (await import('./set.js')).setVerb,
  },
  { name: 'reset-network', summary: 'Emergency network reset: write a new management configuration (xe-reset-networking) and reboot', load: async () => (await import('./reset-network.js')).resetNetworkVerb },
  {
    name: 'test-network',
    summary: 'Test the network from the host over both families: loopback, gateways, DNS, names, management URL',
    load: async () => (await import('./test-network.js')).testNetworkVerb,
  },
  {
    name: 'confirm',
    summary: 'Keep the pending change (before its confirmation window runs out)',
    load: async () => (await import('./confirm.js')).confirmVerb,
  },
  {
    name: 'revert',
    summary: 'Restore the settings saved before the pending change, now',
    load: async () => (await import('./revert.js')).revertVerb,
  },
  {
    name: 'guardian',
    summary: 'Internal: the detached process that reverts a pending change unless it is confirmed',
    load: async () => (await import('./guardian.js')).guardianVerb,
  },
];
