import type { ChartBlock, PaneBlock, PaneContent } from '../screen-contract.js';
import { chartLines } from './chart-lines.js';
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
    case 'chart':
      return chartLines(block, width);
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

/** A chart block and the body line its text form starts on (renderPaneBody's numbering). */
export interface ChartPlacement {
  readonly line: number;
  readonly block: ChartBlock;
}

/** Where renderPaneBody puts the chart blocks of this content at this width. */
export function chartPlacements(content: PaneContent, width: number): ChartPlacement[] {
  const out: ChartPlacement[] = [];
  let line = 0;
  content.blocks.forEach((block, i) => {
    if (i > 0) line += 1;
    if (block.kind === 'chart') out.push({ line, block });
    line += renderBlock(block, width).length;
  });
  return out;
}
