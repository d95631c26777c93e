// Test data only: n queue rows as the client sends them, with varied
// subjects, statuses and priorities for the queue's filter and sort
// checks and benchmark. Deadlines are spread values, not computed terms.
import type { QueueItem } from './contract';
import type { Status } from '../bindings/Status';

const SUBJECTS = [
  'Не підписується митна декларація КЕП',
  'NCTS: гарантія не приймається',
  'ЄАІС недоступна з митного посту',
  'Помилка друку декларації',
  'Запит на доступ до АСМО',
];
const STATUSES: Status[] = ['new', 'in_progress', 'awaiting_info', 'postponed', 'resolved'];

export function queueRows(n: number, start = Date.UTC(2026, 10, 2, 9)): QueueItem[] {
  return Array.from({ length: n }, (_, i) => {
    const due = new Date(start + ((i * 7919) % 200) * 3_600_000).toISOString();
    return {
      id: `t-${i}`,
      number: `HD-2026-${String(i + 1).padStart(6, '0')}`,
      subject: `${SUBJECTS[i % SUBJECTS.length]} (${i})`,
      type: i % 3 === 0 ? 'consultation' : 'incident',
      status: STATUSES[i % STATUSES.length],
      priority: (Math.floor(i / 5) % 5) + 1,
      group: i % 2 ? 'l2-asmo' : 'l2-ncts',
      owner: i % 4 ? 'analyst' : null,
      requester: 'Ірина Савчук',
      updated_at: new Date(start - i * 60_000).toISOString(),
      pending_ops: 0,
      headline: { name: 'resolution', state: 'running', due, used_share: (i % 10) / 10, remaining_working_seconds: 3600 * (i % 24), counting: true, warnings: [] },
      next_due: due,
      time_zone: 'Europe/Kyiv',
    };
  });
}
