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
    name: 'validate',
    summary: 'Check an address, prefix, netmask, gateway, DNS list or hostname and print its canonical form.',
    load: async () => (await import('./validate.js')).validateVerb,
  },
  {
    name: 'simulator',
    summary: 'Run the embedded xapi simulator (XML-RPC and JSON-RPC) on unix/TCP sockets.',
    load: async () => (await import('./simulator.js')).simulatorVerb,
  },
];
