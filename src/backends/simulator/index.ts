/**
 * The embedded xapi simulator: a faithful stand-in for an XCP-ng host's xapi (XML-RPC and JSON-RPC over
 * unix and TCP sockets), with scenarios, moving management addresses and fault injection.
 * See docs/simulator.md.
 */
export { startSimulator, defaultAddressMapFile, type SimulatorOptions, type SimulatorHandle, type SimulatorDb } from './simulator.js';
export { parseListenSpec, formatListenSpec, type ListenSpec, type Endpoint } from './listen-spec.js';
export { listScenarios } from './scenarios.js';
export type { FaultController, FaultStatus, DropOptions, FailureStatus } from './faults.js';
export type { ClassName } from './datamodel.js';
export type { CallLogEntry } from './state.js';
export type { XRecord, JsonValue } from './values.js';
