/** The emergency-reset capability of an in-process simulated host: its files under hostRoot, reboot() = its restart. */
import { backendError, failed, succeeded } from '../backend-error.js';
import type { EmergencyResetSupport } from '../emergency-reset.js';
import type { SimulatorHandle } from './simulator.js';

/** How long the simulated host is down while it "reboots" (long enough to watch, short enough for tests). */
export const SIMULATED_REBOOT_SECONDS = 2;

export function simulatedReset(sim: Pick<SimulatorHandle, 'reboot'>, hostRoot: string, seconds = SIMULATED_REBOOT_SECONDS): EmergencyResetSupport {
  return {
    root: hostRoot,
    rebootText: `reboots the simulated host (its files are under ${hostRoot})`,
    prepare: () => Promise.resolve(succeeded(null)),
    async reboot() {
      const outcome = await sim.reboot(seconds);
      if (outcome.applied) return succeeded({ summary: 'The simulated host rebooted and xapi applied the network reset.' });
      if (outcome.reason === 'no-trigger') return succeeded({ summary: 'The simulated host rebooted; there was no network reset to apply.' });
      return failed(backendError('reset-failed', `The simulated host rebooted but xapi could not apply the reset: ${outcome.message}. The trigger file is kept.`));
    },
  };
}
