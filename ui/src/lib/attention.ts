// Why an action of the analyst was not applied, in the user's language:
// by its code (the server's English message is never shown).
import type { AttentionItem, Language } from './contract';
import type { Translate } from './i18n-types';
import { hasMessage } from '../i18n';
import { describeError } from './errors';

export function attentionReason(t: Translate, lang: Language, item: Pick<AttentionItem, 'code'>): string {
  const key = `attention.why.${item.code}`;
  return hasMessage(lang, key) ? t(key) : describeError(t, { code: item.code });
}

/** The items about one ticket (by its id or number). */
export function attentionFor(items: AttentionItem[], ticketId: string, number: string): AttentionItem[] {
  return items.filter((i) => i.ticket_id === ticketId || i.number === number);
}
