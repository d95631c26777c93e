import { describe, expect, it } from 'vitest';
import { Drafts, type KeyValueStore } from './drafts';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    key: (i) => [...data.keys()][i] ?? null,
    get length() {
      return data.size;
    },
  };
}

describe('drafts', () => {
  it('survive a restart (a new Drafts over the same storage)', () => {
    const s = memory();
    new Drafts(s).set('HD-1', 'comment', 'Доброго дня', { visibility: 'internal' });
    const again = new Drafts(s);
    expect(again.get('HD-1', 'comment')).toBe('Доброго дня');
    expect(again.getExtra('HD-1', 'comment')).toEqual({ visibility: 'internal' });
    expect(again.tickets()).toEqual(['HD-1']);
  });
  it('are removed when emptied or cleared', () => {
    const s = memory();
    const d = new Drafts(s);
    d.set('HD-1', 'comment', 'x');
    d.set('HD-1', 'comment', '   ');
    expect(s.data.size).toBe(0);
    d.set('HD-2', 'dialog-resolve', 'text');
    d.clear('HD-2', 'dialog-resolve');
    expect(d.get('HD-2', 'dialog-resolve')).toBe('');
  });
  it('keep choices even without text', () => {
    const d = new Drafts(memory());
    d.set('HD-1', 'dialog-postpone', '', { postponeReason: 'diagnostics', note: '' });
    expect(d.getExtra('HD-1', 'dialog-postpone').postponeReason).toBe('diagnostics');
  });
  it('prune drafts older than the limit and junk', () => {
    const s = memory();
    let now = 0;
    const d = new Drafts(s, () => now);
    d.set('HD-1', 'comment', 'old');
    now = 40 * 24 * 3600 * 1000;
    d.set('HD-2', 'comment', 'new');
    s.setItem('helpdesk.draft.HD-3.comment', '{broken');
    expect(d.prune()).toBe(2);
    expect(d.tickets()).toEqual(['HD-2']);
  });
  it('work without storage', () => {
    const d = new Drafts(null);
    d.set('HD-1', 'comment', 'x');
    expect(d.get('HD-1', 'comment')).toBe('');
  });
});
