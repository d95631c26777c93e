import { describe, expect, it } from 'vitest';
import { countdown, countdownText, toneOf } from './sla';
import { translator } from './testing';

const T0 = Date.parse('2025-05-14T09:00:00Z');
const t = translator('uk');

describe('tone by the engine\'s warnings', () => {
  const warn = (at: string, threshold: number, reached: boolean) => ({ at, threshold, reached });
  const running = [warn('2025-05-14T08:30:00Z', 0.8, true), warn('2025-05-14T09:30:00Z', 0.95, false), warn('2025-05-14T10:00:00Z', 1, false)];
  it('neutral before the first warning, amber after it, orange after a later one — at the instants the engine gave', () => {
    expect(toneOf('running', [], '2025-05-14T10:00:00Z', T0)).toBe('neutral');
    expect(toneOf('running', running, '2025-05-14T10:00:00Z', T0)).toBe('amber');
    expect(toneOf('running', running, '2025-05-14T10:00:00Z', Date.parse('2025-05-14T09:30:00Z'))).toBe('orange');
  });
  it('state decides first: breached red, met quiet, not started none', () => {
    expect(toneOf('breached', [], null, T0)).toBe('breached');
    expect(toneOf('met', running, null, T0)).toBe('met');
    expect(toneOf('not_started', [], null, T0)).toBe('none');
  });
  it('a paused clock keeps the warnings reached when it paused', () => {
    expect(toneOf('paused', [warn('2025-05-14T08:00:00Z', 0.75, true)], null, T0)).toBe('amber');
    expect(toneOf('paused', [warn('2025-05-14T08:00:00Z', 0.75, false)], null, T0)).toBe('neutral');
  });
  it('a running clock past its deadline is red even if the snapshot said otherwise', () => {
    expect(toneOf('running', [], '2025-05-14T08:59:00Z', T0)).toBe('breached');
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

describe('time left, not only a colour', () => {
  it('a queue column shows the span alone, overdue with a minus', () => {
    expect(countdownText(t, 'running', '2025-05-14T11:05:00Z', T0, false, null, true)).toBe('2 год 5 хв');
    expect(countdownText(t, 'running', '2025-05-14T08:00:00Z', T0, false, null, true)).toBe('−1 год 0 хв');
  });
  it('a paused clock shows the time the engine says is left, which does not run down', () => {
    expect(countdownText(t, 'paused', '2025-05-14T11:05:00Z', T0, false, 3 * 3600 + 600)).toBe('пауза · лишилось 3 год 10 хв');
    expect(countdownText(t, 'paused', '2025-05-14T11:05:00Z', T0 + 3600_000, false, 3 * 3600 + 600)).toBe('пауза · лишилось 3 год 10 хв');
  });
});
