import { describe, expect, it } from 'vitest';
import type { MetricReport } from '../bindings/MetricReport';
import { causeText, explainMetric, measured, parseTerm, termText } from './explain';
import { translator } from './testing';

const uk = translator('uk');
const ru = translator('ru');
const en = translator('en');

describe('terms', () => {
  it('parse as the engine writes them', () => {
    expect(parseTerm('3 working days')).toEqual({ amount: 3, unit: 'working_days' });
    expect(parseTerm('1 calendar hour')).toEqual({ amount: 1, unit: 'calendar_hours' });
    expect(parseTerm('by agreement')).toBe('by_agreement');
    expect(parseTerm('soon')).toBeNull();
  });
  it('render with plurals', () => {
    expect(termText(uk, '1 working day')).toBe('1 робочий день');
    expect(termText(uk, '3 working days')).toBe('3 робочі дні');
    expect(termText(uk, '5 working days')).toBe('5 робочих днів');
    expect(termText(uk, '21 working days')).toBe('21 робочий день');
    expect(termText(ru, '2 working hours')).toBe('2 рабочих часа');
    expect(termText(en, 'by agreement')).toBe('by agreement');
  });
  it('durations', () => {
    expect(measured(uk, 2 * 3600 + 15 * 60, true)).toBe('2 години 15 хвилин робочого часу');
    expect(measured(uk, 26 * 3600, false)).toBe('1 день 2 години');
    expect(measured(en, 0, false)).toBe('0 minutes');
  });
  it('causes', () => {
    expect(causeText(uk, 'escalated:L2')).toBe('звернення передано на L2');
    expect(causeText(uk, 'status:in_progress')).toBe('звернення набуло статусу «У роботі»');
    expect(causeText(uk, 'met:reaction')).toBe('метрику «Реакція» дотримано');
  });
});

describe('explanation of a metric', () => {
  const m: MetricReport = {
    name: 'resolution',
    target: '3 working days',
    due: '2025-05-19T15:00:00Z',
    state: 'running',
    started_at: '2025-05-13T07:00:00Z',
    stopped_at: null,
    elapsed_working_seconds: 9 * 3600,
    remaining_working_seconds: 18 * 3600,
    used_share: 0.33,
    warnings: [],
    steps: [
      { step: 'started', at: '2025-05-13T07:00:00Z', cause: 'registered' },
      { step: 'target', at: '2025-05-13T07:00:00Z', term: '3 working days', priority: 3, complexity: null, workaround: false },
      { step: 'day_count', start_date: '2025-05-13', last_day: '2025-05-16', due: '2025-05-16T15:00:00Z', holidays: [], working_days: true },
      { step: 'paused', from: '2025-05-14T08:00:00Z', to: '2025-05-14T14:00:00Z', status: 'awaiting_info', added_seconds: 6 * 3600 },
    ],
  };
  it('renders every step in Ukrainian, in the calendar zone', () => {
    const ex = explainMetric(uk, m, 'Europe/Kyiv', 'uk');
    expect(ex.title).toBe('Метрика «Вирішення», часовий пояс Europe/Kyiv');
    expect(ex.lines).toHaveLength(5);
    expect(ex.lines[0]).toMatch(/строк почався — звернення зареєстровано \(правило 1\)/);
    expect(ex.lines[0]).toMatch(/10:00/); // 07:00Z is 10:00 in Kyiv (summer time)
    expect(ex.lines[1]).toMatch(/пріоритет 3.*3 робочі дні/);
    expect(ex.lines[2]).toMatch(/^3 робочі дні: строк починається наступного дня/);
    expect(ex.lines[3]).toMatch(/строк відсунуто на 6 годин робочого часу \(правило 5\)/);
    expect(ex.lines[4]).toMatch(/З урахуванням пауз \(разом 6 годин робочого часу\)/);
    expect(ex.result).toMatch(/стан: триває/);
    expect(ex.counted).toBe('Зараховано: 9 годин робочого часу; залишилось: 18 годин робочого часу.');
  });
  it('and in Russian and English', () => {
    expect(explainMetric(ru, m, 'Europe/Kyiv', 'ru').lines[1]).toMatch(/3 рабочих дня/);
    expect(explainMetric(en, m, 'Europe/Kyiv', 'en').lines[3]).toMatch(/moved later by 6 hours of working time/);
  });
  it('says when the clock has not started', () => {
    const ex = explainMetric(uk, { ...m, state: 'not_started', steps: [], due: null }, 'Europe/Kyiv', 'uk');
    expect(ex.lines[0]).toMatch(/Відлік ще не почався/);
    expect(ex.result).toBe('Строку немає; стан: не почався.');
  });
});

describe("the engine's own data in the explanation", () => {
  const at = (v: string) => v;
  const ctx = { at, date: at, term: () => '3 working days', setTerm: () => {} };
  it('tells the real cause of a resumption', async () => {
    const { stepText } = await import('./explain');
    expect(stepText(uk, { step: 'resumed', at: 'T', cause: { kind: 'information_received' } }, ctx)).toBe('T: відлік відновлено — користувач надав інформацію.');
    expect(stepText(en, { step: 'resumed', at: 'T', cause: { kind: 'handed_over', line: 'L3' } }, ctx)).toContain('handed over to L3');
    expect(stepText(uk, { step: 'resumed', at: 'T', cause: { kind: 'status_changed', from: 'postponed', to: 'in_progress' } }, ctx)).toContain('«Відкладено» у «У роботі»');
  });
  it('marks a placeholder term as not the regulation\'s figure', async () => {
    const { stepText } = await import('./explain');
    const step = { step: 'target' as const, at: 'T', term: '3 working days', priority: 2 as const, complexity: null, workaround: false };
    expect(stepText(uk, step, ctx)).not.toContain('заглушка');
    expect(stepText(uk, { ...step, placeholder: 'the seed gives no figure' }, ctx)).toContain('заглушка, а не цифра регламенту: the seed gives no figure');
  });
});
