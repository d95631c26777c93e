import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { browserLanguage } from './index';
import en from './en.json';
import ru from './ru.json';
import uk from './uk.json';
import { flatten, type Tree } from '../../../src/i18n/catalogue';

const LANGS: Record<string, Tree> = { uk, en, ru };

const flat = Object.fromEntries(Object.entries(LANGS).map(([l, t]) => [l, flatten(t)]));

describe('the portal speaks uk, en and ru', () => {
  it('with the same messages in every language', () => {
    const all = new Set(Object.values(flat).flatMap((m) => [...m.keys()]));
    for (const [lang, m] of Object.entries(flat)) {
      expect([...all].filter((k) => !m.has(k)), lang).toEqual([]);
    }
  });

  it('with the plural rules of each language', () => {
    const count = (lang: string, n: number) => new IntlMessageFormat(flat[lang].get('list.count')!, lang).format({ n }) as string;
    expect([1, 3, 5, 21].map((n) => count('uk', n))).toEqual(['1 звернення', '3 звернення', '5 звернень', '21 звернення']);
    expect([1, 3, 5, 11].map((n) => count('ru', n))).toEqual(['1 обращение', '3 обращения', '5 обращений', '11 обращений']);
    expect([1, 2].map((n) => count('en', n))).toEqual(['1 request', '2 requests']);
  });

  it('following the browser when it asks for uk, en or ru, Ukrainian otherwise', () => {
    expect(browserLanguage(['ru-RU', 'en'])).toBe('ru');
    expect(browserLanguage(['de-DE', 'en-GB'])).toBe('en');
    expect(browserLanguage(['pl', 'de'])).toBe('uk');
    expect(browserLanguage([])).toBe('uk');
  });
});
