/**
 * The one prompt for a secret: a form whose password field draws nothing of what is typed (no asterisks, no moving
 * caret: on a serial line not one byte depends on the password). Enter submits, Esc cancels (null).
 */
import type { FormSpec, FormValues } from './state/form-state.js';

/** What the prompt needs from the shell: a form (ScreenContext.form). */
export interface FormHost {
  form(spec: FormSpec): Promise<FormValues | null>;
}

export interface PasswordFields {
  /** A user name field first, prefilled with this user (absent: only the password is asked). */
  readonly user?: string;
  /** One or more secret fields: [id, label] (e.g. new password and its repetition). */
  readonly secrets: readonly (readonly [string, string])[];
}

/** The values typed (user under 'user', each secret under its id), or null on Esc. */
export async function askSecrets(host: FormHost, title: string, intro: readonly string[], fields: PasswordFields): Promise<FormValues | null> {
  return host.form({
    title,
    intro,
    fields: [
      ...(fields.user === undefined ? [] : [{ kind: 'text' as const, id: 'user', label: 'User', initial: fields.user }]),
      ...fields.secrets.map(([id, label]) => ({ kind: 'text' as const, id, label, secret: true })),
    ],
  });
}

/** The password typed, or null on Esc. */
export async function askPassword(host: FormHost, title: string, intro: readonly string[]): Promise<string | null> {
  const values = await askSecrets(host, title, intro, { secrets: [['password', 'Password']] });
  return values === null ? null : (values['password'] ?? '');
}
