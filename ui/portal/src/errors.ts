// A failure as the requester reads it: the server's code, translated; an
// unknown code gets the general message (never the server's English text).
import { PortalError } from './api';
import type { Translate } from './i18n';
import uk from './i18n/uk.json';

const KNOWN = new Set(Object.keys((uk as { error: Record<string, string> }).error));

export function errorText(t: Translate, err: unknown): string {
  const code = err instanceof PortalError ? err.code : 'internal';
  return t(`error.${KNOWN.has(code) ? code : 'other'}`);
}

/** The fields a refusal names, each with the sentence to show next to it. */
export function fieldErrors(t: Translate, err: unknown): Record<string, string> {
  if (!(err instanceof PortalError)) return {};
  return Object.fromEntries(err.fields.map((f) => [f, t(err.code === 'registration_invalid' ? 'form.field_invalid' : `error.${KNOWN.has(err.code) ? err.code : 'other'}`)]));
}
