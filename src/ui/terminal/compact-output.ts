/**
 * blessed starts every changed row with "go to column 1" and then moves again to the first changed
 * cell ("\x1b[5;1H\x1b[5;33H" or "\x1b[5;1H\x1b[3C"). On a 115200-baud line each wasted byte is
 * felt, so the pair is folded into one absolute move. Only these exact adjacent pairs are touched.
 * Then parameters that are the default are dropped (ECMA-48, VT100): "\x1b[1C" is "\x1b[C" (skip one
 * unchanged cell, what a menu move does most) and "\x1b[5;1H" is "\x1b[5H".
 */
export function compactCursorMoves(text: string): string {
  return text
    .replace(/\x1b\[(\d+);1H\x1b\[(\d+);(\d+)H/g, (all, y1: string, y2: string, x: string) => (y1 === y2 ? `\x1b[${y2};${x}H` : all))
    .replace(/\x1b\[(\d+);1H\x1b\[(\d*)C/g, (_all, y: string, n: string) => `\x1b[${y};${1 + (n === '' ? 1 : Number(n))}H`)
    .replace(/\x1b\[1C/g, '\x1b[C')
    .replace(/\x1b\[(\d+);1H/g, '\x1b[$1H');
}
