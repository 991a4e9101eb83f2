/**
 * chrony's configuration file (chrony.conf(5)) as far as time sources go: the `server NAME [options]` and
 * `pool NAME [options]` directives. Reading lists them; writing replaces every one of them with `server X iburst`
 * lines for the given servers, placed where the first source line was, and keeps every other line (comments,
 * driftfile, makestep, sourcedir, confdir, …) byte for byte. Pure.
 */

export interface ChronySource {
  readonly kind: 'server' | 'pool';
  /** As written: an address or a name (an IPv6 literal without brackets, as chrony takes it). */
  readonly host: string;
  /** The options after it ("iburst", "maxpoll 10", …). */
  readonly options: readonly string[];
}

const SOURCE = /^\s*(server|pool)\s+(\S+)(.*)$/;

function sourceOf(line: string): ChronySource | null {
  const m = SOURCE.exec(line);
  if (m === null) return null;
  const options = (m[3] ?? '').replace(/[#!;%].*$/, '').trim();
  return { kind: m[1] as 'server' | 'pool', host: m[2] ?? '', options: options === '' ? [] : options.split(/\s+/) };
}

/** The `server` and `pool` directives, in order (commented-out ones are not sources). */
export function chronySources(text: string): ChronySource[] {
  return text.split('\n').flatMap((l) => {
    const s = sourceOf(l);
    return s === null ? [] : [s];
  });
}

/** The configuration with exactly `servers` as its sources (`server X iburst`), every other line kept. */
export function withChronyServers(text: string, servers: readonly string[]): string {
  const lines = text.split('\n');
  const trailingNewline = text.endsWith('\n');
  if (trailingNewline) lines.pop();
  const first = lines.findIndex((l) => sourceOf(l) !== null);
  const kept = lines.filter((l) => sourceOf(l) === null);
  const fresh = servers.map((s) => `server ${s} iburst`);
  const at = first < 0 ? kept.length : first;
  const out = [...kept.slice(0, at), ...fresh, ...kept.slice(at)];
  return out.join('\n') + (out.length > 0 ? '\n' : '');
}
