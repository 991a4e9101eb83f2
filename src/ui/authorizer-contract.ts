/**
 * The seam between the shell and whoever decides that a change may start (the console's log-in, src/app/auth/):
 * flows call ScreenContext.authorize(what) before they change the host; the shell hands the question to the
 * Authorizer it was given, with the dialogs the authorizer may use. Without one, everything is allowed.
 */
import type { ProgressHandle, ProgressStep } from './screen-contract.js';
import type { FormSpec, FormValues } from './state/form-state.js';

/** The dialogs an authorizer may open (a subset of ScreenContext). */
export interface AuthorizerUi {
  form(spec: FormSpec): Promise<FormValues | null>;
  message(title: string, paragraphs: readonly string[]): Promise<void>;
  progress(title: string, steps: readonly ProgressStep[]): ProgressHandle;
}

export interface Authorizer {
  /** True when the change described by `what` ("change the hostname") may go on; may ask for a password first. */
  authorize(what: string, ui: AuthorizerUi): Promise<boolean>;
}

/** Allows everything (a shell with no log-in: tests of the bare shell, placeholder screens). */
export const ALLOW_ALL: Authorizer = { authorize: async () => true };
