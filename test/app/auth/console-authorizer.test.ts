import { expect } from 'chai';
import { AuthSession } from '../../../src/app/auth/auth-session.js';
import { consoleAuthorizer, LOGIN_REFUSED } from '../../../src/app/auth/console-authorizer.js';
import type { PasswordChecker } from '../../../src/app/auth/password-checker.js';
import type { AuthorizerUi } from '../../../src/ui/authorizer.js';
import type { FormSpec, FormValues } from '../../../src/ui/state/form-state.js';

const accounts: Record<string, string> = { root: 'r00t-pw', alice: 'alice-pw' };
const checker: PasswordChecker = {
  mechanism: 'test',
  verify: async (user, password) => (accounts[user] === password ? { kind: 'accepted' } : { kind: 'rejected' }),
  change: async () => ({ kind: 'changed' }),
};

/** A UI that answers each form with the next prepared values (null: Esc) and records what it showed. */
function scriptedUi(answers: (FormValues | null)[]): AuthorizerUi & { forms: FormSpec[]; messages: string[] } {
  const forms: FormSpec[] = [];
  const messages: string[] = [];
  return {
    forms,
    messages,
    form: async (spec: FormSpec) => {
      forms.push(spec);
      return answers.shift() ?? null;
    },
    message: async (_title: string, paragraphs: readonly string[]) => {
      messages.push(paragraphs.join(' '));
    },
    progress: () => ({ update: () => undefined, close: () => undefined }),
    // The authorizer uses only form, message and progress of the shell's dialogs.
  } as unknown as AuthorizerUi & { forms: FormSpec[]; messages: string[] };
}

describe('app/auth/console-authorizer', () => {
  it('root only: asks for the password alone (a secret field), retries after the generic refusal, Esc gives up', async () => {
    const auth = new AuthSession({ failureDelayMs: 0 });
    auth.attach(checker, null);
    const ui = scriptedUi([{ password: 'typo' }, null]);
    expect(await consoleAuthorizer(auth).authorize({ what: 'change the hostname', screenId: null }, ui)).to.equal(false);
    expect(ui.forms[0]?.fields.map((f) => [f.id, f.kind === 'text' && f.secret === true])).to.deep.equal([['password', true]]);
    expect(ui.messages).to.deep.equal([LOGIN_REFUSED]);
    const again = scriptedUi([{ password: 'r00t-pw' }]);
    expect(await consoleAuthorizer(auth).authorize({ what: 'change the hostname', screenId: null }, again)).to.equal(true);
    // Logged in: no dialog at all.
    const none = scriptedUi([]);
    expect(await consoleAuthorizer(auth).authorize({ what: 'change DNS', screenId: null }, none)).to.equal(true);
    expect(none.forms).to.deep.equal([]);
  });

  it('with other users allowed: a User field (prefilled with the first) before the password', async () => {
    const auth = new AuthSession({ users: ['alice', 'root'], failureDelayMs: 0 });
    auth.attach(checker, null);
    const ui = scriptedUi([{ user: 'alice', password: 'alice-pw' }]);
    expect(await consoleAuthorizer(auth).authorize({ what: 'change DNS', screenId: null }, ui)).to.equal(true);
    expect(ui.forms[0]?.fields.map((f) => f.id)).to.deep.equal(['user', 'password']);
    expect(auth.user()).to.equal('alice');
  });
});
