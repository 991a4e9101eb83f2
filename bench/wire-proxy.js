// A counting proxy for xapi on a unix socket (bench/startup.js): clients connect to `listenPath`, every byte goes on
// to `targetPath`, and the HTTP requests and responses on each connection are parsed just enough to log each call —
// its method (JSON-RPC or XML-RPC), event.from's token, when it was sent and when it was answered (wall-clock ms).
// That is "the calls on the wire", counted outside the program measured.
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const now = () => performance.timeOrigin + performance.now();

/** Splits an HTTP/1.1 byte stream into messages (Content-Length bodies only, as xapi and its clients use). */
function messageSplitter(onMessage) {
  let buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      onMessage(head, buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      buffer = buffer.subarray(end + 4 + length);
    }
  };
}

function describeCall(body) {
  try {
    const call = JSON.parse(body);
    return { method: String(call.method), token: call.method === 'event.from' ? call.params?.[2] : undefined };
  } catch {
    const method = /<methodName>([^<]*)<\/methodName>/.exec(body)?.[1] ?? '?';
    const token = method === 'event.from' ? (/<param>.*?<\/param>\s*<param>.*?<\/param>\s*<param><value>(?:<string>)?([^<]*)/s.exec(body)?.[1] ?? '?') : undefined;
    return { method, token };
  }
}

export async function startWireProxy(listenPath, targetPath) {
  const calls = [];
  let connections = 0;
  const sockets = new Set();
  const server = net.createServer((client) => {
    connections += 1;
    const conn = connections;
    const upstream = net.connect(targetPath);
    sockets.add(client).add(upstream);
    const pending = [];
    client.on(
      'data',
      messageSplitter((_head, body) => {
        const call = { ...describeCall(body), connection: conn, sent: now(), answered: null };
        calls.push(call);
        pending.push(call);
      }),
    );
    upstream.on(
      'data',
      messageSplitter(() => {
        const call = pending.shift();
        if (call !== undefined) call.answered = now();
      }),
    );
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise((resolve, reject) => server.listen(listenPath, resolve).once('error', reject));
  return {
    calls,
    get connections() {
      return connections;
    },
    reset() {
      calls.length = 0;
      connections = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(resolve);
      }),
  };
}

/** How many calls were in flight at once at most (sent before another one was answered). */
export function maxInFlight(calls) {
  const edges = calls.flatMap((c) => [
    [c.sent, 1],
    [c.answered ?? Infinity, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let max = 0;
  for (const [, d] of edges) {
    current += d;
    max = Math.max(max, current);
  }
  return max;
}
