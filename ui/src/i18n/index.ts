// svelte-i18n set-up: messages are bundled (the app works offline), ICU
// MessageFormat with the plural rules of each language (uk/ru: one, few,
// many, other).
import { addMessages, init, locale, _ } from 'svelte-i18n';
import { derived, get } from 'svelte/store';
import type { Language } from '../lib/contract';
import type { Translate } from '../lib/i18n-types';
import en from './en.json';
import ru from './ru.json';
import uk from './uk.json';
import { withErrorMessages } from '../../shared/errors';

/** The desktop's messages, with the shared error sentences under `error`. */
export const MESSAGES: Record<Language, Record<string, unknown>> = {
  uk: withErrorMessages(uk, 'uk'),
  en: withErrorMessages(en, 'en'),
  ru: withErrorMessages(ru, 'ru'),
};

let started = false;

export function setupI18n(initial: Language = 'uk'): void {
  if (!started) {
    for (const [lang, messages] of Object.entries(MESSAGES)) addMessages(lang, messages as never);
    init({ fallbackLocale: 'uk', initialLocale: initial, warnOnMissingMessages: false });
    started = true;
  } else locale.set(initial);
  setDocumentLang(initial);
}

export function setLanguage(lang: Language): void {
  locale.set(lang);
  setDocumentLang(lang);
}

function setDocumentLang(lang: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** `$tr('key', {n: 2})` — the translator with ICU values as a plain object. */
export const tr = derived(_, (format): Translate => (id, values) => format(id, { values: values as never }));

export const currentLanguage = derived(locale, (l): Language => (l === 'en' || l === 'ru' ? l : 'uk'));

/** Whether the catalogue of `lang` has the message `id` (`a.b.c`). */
export function hasMessage(lang: Language, id: string): boolean {
  let node: unknown = MESSAGES[lang];
  for (const part of id.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

export function translateNow(): Translate {
  return get(tr);
}
