/**
 * The gate in front of every change of the host. The shell holds one Authorizer (injected through ShellOptions) and
 * asks it (a) before opening a screen that declares `changesHost`, and (b) whenever a flow calls `ctx.authorize(what)`
 * — which every flow does before it sends anything (src/app/review-and-apply.ts for the management interface, DNS
 * servers and hostname). The authorizer may show dialogs through `ui` (a login form, "wrong password") and decides.
 *
 * This branch ships ALLOW_ALL; the login (root, PAM, auto-logout) is an Authorizer that plugs in here.
 */
import type { ScreenContext } from './screen-contract.js';

export interface AuthorizeRequest {
  /** What is about to happen, in words: a screen's title when it opens ("Management interface"), or an action. */
  readonly what: string;
  /** The screen asking (its id), or null for a flow outside any menu item (startup recovery). */
  readonly screenId: string | null;
}

/** The dialogs an authorizer may use (a ScreenContext without authorize: an authorizer does not ask itself). */
export type AuthorizerUi = Omit<ScreenContext, 'authorize'>;

export interface Authorizer {
  /** True: go on. False: stop; the authorizer has already told the user why (or the user cancelled). */
  authorize(request: AuthorizeRequest, ui: AuthorizerUi): Promise<boolean>;
  /** True while authorize would have to ask first: the menu marks `changesHost` items. Absent: never locked. */
  locked?(): boolean;
}

/** Every change allowed, nothing asked (the console before the login lands; tests). */
export const ALLOW_ALL: Authorizer = {
  authorize: () => Promise.resolve(true),
};
