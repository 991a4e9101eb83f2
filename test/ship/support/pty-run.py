#!/usr/bin/env python3
"""Runs one command in an 80x24 pseudo-terminal for the ship tests (no node-pty here).

Input: one JSON argument {argv, env, cwd, until, keys, timeout_s}. Reads output until it contains every string of
`until` (bounded by timeout_s), then sends `keys` (e.g. "q") and waits for the exit (bounded). Prints JSON:
{output (latin1 text), found (bool), exit_code (int or "killed")}.
"""
import fcntl, json, os, select, struct, subprocess, sys, termios, time

spec = json.loads(sys.argv[1])
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
env = dict(os.environ)
env.update(spec.get('env', {}))

def child_setup():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

proc = subprocess.Popen(spec['argv'], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=spec.get('cwd'),
                        preexec_fn=child_setup, close_fds=True)
os.close(slave)
out = b''

def read_until(pred, deadline):
    global out
    while time.monotonic() < deadline and not pred():
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            out += chunk

until = [s.encode('latin1') for s in spec.get('until', [])]
deadline = time.monotonic() + spec.get('timeout_s', 20)
read_until(lambda: all(u in out for u in until), deadline)
found = all(u in out for u in until)
if spec.get('keys'):
    os.write(master, spec['keys'].encode('latin1'))
exit_code = None
end = time.monotonic() + 10
while time.monotonic() < end and exit_code is None:
    read_until(lambda: False, time.monotonic() + 0.1)
    exit_code = proc.poll()
if exit_code is None:
    proc.kill()
    proc.wait()
    exit_code = 'killed'
print(json.dumps({'output': out.decode('latin1'), 'found': found, 'exit_code': exit_code}))
