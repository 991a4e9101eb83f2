/**
 * blessed prints terminfo parse noise ("Error on screen-256color.plab_norm …") straight to
 * process.stderr — which is the console. Run `fn` with stderr writes captured instead.
 */
export function withStderrCaptured<T>(fn: () => T): { readonly value: T; readonly noise: string } {
  const stderr = process.stderr;
  const original = stderr.write;
  let noise = '';
  const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
    noise += typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    if (callback) callback();
    return true;
  };
  stderr.write = capture as typeof stderr.write;
  try {
    return { value: fn(), noise };
  } finally {
    stderr.write = original;
  }
}
