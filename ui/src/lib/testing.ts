// Test helper: a Translate over the real message files (ICU, like svelte-i18n).
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../i18n/en.json';
import ru from '../i18n/ru.json';
import uk from '../i18n/uk.json';
import type { Translate } from './i18n-types';

const FILES: Record<string, unknown> = { uk, en, ru };

export function translator(lang: 'uk' | 'en' | 'ru'): Translate {
  return (id, values) => {
    let node: unknown = FILES[lang];
    for (const part of id.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') return id;
    return new IntlMessageFormat(node, lang).format(values as never) as string;
  };
}
