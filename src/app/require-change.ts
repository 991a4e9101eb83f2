/**
 * The one gate every host action of the console passes (local shell, maintenance mode, reboot, shutdown, SSH):
 * the login's `ctx.authorize(what)` when the context has it (the login work adds it to ScreenContext), otherwise
 * allowed — this console has no login of its own and must not grow one. Point this at ctx.authorize once the
 * login lands; nothing else calls an authorisation.
 */
import type { ScreenContext } from '../ui/screen-contract.js';

interface Authorizing {
  authorize?: (what: string) => Promise<boolean>;
}

/** True when the user may do `what` ("open a local command shell"); the login dialog, if any, asks first. */
export async function requireChange(ctx: ScreenContext, what: string): Promise<boolean> {
  const authorize = (ctx as ScreenContext & Authorizing).authorize;
  if (typeof authorize !== 'function') return true;
  return authorize.call(ctx, what);
}
