/** Waits for a condition, polling, with an upper bound (never a fixed sleep). */
export async function waitFor(check: () => boolean, boundMs: number, what: string): Promise<void> {
  const until = Date.now() + boundMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${boundMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
