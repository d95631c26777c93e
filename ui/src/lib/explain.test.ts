import { describe, expect, it } from 'vitest';
import type { MetricExplanation } from '../bindings/MetricExplanation';
import type { Reason } from '../bindings/Reason';
import { explainMetric, measured, reasonText, termText } from './explain';
import { translator } from './testing';

const uk = translator('uk');
const ru = translator('ru');
const en = translator('en');

describe('terms', () => {
  it('render with plurals', () => {
    const wd = (amount: number) => ({ kind: 'fixed' as const, amount, unit: 'working_days' as const });
    expect(termText(uk, wd(1))).toBe('1 робочий день');
    expect(termText(uk, wd(3))).toBe('3 робочі дні');
    expect(termText(uk, wd(5))).toBe('5 робочих днів');
    expect(termText(uk, wd(21))).toBe('21 робочий день');
    expect(termText(ru, { kind: 'fixed', amount: 2, unit: 'working_hours' })).toBe('2 рабочих часа');
    expect(termText(en, { kind: 'by_agreement' })).toBe('by agreement');
  });
  it('durations', () => {
    expect(measured(uk, { seconds: 2 * 3600 + 15 * 60, working: true })).toBe('2 години 15 хвилин робочого часу');
    expect(measured(uk, { seconds: 26 * 3600, working: false })).toBe('1 день 2 години');
    expect(measured(en, { seconds: 0, working: false })).toBe('0 minutes');
  });
});

describe('explanation of a metric, as the domain gives it', () => {
  const hours = (h: number) => ({ seconds: h * 3600, working: true });
  const m: MetricExplanation = {
    metric: 'resolution',
    clause: '002 §9.8',
    time_zone: 'Europe/Kyiv',
    state: 'running',
    reasons: [
      { reason: 'started', at: '2025-05-13T07:00:00Z', cause: { kind: 'registered' } },
      {
        reason: 'target',
        at: '2025-05-13T07:00:00Z',
        conditions: { type: 'incident', priority: { priority: 2, title: 'Высокий' }, complexity: null, workaround: false },
        term: { kind: 'fixed', amount: 3, unit: 'working_days' },
        clause: '002 §9.8',
      },
      { reason: 'day_count', term: { kind: 'fixed', amount: 3, unit: 'working_days' }, start: '2025-05-13', first: '2025-05-14', last: '2025-05-16', due: '2025-05-16T15:00:00Z', holidays: [], working_days: true, moved_from: null },
      { reason: 'paused', from: '2025-05-14T08:00:00Z', to: '2025-05-14T14:00:00Z', status: 'awaiting_info', added: hours(6), clause: '002 §8.4' },
      { reason: 'pauses_total', added: hours(6), from: '2025-05-16T15:00:00Z', due: '2025-05-19T15:00:00Z', clause: '002 §8.4' },
    ],
    term: { kind: 'fixed', amount: 3, unit: 'working_days' },
    due: '2025-05-19T15:00:00Z',
    elapsed: hours(9),
    remaining: hours(18),
    warnings: [],
  };
  it('cites the clauses and the level names, in the calendar zone, never rule numbers', () => {
    const ex = explainMetric(uk, m, 'uk');
    expect(ex.title).toBe('Метрика «Вирішення» (002 §9.8), час за київським часом:');
    expect(ex.lines).toHaveLength(5);
    expect(ex.lines[0]).toMatch(/10:00/); // 07:00Z is 10:00 in Kyiv (summer time)
    expect(ex.lines[1]).toMatch(/пріоритет P2 \(Высокий\).*3 робочі дні \(002 §9\.8\)/);
    expect(ex.lines[2]).toMatch(/^3 робочі дні: строк починається наступного дня/);
    expect(ex.lines[3]).toMatch(/\(002 §8\.4\); строк відсунуто на 6 годин робочого часу/);
    expect(ex.lines[4]).toMatch(/З урахуванням пауз \(разом 6 годин робочого часу\)/);
    expect(ex.lines.join(' ')).not.toMatch(/правило|SPEC/);
    expect(ex.result).toMatch(/стан: триває/);
    expect(ex.counted).toBe('Зараховано: 9 годин робочого часу; залишилось: 18 годин робочого часу.');
  });
  it('and in Russian and English', () => {
    expect(explainMetric(ru, m, 'ru').lines[1]).toMatch(/3 рабочих дня/);
    expect(explainMetric(en, m, 'en').lines[3]).toMatch(/6 hours of working time/);
  });
  it('says what will start a clock that has not started', () => {
    const ex = explainMetric(uk, { ...m, state: 'not_started', reasons: [], due: null, starts_on: { kind: 'escalated', line: 'L2' } }, 'uk');
    expect(ex.lines[0]).toMatch(/звернення передано на L2/);
    expect(ex.result).toBe('Строку немає; стан: не почався.');
  });
});

describe('the real cause of a resumption, and placeholders', () => {
  const at = (v: string) => v;
  const text = (lang: typeof uk, r: Reason) => reasonText(lang, r, at, at);
  it('tells why a clock resumed', () => {
    expect(text(uk, { reason: 'resumed', at: 'T', cause: { kind: 'information_received' } })).toBe('T: відлік відновлено — користувач надав інформацію.');
    expect(text(en, { reason: 'resumed', at: 'T', cause: { kind: 'handed_over', line: 'L3' } })).toContain('handed over to L3');
    expect(text(uk, { reason: 'resumed', at: 'T', cause: { kind: 'status_changed', from: 'postponed', to: 'in_progress' } })).toContain('«Відкладено» у «У роботі»');
  });
  it("marks a placeholder term as not the regulation's figure", () => {
    const target: Reason = {
      reason: 'target',
      at: 'T',
      conditions: { type: 'incident', priority: { priority: 2 }, complexity: null, workaround: false },
      term: { kind: 'fixed', amount: 3, unit: 'working_days' },
      clause: null,
    };
    expect(text(uk, target)).not.toContain('тимчасовий');
    expect(text(uk, { ...target, placeholder: 'the seed gives no figure' })).toContain('не з регламенту: the seed gives no figure');
  });
});
