import type { PaneBlock, PaneContent } from '../screen-contract.js';
import { renderKeyValue } from './key-value.js';
import { renderTable } from './table.js';
import { wrapAll } from './text.js';

export function renderBlock(block: PaneBlock, width: number): string[] {
  switch (block.kind) {
    case 'text':
      return wrapAll(block.paragraphs, width);
    case 'key-value':
      return renderKeyValue(block.rows, width);
    case 'table':
      return renderTable(block.columns, block.rows, width);
  }
}

/** The body of a pane (the title is drawn separately): blocks separated by one blank line. */
export function renderPaneBody(content: PaneContent, width: number): string[] {
  const out: string[] = [];
  content.blocks.forEach((block, i) => {
    if (i > 0) out.push('');
    out.push(...renderBlock(block, width));
  });
  return out;
}
