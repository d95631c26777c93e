// Filtering and sorting a queue of 10,000 tickets (issue: target ≤ 50 ms).
// `npm run bench` prints the figures.
import { bench, describe } from 'vitest';
import { queueRows } from './queue-rows';
import { applyQueueView, filterQueue } from './queue';

const big = queueRows(10_000);

describe('queue of 10,000 tickets', () => {
  bench('filter by status and text', () => {
    filterQueue(big, { statuses: ['in_progress', 'new'], priorities: [], text: 'ncts гарант' });
  });
  bench('filter by priority and text, then sort by deadline', () => {
    applyQueueView(big, { statuses: [], priorities: [2, 3], text: 'декларац' }, { key: 'due', dir: 'asc' });
  });
});
