import { byteAt } from './bytes.js';

/** The prefix length of a contiguous IPv4 netmask given as 4 bytes, or null when the ones are not contiguous. */
export function netmaskBytesToPrefix(bytes: readonly number[]): number | null {
  let prefix = 0;
  let seenZero = false;
  for (let i = 0; i < 4; i++) {
    const byte = byteAt(bytes, i);
    for (let bit = 7; bit >= 0; bit--) {
      const one = ((byte >> bit) & 1) === 1;
      if (one && seenZero) return null;
      if (one) prefix++;
      else seenZero = true;
    }
  }
  return prefix;
}

/** The 4 bytes of the IPv4 netmask for a prefix length 0–32. */
export function prefixToNetmaskBytes(prefix: number): number[] {
  return [0, 1, 2, 3].map((i) => {
    const ones = Math.max(0, Math.min(8, prefix - i * 8));
    return (0xff << (8 - ones)) & 0xff;
  });
}
