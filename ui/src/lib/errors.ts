// An error of the backend in the desktop's language: the shared catalogue's
// sentence for its code (ui/shared/errors), with the params named by the
// desktop's labels (the op, the ticket's status, the field…).
import { renderError, type CodedError, type ParamLabels } from '../../shared/errors';
import type { Translate } from './i18n-types';

export type { CodedError };

const DESKTOP_LABELS: ParamLabels = {
  op: 'action',
  status: 'status',
  allowed: 'status',
  ticket_type: 'ticket_type',
  field: 'dialog.field',
};

/** The sentence for `error` in the current language. */
export function describeError(t: Translate, error: CodedError): string {
  return renderError(t, error, DESKTOP_LABELS);
}
