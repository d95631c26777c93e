// SLA countdowns: the time left and the colour of a clock. Which clock a
// queue row shows is the domain's (`QueueItem.headline`). No Svelte here.
import type { ClockState } from '../bindings/ClockState';
import type { Warning } from '../bindings/Warning';
import type { Translate } from './i18n-types';

/**
 * The colour of a clock: by the engine's warnings (the thresholds of the
 * ticket's policy and of the user's settings, each with the instant it is
 * reached), never by a share computed here. No warning passed: neutral;
 * the first: amber; a later one: orange; the breach: red.
 */
export type Tone = 'neutral' | 'amber' | 'orange' | 'breached' | 'met' | 'none';

/** How many of the engine's warnings before the breach are passed at `now`. */
export function warningsPassed(warnings: Warning[], now: number): number {
  return warnings.filter((w) => w.threshold < 1 && (w.reached || Date.parse(w.at) <= now)).length;
}

export function toneOf(state: ClockState, warnings: Warning[], due: string | null, now: number): Tone {
  switch (state) {
    case 'breached':
      return 'breached';
    case 'met':
      return 'met';
    case 'not_started':
      return 'none';
    default: {
      if (state === 'running' && due && now > Date.parse(due)) return 'breached';
      const passed = warningsPassed(state === 'running' ? warnings : warnings.filter((w) => w.reached), now);
      return passed === 0 ? 'neutral' : passed === 1 ? 'amber' : 'orange';
    }
  }
}

export type Countdown = { overdue: boolean; days: number; hours: number; minutes: number; totalMs: number };

/** Time from `now` to `due`; negative → overdue. */
export function countdown(due: string, now: number): Countdown {
  const totalMs = Date.parse(due) - now;
  const abs = Math.abs(totalMs);
  const totalMin = totalMs >= 0 ? Math.floor(abs / 60000) : Math.ceil(abs / 60000);
  return {
    overdue: totalMs < 0,
    days: Math.floor(totalMin / 1440),
    hours: Math.floor((totalMin % 1440) / 60),
    minutes: totalMin % 60,
    totalMs,
  };
}

/** «2 д 4 год», «35 хв» — compact; the caller wraps it in «лишилось…» / «прострочено на…». */
export function formatSpan(t: Translate, c: Pick<Countdown, 'days' | 'hours' | 'minutes'>): string {
  if (c.days > 0) return t('span.dh', { d: c.days, h: c.hours });
  if (c.hours > 0) return t('span.hm', { h: c.hours, m: c.minutes });
  return t('span.m', { m: c.minutes });
}

/** The engine's time left (seconds) as a span, in hours and minutes (working hours are not days). */
export function secondsSpan(seconds: number): Pick<Countdown, 'days' | 'hours' | 'minutes'> {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  return { days: 0, hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/**
 * The countdown line of a clock, in words: the time to the engine's `due`,
 * live. A paused clock does not run to a date: it shows the time the
 * engine says is left (`remaining`, seconds). `compact` (a queue's column
 * titled «Строк»): the span alone, overdue with a minus.
 */
export function countdownText(t: Translate, state: ClockState, due: string | null, now: number, stopped = false, remaining: number | null = null, compact = false): string {
  if (state === 'not_started') return t('sla.not_started');
  if (state === 'met') return t('sla.met');
  if (stopped) return state === 'breached' ? t('sla.breached') : t('sla.met');
  if (state === 'paused' && remaining != null) {
    const span = formatSpan(t, secondsSpan(remaining));
    return compact ? t('sla.left_compact', { span }) : t('sla.left_paused_engine', { span });
  }
  if (!due) return state === 'paused' ? t('sla.paused_no_due') : t('sla.no_due');
  const c = countdown(due, now);
  const span = formatSpan(t, c);
  if (c.overdue || state === 'breached') {
    const late = c.overdue ? span : t('span.m', { m: 0 });
    return compact ? t('sla.overdue_compact', { span: late }) : t('sla.overdue', { span: late });
  }
  if (compact) return t('sla.left_compact', { span });
  return state === 'paused' ? t('sla.left_paused', { span }) : t('sla.left', { span });
}

