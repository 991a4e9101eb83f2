/**
 * Optional backend capability: the host's power and service operations — maintenance mode (disable, evacuate,
 * enable), reboot, shutdown, and the SSH service. Backends that cannot do one of them leave it out (or the whole
 * object). Like the rest of the contract: no adapter vocabulary, every failure a BackendError value.
 */
import type { BackendResult } from './backend-error.js';

/** The host as these operations need it. */
export interface PowerStatus {
  /** Accepting new VMs (false: in maintenance mode, or disabled by someone else). */
  readonly enabled: boolean;
  /** This host is its pool's coordinator (master) and the pool has other members. */
  readonly coordinatorOfPool: boolean;
  /** Members of the pool, this host included (1 for a standalone host). */
  readonly poolSize: number;
  /** Running guest VMs on this host (control domain not counted). */
  readonly runningVms: number;
  /** What shuts down or reboots the host: "xapi" or "systemd". */
  readonly via: string;
}

/** One VM that keeps the host from being evacuated, and why, in words. */
export interface EvacuationBlocker {
  readonly vm: string;
  /** "no other server can run it", "its disk is on local storage 'Local storage'"… */
  readonly reason: string;
  /** The raw code and parameters ("VM_REQUIRES_SR OpaqueRef:… OpaqueRef:…"). */
  readonly details: string;
}

/** The SSH service as the host reports it. */
export interface SshStatus {
  readonly enabled: boolean;
  /** Seconds after which SSH turns itself off again (0: never); null when the host cannot set it. */
  readonly enabledTimeoutSeconds: number | null;
  /** When SSH turns itself off (ISO time), or null. */
  readonly expiry: string | null;
  /** Idle console sessions end after this many seconds (0: never); null when the host cannot set it. */
  readonly consoleIdleTimeoutSeconds: number | null;
  /** "xapi" (host.enable_ssh and friends) or "systemctl" (sshd on this machine). */
  readonly via: 'xapi' | 'systemctl';
}

export interface HostOperations {
  status(): Promise<BackendResult<PowerStatus>>;
  /** Stop new VMs from starting here (maintenance mode, first step). Absent when the backend has no such notion. */
  disable?(): Promise<BackendResult<null>>;
  /** The VMs that cannot be moved elsewhere, with reasons; empty when evacuation can go ahead. */
  evacuationBlockers?(): Promise<BackendResult<readonly EvacuationBlocker[]>>;
  /** Move every running VM to other members of the pool. */
  evacuate?(): Promise<BackendResult<null>>;
  /** Leave maintenance mode: accept VMs again. */
  enable?(): Promise<BackendResult<null>>;
  reboot(): Promise<BackendResult<null>>;
  shutdown(): Promise<BackendResult<null>>;
  /** The SSH service (absent when the backend cannot manage it). */
  readonly ssh?: SshControl;
}

export interface SshControl {
  status(): Promise<BackendResult<SshStatus>>;
  setEnabled(on: boolean): Promise<BackendResult<null>>;
  /** Absent when the host's API has no such call. */
  setEnabledTimeout?(seconds: number): Promise<BackendResult<null>>;
  setConsoleIdleTimeout?(seconds: number): Promise<BackendResult<null>>;
}
