/**
 * `chronyc sources` output → each source with its state. Takes the CSV form (`chronyc -c -n sources`, what xapi's
 * NTP API parses: ocaml/xapi/xapi_host_ntp.ml) and the human one (`chronyc -n sources`): mode `^` server, `=` peer,
 * `#` reference clock; state `*` synced (selected), `+` combined, `-` not combined, `x` maybe in error, `~` too
 * variable, `?` unreachable. Peers and reference clocks are not NTP servers and are left out, as xapi does. Pure.
 * Samples: test/fixtures/chrony/.
 */
import type { NtpSource, NtpSourceState } from '../../model/ntp.js';

const STATES: Readonly<Record<string, NtpSourceState>> = { '*': 'synced', '+': 'combined', '-': 'uncombined', x: 'error', '~': 'variable', '?': 'unreachable' };

function stateOf(symbol: string): NtpSourceState {
  return STATES[symbol] ?? 'unknown';
}

export function parseChronycSources(output: string): NtpSource[] {
  const out: NtpSource[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    const csv = line.split(',');
    if (csv.length >= 3 && csv[0] === '^') {
      out.push({ server: csv[2] ?? '', state: stateOf(csv[1] ?? '') });
      continue;
    }
    // "^* 2001:db8::123   8   0   377   1   +1284ns[+6414ns] +/- 9988ns"
    const m = /^\^(.)\s+(\S+)(\s|$)/.exec(line);
    if (m !== null) out.push({ server: m[2] ?? '', state: stateOf(m[1] ?? '') });
  }
  return out;
}
