#!/usr/bin/env python3
"""Pseudo-terminal driver for bench/run.js (no node-pty here).

Runs one command in a pty of the given size, waits for the first frame (output quiet for
`quiet_ms`; first_paint_ms: the end of the first burst of output), then sends each key of the script and
records the bytes each one produced (until the output is quiet: `quiet_ms`, per step or for all), then reads the child's RSS, sends the quit key and waits for it to exit. Prints one JSON object.
"""
import fcntl, json, os, select, signal, struct, subprocess, sys, termios, time

spec = json.loads(sys.argv[1])
cols, rows = spec.get('cols', 80), spec.get('rows', 24)
quiet = spec.get('quiet_ms', 200) / 1000.0

master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
env = dict(os.environ)
env.update(spec.get('env', {}))

def child_setup():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

start = time.monotonic()
proc = subprocess.Popen(spec['argv'], stdin=slave, stdout=slave, stderr=slave, env=env,
                        cwd=spec.get('cwd'), preexec_fn=child_setup, close_fds=True)
os.close(slave)

def drain(deadline_s, chunks=None, until=None, quiet_s=None):
    """Read until the output has been quiet for `quiet` (or `quiet_s`, or the deadline); return (bytes, last_byte_time).
    With `chunks`, append (ms since start, bytes) for each read; with `until` (bytes), go on reading until the
    output holds it (then until quiet)."""
    total, last = b'', None
    hard = time.monotonic() + deadline_s
    wait = quiet if quiet_s is None else quiet_s
    while time.monotonic() < hard:
        ready, _, _ = select.select([master], [], [], wait)
        if not ready:
            if total and (until is None or until in total):
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        total += chunk
        last = time.monotonic()
        if chunks is not None:
            chunks.append((round((last - start) * 1000, 1), len(chunk)))
    return total, last

chunks = []
# ready_text: the first frame is complete once the output holds it (a console that draws its frame at once and
# fills in the host later: the host's data).
ready_text = spec.get('ready_text')
first, last = drain(10.0, chunks, ready_text.encode('latin1') if ready_text else None)
# The first burst: output until a gap of BURST_GAP_MS (the frame as first drawn; a console that fills in the host
# when it has read it draws again later, and first_frame_ms above includes that).
BURST_GAP_MS = 50
paint_ms, paint_bytes = None, 0
for i, (ms, n) in enumerate(chunks):
    if i > 0 and ms - chunks[i - 1][0] >= BURST_GAP_MS:
        break
    paint_ms, paint_bytes = ms, paint_bytes + n
result = {'first_frame_bytes': len(first), 'first_frame_ms': round((last - start) * 1000, 1) if last else None, 'steps': [],
          'first_chunks': chunks, 'first_paint_ms': paint_ms, 'first_paint_bytes': paint_bytes,
          **({'first_out': first.decode('latin1')} if spec.get('dump') else {})}

for step in spec.get('script', []):
    os.write(master, step['send'].encode('latin1'))
    # A step may wait longer for quiet (`quiet_ms`: output that comes in bursts, e.g. Test network's rows).
    out, _ = drain(step.get('deadline_s', 5.0), None, None, step['quiet_ms'] / 1000.0 if 'quiet_ms' in step else None)
    result['steps'].append({'name': step['name'], 'bytes': len(out), **({'out': out.decode('latin1')} if spec.get('dump') else {})})

try:
    with open('/proc/%d/status' % proc.pid) as f:
        for line in f:
            if line.startswith(('VmRSS:', 'VmHWM:')):
                key, value = line.split(':', 1)
                result[key] = int(value.split()[0])  # kB
except OSError:
    pass

os.write(master, spec.get('quit', 'q').encode('latin1'))
tail, _ = drain(3.0)
result['exit_bytes'] = len(tail)
result['exit_tail'] = tail[-40:].decode('latin1')
try:
    result['exit_code'] = proc.wait(timeout=5)
except subprocess.TimeoutExpired:
    proc.send_signal(signal.SIGKILL)
    result['exit_code'] = 'killed'
os.close(master)
print(json.dumps(result))
