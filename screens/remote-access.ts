/** Remote access: SSH on/off and its timeouts (xapi where the host has the calls, else systemctl), SSH addresses. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { SshAddress } from '../src/presentation/ssh-addresses.js';
import type { HostState } from '../src/model/host-state.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function remoteAccessScreen({ session }: ScreenDeps): Screen {
  // The addresses' code (the address parser underneath) loads behind the first frame, as the host summary's does.
  let sshAddresses: ((state: HostState | null) => SshAddress[]) | null = null;
  void import('../src/presentation/ssh-addresses.js').then((m) => (sshAddresses = m.sshAddresses));
  return {
    id: 'remote-access',
    title: 'Remote access',
    menuLabel: 'Remote access (SSH)',
    describe: () => {
      const addresses = sshAddresses?.(session.state()) ?? [];
      return {
        title: 'Remote access (SSH)',
        blocks: [
          { kind: 'text', paragraphs: ['Enter: turn SSH on or off, and set when it turns itself off and when idle console sessions end.'] },
          ...(addresses.length > 0 ? [{ kind: 'key-value' as const, rows: addresses.map((a) => ({ key: a.family, value: a.url })) }] : []),
        ],
      };
    },
    open: async (ctx) => {
      const { runRemoteAccess } = await import('../src/app/remote-access-flow.js');
      await runRemoteAccess(ctx, session);
    },
    refresh: () => session.refresh(),
  };
}
