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
