import { describe, expect, it } from 'vitest';
import { moveSelection, nextSort, toggle, windowFor } from './queue';

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
  it('a column click turns the order round, another column starts with its own', () => {
    expect(nextSort({ key: 'due', direction: 'asc' }, 'due')).toEqual({ key: 'due', direction: 'desc' });
    expect(nextSort({ key: 'due', direction: 'asc' }, 'updated')).toEqual({ key: 'updated', direction: 'desc' });
    expect(nextSort({ key: 'updated', direction: 'desc' }, 'number')).toEqual({ key: 'number', direction: 'asc' });
  });
});

describe('the window of rows held', () => {
  it('is asked for only when the rows in sight are not held', () => {
    expect(windowFor(0, 20, { offset: 0, count: 200 }, 10_000)).toBeNull();
    expect(windowFor(190, 210, { offset: 0, count: 200 }, 10_000)).toEqual({ offset: 101, limit: 200 });
  });
  it('stays inside the rows there are', () => {
    expect(windowFor(9_990, 10_010, { offset: 0, count: 200 }, 10_000)).toEqual({ offset: 9_800, limit: 200 });
    expect(windowFor(5, 30, { offset: 300, count: 200 }, 10_000)).toEqual({ offset: 0, limit: 200 });
    expect(windowFor(0, 20, { offset: 0, count: 0 }, 0)).toBeNull();
  });
});
