// An error of the backend in the user's language: translated by its code
// (declared in Rust: the client's codes, the workflow's refusals, the
// server's; `error.code.*` in each catalogue, checked by a Rust test), with
// the params the error names (the op, the ticket's status, the field…)
// translated too. The backend's English `message` is never shown.
import type { Translate } from './i18n-types';

export interface CodedError {
  code: string;
  params?: Record<string, unknown>;
}

type Value = string | number | boolean | null | undefined;

/** A param as the sentence shows it: ids of ops, statuses, types and fields in words. */
function param(t: Translate, name: string, value: unknown): Value {
  const known = (key: string, fallback: string) => {
    const text = t(key);
    return text === key ? fallback : text;
  };
  if (Array.isArray(value)) return value.map((v) => param(t, name, v)).join(', ');
  if (typeof value !== 'string') return typeof value === 'number' || typeof value === 'boolean' ? value : value == null ? value : JSON.stringify(value);
  switch (name) {
    case 'op':
      return known(`action.${value}`, value);
    case 'status':
    case 'allowed':
      return known(`status.${value}`, value);
    case 'ticket_type':
      return known(`ticket_type.${value}`, value);
    case 'field':
      return known(`dialog.field.${value}`, value);
    case 'required':
      return value.toUpperCase();
    default:
      return value;
  }
}

/** The sentence for `error` in the current language. */
export function describeError(t: Translate, error: CodedError): string {
  const key = `error.code.${error.code}`;
  const values: Record<string, Value> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) values[name] = param(t, name, value);
  const text = t(key, values);
  return text === key ? t('error.unknown', { code: error.code }) : text;
}
