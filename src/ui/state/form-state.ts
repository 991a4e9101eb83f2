/**
 * Pure form state machine: labelled text fields and choice fields, each text field with a
 * validator `(text) => message | null` run when the field is left and again, for every visible
 * field, on submit. Prefilled text is replaced by the first typed character (xsconsole).
 */
/** `values` holds every field's current text (for checks that depend on another field, e.g. a gateway). */
export type Validator = (text: string, values: FormValues) => string | null;

export type FormValues = Readonly<Record<string, string>>;

export interface TextFieldSpec {
  readonly kind: 'text';
  readonly id: string;
  readonly label: string;
  readonly initial?: string;
  readonly validate?: Validator;
  /** Visible width of the input box (default: fills the dialog). */
  readonly width?: number;
  /** A password: what is typed is never drawn (no asterisks either: nothing changes on the screen or the line). */
  readonly secret?: boolean;
  /** Shown only when this returns true for the current values (hidden fields are never checked). */
  readonly visibleWhen?: (values: FormValues) => boolean;
}

export interface ChoiceFieldSpec {
  readonly kind: 'choice';
  readonly id: string;
  readonly label: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly initial?: string;
  readonly visibleWhen?: (values: FormValues) => boolean;
}

export type FieldSpec = TextFieldSpec | ChoiceFieldSpec;

export interface FormSpec {
  readonly title: string;
  /** Lines shown above the fields. */
  readonly intro?: readonly string[];
  /** Lines shown above the fields that follow the current values (e.g. help for the chosen mode); wins over `intro`. */
  readonly introFor?: (values: FormValues) => readonly string[];
  readonly fields: readonly FieldSpec[];
}

export interface FieldState {
  readonly spec: FieldSpec;
  readonly value: string;
  /** Still holding the prefilled value untouched: the first typed character replaces it. */
  readonly pristine: boolean;
  readonly error: string | null;
}

export interface FormState {
  readonly spec: FormSpec;
  readonly fields: readonly FieldState[];
  readonly focus: number;
}

export function createForm(spec: FormSpec): FormState {
  const fields = spec.fields.map((f): FieldState => {
    if (f.kind === 'text') return { spec: f, value: f.initial ?? '', pristine: (f.initial ?? '') !== '', error: null };
    const initial = f.options.some((o) => o.value === f.initial) ? (f.initial ?? '') : (f.options[0]?.value ?? '');
    return { spec: f, value: initial, pristine: false, error: null };
  });
  const state: FormState = { spec, fields, focus: 0 };
  const first = visibleIndexes(state)[0];
  return { ...state, focus: first ?? 0 };
}

export function values(state: FormState): FormValues {
  const out: Record<string, string> = {};
  for (const f of state.fields) out[f.spec.id] = f.value;
  return out;
}

/** The intro lines for the form as it is now: `introFor` of the current values, else the fixed `intro`. */
export function introLines(state: FormState): readonly string[] {
  return state.spec.introFor?.(values(state)) ?? state.spec.intro ?? [];
}

export function isVisible(state: FormState, index: number): boolean {
  const f = state.fields[index];
  if (f === undefined) return false;
  return f.spec.visibleWhen === undefined || f.spec.visibleWhen(values(state));
}

export function visibleIndexes(state: FormState): number[] {
  return state.fields.map((_, i) => i).filter((i) => isVisible(state, i));
}

function replaceField(state: FormState, index: number, change: Partial<FieldState>): FormState {
  return { ...state, fields: state.fields.map((f, i) => (i === index ? { ...f, ...change } : f)) };
}

function check(state: FormState, field: FieldState): string | null {
  return field.spec.kind === 'text' && field.spec.validate ? field.spec.validate(field.value, values(state)) : null;
}

function validateAt(state: FormState, index: number): FormState {
  const f = state.fields[index];
  if (f === undefined) return state;
  return replaceField(state, index, { error: check(state, f), pristine: false });
}

export function focused(state: FormState): FieldState | undefined {
  return state.fields[state.focus];
}

/** Type one printable character into the focused text field. */
export function typeChar(state: FormState, ch: string): FormState {
  const f = focused(state);
  if (f === undefined || f.spec.kind !== 'text') return state;
  return replaceField(state, state.focus, { value: f.pristine ? ch : f.value + ch, pristine: false, error: null });
}

export function erase(state: FormState): FormState {
  const f = focused(state);
  if (f === undefined || f.spec.kind !== 'text') return state;
  return replaceField(state, state.focus, { value: f.value.slice(0, -1), pristine: false, error: null });
}

/** Step a choice field by ±1 (wrapping). */
export function stepChoice(state: FormState, delta: number): FormState {
  const f = focused(state);
  if (f === undefined || f.spec.kind !== 'choice') return state;
  const options = f.spec.options;
  if (options.length === 0) return state;
  const at = Math.max(0, options.findIndex((o) => o.value === f.value));
  const next = options[(((at + delta) % options.length) + options.length) % options.length];
  return replaceField(state, state.focus, { value: next?.value ?? f.value });
}

/** Leave the focused field (validating it) for the next/previous visible one, wrapping. */
export function moveFocus(state: FormState, delta: 1 | -1): FormState {
  const checked = validateAt(state, state.focus);
  const order = visibleIndexes(checked);
  if (order.length === 0) return checked;
  const at = order.indexOf(checked.focus);
  const next = order[(((at === -1 ? 0 : at + delta) % order.length) + order.length) % order.length];
  return { ...checked, focus: next ?? checked.focus };
}

export function isLastVisible(state: FormState): boolean {
  const order = visibleIndexes(state);
  return order[order.length - 1] === state.focus;
}

/** Either the form was submitted with these values, or it stays open in this state. */
export type SubmitOutcome =
  | { readonly submitted: true; readonly values: FormValues }
  | { readonly submitted: false; readonly state: FormState };

/** Validate every visible field; refuse (focusing the first invalid field) when any fails. */
export function submit(state: FormState): SubmitOutcome {
  let next: FormState = state;
  const order = visibleIndexes(state);
  for (const i of order) next = validateAt(next, i);
  const firstBad = order.find((i) => next.fields[i]?.error !== null);
  if (firstBad !== undefined) return { submitted: false, state: { ...next, focus: firstBad } };
  const visible = new Set(order.map((i) => state.fields[i]?.spec.id));
  const out: Record<string, string> = {};
  for (const f of next.fields) if (visible.has(f.spec.id)) out[f.spec.id] = f.value;
  return { submitted: true, values: out };
}

/** Enter: next field, or submit on the last visible field. */
export function enter(state: FormState): SubmitOutcome {
  if (isLastVisible(state)) return submit(state);
  return { submitted: false, state: moveFocus(state, 1) };
}
