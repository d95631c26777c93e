import { describe, expect, it } from 'vitest';
import { actionOutcome, roundOutcome, syncOutcome, unreachableOutcome } from './outcomes';
import { translator } from './testing';

const s = (connectivity: 'online' | 'offline' | 'syncing', pending: number, needs_attention = 0) => ({ connectivity, pending, needs_attention });

describe('one accurate message per outcome', () => {
  it('an action offline is saved here, not sent; online nothing is said (the ticket marks it until sent)', () => {
    expect(actionOutcome(1, 'offline')?.message).toBe('outcome.saved_offline');
    expect(actionOutcome(1, 'online')).toBeNull();
    expect(actionOutcome(0, 'offline')).toBeNull();
  });
  it('everything sent is told only after «will be sent» was', () => {
    expect(syncOutcome(s('syncing', 2), s('online', 0), true)?.message).toBe('outcome.all_sent');
    expect(syncOutcome(s('syncing', 2), s('online', 0), false)).toBeNull();
    expect(syncOutcome(s('offline', 2), s('offline', 2), true)).toBeNull();
  });
  it('losing the connection with changes waiting says they are kept, once', () => {
    expect(syncOutcome(s('syncing', 1), s('offline', 1), false)?.message).toBe('outcome.saved_offline');
    expect(syncOutcome(s('syncing', 1), s('offline', 1), true)).toBeNull();
  });
  it('actions the server did not apply are never told as sent', () => {
    const o = syncOutcome(s('syncing', 2), s('online', 0, 1), true);
    expect(o).toMatchObject({ message: 'outcome.not_applied', kind: 'error', params: { count: 1 } });
    expect(roundOutcome({ pushed: 2, applied: 1, not_applied: 1, pages: 1, changes: 0 }).message).toBe('outcome.not_applied');
  });
  it('a sync asked for says what it did', () => {
    const t = translator('uk');
    const say = (o: ReturnType<typeof roundOutcome>) => t(o.message, o.params);
    expect(say(roundOutcome({ pushed: 2, applied: 2, not_applied: 0, pages: 1, changes: 5 }))).toBe('Синхронізовано: сервер прийняв 2 зміни, отримано 5 оновлень.');
    expect(say(roundOutcome({ pushed: 0, applied: 0, not_applied: 0, pages: 1, changes: 0 }))).toBe('Синхронізовано: нового немає.');
    expect(say(unreachableOutcome(3))).toBe('Сервер недоступний. 3 зміни чекають на цьому комп’ютері й будуть надіслані пізніше.');
  });
  it('messages about one thing share a key, so a newer one replaces the older', () => {
    expect(actionOutcome(1, 'offline')?.key).toBe(syncOutcome(s('syncing', 1), s('online', 0), true)?.key);
    expect(roundOutcome({ pushed: 0, applied: 0, not_applied: 0, pages: 1, changes: 0 }).key).toBe(unreachableOutcome(0).key);
  });
});
