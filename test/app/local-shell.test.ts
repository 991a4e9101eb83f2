/** Which shell the local command shell runs: $SHELL, the login shell in /etc/passwd, /bin/bash, /bin/sh. */
import { expect } from 'chai';
import { chooseShell, loginShellOf, shellEnvironment } from '../../src/app/local-shell.js';

const PASSWD = ['root:x:0:0:root:/root:/bin/zsh', 'daemon:x:1:1::/:/usr/sbin/nologin', 'admin:x:1000:1000::/home/admin:/bin/fish'].join('\n');

describe('app: local command shell — the shell chosen', () => {
  const all = (): boolean => true;
  it('$SHELL first', () => {
    expect(chooseShell({ env: { SHELL: '/bin/ksh' }, uid: 0, passwd: () => PASSWD, executable: all })).to.equal('/bin/ksh');
  });
  it('else the login shell of this user in /etc/passwd', () => {
    expect(loginShellOf(PASSWD, 1000)).to.equal('/bin/fish');
    expect(chooseShell({ env: {}, uid: 0, passwd: () => PASSWD, executable: all })).to.equal('/bin/zsh');
  });
  it('skips what is missing, not executable, relative, nologin or false; then /bin/bash, then /bin/sh', () => {
    const only = (ok: string[]) => (p: string) => ok.includes(p);
    expect(chooseShell({ env: { SHELL: '/bin/missing' }, uid: 0, passwd: () => PASSWD, executable: only(['/bin/bash', '/bin/sh']) })).to.equal('/bin/bash');
    expect(chooseShell({ env: { SHELL: 'zsh' }, uid: 1, passwd: () => PASSWD, executable: only(['/bin/sh', '/usr/sbin/nologin']) })).to.equal('/bin/sh');
    expect(chooseShell({ env: { SHELL: '/bin/false' }, uid: 5, passwd: () => '', executable: only(['/bin/false']) })).to.equal(null);
  });

  it('the environment: HOME, USER, LOGNAME from /etc/passwd when missing (a unit on tty1), kept when set; SHELL is the shell run', () => {
    expect(shellEnvironment({ PATH: '/usr/bin', TERM: 'linux' }, '/bin/zsh', { uid: 0, passwd: () => PASSWD })).to.deep.equal({
      PATH: '/usr/bin',
      TERM: 'linux',
      SHELL: '/bin/zsh',
      HOME: '/root',
      USER: 'root',
      LOGNAME: 'root',
    });
    expect(shellEnvironment({ HOME: '/tmp/h', USER: 'x', LOGNAME: 'x' }, '/bin/sh', { uid: 0, passwd: () => PASSWD })).to.include({ HOME: '/tmp/h', USER: 'x', SHELL: '/bin/sh' });
  });
});
