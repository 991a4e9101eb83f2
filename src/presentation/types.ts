/**
 * The shapes presentation functions return: the shell's pane content (PaneContent, KeyValueRow) and the model types
 * they read. Re-exported here so presentation files import their vocabulary from one place.
 */
export type { HostState, NetworkInterface } from '../model/index.js';
export type { KeyValueRow, PaneBlock, PaneContent, ErrorReport } from '../ui/screen-contract.js';
