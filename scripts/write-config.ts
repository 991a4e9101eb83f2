// Regenerates assets/hostconsole.conf from the verbs' options: `npx tsx scripts/write-config.ts`.
// test/ship/default-config.test.ts fails when the file and the verbs disagree.
import { writeFileSync } from 'node:fs';
import { renderDefaultConfig } from '../src/cli/config.js';
import { verbs } from '../src/cli/verbs/index.js';

const loaded = await Promise.all(verbs.map((v) => v.load()));
const target = new URL('../assets/hostconsole.conf', import.meta.url);
writeFileSync(target, renderDefaultConfig(loaded.flatMap((v) => (v.options === undefined ? [] : [{ name: v.name, options: v.options }]))));
process.stdout.write(`wrote ${target.pathname}\n`);
