import { describe, expect, it } from 'vitest';
import { setupI18n, translateNow } from '../i18n';
import { describeError } from './errors';

describe('describeError', () => {
  it('translates a refusal by its code, with the op and the statuses in words', () => {
    setupI18n('uk');
    const text = describeError(translateNow(), {
      code: 'wrong_status',
      params: { op: 'reopen', status: 'closed', allowed: ['resolved'] },
    });
    expect(text).toContain('Відкрити повторно');
    expect(text).toContain('Закрито');
    expect(text).toContain('Вирішено');
    expect(text).not.toMatch(/cannot|reopen|closed/);
  });

  it('says the code, in the language of the window, when a newer server sends an unknown one', () => {
    setupI18n('uk');
    const text = describeError(translateNow(), { code: 'brand_new_code' });
    expect(text).toContain('brand_new_code');
    expect(text).toMatch(/код/);
  });

  it('follows the language', () => {
    setupI18n('en');
    expect(describeError(translateNow(), { code: 'offline' })).toMatch(/cannot be reached/);
    setupI18n('ru');
    expect(describeError(translateNow(), { code: 'offline' })).toMatch(/Сервер недоступен/);
    setupI18n('uk');
  });
});
