import { expect } from 'chai';
import { dialogContext, dialogView, type Dialog } from '../../src/ui/dialogs.js';
import { createMenu } from '../../src/ui/state/menu-state.js';
import { createForm } from '../../src/ui/state/form-state.js';

const size = { cols: 80, rows: 24 };
const noop = (): void => undefined;

describe('ui/dialogs', () => {
  it('a confirmation names its keys and owns the confirm context', () => {
    const d: Dialog = { kind: 'confirm', title: 'Apply?', paragraphs: ['Apply the change?'], resolve: noop };
    expect(dialogContext(d)).to.equal('confirm');
    expect(dialogView(d, size).lines.map((l) => l.text)).to.deep.equal(['Apply the change?', '', 'F8/y: yes    n/Esc: no']);
  });

  it('an error hides its details until asked', () => {
    const report = { title: 'Failed', message: 'The host refused.', details: 'PIF_IS_PHYSICAL(OpaqueRef:1)' };
    const closed = dialogView({ kind: 'error', report, showDetails: false, resolve: noop }, size);
    expect(closed.lines.map((l) => l.text)).to.deep.equal(['The host refused.', '', 'd: show details']);
    const open = dialogView({ kind: 'error', report, showDetails: true, resolve: noop }, size);
    expect(open.lines.map((l) => l.text)).to.deep.equal(['The host refused.', '', 'Details:', 'PIF_IS_PHYSICAL(OpaqueRef:1)']);
  });

  it('a view fills the body (full screen) and shows a window of its lines and where it is', () => {
    const content = { title: 'Log', blocks: [{ kind: 'text' as const, paragraphs: Array.from({ length: 30 }, (_, i) => `l${i + 1}`) }] };
    const v = dialogView({ kind: 'view', content, offset: 5, status: '', keys: [], resolve: noop }, size);
    expect(v.fullScreen).to.equal(true);
    expect(v.lines[0]?.text).to.equal('l6');
    expect(v.lines[v.lines.length - 1]?.text).to.equal('lines 6-23 of 30');
    expect(v.height).to.equal(20);
    expect(v.width).to.equal(76);
  });

  it('a view puts its status before where it is, wrapped rather than cut', () => {
    const content = { title: 'Tests', blocks: [{ kind: 'text' as const, paragraphs: ['row'] }] };
    const status = 'Running the fourth of seven tests: ping the IPv6 gateway 2001:db8::1 from 2001:db8::10 over eth0, then DNS';
    const v = dialogView({ kind: 'view', content, offset: 0, status, keys: [], resolve: noop }, size);
    const text = v.lines.map((l) => l.text).join(' ');
    expect(text).to.include('then DNS');
    expect(text).not.to.include('~');
  });

  it('a progress dialog wraps a long step under its label and never cuts it', () => {
    const label = 'Disable management on eth0 (it comes back in the last step, on the new interface)';
    const v = dialogView({ kind: 'progress', title: 'Applying', steps: [{ id: '1', label, state: 'running' }, { id: '2', label: 'Verify', state: 'pending' }] }, size);
    expect(v.width).to.be.at.most(72);
    const lines = v.lines.map((l) => l.text);
    expect(lines.join(' ').replace(/\s+/g, ' ')).to.include(label);
    expect(lines.join('')).not.to.include('~');
    expect(lines[1]?.startsWith('     ')).to.equal(true);
  });

  it('a choice list wraps an option longer than the room, and highlights all of it', () => {
    const long = 'eth0: connected, 1 Gb/s, member of bond0 (active-backup) with eth1, current management interface';
    const items = [{ value: 1, label: long }, { value: 2, label: 'eth1' }];
    const v = dialogView({ kind: 'choose', title: 'NIC', items, menu: createMenu(items.map((i) => i.label)), resolve: noop }, size);
    expect(v.lines.map((l) => l.text).join('')).not.to.include('~');
    expect(v.lines.length).to.equal(3);
    expect(v.lines[1]?.spans[0]?.role).to.equal('selected');
  });

  it('a choice list is as wide as its longest label and fits the screen', () => {
    const items = [{ value: 1, label: 'eth0: connected' }, { value: 2, label: 'eth1: not connected' }];
    const v = dialogView({ kind: 'choose', title: 'NIC', items, menu: createMenu(items.map((i) => i.label)), resolve: noop }, size);
    expect(v.width).to.equal(21);
    expect(v.lines.map((l) => l.text)).to.deep.equal([' eth0: connected ', ' eth1: not connected ']);
  });

  it('dialogs never exceed the screen', () => {
    const long = Array.from({ length: 100 }, (_, i) => `paragraph ${i}`);
    const v = dialogView({ kind: 'message', title: 'm', paragraphs: long, resolve: noop }, size);
    expect(v.height).to.be.at.most(16);
    const f = dialogView({ kind: 'form', state: createForm({ title: 'f', fields: Array.from({ length: 20 }, (_, i) => ({ kind: 'text' as const, id: `f${i}`, label: `F${i}` })) }), resolve: noop }, size);
    expect(f.height).to.be.at.most(16);
    expect(f.width).to.be.at.most(72);
  });
});
