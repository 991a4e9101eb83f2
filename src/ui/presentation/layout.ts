import type { Size } from '../terminal/size-probe.js';

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export const MINIMUM_SIZE: Size = { cols: 80, rows: 24 };

export interface FrameLayout {
  readonly tooSmall: boolean;
  readonly topLine: Rect;
  readonly menu: Rect;
  readonly pane: Rect;
  readonly footer: Rect;
}

/**
 * Top line, menu (left), pane (right), footer. At 80 columns the menu is 30 wide (labels are
 * short; the pane needs the room for addresses); wider screens give the menu up to 40.
 */
export function frameLayout(size: Size): FrameLayout {
  const tooSmall = size.cols < MINIMUM_SIZE.cols || size.rows < MINIMUM_SIZE.rows;
  const bodyHeight = Math.max(0, size.rows - 2);
  const menuWidth = Math.min(40, Math.max(30, Math.floor(size.cols * 0.3)));
  return {
    tooSmall,
    topLine: { left: 0, top: 0, width: size.cols, height: 1 },
    menu: { left: 0, top: 1, width: menuWidth, height: bodyHeight },
    pane: { left: menuWidth, top: 1, width: Math.max(0, size.cols - menuWidth), height: bodyHeight },
    footer: { left: 0, top: Math.max(0, size.rows - 1), width: size.cols, height: 1 },
  };
}

/** The rows between the top line and the footer: where a full-screen view goes (it replaces the menu and pane). */
export function bodyRect(size: Size): Rect {
  return { left: 0, top: 1, width: size.cols, height: Math.max(0, size.rows - 2) };
}

/**
 * The most content a centred dialog may hold: its box keeps one blank cell between its border and the frame's
 * (a border drawn next to, or on top of, another reads as a doubled border), so the box is at most 4 narrower than
 * the screen and 6 lower (top line, frame border and a blank row above; the same and the footer below).
 */
export function dialogRoom(size: Size): Size {
  return { cols: Math.max(10, size.cols - 8), rows: Math.max(1, size.rows - 8) };
}

/**
 * A dialog box centred on the screen: `contentWidth` × `contentHeight` inside a border and one column of padding
 * each side, kept off the frame's borders: two cells from the screen's edges, off the frame's border rows, and never
 * with a side on (or next to) the column where the menu meets the pane — there it moves left to cover the seam.
 */
export function centredBox(contentWidth: number, contentHeight: number, size: Size): Rect {
  const room = dialogRoom(size);
  const width = Math.min(contentWidth, room.cols) + 4;
  const height = Math.min(contentHeight, room.rows) + 2;
  let left = Math.max(0, Math.floor((size.cols - width) / 2));
  const seam = frameLayout(size).pane.left; // the pane's left border; the menu's right border is seam - 1
  const touches = (l: number): boolean => {
    const right = l + width - 1;
    return l === seam || l === seam + 1 || right === seam - 1 || right === seam - 2;
  };
  for (let shift = 1; shift <= 3 && touches(left) && left - shift >= 2; shift++) {
    if (!touches(left - shift)) left -= shift;
  }
  return { left, top: Math.max(0, Math.floor((size.rows - height) / 2)), width, height };
}

/** Inner width/height of a bordered box with one column of horizontal padding. */
export function innerSize(rect: Rect): Size {
  return { cols: Math.max(0, rect.width - 4), rows: Math.max(0, rect.height - 2) };
}
