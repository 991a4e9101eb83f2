/** What every screen factory gets: the live host session, the program's version, the terminal the console runs on. */
import type { MenuSection } from '../ui/screen-contract.js';
import type { TerminalSetup } from '../ui/terminal/open-terminal.js';
import type { AuthSession } from './auth/auth-session.js';
import type { HostSession } from './host-session.js';
import type { InventoryFeed } from './inventory-feed.js';

export interface ScreenDeps {
  readonly session: HostSession;
  /** hostconsole's version (About). */
  readonly version: string;
  /** What the shell decided about the terminal (About). */
  readonly setup: TerminalSetup;
  /** VMs, storage and hardware, shared by their screens (read when one first opens). */
  readonly feed?: InventoryFeed;
  /** The console's log-in (absent: changes are not gated and the Authentication section is not shown). */
  readonly auth?: AuthSession;
}

/** What a section's factory returns: the section without its items (the registry lines that name it fill them in). */
export type SectionHead = Omit<MenuSection, 'items'> & { readonly kind: 'section' };
