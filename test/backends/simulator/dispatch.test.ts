import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { httpRequest, jsonCall, tcpTarget, unixTarget, xmlCall, TestSession } from './support/rpc.js';

describe('simulator: wire, sessions and generic errors', () => {
  let sim: SimulatorHandle;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sim-dispatch-'));
    sim = await startSimulator({ listen: [{ kind: 'unix', path: join(dir, 'xapi') }, { kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers XML-RPC on /, /RPC2 and /xmlrpc with compact XML and content-type text/xml', async () => {
    for (const path of ['/', '/RPC2', '/xmlrpc']) {
      const r = await httpRequest(tcpTarget(sim), path, '<methodCall><methodName>session.login_with_password</methodName><params><param><value>root</value></param><param><value>xenroot</value></param></params></methodCall>');
      expect(r.contentType).to.equal('text/xml');
      expect(r.body).to.match(/^<\?xml version="1.0"\?><methodResponse><params><param><value><struct><member><name>Status<\/name><value>Success<\/value><\/member><member><name>Value<\/name><value>OpaqueRef:[0-9a-f-]{36}<\/value><\/member><\/struct><\/value><\/param><\/params><\/methodResponse>$/);
    }
  });

  it('encodes ints bare, bools as <boolean>, datetimes as YYYYMMDDTHH:MM:SSZ and empty sets as <data></data>', async () => {
    const s = await TestSession.login(tcpTarget(sim));
    const pif = (await s.call<string[]>('PIF.get_all'))[0] ?? '';
    const r = await httpRequest(tcpTarget(sim), '/', `<methodCall><methodName>PIF.get_record</methodName><params><param><value>${s.ref}</value></param><param><value>${pif}</value></param></params></methodCall>`);
    expect(r.body).to.contain('<member><name>MTU</name><value>1500</value></member>');
    expect(r.body).to.contain('<member><name>VLAN</name><value>-1</value></member>');
    expect(r.body).to.contain('<member><name>management</name><value><boolean>1</boolean></value></member>');
    expect(r.body).to.contain('<member><name>bond_master_of</name><value><array><data></data></array></value></member>');
    expect(r.body).to.not.match(/>\s+</);
    const metrics = await s.call<string>('PIF.get_metrics', pif);
    const m = await httpRequest(tcpTarget(sim), '/', `<methodCall><methodName>PIF_metrics.get_last_updated</methodName><params><param><value>${s.ref}</value></param><param><value>${metrics}</value></param></params></methodCall>`);
    expect(m.body).to.match(/<value><dateTime\.iso8601>\d{8}T\d\d:\d\d:\d\dZ<\/dateTime\.iso8601><\/value>/);
  });

  it('parses pretty-printed requests with <string> and <int> and empty <string></string>', async () => {
    const s = await TestSession.login(tcpTarget(sim));
    const body = `<?xml version='1.0'?>\n<methodCall>\n<methodName>PIF.get_by_uuid</methodName>\n<params>\n<param>\n<value><string>${s.ref}</string></value>\n</param>\n<param>\n<value><string></string></value>\n</param>\n</params>\n</methodCall>\n`;
    const r = await httpRequest(tcpTarget(sim), '/', body);
    expect(r.body).to.contain('<value>UUID_INVALID</value><value>PIF</value><value></value>');
  });

  it('speaks JSON-RPC 1.0 and 2.0 on /jsonrpc with content-type application/json; sessions work across protocols', async () => {
    const login = await jsonCall(tcpTarget(sim), 'session.login_with_password', ['root', 'xenroot', '1.1', 'test']);
    if (!login.ok) throw new Error('login');
    const r = await httpRequest(tcpTarget(sim), '/jsonrpc', JSON.stringify({ jsonrpc: '2.0', method: 'host.get_all', params: [login.value], id: 'x' }), 'application/json');
    expect(r.contentType).to.equal('application/json');
    expect(JSON.parse(r.body)).to.include({ jsonrpc: '2.0', id: 'x' });
    const v1 = JSON.parse((await httpRequest(tcpTarget(sim), '/jsonrpc', JSON.stringify({ method: 'nope.nope', params: [], id: 3 }), 'application/json')).body);
    expect(v1).to.deep.equal({ result: null, error: ['MESSAGE_METHOD_UNKNOWN', 'nope.nope'], id: 3 });
    const v2 = JSON.parse((await httpRequest(tcpTarget(sim), '/jsonrpc', JSON.stringify({ jsonrpc: '2.0', method: 'nope.nope', params: [], id: 4 }), 'application/json')).body);
    expect(v2).to.deep.equal({ jsonrpc: '2.0', error: { code: 1, message: 'MESSAGE_METHOD_UNKNOWN', data: ['nope.nope'] }, id: 4 });
    expect((await xmlCall(tcpTarget(sim), 'host.get_all', [login.value])).ok).to.equal(true);
  });

  it('requires Content-Length', async () => {
    const r = await httpRequest(tcpTarget(sim), '/', '<methodCall><methodName>system.listMethods</methodName></methodCall>', 'text/xml', 'POST', false);
    expect(r.status).to.equal(411);
  });

  it('system.listMethods answers without a session, as a bare array, without the control endpoint', async () => {
    const r = await xmlCall(tcpTarget(sim), 'system.listMethods', []);
    expect(r.ok).to.equal(true);
    const methods = (r as { value: string[] }).value;
    expect(methods).to.include.members(['PIF.reconfigure_ipv6', 'host.management_reconfigure', 'event.from', 'SR.get_all_records', 'PBD.get_all_records']);
    expect(methods.some((m) => m.includes('simulator'))).to.equal(false);
  });

  it('login takes 2 to 4 arguments', async () => {
    expect((await jsonCall(tcpTarget(sim), 'session.login_with_password', ['root'])).ok).to.equal(false);
    expect(await jsonCall(tcpTarget(sim), 'session.login_with_password', ['root'])).to.deep.equal({ ok: false, error: ['MESSAGE_PARAMETER_COUNT_MISMATCH', 'session.login_with_password', '4', '1'] });
    expect((await jsonCall(tcpTarget(sim), 'session.login_with_password', ['root', 'xenroot', '1.1'])).ok).to.equal(true);
    expect((await jsonCall(tcpTarget(sim), 'session.login_with_password', ['root', 'xenroot', '1.1', 'x', 'y'])).ok).to.equal(false);
  });

  it('wrong password on TCP: SESSION_AUTHENTICATION_FAILED [user, message]; any password on the unix socket', async () => {
    expect(await jsonCall(tcpTarget(sim), 'session.login_with_password', ['root', 'wrong'])).to.deep.equal({ ok: false, error: ['SESSION_AUTHENTICATION_FAILED', 'root', 'Authentication failure'] });
    const local = await jsonCall(unixTarget(sim), 'session.login_with_password', ['root', 'anything']);
    expect(local.ok).to.equal(true);
    const me = await jsonCall(unixTarget(sim), 'session.get_is_local_superuser', [(local as { value: string }).value, (local as { value: string }).value]);
    expect(me).to.deep.equal({ ok: true, value: true });
  });

  it('generic errors: SESSION_INVALID, HANDLE_INVALID, MESSAGE_PARAMETER_COUNT_MISMATCH (counts without the session), FIELD_TYPE_ERROR', async () => {
    const s = await TestSession.login(tcpTarget(sim));
    expect(await jsonCall(tcpTarget(sim), 'PIF.get_all', ['OpaqueRef:nope'])).to.deep.equal({ ok: false, error: ['SESSION_INVALID', 'OpaqueRef:nope'] });
    expect(await s.error('PIF.get_record', 'OpaqueRef:NULL')).to.deep.equal(['HANDLE_INVALID', 'PIF', 'OpaqueRef:NULL']);
    const host = (await s.call<string[]>('host.get_all'))[0];
    expect(await s.error('PIF.get_record', host)).to.deep.equal(['HANDLE_INVALID', 'PIF', host ?? '']);
    expect(await s.error('PIF.reconfigure_ip', 'x')).to.deep.equal(['MESSAGE_PARAMETER_COUNT_MISMATCH', 'PIF.reconfigure_ip', '6', '1']);
    expect(await s.error('PIF.plug', 42)).to.deep.equal(['FIELD_TYPE_ERROR', 'self']);
    expect(await s.error('VDI.get_all')).to.deep.equal(['MESSAGE_METHOD_UNKNOWN', 'VDI.get_all']);
  });

  it('logout ends the session', async () => {
    const s = await TestSession.login(tcpTarget(sim));
    await s.call('session.logout');
    expect(await s.error('host.get_all')).to.deep.equal(['SESSION_INVALID', s.ref]);
  });

  it('session.get_this_host is the host reached', async () => {
    const s = await TestSession.login(tcpTarget(sim));
    expect(await s.call('session.get_this_host', s.ref)).to.equal(sim.db.hostRef('xcp-ng-01'));
  });

  it('serves SR and PBD records read-only (NFS server in device_config)', async () => {
    const s = await TestSession.login(tcpTarget(sim));
    const pbds = await s.call<Record<string, { device_config: Record<string, string> }>>('PBD.get_all_records');
    // The NFS SR's PBD names its server; local storage names a device.
    expect(Object.values(pbds).map((p) => p.device_config.server ?? p.device_config.device)).to.deep.equal(['192.0.2.5', '/dev/sda3']);
    expect(await s.error('SR.set_name_label', 'x', 'y')).to.deep.equal(['MESSAGE_METHOD_UNKNOWN', 'SR.set_name_label']);
  });

  it('counts calls per method', async () => {
    const before = sim.callCount('host.get_all');
    const s = await TestSession.login(tcpTarget(sim));
    await s.call('host.get_all');
    expect(sim.callCount('host.get_all')).to.equal(before + 1);
    expect(sim.callCount()).to.be.greaterThan(before);
  });
});
