import { describe, expect, it } from 'vitest';
import { toBackendError } from './backend';
import { chartSeries, reportSeries } from './dashboard';
import { formatDate, formatDateTime, formatDecimal, formatPercent } from './format';
import { debounce, latestOnly } from './kb';
import { formatRoute, parseRoute } from './route';
import { isTime, normalizeSettings, toPercents, toShares } from './settings';

describe('routes', () => {
  it('round-trip', () => {
    for (const r of [
      { screen: 'queue', queue: 'breaching' },
      { screen: 'ticket', number: 'HD-2025-000001' },
      { screen: 'kb', article: 'kb-1', query: 'КЕП помилка' },
      { screen: 'kb', article: null, query: '' },
      { screen: 'settings' },
    ] as const)
      expect(parseRoute(formatRoute(r))).toEqual(r);
  });
  it('fall back to My queue', () => {
    expect(parseRoute('')).toEqual({ screen: 'queue', queue: 'mine' });
    expect(parseRoute('#/queue/nope')).toEqual({ screen: 'queue', queue: 'mine' });
  });
});

describe('backend errors', () => {
  it('are {code, message} whatever crosses IPC', () => {
    expect(toBackendError({ code: 'not_signed_in', message: 'Увійдіть' })).toMatchObject({ code: 'not_signed_in', message: 'Увійдіть' });
    expect(toBackendError('{"code":"offline","message":"x"}').code).toBe('offline');
    expect(toBackendError('boom')).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toBackendError(new Error('e')).code).toBe('internal');
  });
});

describe('KB', () => {
  it('debounces', async () => {
    const calls: string[] = [];
    const d = debounce((q: string) => calls.push(q), 20);
    d('a');
    d('ab');
    d('abc');
    await new Promise((r) => setTimeout(r, 40));
    expect(calls).toEqual(['abc']);
  });
  it('keeps only the latest answer', async () => {
    const latest = latestOnly<string>();
    const slow = latest(new Promise((r) => setTimeout(() => r('slow'), 30)));
    const fast = latest(Promise.resolve('fast'));
    expect(await fast).toEqual({ stale: false, value: 'fast' });
    expect(await slow).toEqual({ stale: true, value: 'slow' });
  });
});

describe('formatting', () => {
  it('shows moments in the ticket calendar zone and the user locale', () => {
    expect(formatDateTime('2025-05-14T07:00:00Z', 'uk', 'Europe/Kyiv')).toMatch(/14\.05\.2025.*10:00/);
    expect(formatDateTime('2025-05-14T07:00:00Z', 'ru', 'Asia/Vladivostok')).toMatch(/17:00/);
    expect(formatDateTime(null, 'uk')).toBe('—');
    expect(formatDate('2025-05-16', 'uk')).toMatch(/16\.05\.2025/);
    expect(formatPercent(0.915, 'en')).toBe('92%');
  });
  it('writes decimals the way each language does', () => {
    expect(formatDecimal(26, 'uk')).toBe('26,0');
    expect(formatDecimal(31.04, 'ru')).toBe('31,0');
    expect(formatDecimal(2.25, 'en')).toBe('2.3');
  });
});

describe('settings', () => {
  it('thresholds as percents ↔ shares', () => {
    expect(toPercents([0.75, 0.9, 1])).toEqual([75, 90, 100]);
    expect(toShares([90, '75', 100, 0, 140, 'x', 90])).toEqual([0.75, 0.9, 1]);
  });
  it('quiet hours', () => {
    expect(isTime('22:00')).toBe(true);
    expect(isTime('24:00')).toBe(false);
    expect(normalizeSettings({ language: 'uk', theme: 'dark', thresholds: [], quiet_hours: { from: 'x', to: '07:00' } })).toEqual({ language: 'uk', theme: 'dark', thresholds: [0.75, 0.9, 1], quiet_hours: null });
  });
});

describe('dashboard', () => {
  const w = (starts: string, resolved: number, share: number | null, breaches: number, mttr: number | null) => ({ week: starts, starts, resolved, within_sla: Math.round(resolved * (share ?? 0)), breaches, share_within_sla: share, mttr_hours: mttr });
  it('aligns weeks of both series', () => {
    const s = chartSeries({ mine: [w('2025-05-12', 2, 1, 0, 3)], groups: [w('2025-05-05', 10, 0.8, 2, 8), w('2025-05-12', 12, 0.9, 1, 6)], group_ids: [], mine_total: w('total', 2, 1, 0, 3), groups_total: w('total', 22, 0.86, 3, 7), time_zone: 'Europe/Kyiv', generated_at: '2025-05-14T00:00:00Z' }, 'uk');
    expect(s.labels).toEqual(['05.05', '12.05']);
    expect(s.within.mine).toEqual([null, 1]);
    expect(s.breaches.groups).toEqual([2, 1]);
  });
  it('lines up the report of a group per period, in hours', () => {
    const row = (group: string, mttr: number | null, answered: number) => ({ group, tickets: 1, resolved: 1, within_sla: 1, breached: 0, share_within_sla: 1, breach_rate: 0, mttr_seconds: mttr, incidents: 2, mtbf_seconds: 7200, answered, mean_answer_seconds: null, answered_from_kb: 0, share_answered_from_kb: null, rated: 0, mean_satisfaction: null });
    const period = (from: string, mttr: number | null) => ({ from, to: from, rows: [row('eais-l2', mttr, 2)], total: row('all', mttr, 3) });
    const s = reportSeries({ from: '2025-05-04T21:00:00Z', to: '2025-05-18T21:00:00Z', period: 'week', time_zone: 'Europe/Kyiv', groups: ['eais-l2'], periods: [period('2025-05-05T00:00:00Z', 5400), period('2025-05-12T00:00:00Z', null)], overall: period('2025-05-05T00:00:00Z', 5400) }, 'eais-l2', 'uk');
    expect(s.mttrHours).toEqual([1.5, null]);
    expect(s.mtbfHours).toEqual([2, 2]);
    expect(s.answered).toEqual([2, 2]);
    expect(reportSeries({ from: '', to: '', period: 'day', time_zone: 'Europe/Kyiv', groups: [], periods: [period('2025-05-05T00:00:00Z', 0)], overall: period('2025-05-05T00:00:00Z', 0) }, 'all', 'uk').answered).toEqual([3]);
  });
});
