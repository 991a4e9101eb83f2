/**
 * `npm run build` turns dist/src/backends/simulator/embedded.js (what --simulate loads) into the whole simulator in
 * one file (scripts/embed-simulator.mjs): no import of our own modules, packages required where first used, and it
 * serves the default scenario like the sources do.
 */
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const EMBEDDED = resolve(import.meta.dirname, '../../dist/src/backends/simulator/embedded.js');

describe('ship: the embedded simulator in dist/ is one file', function () {
  this.timeout(20_000);
  before(function () {
    if (!existsSync(EMBEDDED)) this.skip();
  });

  it('imports only node built-ins and requires packages where they are used', () => {
    const text = readFileSync(EMBEDDED, 'utf8');
    const imports = [...text.matchAll(/^import .* from ['"]([^'"]+)['"];?$/gm)].map((m) => m[1] ?? '');
    expect(imports.length).to.be.greaterThan(0);
    expect(imports.filter((m) => !m.startsWith('node:')), 'not a built-in').to.deep.equal([]);
    expect(text).to.contain('src/backends/simulator/handlers/event.ts');
  });

  it('serves the default scenario', async () => {
    const { startSimulator } = (await import(pathToFileURL(EMBEDDED).href)) as typeof import('../../src/backends/simulator/embedded.js');
    const sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    try {
      const ep = sim.endpoints[0];
      if (ep === undefined || ep.kind !== 'tcp') throw new Error('no TCP listener');
      const reply = await fetch(`http://${ep.host}:${ep.port}/jsonrpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'session.login_with_password', params: ['root', sim.password], id: 1 }),
      });
      const answer = (await reply.json()) as { result?: unknown };
      expect(answer.result).to.match(/^OpaqueRef:/);
      expect(sim.scenario).to.equal('default');
    } finally {
      await sim.close();
    }
  });
});
