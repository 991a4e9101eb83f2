// Replays a pty recording (bench/pty-driver.py `raw_chunks`) into a headless xterm, chunk by chunk, and tells when
// a text first stood on the screen — what a person sees, whatever cursor movements drew it.
import xtermHeadless from '@xterm/headless';

const { Terminal } = xtermHeadless;

function screenText(term) {
  const lines = [];
  const buffer = term.buffer.active;
  for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
  return lines.join('\n');
}

/** ms (since the process started) of the first chunk after which `text` is on screen, or null. */
export async function timeOnScreen(raw, text, { cols = 80, rows = 24 } = {}) {
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  try {
    for (const [ms, chunk] of raw) {
      await new Promise((resolve) => term.write(Buffer.from(chunk, 'latin1'), resolve));
      if (screenText(term).includes(text)) return ms;
    }
    return null;
  } finally {
    term.dispose();
  }
}
