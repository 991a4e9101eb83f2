/** About: the version and what the program decided about this terminal (line drawing, colours, size source). */
import type { ScreenDeps } from '../src/app/screen-deps.js';
import type { Screen } from '../src/ui/screen-contract.js';

export function aboutScreen({ version, setup }: ScreenDeps): Screen {
  const rows = [
    { key: 'Version', value: version },
    { key: 'Terminal', value: setup.terminal.recognised ? setup.terminal.name : `${setup.terminal.name} (TERM '${setup.terminal.requested}' unknown)` },
    { key: 'Line drawing', value: setup.charset === 'utf8' ? 'UTF-8' : setup.charset === 'acs' ? 'VT100 graphics (ACS)' : 'ASCII' },
    { key: 'Colours', value: setup.theme.name === 'mono' ? 'monochrome' : 'colour' },
    { key: 'Size from', value: setup.sizeSource === 'tty' ? 'the terminal driver' : setup.sizeSource === 'probe' ? 'a cursor-position probe' : 'fallback 80x24' },
  ];
  return {
    id: 'about',
    title: 'About',
    menuLabel: 'About hostconsole',
    describe: () => ({
      title: 'About hostconsole',
      blocks: [
        { kind: 'text', paragraphs: ['Console for the management addressing of this XCP-ng host.'] },
        { kind: 'key-value', rows },
      ],
    }),
    open: async (ctx) => {
      await ctx.message('About hostconsole', [`hostconsole ${version}`, 'Options: --ascii (plain line drawing), --mono (no colour; NO_COLOR also works).']);
    },
  };
}
