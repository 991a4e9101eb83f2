/** Reboot or shutdown: maintenance mode (evacuate the VMs), reboot, shut down — checked, confirmed, with progress. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function rebootShutdownScreen({ session }: ScreenDeps): Screen {
  return {
    id: 'power',
    title: 'Reboot or shutdown',
    menuLabel: 'Reboot or shutdown',
    describe: () => ({
      title: 'Reboot or shutdown',
      blocks: [
        {
          kind: 'text',
          paragraphs: [
            'Enter: maintenance mode (move the running VMs to other servers and stop new ones), reboot or shut down the host.',
            'What would keep a VM from moving is checked first and said in words; nothing changes until you confirm.',
          ],
        },
      ],
    }),
    open: async (ctx) => {
      // Loaded when opened, not with the first frame.
      const { runPowerMenu } = await import('../src/app/host-power-flow.js');
      await runPowerMenu(ctx, session);
    },
    refresh: () => session.refresh(),
  };
}
