/** Pure scrolling of `total` lines in a window of `height` lines. */
export function maxOffset(total: number, height: number): number {
  return Math.max(0, total - Math.max(0, height));
}

export function scrollTo(offset: number, total: number, height: number): number {
  return Math.max(0, Math.min(offset, maxOffset(total, height)));
}

/** PgUp/PgDn step: a window less one line of overlap, at least one line. */
export function pageStep(height: number): number {
  return Math.max(1, height - 1);
}
