/**
 * How a password is checked and changed — always by a real mechanism of the host (xapi's own login, which checks
 * PAM; PAM itself through pamtester), never by comparing hashes here. docs/install.md says which is used where.
 */

export type PasswordVerdict =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'rejected' }
  /** The check could not be made (xapi does not answer, pamtester missing): why, in a sentence. */
  | { readonly kind: 'unavailable'; readonly message: string };

export type PasswordChangeResult =
  | { readonly kind: 'changed' }
  /** The current password given was wrong. */
  | { readonly kind: 'wrong-password' }
  /** The host refused the new password (too short, too simple…): its words. */
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'unavailable'; readonly message: string };

export interface PasswordChecker {
  /** One phrase for the Authentication pane: "PAM (service login, via pamtester)". */
  readonly mechanism: string;
  verify(user: string, password: string): Promise<PasswordVerdict>;
  /** Checks `oldPassword` first, then sets the new one through the host's own tool. */
  change(user: string, oldPassword: string, newPassword: string): Promise<PasswordChangeResult>;
}

/** Tries `first`; when it cannot check at all (not a refusal), `fallback`. */
export function withFallback(first: PasswordChecker, fallback: PasswordChecker): PasswordChecker {
  return {
    mechanism: `${first.mechanism}; else ${fallback.mechanism}`,
    async verify(user, password) {
      const verdict = await first.verify(user, password);
      return verdict.kind === 'unavailable' ? fallback.verify(user, password) : verdict;
    },
    async change(user, oldPassword, newPassword) {
      const result = await first.change(user, oldPassword, newPassword);
      return result.kind === 'unavailable' ? fallback.change(user, oldPassword, newPassword) : result;
    },
  };
}
