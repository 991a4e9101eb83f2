/**
 * Natural order for device and storage names ("eth2" before "eth10", "NFS 2" before "NFS 10"), without the ICU
 * collator: the first String.prototype.localeCompare of a process starts it, which costs the console's start-up
 * several milliseconds and megabytes for what are ASCII names. Runs of digits compare by value, the rest
 * case-insensitively, then the shorter first, then by code unit (so the order is total).
 */
const RUNS = /\d+|\D+/g;

/** By value: "02" and "2" are equal here (the final exact comparison orders them). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function compareNatural(a: string, b: string): number {
  const xs = a.match(RUNS) ?? [];
  const ys = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i] ?? '';
    const y = ys[i] ?? '';
    const digits = /^\d/.test(x) && /^\d/.test(y);
    const order = digits ? compareDigits(x, y) : compareText(x, y);
    if (order !== 0) return order;
  }
  if (xs.length !== ys.length) return xs.length - ys.length;
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
