/**
 * resolv.conf(5), the parts a network test needs — pure: `nameserver` lines (an IPv6 server may carry a zone), and the
 * `search` / `domain` list (the last of them wins, as in glibc). Malformed nameserver entries are reported, not
 * dropped silently: an empty or broken resolv.conf is what xcp-ng/xcp issue 641 is about.
 */
import { canonicalAddress } from '../addressing/index.js';

export interface ResolvConf {
  /** Canonical addresses, in order; a zone kept as "fe80::1%eth0". */
  readonly nameservers: readonly string[];
  readonly search: readonly string[];
  /** Nameserver entries that are not addresses, as written. */
  readonly invalid: readonly string[];
}

export function parseResolvConf(text: string): ResolvConf {
  const nameservers: string[] = [];
  const invalid: string[] = [];
  let search: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [keyword, ...rest] = line.split(/\s+/);
    if (keyword === 'nameserver') {
      const entry = rest[0] ?? '';
      const percent = entry.indexOf('%');
      const canonical = canonicalAddress(percent < 0 ? entry : entry.slice(0, percent));
      if (canonical.ok) nameservers.push(percent < 0 ? canonical.value : `${canonical.value}${entry.slice(percent)}`);
      else invalid.push(entry);
    } else if (keyword === 'search' || keyword === 'domain') {
      search = rest.filter((d) => d !== '').map((d) => d.replace(/\.$/, ''));
    }
  }
  return { nameservers, search, invalid };
}
