// An error as a sentence in the UI's language: `error.code.<code>` with
// its params, each param that is an id (an op, a status, a ticket type, a
// field) shown by the UI's own label for it. A code the catalogue does not
// know (a newer server's) gives the generic sentence naming the code; the
// backend's English `message` is never shown.

/** A translator: message id + ICU values → text (svelte-i18n's `$_`, or a test double). */
export type Translate = (id: string, values?: Record<string, string | number | boolean | null | undefined | Date>) => string;

export interface CodedError {
  code: string;
  params?: Record<string, unknown>;
}

/** For a param's name, the prefix of the UI's message ids that label its values (`status` → `status.closed`). */
export type ParamLabels = Partial<Record<string, string>>;

type Value = string | number | boolean | null | undefined;

function param(t: Translate, labels: ParamLabels, name: string, value: unknown): Value {
  if (Array.isArray(value)) return value.map((v) => param(t, labels, name, v)).join(', ');
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return value;
  if (typeof value !== 'string') return JSON.stringify(value);
  if (name === 'required') return value.toUpperCase();
  const prefix = labels[name];
  if (!prefix) return value;
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? value : text;
}

/** The sentence for `error` in the current language of `t`. */
export function renderError(t: Translate, error: CodedError, labels: ParamLabels = {}): string {
  const key = `error.code.${error.code}`;
  const values: Record<string, Value> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) values[name] = param(t, labels, name, value);
  const text = t(key, values);
  return text === key ? t('error.unknown', { code: error.code }) : text;
}
