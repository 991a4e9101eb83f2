/**
 * Derives src/backends/simulator/datamodel.json from xapi's datamodel subset and error table
 * (../shared/xapi/ beside the repository). The simulator reads only the derived file at run time.
 *
 *   npx tsx src/backends/simulator/tools/generate-datamodel.ts [SHARED_XAPI_DIR]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeDatamodel } from './merge-datamodel.js';

import type { SourceClass } from './merge-datamodel.js';

/** The classes the simulator serves (the last four from datamodel-extra.json). */
const CLASSES = ['session', 'task', 'event', 'pool', 'host', 'host_metrics', 'network', 'PIF', 'PIF_metrics', 'Bond', 'VLAN', 'SR', 'PBD', 'VM', 'VM_metrics', 'VM_guest_metrics', 'host_cpu'];

const here = dirname(fileURLToPath(import.meta.url));

const sharedDir = resolve(process.argv[2] ?? join(here, '../../../../../shared/xapi'));
const subset = JSON.parse(readFileSync(join(sharedDir, 'xenapi-datamodel-subset.json'), 'utf8')) as SourceClass[];
// Classes and host calls beyond the shared subset, extracted from the same xen-api commit (see its _source).
const extra = JSON.parse(readFileSync(join(here, '..', 'datamodel-extra.json'), 'utf8')) as { classes: SourceClass[]; additions: SourceClass[] };
const classes = mergeDatamodel(subset, extra);
const errors = JSON.parse(readFileSync(join(sharedDir, 'xenapi-errors.json'), 'utf8')) as Record<string, { params: string[] }>;

const out: {
  classes: Record<string, { fields: [string, string, string][]; messages: Record<string, { params: [string, string][]; result: string; implicit: boolean }> }>;
  enums: Record<string, string[]>;
  errors: Record<string, string[]>;
} = { classes: {}, enums: {}, errors: {} };

for (const name of CLASSES) {
  const cls = classes.find((c) => c.name === name);
  if (cls === undefined) throw new Error(`class ${name} missing from the datamodel`);
  const messages: Record<string, { params: [string, string][]; result: string; implicit: boolean }> = {};
  for (const m of cls.messages) {
    messages[m.name] = { params: m.params.map((p) => [p.type, p.name]), result: m.result[0] ?? 'void', implicit: m.implicit === true };
  }
  out.classes[name] = { fields: cls.fields.map((f) => [f.name, f.type, f.qualifier]), messages };
  for (const e of cls.enums) out.enums[e.name] = e.values.map((v) => (typeof v === 'string' ? v : v.name));
}
for (const [code, e] of Object.entries(errors).sort(([a], [b]) => a.localeCompare(b))) out.errors[code] = e.params;

const target = join(here, '..', 'datamodel.json');
writeFileSync(target, JSON.stringify(out) + '\n');
process.stdout.write(`wrote ${target}\n`);
