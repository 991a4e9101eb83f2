/** "HH:MM" in local time: the top line changes at most once a minute. */
export function formatClock(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** Milliseconds until the next minute boundary (at least 1). */
export function msUntilNextMinute(date: Date): number {
  return Math.max(1, 60_000 - (date.getSeconds() * 1000 + date.getMilliseconds()));
}
