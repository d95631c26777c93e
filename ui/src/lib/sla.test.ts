import { describe, expect, it } from 'vitest';
import { countdown, countdownText, dueKey, liveShare, primarySla, toneForShare, toneOf } from './sla';
import { translator } from './testing';

const T0 = Date.parse('2025-05-14T09:00:00Z');
const t = translator('uk');

describe('tone by share of the target used', () => {
  it('neutral below 75 %, amber from 75 %, orange from 90 %, red at the breach', () => {
    expect(toneForShare(0)).toBe('neutral');
    expect(toneForShare(0.7499)).toBe('neutral');
    expect(toneForShare(0.75)).toBe('amber');
    expect(toneForShare(0.8999)).toBe('amber');
    expect(toneForShare(0.9)).toBe('orange');
    expect(toneForShare(1)).toBe('breached');
    expect(toneForShare(null)).toBe('neutral');
  });
  it('state decides first: breached red, met quiet, not started none', () => {
    expect(toneOf('breached', 0.1, null, T0)).toBe('breached');
    expect(toneOf('met', 0.95, null, T0)).toBe('met');
    expect(toneOf('not_started', null, null, T0)).toBe('none');
    expect(toneOf('paused', 0.8, '2025-05-14T08:00:00Z', T0)).toBe('amber');
  });
  it('a running clock past its deadline is red even if the snapshot said otherwise', () => {
    expect(toneOf('running', 0.5, '2025-05-14T08:59:00Z', T0)).toBe('breached');
  });
});

describe('live share', () => {
  it('extrapolates a running clock towards its deadline', () => {
    const due = '2025-05-14T10:00:00Z'; // an hour after the snapshot
    expect(liveShare(0.5, 'running', due, T0, T0)).toBe(0.5);
    expect(liveShare(0.5, 'running', due, T0, T0 + 30 * 60_000)).toBeCloseTo(0.75);
    expect(liveShare(0.5, 'running', due, T0, T0 + 2 * 3600_000)).toBe(1);
  });
  it('keeps paused and stopped clocks as they are', () => {
    expect(liveShare(0.5, 'paused', '2025-05-14T10:00:00Z', T0, T0 + 3600_000)).toBe(0.5);
    expect(liveShare(0.5, 'met', '2025-05-14T10:00:00Z', T0, T0 + 3600_000)).toBe(0.5);
  });
});

describe('countdown', () => {
  it('splits time left into days, hours, minutes', () => {
    expect(countdown('2025-05-15T11:30:00Z', T0)).toMatchObject({ overdue: false, days: 1, hours: 2, minutes: 30 });
  });
  it('counts overdue time', () => {
    expect(countdown('2025-05-14T08:15:00Z', T0)).toMatchObject({ overdue: true, days: 0, hours: 0, minutes: 45 });
  });
  it('renders words in the user language', () => {
    expect(countdownText(t, 'running', '2025-05-14T11:05:00Z', T0)).toBe('лишилось 2 год 5 хв');
    expect(countdownText(t, 'running', '2025-05-14T08:00:00Z', T0)).toBe('прострочено на 1 год 0 хв');
    expect(countdownText(t, 'met', null, T0)).toBe('дотримано');
    expect(countdownText(t, 'breached', '2025-05-01T08:00:00Z', T0, true)).toBe('порушено');
    expect(countdownText(translator('en'), 'running', '2025-05-16T10:00:00Z', T0)).toBe('2d 1h left');
  });
});

describe('the clock a queue row shows', () => {
  const sla = [
    { name: 'reaction', due: '2025-05-14T09:30:00Z', state: 'met' as const, used_share: 0.3, remaining_working_seconds: 0, counting: false },
    { name: 'resolution', due: '2025-05-14T17:00:00Z', state: 'running' as const, used_share: 0.1, remaining_working_seconds: 3600, counting: true },
  ];
  it('is the active one with the earliest deadline', () => {
    expect(primarySla(sla)?.name).toBe('resolution');
    expect(primarySla([{ ...sla[0], state: 'running' }, sla[1]])?.name).toBe('reaction');
    expect(primarySla([])).toBeNull();
  });
  it('sorts rows without an active clock last', () => {
    expect(dueKey([sla[0]])).toBe(Number.POSITIVE_INFINITY);
    expect(dueKey(sla)).toBe(Date.parse('2025-05-14T17:00:00Z'));
  });
});
