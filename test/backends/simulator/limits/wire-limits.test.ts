/**
 * Hostile or broken wire input gets a quick, clear "no" and bounded work: an oversized body is refused before it is
 * buffered, a body of tiny values or a deeply nested one before it is parsed, malformed XML-RPC with xapi's fault
 * and one readable line (never a parser's internals). Memory and time are measured on a standalone simulator.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { cliRepo } from '../../../support/cli-under-test.js';
import { startSimulator, type SimulatorHandle } from '../../../../src/backends/simulator/index.js';
import { tempDir } from '../../../transaction/support/fixtures.js';
import { httpRequest, tcpTarget, type Target } from '../support/rpc.js';

const repo = cliRepo;

function valuesBody(count: number): string {
  return `<?xml version="1.0"?><methodCall><methodName>system.listMethods</methodName><params><param><value><array><data>${'<value>1</value>'.repeat(count)}</data></array></value></param></params></methodCall>`;
}

function nestedBody(depth: number): string {
  return `<methodCall><methodName>system.listMethods</methodName><params><param>${'<value><array><data>'.repeat(depth)}${'</data></array></value>'.repeat(depth)}</param></params></methodCall>`;
}

/** The ErrorDescription of an XML-RPC Failure answer. */
function failureOf(body: string): string[] {
  const m = /<name>ErrorDescription<\/name><value><array><data>(.*)<\/data><\/array><\/value>/.exec(body);
  if (m === null) return [];
  return [...(m[1] ?? '').matchAll(/<value>([^<]*)<\/value>/g)].map((v) => (v[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

/** Sends `size` bytes in chunks, claiming that length; resolves with the status (or the error) and when. */
function sendLarge(target: Target, size: number): Promise<{ status: number | string; ms: number }> {
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const req = request({ ...target, path: '/', method: 'POST', headers: { 'content-type': 'text/xml', 'content-length': String(size) }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, ms: Date.now() - started }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolvePromise({ status: e.code ?? e.message, ms: Date.now() - started }));
    const chunk = Buffer.from('<value>1</value>'.repeat(4096));
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('simulator limits: request size, value count, nesting, malformed XML-RPC', function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let target: Target;

  before(async () => {
    sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    target = tcpTarget(sim);
  });
  after(() => sim.close());

  it('answers malformed XML-RPC with XMLRPC_UNMARSHAL_FAILURE and one readable line', async () => {
    const cases: Array<[string, RegExp]> = [
      ['<methodCall><methodName>x</methodName><params><param></param></params></methodCall>', /malformed/],
      ['<methodCall><methodName>x</methodName', /not well-formed XML/],
      ['<methodCall><params><param><value><i4>1</i4></value></param></params></methodCall>', /malformed|methodName/],
      ['<foo/>', /not an XML-RPC <methodCall>/],
      ['not xml at all', /not well-formed XML|holds no XML element/],
    ];
    for (const [body, expected] of cases) {
      const reply = await httpRequest(target, '/', body);
      expect(reply.status, body).to.equal(200);
      const [code, , line] = failureOf(reply.body);
      expect(code, `${body} → ${reply.body}`).to.equal('XMLRPC_UNMARSHAL_FAILURE');
      expect(line, body).to.match(expected);
      expect(line, body).to.not.match(/\n|Cannot read properties|Maximum call stack|Line: \d/);
      expect((line ?? '').length, body).to.be.below(200);
    }
  });

  it('refuses 15,000 tiny values before parsing them, in milliseconds', async () => {
    const started = Date.now();
    const reply = await httpRequest(target, '/', valuesBody(15_000));
    const ms = Date.now() - started;
    const [code, , line] = failureOf(reply.body);
    expect(code).to.equal('XMLRPC_UNMARSHAL_FAILURE');
    expect(line).to.match(/more than 10000 values/);
    expect(ms, 'milliseconds to refuse').to.be.below(1000);
  });

  it('refuses deep nesting (XML and JSON) with a clear line instead of a stack overflow', async () => {
    const xml = await httpRequest(target, '/', nestedBody(5000));
    expect(failureOf(xml.body)[2]).to.match(/nested more than 64 deep/);
    const json = await httpRequest(target, '/jsonrpc', `{"method":"system.listMethods","params":[${'['.repeat(5000)}${']'.repeat(5000)}]}`, 'application/json');
    expect(json.status).to.equal(400);
    expect(json.body.trim()).to.match(/^the request is refused: arrays and objects are nested more than 32 deep$/);
  });

  it('still serves a real call of ordinary size', async () => {
    const reply = await httpRequest(target, '/', valuesBody(50));
    expect(reply.status).to.equal(200);
    expect(reply.body).to.contain('session.login_with_password');
  });

  it('refuses a body larger than xapi accepts (300 KiB) from its Content-Length, without reading it', async () => {
    const r = await sendLarge(target, 15 * 1024 * 1024);
    // Either the 413 arrives or the server closed the connection while the client was still sending.
    expect([413, 'ECONNRESET', 'EPIPE']).to.include(r.status);
    expect(r.ms).to.be.below(3000);
  });
});

describe('simulator limits: memory and time of a standalone simulator under oversized bodies', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => void;
  let child: ChildProcess;
  let target: Target;

  function rssKiB(pid: number): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(m?.[1] ?? 0);
  }

  before(async () => {
    ({ dir, cleanup } = tempDir('sim-limits-'));
    const sock = join(dir, 'xapi');
    child = spawn(process.execPath, ['bin/hostconsole.js', 'simulator', '--listen', `unix:${sock}`, '--auth-delay', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((ready, fail) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('listening ')) ready();
      });
      child.on('exit', (code) => fail(new Error(`simulator exited ${code}`)));
    });
    target = { socketPath: sock };
  });

  after(async () => {
    await new Promise<void>((r) => {
      child.removeAllListeners('exit');
      child.on('exit', () => r());
      child.kill('SIGTERM');
    });
    cleanup();
  });

  it('three 15 MiB bodies at once: refused quickly, RSS stays within 60 MiB of idle, the event loop keeps answering', async () => {
    const pid = child.pid ?? 0;
    const idle = rssKiB(pid);
    const results = await Promise.all([sendLarge(target, 15 << 20), sendLarge(target, 15 << 20), sendLarge(target, 15 << 20)]);
    for (const r of results) expect(r.ms).to.be.below(5000);
    const started = Date.now();
    const reply = await httpRequest(target, '/', valuesBody(3));
    expect(reply.status).to.equal(200);
    expect(Date.now() - started, 'a normal call right after').to.be.below(1000);
    const after = rssKiB(pid);
    console.log(`      RSS idle ${Math.round(idle / 1024)} MiB, after 3×15 MiB bodies ${Math.round(after / 1024)} MiB`);
    expect(after - idle, 'RSS growth (KiB)').to.be.below(60 * 1024);
  });

  it('bodies just under the cap full of tiny values are refused without parsing: RSS bounded', async () => {
    const pid = child.pid ?? 0;
    const idle = rssKiB(pid);
    const body = valuesBody(19_000); // ≈ 300 KiB
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => httpRequest(target, '/', body)));
    for (const r of replies) expect(failureOf(r.body)[0]).to.equal('XMLRPC_UNMARSHAL_FAILURE');
    expect(rssKiB(pid) - idle).to.be.below(60 * 1024);
  });
});
