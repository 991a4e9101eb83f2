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

/**
 * A dialog box centred on the screen: `contentWidth` × `contentHeight` inside a border and one
 * column of padding each side, clamped to the screen less one cell of margin.
 */
export function centredBox(contentWidth: number, contentHeight: number, size: Size): Rect {
  const width = Math.min(contentWidth + 4, Math.max(4, size.cols - 2));
  const height = Math.min(contentHeight + 2, Math.max(3, size.rows - 2));
  return {
    left: Math.max(0, Math.floor((size.cols - width) / 2)),
    top: Math.max(0, Math.floor((size.rows - height) / 2)),
    width,
    height,
  };
}

/** Inner width/height of a bordered box with one column of horizontal padding. */
export function innerSize(rect: Rect): Size {
  return { cols: Math.max(0, rect.width - 4), rows: Math.max(0, rect.height - 2) };
}
