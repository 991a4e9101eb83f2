/** Bit and byte helpers over 4- or 16-byte address arrays. */

/** Byte i of a 4- or 16-byte address (0 when out of range, which callers never ask for). */
export function byteAt(bytes: readonly number[], i: number): number {
  return bytes[i] ?? 0;
}

/** True when the first `prefix` bits of `a` and `b` are equal (both of the same length). */
export function samePrefixBits(a: readonly number[], b: readonly number[], prefix: number): boolean {
  const full = Math.floor(prefix / 8);
  for (let i = 0; i < full; i++) if (byteAt(a, i) !== byteAt(b, i)) return false;
  const rest = prefix % 8;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (byteAt(a, full) & mask) === (byteAt(b, full) & mask);
}

/** The bytes with every bit after `prefix` set to 0 (`fill` 0) or 1 (`fill` 1). */
export function maskBytes(bytes: readonly number[], prefix: number, fill: 0 | 1): number[] {
  return bytes.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    const keepMask = (0xff << (8 - keep)) & 0xff;
    return fill === 0 ? byte & keepMask : (byte & keepMask) | (~keepMask & 0xff);
  });
}
