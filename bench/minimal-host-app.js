// The floor for "host on screen" against an xapi: the minimal blessed app (bench/minimal-app.js) that reads the host
// the way hostconsole does — login beside system.listMethods, then event.from(classes, "", 0) — over the unix socket
// given (unix:PATH), and draws the pool master's management IPv6 address. Plain node:http with a kept-alive agent,
// JSON-RPC, no error handling beyond "say it": what no real client can beat.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const socketPath = (process.argv[2] ?? '').replace(/^unix:/, '');
const agent = new http.Agent({ keepAlive: true });
let id = 0;

function call(method, params) {
  const body = JSON.stringify({ jsonrpc: '2.0', method, params, id: ++id });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { socketPath, agent, servername: '', path: '/jsonrpc', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const reply = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (reply.error) reject(new Error(JSON.stringify(reply.error)));
          else resolve(reply.result);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function readHost() {
  const [session] = await Promise.all([call('session.login_with_password', ['root', '', '1.0', 'bench']), call('system.listMethods', [])]);
  const classes = ['host', 'pool', 'PIF', 'PIF_metrics', 'network', 'Bond', 'VLAN', 'SR', 'PBD'];
  const batch = await call('event.from', [session, classes, '', 0]);
  const master = batch.events.find((e) => e.class === 'pool')?.snapshot.master;
  const pif = batch.events.find((e) => e.class === 'pif' && e.snapshot.host === master && e.snapshot.management);
  return (pif?.snapshot.IPv6 ?? []).map((a) => a.split('/')[0]).find((a) => !a.startsWith('fe80')) ?? 'no address';
}

const host = readHost();
const blessed = require('blessed');
const screen = blessed.screen({ smartCSR: true, warnings: false });
const left = blessed.box({ parent: screen, top: 0, left: 0, width: '50%', height: '100%', border: 'line' });
const details = blessed.box({ parent: screen, top: 0, left: '50%', width: '50%', height: '100%', border: 'line', content: 'Details\nreading the host...' });
const list = blessed.list({
  parent: left,
  top: 0,
  left: 0,
  width: '100%-2',
  height: 8,
  keys: true,
  items: ['Status', 'Network', 'DNS', 'Hostname', 'About', 'Quit'],
  style: { selected: { inverse: true } },
});
list.focus();
screen.key(['q', 'C-c'], () => {
  screen.destroy();
  process.exit(0);
});
screen.render();
host.then(
  (address) => {
    details.setContent(`Details\n${address}`);
    screen.render();
  },
  (error) => {
    details.setContent(`Details\n${error.message}`);
    screen.render();
  },
);
