import { expect } from 'chai';
import * as f from '../../../src/ui/state/form-state.js';

const required = (t: string): string | null => (t === '' ? 'Required.' : null);
const spec: f.FormSpec = {
  title: 'Demo',
  fields: [
    { kind: 'choice', id: 'mode', label: 'Mode', options: [{ value: 'static', label: 'Static' }, { value: 'dhcp', label: 'DHCP' }], initial: 'static' },
    { kind: 'text', id: 'ip', label: 'IP', initial: '192.0.2.1', validate: required, visibleWhen: (v) => v['mode'] === 'static' },
    { kind: 'text', id: 'gw', label: 'Gateway', validate: required, visibleWhen: (v) => v['mode'] === 'static' },
  ],
};

describe('ui/state/form-state', () => {
  it('the first typed character replaces a prefilled value; later ones append', () => {
    let s = f.moveFocus(f.createForm(spec), 1);
    expect(s.fields[1]?.pristine).to.equal(true);
    s = f.typeChar(s, '1');
    s = f.typeChar(s, '0');
    expect(f.values(s)['ip']).to.equal('10');
  });

  it('backspace on a prefilled value edits it instead of replacing', () => {
    let s = f.moveFocus(f.createForm(spec), 1);
    s = f.erase(s);
    s = f.typeChar(s, '9');
    expect(f.values(s)['ip']).to.equal('192.0.2.9');
  });

  it('validates the field being left and clears the message on the next edit', () => {
    let s = f.moveFocus(f.moveFocus(f.createForm(spec), 1), 1); // on gateway
    s = f.moveFocus(s, -1); // leave gateway empty
    expect(s.fields[2]?.error).to.equal('Required.');
    expect(s.focus).to.equal(1);
    s = f.moveFocus(s, 1);
    s = f.typeChar(s, 'x');
    expect(s.fields[2]?.error).to.equal(null);
  });

  it('submit refuses when a visible field is invalid and focuses it', () => {
    const s = f.createForm(spec);
    const outcome = f.submit(s);
    expect(outcome.submitted).to.equal(false);
    if (!outcome.submitted) {
      expect(outcome.state.focus).to.equal(2);
      expect(outcome.state.fields[2]?.error).to.equal('Required.');
    }
  });

  it('hidden fields are skipped, never checked and not submitted', () => {
    let s = f.stepChoice(f.createForm(spec), 1);
    expect(f.values(s)['mode']).to.equal('dhcp');
    expect(f.visibleIndexes(s)).to.deep.equal([0]);
    s = f.moveFocus(s, 1);
    expect(s.focus).to.equal(0);
    const outcome = f.enter(s);
    expect(outcome).to.deep.equal({ submitted: true, values: { mode: 'dhcp' } });
  });

  it('Enter moves to the next field, and submits on the last one', () => {
    let s = f.createForm(spec);
    let outcome = f.enter(s);
    expect(outcome.submitted).to.equal(false);
    if (!outcome.submitted) s = outcome.state;
    expect(s.focus).to.equal(1);
    outcome = f.enter(s);
    if (!outcome.submitted) s = outcome.state;
    s = f.typeChar(s, '1');
    outcome = f.enter(s);
    expect(outcome).to.deep.equal({ submitted: true, values: { mode: 'static', ip: '192.0.2.1', gw: '1' } });
  });

  it('choice fields wrap both ways and ignore typing', () => {
    let s = f.createForm(spec);
    s = f.stepChoice(s, -1);
    expect(f.values(s)['mode']).to.equal('dhcp');
    s = f.stepChoice(s, 1);
    expect(f.values(s)['mode']).to.equal('static');
    expect(f.typeChar(s, 'x')).to.equal(s);
  });

  it('an unknown initial choice falls back to the first option', () => {
    const s = f.createForm({ title: 't', fields: [{ kind: 'choice', id: 'c', label: 'C', options: [{ value: 'a', label: 'A' }], initial: 'zz' }] });
    expect(f.values(s)['c']).to.equal('a');
  });
});
