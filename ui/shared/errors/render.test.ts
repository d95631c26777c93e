import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { flatten, type Tree } from '../../src/i18n/catalogue';
import { ERROR_MESSAGES, renderError, withErrorMessages, type ErrorLanguage, type Translate } from './index';

// A UI's own labels for the ids a param can carry, as a UI keeps them.
const LABELS: Record<ErrorLanguage, Tree> = {
  uk: { status: { closed: 'Закрито', resolved: 'Вирішено', awaiting_info: 'Очікує інформації' }, op: { reopen: 'Поновити звернення' } },
  en: { status: { closed: 'Closed', resolved: 'Resolved', awaiting_info: 'Awaiting information' }, op: { reopen: 'Reopen the request' } },
  ru: { status: { closed: 'Закрыто', resolved: 'Решено', awaiting_info: 'Ожидает информации' }, op: { reopen: 'Возобновить обращение' } },
};

/** svelte-i18n's lookup over the merged catalogue: ICU formatting, the id itself when missing. */
function translator(lang: ErrorLanguage): Translate {
  const messages = flatten(withErrorMessages(LABELS[lang], lang) as Tree);
  return (id, values) => {
    const message = messages.get(id);
    return message === undefined ? id : (new IntlMessageFormat(message, lang).format(values as never) as string);
  };
}

const LABEL_PREFIXES = { op: 'op', status: 'status', allowed: 'status' };

describe('renderError', () => {
  it('renders a code in Ukrainian, English and Russian', () => {
    expect(renderError(translator('uk'), { code: 'bad_credentials' })).toMatch(/^Неправильне ім'я користувача або пароль/);
    expect(renderError(translator('en'), { code: 'bad_credentials' })).toMatch(/^Wrong user name or password/);
    expect(renderError(translator('ru'), { code: 'bad_credentials' })).toMatch(/^Неверное имя пользователя или пароль/);
  });

  it('names the params by the UI’s labels, lists joined', () => {
    const error = { code: 'wrong_status', params: { op: 'reopen', status: 'closed', allowed: ['resolved', 'awaiting_info'] } };
    const uk = renderError(translator('uk'), error, LABEL_PREFIXES);
    expect(uk).toContain('«Поновити звернення»');
    expect(uk).toContain('«Закрито»');
    expect(uk).toContain('Вирішено, Очікує інформації');
    expect(uk).not.toMatch(/reopen|closed|resolved/);
    expect(renderError(translator('en'), error, LABEL_PREFIXES)).toContain('“Reopen the request” cannot be done while the request is “Closed”');
  });

  it('keeps a param with no label as it is, and shows the line in capitals', () => {
    const text = renderError(translator('en'), { code: 'forbidden_line', params: { op: 'close', required: 'l2' } }, LABEL_PREFIXES);
    expect(text).toContain('line L2');
    expect(text).toContain('“close”');
  });

  it('follows each language’s plural rules', () => {
    const count = (lang: ErrorLanguage, n: number) => renderError(translator(lang), { code: 'other_user_outbox', params: { count: n } });
    expect([1, 3, 5, 21].map((n) => count('uk', n).match(/\d+ \S+ \S+/)?.[0])).toEqual([
      '1 ненадіслана дія',
      '3 ненадіслані дії',
      '5 ненадісланих дій',
      '21 ненадіслана дія',
    ]);
    expect([1, 2, 5, 11].map((n) => count('ru', n).match(/\d+ \S+ \S+/)?.[0])).toEqual([
      '1 неотправленное действие',
      '2 неотправленных действия',
      '5 неотправленных действий',
      '11 неотправленных действий',
    ]);
    expect([1, 2].map((n) => count('en', n).match(/\d+ \S+ \S+/)?.[0])).toEqual(['1 unsent action', '2 unsent actions']);
    const asks = (n: number) => renderError(translator('uk'), { code: 'too_few_info_requests', params: { required: n, made: 1 } });
    expect(asks(2)).toContain('після 2 запитів');
  });

  it('falls back, for a code it does not know, to a generic sentence that names the code', () => {
    expect(renderError(translator('uk'), { code: 'brand_new_code' })).toMatch(/^Не вдалося виконати дію \(код помилки brand_new_code\)/);
    expect(renderError(translator('en'), { code: 'brand_new_code' })).toContain('(error code brand_new_code)');
    expect(renderError(translator('ru'), { code: 'brand_new_code' })).toContain('(код ошибки brand_new_code)');
  });
});

describe('the error catalogue', () => {
  const flat = Object.fromEntries(Object.entries(ERROR_MESSAGES).map(([l, m]) => [l, flatten(m as unknown as Tree)]));
  const args = (msg: string) => [...new Set([...msg.matchAll(/\{\s*([a-z_]+)\s*[,}]/gi)].map((x) => x[1]))].sort();

  it('has the same codes, with the same params, in every language, each a valid ICU message', () => {
    for (const lang of ['en', 'ru']) expect([...flat[lang].keys()].sort(), lang).toEqual([...flat.uk.keys()].sort());
    for (const [lang, messages] of Object.entries(flat))
      for (const [key, msg] of messages) {
        expect(() => new IntlMessageFormat(msg, lang), `${lang}:${key}`).not.toThrow();
        expect(args(msg), `${lang}:${key}`).toEqual(args(flat.uk.get(key)!));
      }
  });

  it('is merged under `error` beside the UI’s own error keys', () => {
    const merged = withErrorMessages({ error: { title: 'Помилка' }, other: 'x' }, 'uk') as { error: Record<string, unknown>; other: string };
    expect(merged.error.title).toBe('Помилка');
    expect(merged.error.unknown).toBe(ERROR_MESSAGES.uk.unknown);
    expect(merged.error.code).toBe(ERROR_MESSAGES.uk.code);
    expect(merged.other).toBe('x');
  });
});
