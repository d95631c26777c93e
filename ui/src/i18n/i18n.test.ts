import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ru from './ru.json';
import uk from './uk.json';
import { flatten, type Tree } from './catalogue';

const LANGS: Record<string, Tree> = { uk, en, ru };

const flat = Object.fromEntries(Object.entries(LANGS).map(([l, t]) => [l, flatten(t)]));

function fmt(lang: string, key: string, values: Record<string, unknown>): string {
  return new IntlMessageFormat(flat[lang].get(key)!, lang).format(values as never) as string;
}

describe('message files', () => {
  it('have the same keys in every language', () => {
    const all = new Set(Object.values(flat).flatMap((m) => [...m.keys()]));
    for (const [lang, m] of Object.entries(flat)) {
      const missing = [...all].filter((k) => !m.has(k));
      expect(missing, `missing in ${lang}`).toEqual([]);
    }
  });

  it('parse as ICU MessageFormat and have no empty messages', () => {
    for (const [lang, m] of Object.entries(flat)) {
      for (const [key, msg] of m) {
        expect(msg.trim(), `${lang}:${key} is empty`).not.toBe('');
        expect(() => new IntlMessageFormat(msg, lang), `${lang}:${key}`).not.toThrow();
      }
    }
  });

  it('use the same placeholders in every language', () => {
    const args = (msg: string) => [...new Set([...msg.matchAll(/\{\s*([a-z_]+)\s*[,}]/gi)].map((x) => x[1]))].sort();
    for (const [key, msg] of flat.uk) {
      for (const lang of ['en', 'ru']) expect(args(flat[lang].get(key)!), `${lang}:${key}`).toEqual(args(msg));
    }
  });

  it('plural forms: Ukrainian one/few/many for 1, 2, 5, 21', () => {
    expect(fmt('uk', 'unit.days', { n: 1 })).toBe('1 день');
    expect(fmt('uk', 'unit.days', { n: 2 })).toBe('2 дні');
    expect(fmt('uk', 'unit.days', { n: 5 })).toBe('5 днів');
    expect(fmt('uk', 'unit.days', { n: 21 })).toBe('21 день');
    expect(fmt('uk', 'term.working_days', { n: 3 })).toBe('3 робочі дні');
    expect(fmt('uk', 'term.working_days', { n: 11 })).toBe('11 робочих днів');
    expect(fmt('uk', 'queue.count', { count: 1 })).toBe('1 звернення');
    expect(fmt('uk', 'queue.count', { count: 5 })).toBe('5 звернень');
    expect(fmt('uk', 'kb.results', { count: 21 })).toBe('21 стаття');
    expect(fmt('uk', 'kb.results', { count: 2 })).toBe('2 статті');
    expect(fmt('uk', 'kb.results', { count: 5 })).toBe('5 статей');
    expect(fmt('uk', 'sync.pending', { count: 0 })).toBe('усе синхронізовано');
  });

  it('plural forms: Russian one/few/many for 1, 2, 5, 21', () => {
    expect(fmt('ru', 'unit.hours', { n: 1 })).toBe('1 час');
    expect(fmt('ru', 'unit.hours', { n: 2 })).toBe('2 часа');
    expect(fmt('ru', 'unit.hours', { n: 5 })).toBe('5 часов');
    expect(fmt('ru', 'unit.hours', { n: 21 })).toBe('21 час');
    expect(fmt('ru', 'term.working_days', { n: 2 })).toBe('2 рабочих дня');
    expect(fmt('ru', 'queue.count', { count: 21 })).toBe('21 обращение');
    expect(fmt('ru', 'queue.count', { count: 5 })).toBe('5 обращений');
  });

  it('plural forms: English one/other', () => {
    expect(fmt('en', 'unit.minutes', { n: 1 })).toBe('1 minute');
    expect(fmt('en', 'unit.minutes', { n: 21 })).toBe('21 minutes');
  });

  it('names every value of the enumerations the UI shows', () => {
    const groups: Record<string, string[]> = {
      status: ['new', 'in_progress', 'awaiting_info', 'postponed', 'resolved', 'closed'],
      ticket_type: ['incident', 'service_request', 'consultation', 'change_request'],
      channel: ['portal', 'phone', 'email', 'chat_bot', 'paper', 'monitoring'],
      postpone_reason: ['software_change', 'external_vendor', 'diagnostics', 'agreed_delay', 'force_majeure'],
      reject_reason: ['out_of_scope', 'duplicate_of', 'no_response', 'abusive', 'unclear', 'no_ministry_approval'],
      clock_state: ['not_started', 'running', 'paused', 'met', 'breached', 'no_term'],
      close_basis: ['confirmed', 'agreed', 'auto'],
      complexity: ['simple', 'medium', 'complex'],
      'requester.kind': ['legal_entity', 'entrepreneur', 'official', 'employee', 'citizen'],
      'nav.queue': ['mine', 'group', 'unassigned', 'breaching', 'awaiting', 'recent'],
      action: ['take', 'assign', 'comment', 'request_info', 'info_received', 'postpone', 'resume', 'escalate', 'set_priority', 'set_complexity', 'change_type', 'give_workaround', 'resolve', 'request_confirmation', 'reopen', 'close', 'reject', 'grant_paper_permission', 'request_timeline_clarification', 'give_timeline_conclusion', 'propose_reclassification', 'answer_reclassification'],
      'dialog.title': ['assign', 'comment', 'request_info', 'info_received', 'postpone', 'escalate', 'set_priority', 'set_complexity', 'change_type', 'give_workaround', 'resolve', 'request_confirmation', 'reopen', 'close', 'reject', 'grant_paper_permission', 'request_timeline_clarification', 'give_timeline_conclusion', 'propose_reclassification', 'answer_reclassification'],
      'kb.status': ['draft', 'review', 'approved', 'published', 'archived'],
      'kb_edit.move': ['draft', 'review', 'approved', 'published', 'archived'],
      'kb_edit.revision_move': ['draft', 'review', 'approved', 'published', 'archived'],
      'kb_edit.tab': ['draft', 'review', 'approved', 'published', 'due'],
      'kb_edit.error': ['offline', 'kb.own_approval', 'kb.wrong_status', 'kb.conflict', 'kb.review_not_later', 'kb.invalid_article'],
      'report.period': ['day', 'week', 'month'],
    };
    for (const [prefix, values] of Object.entries(groups))
      for (const v of values) for (const lang of Object.keys(flat)) expect(flat[lang].has(`${prefix}.${v}`), `${lang}:${prefix}.${v}`).toBe(true);
  });

  it('every literal message id used in the sources exists', () => {
    const sources = import.meta.glob(['../**/*.ts', '../**/*.svelte', '!../**/*.test.ts', '!../bindings/**', '!../i18n/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const used = new Set<string>();
    for (const src of Object.values(sources)) {
      for (const m of src.matchAll(/\b(?:\$tr|t)\(\s*'([a-z_.-]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(60);
    const missing = [...used].filter((k) => !flat.uk.has(k));
    expect(missing).toEqual([]);
  });
});

describe('hasMessage', () => {
  it('finds explanations of refusal codes, and nothing for codes without one', async () => {
    const { hasMessage } = await import('./index');
    expect(hasMessage('uk', 'attention.why.unknown_group')).toBe(true);
    expect(hasMessage('ru', 'attention.why.conflict')).toBe(true);
    expect(hasMessage('en', 'attention.why.some_new_server_code')).toBe(false);
    expect(hasMessage('uk', 'attention.why')).toBe(false); // a branch, not a message
  });
});
