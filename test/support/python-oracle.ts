/**
 * An independent oracle for the addressing core: Python 3's `ipaddress` module. One python3 process per batch:
 * the queries go in as a JSON list on stdin, the answers come back as a JSON list on stdout, in order.
 * python3 missing is an error, never a skip (CI installs it).
 */
import { spawnSync } from 'node:child_process';

export type OracleKind = 'address' | 'interface' | 'netmask';

export interface OracleQuery {
  readonly kind: OracleKind;
  readonly text: string;
}

export interface OracleAnswer {
  readonly valid: boolean;
  /** address: str(ip_address(t)); interface: str(ip_interface(t)); netmask: the prefix length as text. */
  readonly canonical: string | null;
  /** 4 or 6 for address/interface answers. */
  readonly version: number | null;
}

const SCRIPT = String.raw`
import ipaddress, json, sys
out = []
for q in json.load(sys.stdin):
    kind, text = q["kind"], q["text"]
    try:
        if kind == "address":
            a = ipaddress.ip_address(text)
            out.append({"valid": True, "canonical": str(a), "version": a.version})
        elif kind == "interface":
            i = ipaddress.ip_interface(text)
            out.append({"valid": True, "canonical": str(i), "version": i.version})
        elif kind == "netmask":
            n = ipaddress.IPv4Network("0.0.0.0/" + text)
            out.append({"valid": True, "canonical": str(n.prefixlen), "version": 4})
        else:
            raise SystemExit("unknown kind " + kind)
    except ValueError:
        out.append({"valid": False, "canonical": None, "version": None})
json.dump(out, sys.stdout)
`;

export function pythonCommand(): string {
  return process.env['PYTHON3'] ?? 'python3';
}

/** Asks python3 about every query in ONE process. Throws (loudly) when python3 is missing or fails. */
export function askPython(queries: readonly OracleQuery[]): OracleAnswer[] {
  const result = spawnSync(pythonCommand(), ['-c', SCRIPT], {
    input: JSON.stringify(queries),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error !== undefined) {
    throw new Error(`the differential test needs python3 (${pythonCommand()}): ${result.error.message}. Install python3; this test never skips.`);
  }
  if (result.status !== 0) throw new Error(`python3 oracle failed (exit ${result.status}): ${result.stderr}`);
  const answers = JSON.parse(result.stdout) as OracleAnswer[];
  if (!Array.isArray(answers) || answers.length !== queries.length) {
    throw new Error(`python3 oracle answered ${Array.isArray(answers) ? answers.length : 'garbage'} for ${queries.length} queries`);
  }
  return answers;
}

/** The python3 version string, for reports ("Python 3.11.7"). */
export function pythonVersion(): string {
  const r = spawnSync(pythonCommand(), ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined) throw new Error(`python3 is missing: ${r.error.message}`);
  return (r.stdout || r.stderr).trim();
}
