// A failure as the requester reads it: the shared catalogue's sentence for
// the server's code (ui/shared/errors), with its params named by the
// portal's labels; an unknown code gets the generic sentence naming it
// (never the server's English text).
import { renderError, type ParamLabels } from '../../shared/errors';
import { PortalError } from './api';
import type { Translate } from './i18n';

const PORTAL_LABELS: ParamLabels = {
  op: 'op',
  status: 'status',
  allowed: 'status',
  ticket_type: 'type',
  field: 'field',
};

export function errorText(t: Translate, err: unknown): string {
  const error = err instanceof PortalError ? { code: err.code, params: err.params } : { code: 'internal' };
  return renderError(t, error, PORTAL_LABELS);
}

/** The fields a refusal names, each with the sentence to show next to it. */
export function fieldErrors(t: Translate, err: unknown): Record<string, string> {
  if (!(err instanceof PortalError)) return {};
  const text = err.code === 'registration_invalid' ? t('form.field_invalid') : errorText(t, err);
  return Object.fromEntries(err.fields.map((f) => [f, text]));
}
