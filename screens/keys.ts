/** Keys: the key reference (every command of the key table), the same list as docs/keys.md. */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import { KEY_COMMANDS, keyLabel } from '../src/ui/keys/commands.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function keysScreen(_deps: ScreenDeps): Screen {
  return {
    id: 'keys',
    title: 'Keys',
    menuLabel: 'Keys',
    describe: () => ({
      title: 'Keys',
      blocks: [{ kind: 'text', paragraphs: ['The footer lists the keys that work where you are. Open this item for the full list.'] }],
    }),
    open: async (ctx) => {
      await ctx.view({
        title: 'Keys',
        blocks: [{ kind: 'table', columns: ['Keys', 'Action'], rows: KEY_COMMANDS.map((c) => [c.keys.map(keyLabel).join(', '), c.description]) }],
      });
    },
  };
}
