/**
 * The form host: forms (fields checked when left and on submit) and editable lists (add through a small form,
 * delete, reorder, save). Opening them is ctx.form / ctx.editList (screen-context.ts); keys on them come here.
 */
import type { Dialog } from '../dialogs.js';
import type { ListEditSpec } from '../screen-contract.js';
import * as form from '../state/form-state.js';
import { createMenu, moveBy } from '../state/menu-state.js';
import type { DialogHost, Refusal } from './dialog-host.js';

type FormDialog = Extract<Dialog, { kind: 'form' }>;
type ListDialog = Extract<Dialog, { kind: 'list' }>;

export function openForm(host: DialogHost, spec: form.FormSpec): Promise<form.FormValues | null> {
  return host.push<form.FormValues | null>((resolve) => ({ kind: 'form', state: form.createForm(spec), resolve }));
}

export function openList(host: DialogHost, spec: ListEditSpec): Promise<readonly string[] | null> {
  return host.push<readonly string[] | null>((resolve) => ({ kind: 'list', spec, items: spec.items, menu: createMenu(spec.items), resolve }));
}

export function runFormCommand(host: DialogHost, dialog: FormDialog, id: string, name: string, ch: string | undefined): Refusal {
  const { stack } = host;
  const state = dialog.state;
  const field = form.focused(state);
  const isText = field?.spec.kind === 'text';
  let next: form.FormState = state;
  switch (id) {
    case 'form.next':
      next = form.moveFocus(state, 1);
      break;
    case 'form.prev':
      next = form.moveFocus(state, -1);
      break;
    case 'form.choice-prev':
      next = isText ? state : form.stepChoice(state, -1);
      break;
    case 'form.choice-next':
      next = isText ? (name === 'space' ? form.typeChar(state, ' ') : state) : form.stepChoice(state, 1);
      break;
    case 'form.type':
      if (!isText) return 'This field is a choice: Left/Right or Space changes it.';
      next = form.typeChar(state, ch ?? '');
      break;
    case 'form.erase':
      next = form.erase(state);
      break;
    case 'form.cancel':
      stack.pop(dialog);
      return dialog.resolve(null);
    case 'form.enter': {
      const outcome = form.enter(state);
      if (outcome.submitted) {
        stack.pop(dialog);
        return dialog.resolve(outcome.values);
      }
      next = outcome.state;
      if (form.isLastVisible(state)) {
        stack.replace(dialog, { ...dialog, state: next });
        return 'Not submitted: correct the field marked with !.';
      }
      break;
    }
  }
  stack.replace(dialog, { ...dialog, state: next });
}

export function runListCommand(host: DialogHost, dialog: ListDialog, id: string): Refusal {
  const { stack } = host;
  const items = [...dialog.items];
  const at = dialog.menu.selected;
  const withItems = (next: readonly string[], selected: number): void => stack.replace(dialog, { ...dialog, items: next, menu: createMenu(next, selected) });
  switch (id) {
    case 'list.up':
    case 'list.down':
      if (items.length === 0) return 'The list is empty: a adds an entry.';
      return stack.replace(dialog, { ...dialog, menu: moveBy(dialog.menu, id === 'list.up' ? -1 : 1) });
    case 'list.delete':
      if (items.length === 0) return 'Nothing to delete.';
      items.splice(at, 1);
      return withItems(items, Math.min(at, items.length - 1));
    case 'list.move-up':
    case 'list.move-down': {
      const to = at + (id === 'list.move-up' ? -1 : 1);
      if (items.length < 2 || to < 0 || to >= items.length) return id === 'list.move-up' ? 'Already the first entry.' : 'Already the last entry.';
      const [moved] = items.splice(at, 1);
      if (moved !== undefined) items.splice(to, 0, moved);
      return withItems(items, to);
    }
    case 'list.save':
      stack.pop(dialog);
      return dialog.resolve(items);
    case 'list.cancel':
      stack.pop(dialog);
      return dialog.resolve(null);
    case 'list.add':
      return addEntry(host, dialog, items, at);
  }
}

/** The add form over the list: the entry is checked against the list as it would become, then inserted after `at`. */
function addEntry(host: DialogHost, dialog: ListDialog, items: readonly string[], at: number): Refusal {
  const entry = host.stack.entryOf(dialog);
  const spec = dialog.spec;
  const insertAt = items.length === 0 ? 0 : at + 1;
  const validate = (text: string): string | null => {
    const next = [...items];
    next.splice(insertAt, 0, text.trim());
    return spec.validateAdd(text.trim(), next);
  };
  void openForm(host, { title: spec.addTitle, fields: [{ kind: 'text', id: 'entry', label: spec.addLabel, validate }] }).then((values) => {
    const text = values?.['entry']?.trim();
    if (entry === undefined || entry.dialog.kind !== 'list' || text === undefined || text === '') return;
    const current = entry.dialog;
    const next = [...current.items];
    next.splice(insertAt, 0, spec.normalise ? spec.normalise(text) : text);
    entry.dialog = { ...current, items: next, menu: createMenu(next, insertAt) };
    host.render();
  });
}
