import { expect } from 'chai';
import { openBackend } from '../../../src/backends/select-backend.js';
import { backendChoice, BACKEND_OPTIONS } from '../../../src/cli/backend-options.js';
import { parseOptions } from '../../../src/cli/options.js';

function choice(args: string[]) {
  const parsed = parseOptions(args, BACKEND_OPTIONS);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return backendChoice(parsed.value);
}

describe('networkmanager: backend selection (--nm, --bus, auto-detection)', () => {
  it('--nm alone uses the system bus; --bus gives the address', () => {
    expect(choice(['--nm'])).to.deep.equal({ ok: true, value: { kind: 'nm', bus: null } });
    expect(choice(['--nm', '--bus', 'unix:path=/tmp/x'])).to.deep.equal({ ok: true, value: { kind: 'nm', bus: 'unix:path=/tmp/x' } });
  });

  it('refuses --bus without --nm, --nm with another backend, a bus that is not an address, and xapi-only options', () => {
    for (const args of [['--bus', 'unix:path=/x'], ['--nm', '--simulate'], ['--nm', '--xapi', 'unix:/x'], ['--nm', '--bus', '/tmp/x'], ['--nm', '--user', 'root']]) {
      const r = choice(args);
      expect(r.ok, args.join(' ')).to.equal(false);
    }
  });

  it('--nm on a bus that does not exist fails with a sentence naming it', async () => {
    const r = await openBackend({ kind: 'nm', bus: 'unix:path=/nonexistent/hc-bus' }, {});
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.error.code).to.equal('connection-refused');
      expect(r.error.message).to.contain('/nonexistent/hc-bus');
    }
  });

  it('with no option, no xapi socket and no NetworkManager, says what it tried (never the simulator unasked)', async () => {
    const r = await openBackend({ kind: 'auto' }, { HOSTCONSOLE_XAPI_SOCKET: '/nonexistent/xapi', DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/hc-bus' });
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.error.code).to.equal('no-backend');
      expect(r.error.message).to.contain('no xapi socket at /nonexistent/xapi');
      expect(r.error.message).to.contain('NetworkManager does not answer');
      expect(r.error.message).to.contain('--nm');
      expect(r.error.message).to.contain('--simulate');
    }
  });
});
