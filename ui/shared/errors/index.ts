// The one catalogue of error sentences (uk first, en, ru), shared by the
// desktop and the Self Service portal: one sentence per code declared in
// Rust (the server's, the workflow's refusals, the desktop client's;
// tests/tests/error_translations.rs checks every code has one), written
// for a requester and an analyst alike, and one function that renders a
// code with its params. Each UI merges these messages under `error` in its
// svelte-i18n catalogue and says how its own labels name the params.
import en from './en.json';
import ru from './ru.json';
import uk from './uk.json';

export type ErrorLanguage = 'uk' | 'en' | 'ru';

/** The sentences of one language: `unknown` (with `{code}`) and `code.<code>`. */
export type ErrorMessages = { unknown: string; code: Record<string, string> };

export const ERROR_MESSAGES: Record<ErrorLanguage, ErrorMessages> = { uk, en, ru };

/** `messages` with the error sentences of `lang` merged under `error` (the UI's own `error.*` keys kept). */
export function withErrorMessages<T extends Record<string, unknown>>(messages: T, lang: ErrorLanguage): T {
  const own = (messages.error ?? {}) as Record<string, unknown>;
  return { ...messages, error: { ...own, ...ERROR_MESSAGES[lang] } };
}

export { renderError, type CodedError, type ParamLabels, type Translate } from './render';
