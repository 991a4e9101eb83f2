/**
 * Pure two-level menu navigation (xsconsole's): the top level lists screens and sections; Enter/Right on a section
 * opens its list (the top-level selection is kept), Esc/Left goes back to it. Each level is a MenuState (wrapping
 * moves, letter jumps, a scroll window).
 */
import { isSection, type MenuEntry, type MenuSection, type Screen } from '../screen-contract.js';
import { createMenu, jumpToLetter, moveBy, scrollIntoView, type MenuState } from './menu-state.js';

export interface MenuTreeState {
  readonly entries: readonly MenuEntry[];
  /** The top level's selection and scroll window. */
  readonly top: MenuState;
  /** The open section (its index in `entries`) and its own selection, or null at the top level. */
  readonly open: { readonly index: number; readonly menu: MenuState } | null;
}

export function createMenuTree(entries: readonly MenuEntry[]): MenuTreeState {
  return { entries, top: createMenu(entries.map((e) => e.menuLabel)), open: null };
}

/** The section whose items are listed, or null at the top level. */
export function openSection(state: MenuTreeState): MenuSection | null {
  if (state.open === null) return null;
  const entry = state.entries[state.open.index];
  return entry !== undefined && isSection(entry) ? entry : null;
}

/** The entries of the level shown. */
export function levelEntries(state: MenuTreeState): readonly MenuEntry[] {
  return openSection(state)?.items ?? state.entries;
}

/** The menu state of the level shown. */
export function levelMenu(state: MenuTreeState): MenuState {
  return state.open?.menu ?? state.top;
}

export function selectedEntry(state: MenuTreeState): MenuEntry | undefined {
  return levelEntries(state)[levelMenu(state).selected];
}

function withLevelMenu(state: MenuTreeState, menu: MenuState): MenuTreeState {
  if (menu === levelMenu(state)) return state;
  return state.open === null ? { ...state, top: menu } : { ...state, open: { ...state.open, menu } };
}

export function moveSelection(state: MenuTreeState, delta: number): MenuTreeState {
  return withLevelMenu(state, moveBy(levelMenu(state), delta));
}

export function jumpTo(state: MenuTreeState, letter: string): MenuTreeState {
  return withLevelMenu(state, jumpToLetter(levelMenu(state), letter));
}

export function keepInView(state: MenuTreeState, height: number): MenuTreeState {
  return withLevelMenu(state, scrollIntoView(levelMenu(state), height));
}

/** Opens the selected section (its first item selected); unchanged when the selection is a screen. */
export function enterSection(state: MenuTreeState): MenuTreeState {
  if (state.open !== null) return state;
  const entry = state.entries[state.top.selected];
  if (entry === undefined || !isSection(entry)) return state;
  return { ...state, open: { index: state.top.selected, menu: createMenu(entry.items.map((i) => i.menuLabel)) } };
}

/** Back to the top level (the section still selected there); unchanged at the top level. */
export function leaveSection(state: MenuTreeState): MenuTreeState {
  return state.open === null ? state : { ...state, open: null };
}

/** The screen selected, when the selection is a screen (not a section). */
export function selectedScreen(state: MenuTreeState): Screen | null {
  const entry = selectedEntry(state);
  return entry === undefined || isSection(entry) ? null : entry;
}
