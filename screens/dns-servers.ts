/**
 * DNS servers: both families, in the order the backend can store (dnsOrderRule); add, delete, move up/down; works whatever the addressing mode and says when
 * DHCP or autoconf will override the list. Saving goes through the same plan path (review, apply, verify).
 */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { HostState } from '../src/model/index.js';
import { menuPane } from '../src/presentation/menu-pane.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function dnsServersScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'dns',
    title: 'DNS servers',
    menuLabel: 'DNS servers',
    // Saving changes the host: opening asks the authorizer, and the save asks again (ctx.authorize in reviewAndApply).
    changesHost: true,
    describe: () => menuPane('Enter: edit servers.', session.state(), session.readError()?.message ?? null),
    refresh: () => session.refresh(),
    open: async (ctx) => {
      // Loaded when opened, not with the first frame.
      const [{ reviewAndApply }, { canonicalAddress }, { dnsOrderRule, managementInterface, planFromManagement, validatePlan }, { dnsOverrideNote }] = await Promise.all([
        import('../src/app/review-and-apply.js'),
        import('../src/addressing/index.js'),
        import('../src/model/index.js'),
        import('../src/presentation/dns-note.js'),
      ]);
      let base: HostState | null = session.state();
      let edited: readonly string[] | null = null;
      for (;;) {
        if (base === null) {
          await ctx.message('DNS servers', [session.readError()?.message ?? 'The host has not been read yet; press F5 to try again.']);
          return;
        }
        const draft = planFromManagement(base);
        const iface = managementInterface(base);
        if (draft === null || iface === null) {
          await ctx.message('DNS servers', ['Management is disabled on this host, so there is no interface to hold DNS servers. Set up the management interface first.']);
          return;
        }
        const note = dnsOverrideNote(iface.ipv4.mode, iface.ipv6.mode);
        const start = base;
        const items = await ctx.editList({
          title: 'DNS servers',
          intro: [dnsOrderRule(session.capabilities), ...(note === null ? [] : [note])],
          items: edited ?? start.dns,
          emptyText: '(none: a adds a server)',
          addTitle: 'Add a DNS server',
          addLabel: 'DNS server',
          validateAdd: (text, next) => {
            if (text === '') return 'Enter an IPv4 or IPv6 address, e.g. 192.0.2.53 or 2001:db8::53.';
            const { errors } = validatePlan({ ...draft, dns: next.join(', ') }, start, session.capabilities);
            return errors.find((e) => e.field === 'dns')?.message ?? null;
          },
          normalise: (text) => {
            const canonical = canonicalAddress(text);
            return canonical.ok ? canonical.value : text;
          },
        });
        if (items === null) return;
        if (items.join(' ') === start.dns.join(' ')) {
          await ctx.message('DNS servers', ['The list is unchanged; nothing is sent.']);
          return;
        }
        const outcome = await reviewAndApply(ctx, session, { ...draft, dns: items.join(', ') }, start, 'DNS servers');
        if (outcome.kind === 'reload') {
          base = outcome.state;
          edited = null;
          continue;
        }
        if (outcome.kind === 'back') {
          edited = items;
          continue;
        }
        return;
      }
    },
  };
}
