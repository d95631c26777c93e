// The portal's messages (uk first, en, ru) with ICU plural rules, bundled.
// The language follows the browser when it is uk, en or ru; Ukrainian
// otherwise.
import { addMessages, init, locale, _ } from 'svelte-i18n';
import { derived } from 'svelte/store';
import en from './en.json';
import ru from './ru.json';
import uk from './uk.json';
import { withErrorMessages } from '../../../shared/errors';

export type Language = 'uk' | 'en' | 'ru';
export const LANGUAGES: Language[] = ['uk', 'en', 'ru'];
/** The portal's messages, with the shared error sentences under `error`. */
export const MESSAGES: Record<Language, Record<string, unknown>> = {
  uk: withErrorMessages(uk, 'uk'),
  en: withErrorMessages(en, 'en'),
  ru: withErrorMessages(ru, 'ru'),
};

/** The first of the browser's languages the portal speaks; Ukrainian otherwise. */
export function browserLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'uk' || base === 'en' || base === 'ru') return base;
  }
  return 'uk';
}

let started = false;

export function setupI18n(initial: Language): void {
  if (!started) {
    for (const [lang, messages] of Object.entries(MESSAGES)) addMessages(lang, messages as never);
    init({ fallbackLocale: 'uk', initialLocale: initial, warnOnMissingMessages: false });
    started = true;
  }
  setLanguage(initial);
}

export function setLanguage(lang: Language): void {
  locale.set(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export type Translate = (id: string, values?: Record<string, unknown>) => string;

/** `$tr('key', {n: 2})`: the translator with ICU values as a plain object. */
export const tr = derived(_, (format): Translate => (id, values) => format(id, { values: values as never }));

export const currentLanguage = derived(locale, (l): Language => (l === 'en' || l === 'ru' ? l : 'uk'));
