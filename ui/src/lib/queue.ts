// What the queue screen keeps of the queue it shows: the filter and sort
// the analyst chose (the rows are filtered and sorted by the client core,
// `queue_window`), and the helpers of its controls.
import type { Priority } from '../bindings/Priority';
import type { Status } from '../bindings/Status';
import type { QueueFilter, QueueSort, QueueSortKey } from './contract';

export type { QueueFilter, QueueSort, QueueSortKey };

export const EMPTY_FILTER: QueueFilter = { statuses: [], priorities: [], text: '' };
export const STATUSES: Status[] = ['new', 'in_progress', 'awaiting_info', 'postponed', 'resolved', 'closed'];
export const PRIORITIES: Priority[] = [1, 2, 3, 4, 5];

/** A click on a column: the same column turns the order round; another starts with the order that column reads best in. */
export function nextSort(sort: QueueSort, key: QueueSortKey): QueueSort {
  if (sort.key === key) return { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'updated' ? 'desc' : 'asc' };
}

export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** The index after moving the selection by `delta` in a list of `length` (j/k). */
export function moveSelection(index: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (index < 0) return delta > 0 ? 0 : length - 1;
  return Math.max(0, Math.min(length - 1, index + delta));
}

/** Rows the queue screen holds at a time: those in sight and a margin either side. */
export const WINDOW_ROWS = 200;

/**
 * The window of rows to ask for so that rows `first`…`last` (in sight) are
 * held, with a margin either side; null when the held window covers them.
 */
export function windowFor(first: number, last: number, held: { offset: number; count: number }, matched: number, size = WINDOW_ROWS): { offset: number; limit: number } | null {
  if (matched === 0) return null;
  const end = Math.min(last + 1, matched);
  if (first >= held.offset && end <= held.offset + held.count) return null;
  const offset = Math.max(0, Math.min(first - Math.floor((size - (end - first)) / 2), matched - size));
  return { offset, limit: size };
}
