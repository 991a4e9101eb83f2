/** What every screen factory gets: the live host session, the program's version, the terminal the console runs on. */
import type { MenuSection } from '../ui/screen-contract.js';
import type { TerminalSetup } from '../ui/terminal/open-terminal.js';
import type { HostSession } from './host-session.js';

export interface ScreenDeps {
  readonly session: HostSession;
  /** hostconsole's version (About). */
  readonly version: string;
  /** What the shell decided about the terminal (About). */
  readonly setup: TerminalSetup;
}

/** What a section's factory returns: the section without its items (the registry lines that name it fill them in). */
export type SectionHead = Omit<MenuSection, 'items'> & { readonly kind: 'section' };
