/**
 * Which real mechanism checks the console's passwords, per backend (docs/install.md, "Security model"):
 * - xapi (on the host, or the simulated host): a login over TCP to the host's management address — xapi checks it
 *   against the host's PAM stack — falling back to PAM through pamtester when nothing answers there (management
 *   disabled or being reconfigured) and pamtester is installed;
 * - NetworkManager (a generic Linux host): PAM through pamtester, service `pam-service`.
 */
import type { Backend, BackendResult, PasswordChangeOutcome } from '../../backends/backend.js';
import { pamChange, pamVerify, type PamOptions } from '../../backends/pam/pamtester.js';
import { withFallback, type PasswordChangeResult, type PasswordChecker, type PasswordVerdict } from './password-checker.js';

function verdict(result: BackendResult<'accepted' | 'rejected'>): PasswordVerdict {
  if (!result.ok) return { kind: 'unavailable', message: result.error.message };
  return { kind: result.value };
}

function change(result: BackendResult<PasswordChangeOutcome>): PasswordChangeResult {
  return result.ok ? result.value : { kind: 'unavailable', message: result.error.message };
}

export function pamChecker(options: PamOptions): PasswordChecker {
  return {
    mechanism: `PAM (service ${options.service}, through pamtester)`,
    verify: async (user, password) => verdict(await pamVerify(options, user, password)),
    change: async (user, oldPassword, newPassword) => change(await pamChange(options, user, oldPassword, newPassword)),
  };
}

/** The backend's own check at the host's management address (`address()`: null while it has none). */
export function backendChecker(backend: Backend, address: () => string | null): PasswordChecker | null {
  const verify = backend.verifyPassword?.bind(backend);
  const changePassword = backend.changePassword?.bind(backend);
  if (verify === undefined || changePassword === undefined) return null;
  const noAddress: PasswordVerdict = { kind: 'unavailable', message: 'The password cannot be checked: the host has no management address for xapi to check it at.' };
  return {
    mechanism: 'xapi login at the management address (xapi checks PAM)',
    async verify(user, password) {
      const at = address();
      return at === null ? noAddress : verdict(await verify(at, user, password));
    },
    async change(user, oldPassword, newPassword) {
      const at = address();
      return at === null ? noAddress : change(await changePassword(at, user, oldPassword, newPassword));
    },
  };
}

/** The checker for a backend: its own check, else PAM (with `pam` given, also as the fallback of the backend's). */
export function checkerFor(backend: Backend, address: () => string | null, pam: PamOptions | null): PasswordChecker | null {
  const own = backendChecker(backend, address);
  const viaPam = pam === null ? null : pamChecker(pam);
  if (own !== null && viaPam !== null) return withFallback(own, viaPam);
  return own ?? viaPam;
}
