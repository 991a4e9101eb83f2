/** Test helpers for the growing menu: select an item by its first letter, wait for words in a wrapped dialog. */
import type { ConsoleHarness } from './console-harness.js';

/** Select the menu item whose right pane is titled `pane`, pressing its first letter until it is selected. */
export async function jumpTo(h: ConsoleHarness, letter: string, pane: string): Promise<void> {
  for (let i = 0; i < 6 && !h.screenText().includes(`││ ${pane}`); i++) await h.type(letter, 'key');
  await h.waitForText(`││ ${pane}`);
}

/** Wait until `text` appears in the words of the dialog titled `title` (its lines wrap). */
export async function waitBox(h: ConsoleHarness, title: string, text: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!h.boxText(title).includes(text)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; screen:\n${h.screenText()}`);
    await h.settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Select the menu item whose right pane shows `text`, pressing `letter` until it does (other items share letters). */
export async function jumpToText(h: ConsoleHarness, letter: string, text: string): Promise<void> {
  for (let i = 0; i < 6 && !h.screenText().includes(text); i++) await h.type(letter, 'key');
  await h.waitForText(text);
}
