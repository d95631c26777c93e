import { describe, expect, it } from 'vitest';
import type { QueueItem } from './contract';
import { queueRows } from './queue-rows';
import { applyQueueView, filterQueue, moveSelection, sortQueue, toggle } from './queue';

const item = (n: number, over: Partial<QueueItem> = {}): QueueItem => ({
  id: `t${n}`,
  number: `HD-${n}`,
  subject: `Тема ${n}`,
  type: 'incident',
  status: 'in_progress',
  priority: 3,
  group: 'l2-asmo',
  owner: 'analyst',
  requester: 'Ірина Савчук',
  updated_at: new Date(Date.UTC(2025, 4, n)).toISOString(),
  pending_ops: 0,
  headline: { name: 'resolution', due: new Date(Date.UTC(2025, 5, 30 - n)).toISOString(), state: 'running', used_share: 0.1, remaining_working_seconds: 3600, counting: true, warnings: [] },
  next_due: new Date(Date.UTC(2025, 5, 30 - n)).toISOString(),
  time_zone: 'Europe/Kyiv',
  ...over,
});

describe('filter', () => {
  const rows = [item(1, { subject: 'Помилка КЕП в АСМО' }), item(2, { status: 'new', priority: 1 }), item(3, { owner: null, group: 'l2-ncts' })];
  it('by status, priority and words in any order, case-insensitively', () => {
    expect(filterQueue(rows, { statuses: ['new'], priorities: [], text: '' }).map((r) => r.number)).toEqual(['HD-2']);
    expect(filterQueue(rows, { statuses: [], priorities: [1, 3], text: '' }).length).toBe(3);
    expect(filterQueue(rows, { statuses: [], priorities: [], text: 'асмо кеп' }).map((r) => r.number)).toEqual(['HD-1']);
    expect(filterQueue(rows, { statuses: [], priorities: [], text: 'NCTS' }).map((r) => r.number)).toEqual(['HD-3']);
    expect(filterQueue(rows, { statuses: [], priorities: [], text: 'hd-2' }).map((r) => r.number)).toEqual(['HD-2']);
  });
  it('returns a copy when nothing filters', () => {
    const out = filterQueue(rows, { statuses: [], priorities: [], text: ' ' });
    expect(out).toEqual(rows);
    expect(out).not.toBe(rows);
  });
});

describe('sort', () => {
  const rows = [item(1), item(3, { priority: 1 }), item(2, { status: 'new' })];
  it('by deadline, most urgent first', () => {
    expect(sortQueue(rows, { key: 'due', dir: 'asc' }).map((r) => r.number)).toEqual(['HD-3', 'HD-2', 'HD-1']);
  });
  it('resolved and closed tickets sort after the running ones', () => {
    const r = [item(9, { status: 'resolved' }), item(1)];
    expect(sortQueue(r, { key: 'due', dir: 'asc' }).map((x) => x.number)).toEqual(['HD-1', 'HD-9']);
  });
  it('by priority, then deadline', () => {
    expect(sortQueue(rows, { key: 'priority', dir: 'asc' }).map((r) => r.number)).toEqual(['HD-3', 'HD-2', 'HD-1']);
  });
  it('by last update, newest first', () => {
    expect(sortQueue(rows, { key: 'updated', dir: 'desc' }).map((r) => r.number)).toEqual(['HD-3', 'HD-2', 'HD-1']);
  });
  it('by number, numerically', () => {
    const r = [item(10), item(9)];
    expect(sortQueue(r, { key: 'number', dir: 'asc' }).map((x) => x.number)).toEqual(['HD-9', 'HD-10']);
  });
});

describe('10,000 rows', () => {
  const big = queueRows(10_000);
  it('filter and sort a full queue (timings: npm run bench)', () => {
    const out = applyQueueView(big, { statuses: [], priorities: [2, 3], text: 'декларац' }, { key: 'due', dir: 'asc' });
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((x) => x.priority === 2 || x.priority === 3)).toBe(true);
  });
});

describe('helpers', () => {
  it('toggle adds and removes', () => {
    expect(toggle([1, 2], 2)).toEqual([1]);
    expect(toggle([1], 2)).toEqual([1, 2]);
  });
  it('j/k selection stays inside the list', () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(0, 1, 0)).toBe(-1);
  });
});
