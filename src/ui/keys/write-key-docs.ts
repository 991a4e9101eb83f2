// Regenerates docs/keys.md from the key commands: `npx tsx src/ui/keys/write-key-docs.ts`.
import { writeFileSync } from 'node:fs';
import { renderKeyTableMarkdown } from './key-table.js';

const target = new URL('../../../docs/keys.md', import.meta.url);
writeFileSync(target, renderKeyTableMarkdown());
process.stdout.write(`wrote ${target.pathname}\n`);
