import { describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { PortalError } from './api';
import { errorText, fieldErrors } from './errors';
import { setupI18n, tr } from './i18n';

describe('the portal says an error with the shared catalogue', () => {
  it('in the requester’s language, with the portal’s labels for the params', () => {
    setupI18n('uk');
    const refusal = new PortalError('wrong_status', 'cannot', [], { op: 'reopen', status: 'closed', allowed: ['resolved'] });
    const text = errorText(get(tr), refusal);
    expect(text).toContain('«Поновити звернення»');
    expect(text).toContain('«Закрито»');
    expect(text).toContain('Вирішено — підтвердьте');
    setupI18n('en');
    expect(errorText(get(tr), new PortalError('bad_credentials', 'x'))).toMatch(/^Wrong user name or password/);
    setupI18n('ru');
    expect(errorText(get(tr), new PortalError('offline', 'x'))).toMatch(/^Сервер недоступен/);
  });

  it('names an unknown code in the generic sentence, and a failure that is no PortalError as internal', () => {
    setupI18n('uk');
    expect(errorText(get(tr), new PortalError('brand_new_code', 'English text'))).toContain('brand_new_code');
    expect(errorText(get(tr), new Error('boom'))).toMatch(/^На сервері сталася помилка/);
  });

  it('marks each field a refusal names', () => {
    setupI18n('uk');
    const fields = fieldErrors(get(tr), new PortalError('empty_text', 'x', ['subject'], { field: 'subject' }));
    expect(fields).toEqual({ subject: 'Поле «Тема» порожнє — заповніть його.' });
  });
});

describe('the params a requester can meet', () => {
  it('are named in words, not ids', () => {
    setupI18n('uk');
    const text = errorText(get(tr), new PortalError('missing_reason', 'x', ['note'], { op: 'reopen', status: 'resolved', field: 'note' }));
    expect(text).toBe('Для дії «Поновити звернення» заповніть «Пояснення» — без пояснення її не виконати.');
    setupI18n('en');
    expect(errorText(get(tr), new PortalError('empty_text', 'x', ['text'], { op: 'comment', field: 'text' }))).toBe('The field “Message text” is empty — fill it in.');
    setupI18n('uk');
  });
});
