import { expect } from 'chai';
import { renderFormRows } from '../../../src/ui/presentation/form-rows.js';
import { createForm, moveFocus, typeChar, type FormSpec } from '../../../src/ui/state/form-state.js';

const spec: FormSpec = {
  title: 'T',
  fields: [
    { kind: 'choice', id: 'mode', label: 'Mode', options: [{ value: 's', label: 'Static' }, { value: 'd', label: 'DHCP' }] },
    { kind: 'text', id: 'ip', label: 'Address', initial: '1.2.3.4', width: 12, validate: (t) => (t.includes('x') ? 'bad' : null) },
  ],
};

describe('ui/presentation/form-rows', () => {
  it('two rows per field: the field and its message row', () => {
    const rows = renderFormRows(createForm(spec), 40);
    expect(rows.lines.map((l) => l.text)).to.deep.equal(['Mode     (*) Static  ( ) DHCP', '', 'Address  1.2.3.4     ', '']);
    expect(rows.focusRow).to.equal(0);
    expect(rows.lines[0]?.spans).to.deep.equal([{ start: 9, end: 19, role: 'selected' }]);
    expect(rows.lines[2]?.spans).to.deep.equal([{ start: 9, end: 21, role: 'fieldIdle' }]);
  });

  it('the focused text field has a caret after its value; a message sits under the input', () => {
    let state = moveFocus(createForm(spec), 1);
    state = typeChar(state, 'x');
    state = moveFocus(state, 1);
    state = moveFocus(state, 1);
    const rows = renderFormRows(state, 40);
    expect(rows.focusRow).to.equal(2);
    expect(rows.lines[2]?.text).to.equal('Address  x           ');
    expect(rows.lines[2]?.spans).to.deep.equal([
      { start: 9, end: 10, role: 'fieldFocus' },
      { start: 10, end: 11, role: 'caret' },
      { start: 11, end: 21, role: 'fieldFocus' },
    ]);
    expect(rows.lines[3]).to.deep.equal({ text: '         ! bad', spans: [{ start: 9, end: 14, role: 'error' }] });
  });
});

describe('ui/presentation/form-rows: secret fields', () => {
  const secret: FormSpec = { title: 'Log in', fields: [{ kind: 'text', id: 'password', label: 'Password', secret: true }] };

  it('draw nothing of what is typed: the row (text and spans) is the same for any password, and for none', () => {
    const empty = renderFormRows(createForm(secret), 40);
    let typed = createForm(secret);
    for (const ch of 'hunter2-long-password-longer-than-the-box!') typed = typeChar(typed, ch);
    const rows = renderFormRows(typed, 40);
    expect(rows.lines).to.deep.equal(empty.lines);
    expect(JSON.stringify(rows.lines)).not.to.match(/hunter|\*/);
  });
});
