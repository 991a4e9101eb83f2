/**
 * The datamodel the simulator is checked against: ../shared/xapi's subset, plus the classes and host calls it lacks
 * (datamodel-extra.json, extracted from the same xen-api commit; its _source says from where).
 */
export interface SourceField { name: string; type: string; qualifier: string }
export interface SourceMessage { name: string; params: { type: string; name: string }[]; result: string[]; implicit?: boolean }
export interface SourceEnum { name: string; values: (string | { name: string })[] }
export interface SourceClass { name: string; fields: SourceField[]; messages: SourceMessage[]; enums: SourceEnum[] }

export interface ExtraDatamodel {
  readonly classes: SourceClass[];
  /** Fields and messages added to classes of the subset (host: the SSH calls of API 25.13–25.27). */
  readonly additions: SourceClass[];
}

/** The shared subset, the extra classes, and the extra fields and messages of existing classes. */
export function mergeDatamodel(subset: readonly SourceClass[], extra: ExtraDatamodel): SourceClass[] {
  const merged = [...subset, ...extra.classes].map((c) => ({ ...c, fields: [...c.fields], messages: [...c.messages], enums: [...c.enums] }));
  for (const add of extra.additions) {
    const cls = merged.find((c) => c.name === add.name);
    if (cls === undefined) throw new Error(`datamodel-extra adds to ${add.name}, which is not in the datamodel`);
    cls.fields.push(...add.fields.filter((f) => !cls.fields.some((g) => g.name === f.name)));
    cls.messages.push(...add.messages.filter((m) => !cls.messages.some((n) => n.name === m.name)));
  }
  return merged;
}
