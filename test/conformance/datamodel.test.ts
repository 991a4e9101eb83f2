/**
 * Conformance against xapi's own datamodel and error table (../shared/xapi/ beside the repository):
 * every message the simulator implements, every field of every record it serves, every enum value it
 * stores, every error code it can raise.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildScenario } from '../../src/backends/simulator/build-scenario.js';
import { CLASS_NAMES, classDef, parseType, type TypeExpr } from '../../src/backends/simulator/datamodel.js';
import { NTP_HOST_MESSAGES } from '../../src/backends/simulator/datamodel-ntp.js';
import { ARITY_EXCEPTIONS, RAISED_ERRORS, xapiError, type RaisedCode } from '../../src/backends/simulator/errors.js';
import { IMPLEMENTATIONS, listMethods } from '../../src/backends/simulator/registry.js';
import { findScenario, listScenarios } from '../../src/backends/simulator/scenarios.js';
import type { JsonValue } from '../../src/backends/simulator/values.js';
import { mergeDatamodel, type ExtraDatamodel } from '../../src/backends/simulator/tools/merge-datamodel.js';

const repo = resolve(import.meta.dirname, '../..');
const shared = resolve(repo, '../shared/xapi');

interface SharedClass {
  name: string;
  fields: { name: string; type: string; qualifier: string }[];
  messages: { name: string; params: { type: string; name: string }[]; result: string[] }[];
  enums: { name: string; values: (string | { name: string })[] }[];
}

// The shared subset plus the classes and host SSH calls it lacks, extracted from the same xen-api commit.
const classes = mergeDatamodel(
  JSON.parse(readFileSync(join(shared, 'xenapi-datamodel-subset.json'), 'utf8')) as SharedClass[],
  JSON.parse(readFileSync(join(repo, 'src/backends/simulator/datamodel-extra.json'), 'utf8')) as ExtraDatamodel,
) as SharedClass[];
const errors = JSON.parse(readFileSync(join(shared, 'xenapi-errors.json'), 'utf8')) as Record<string, { params: string[] }>;
const enums = new Map<string, string[]>(classes.flatMap((c) => c.enums.map((e) => [e.name, e.values.map((v) => (typeof v === 'string' ? v : v.name))] as const)));

function sharedMessage(method: string) {
  const [cls, msg] = method.split('.');
  return classes.find((c) => c.name === cls)?.messages.find((m) => m.name === msg);
}

/** Every enum value in `value` (of datamodel type `type`) belongs to the enum. */
function checkEnums(value: JsonValue | undefined, type: TypeExpr, where: string): void {
  if (type.kind === 'enum') {
    expect(enums.get(type.name), `${where}: enum ${type.name}`).to.include(value);
  } else if (type.kind === 'set' && Array.isArray(value)) {
    value.forEach((v: JsonValue) => checkEnums(v, type.of, where));
  } else if (type.kind === 'map' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const v of Object.values(value)) checkEnums(v, type.value, where);
  }
}

describe('conformance: the simulator against xapi\'s datamodel', () => {
  it('serves the host NTP API (xapi 26.0.0) exactly as ocaml/idl/datamodel_host.ml declares it (datamodel-ntp.ts)', () => {
    for (const [name, m] of Object.entries(NTP_HOST_MESSAGES)) {
      expect(IMPLEMENTATIONS.has(`host.${name}`), name).to.equal(true);
      const def = classDef('host').messages.get(name);
      expect(def?.params, name).to.deep.equal(m.params);
      expect(def?.result, name).to.equal(m.result);
    }
    expect(errors['INVALID_NTP_CONFIG']?.params).to.deep.equal(['reason']);
  });

  it('implements only messages of the datamodel, with its arity, parameter types and result type', () => {
    expect(IMPLEMENTATIONS.size).to.be.greaterThan(300);
    const generated = JSON.parse(readFileSync(join(repo, 'src/backends/simulator/datamodel.json'), 'utf8')) as {
      classes: Record<string, { messages: Record<string, { params: [string, string][]; result: string }> }>;
    };
    for (const method of IMPLEMENTATIONS.keys()) {
      // xapi 26.0.0's host NTP API is newer than the shared subset: checked against datamodel_host.ml's table.
      if (method.startsWith('host.') && Object.hasOwn(NTP_HOST_MESSAGES, method.slice(5))) continue;
      const shared = sharedMessage(method);
      expect(shared, method).to.not.equal(undefined);
      const [cls, msg] = method.split('.');
      const mine = generated.classes[cls ?? '']?.messages[msg ?? ''];
      expect(mine?.params, method).to.deep.equal(shared?.params.map((p) => [p.type, p.name]));
      expect(mine?.result, method).to.equal(shared?.result[0]);
    }
  });

  it('lists exactly what it implements in system.listMethods', () => {
    expect(listMethods()).to.deep.equal([...IMPLEMENTATIONS.keys()].sort());
  });

  it('implements the calls the issue names', () => {
    const needed = [
      'session.login_with_password', 'session.logout', 'session.get_this_host',
      'PIF.reconfigure_ip', 'PIF.reconfigure_ipv6', 'PIF.set_primary_address_type', 'PIF.plug', 'PIF.unplug', 'PIF.get_all_records',
      'host.management_reconfigure', 'host.management_disable', 'host.set_hostname_live', 'host.get_management_interface',
      'pool.management_reconfigure', 'event.from', 'event.inject', 'task.get_record', 'SR.get_all_records', 'PBD.get_all_records',
      'host_metrics.get_all_records', 'PIF_metrics.get_all_records', 'network.get_all_records', 'Bond.get_all_records', 'VLAN.get_all_records',
      'pool.get_all', 'PIF.get_by_uuid', 'PIF.get_IPv6', 'PIF.set_other_config', 'PIF.add_to_other_config',
    ];
    expect(listMethods()).to.include.members(needed);
  });

  for (const name of listScenarios()) {
    it(`scenario ${name}: every record has exactly the datamodel's fields, enum values from the datamodel`, () => {
      const scenario = findScenario(name);
      if (scenario === undefined) throw new Error(name);
      const { db } = buildScenario(scenario);
      for (const cls of CLASS_NAMES) {
        const def = classes.find((c) => c.name === cls);
        for (const [ref, record] of db.allRecords(cls)) {
          expect(ref).to.match(/^OpaqueRef:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
          expect(Object.keys(record).sort(), `${cls} fields`).to.deep.equal(def?.fields.map((f) => f.name).sort());
          for (const f of def?.fields ?? []) checkEnums(record[f.name], parseType(f.type), `${name} ${cls}.${f.name}`);
        }
      }
    });
  }

  it('raises only error codes xapi declares, with the declared number of parameters (exceptions listed)', () => {
    for (const [code, count] of Object.entries(RAISED_ERRORS)) {
      expect(errors, code).to.have.property(code);
      const declared = errors[code]?.params.length;
      if (Object.hasOwn(ARITY_EXCEPTIONS, code)) expect(count, `${code} is a listed exception`).to.not.equal(declared);
      else expect(count, `${code} arity`).to.equal(declared);
    }
    expect(RAISED_ERRORS.SESSION_AUTHENTICATION_FAILED).to.equal(2);
  });

  it('the raise function refuses a wrong parameter count', () => {
    const raise = xapiError as (code: RaisedCode, ...params: string[]) => unknown;
    expect(() => raise('HANDLE_INVALID', 'PIF')).to.throw('HANDLE_INVALID raised with 1 parameters');
    expect(raise('HANDLE_INVALID', 'PIF', 'OpaqueRef:x')).to.deep.equal({ ok: false, error: { code: 'HANDLE_INVALID', params: ['PIF', 'OpaqueRef:x'] } });
  });

  it('builds errors nowhere but errors.ts (so the table above is complete)', () => {
    const root = join(repo, 'src/backends/simulator');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    for (const file of files) {
      if (file.endsWith('/errors.ts')) continue;
      const text = readFileSync(file, 'utf8');
      expect(/\bcode: '[A-Z_]+'/.test(text), `${file} builds an error by hand`).to.equal(false);
      for (const m of text.matchAll(/xapiError\('([A-Z_]+)'/g)) expect(RAISED_ERRORS, file).to.have.property(m[1] ?? '');
    }
  });

  it('the derived datamodel.json matches the shared datamodel for every served class', () => {
    const generated = JSON.parse(readFileSync(join(repo, 'src/backends/simulator/datamodel.json'), 'utf8')) as {
      classes: Record<string, { fields: [string, string, string][] }>;
      enums: Record<string, string[]>;
    };
    for (const cls of CLASS_NAMES) {
      const def = classes.find((c) => c.name === cls);
      expect(generated.classes[cls]?.fields, cls).to.deep.equal(def?.fields.map((f) => [f.name, f.type, f.qualifier]));
    }
    for (const [name, values] of Object.entries(generated.enums)) expect(values, name).to.deep.equal(enums.get(name));
  });
});
