#!/usr/bin/env python3
"""Pseudo-terminal driver for bench/run.js (no node-pty here).

Runs one command in a pty of the given size, waits for the first frame (output quiet for
`quiet_ms`; first_paint_ms: the end of the first burst of output), then sends each key of the script and
records the bytes each one produced, then reads the child's RSS, sends the quit key and waits for it to exit. Prints one JSON object.

Options for bench/startup.js: `until_text` reads until the output, stripped of escape sequences, holds the text (then
until quiet); `raw_chunks` adds every chunk of the first frame with its time (latin1), for replaying into a terminal
emulator; `start_epoch_ms` in the result is the wall-clock time the child was started (to line up other logs).
"""
import re
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
start_epoch_ms = time.time() * 1000
proc = subprocess.Popen(spec['argv'], stdin=slave, stdout=slave, stderr=slave, env=env,
                        cwd=spec.get('cwd'), preexec_fn=child_setup, close_fds=True)
os.close(slave)

ESCAPES = re.compile(rb'\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])')

def holds(total, until, stripped):
    if until is None:
        return True
    return until in (ESCAPES.sub(b'', total) if stripped else total)

def drain(deadline_s, chunks=None, until=None, stripped=False, raw=None):
    """Read until the output has been quiet for `quiet` (or the deadline); return (bytes, last_byte_time).
    With `chunks`, append (ms since start, bytes) for each read; with `until` (bytes), go on reading until the
    output holds it (then until quiet); `stripped`: look for it in the output without escape sequences."""
    total, last = b'', None
    hard = time.monotonic() + deadline_s
    while time.monotonic() < hard:
        ready, _, _ = select.select([master], [], [], quiet)
        if not ready:
            if total and holds(total, until, stripped):
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
        if raw is not None:
            raw.append([round((last - start) * 1000, 2), chunk.decode('latin1')])
    return total, last

chunks = []
# ready_text: the first frame is complete once the output holds it (a console that draws its frame at once and
# fills in the host later: the host's data).
ready_text = spec.get('ready_text')
until_text = spec.get('until_text')
raw = [] if spec.get('raw_chunks') else None
if until_text:
    first, last = drain(10.0, chunks, until_text.encode('latin1'), True, raw)
else:
    first, last = drain(10.0, chunks, ready_text.encode('latin1') if ready_text else None, False, raw)
# The main thread's time on a CPU and waiting for one (ns, /proc/PID/schedstat) up to here (the program is idle once
# its first frame is complete): what the work cost, apart from what other processes on the machine made it wait.
try:
    with open('/proc/%d/schedstat' % proc.pid) as f:
        run_ns, wait_ns = [int(x) for x in f.read().split()[:2]]
except (OSError, ValueError):
    run_ns, wait_ns = None, None

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
          'start_epoch_ms': start_epoch_ms, 'cpu_ms': run_ns / 1e6 if run_ns is not None else None,
          'runqueue_ms': wait_ns / 1e6 if wait_ns is not None else None, **({'raw': raw} if raw is not None else {}),
          **({'first_out': first.decode('latin1')} if spec.get('dump') else {})}

for step in spec.get('script', []):
    os.write(master, step['send'].encode('latin1'))
    out, _ = drain(5.0)
    result['steps'].append({'name': step['name'], 'bytes': len(out), **({'out': out.decode('latin1')} if spec.get('dump') else {})})

# hold_ms: stay on the screen this long (the program idle) before reading the RSS and quitting.
if spec.get('hold_ms'):
    drain(spec['hold_ms'] / 1000.0)
    time.sleep(max(0.0, spec['hold_ms'] / 1000.0 - quiet))

# The whole process's CPU time (every thread: V8's compiler and GC threads too) over the run so far (ms).
try:
    with open('/proc/%d/stat' % proc.pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
        result['process_cpu_ms'] = (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf('SC_CLK_TCK')
except (OSError, ValueError, IndexError):
    pass

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
