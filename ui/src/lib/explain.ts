// «Чому такий строк?» — the steps of an SLA metric rendered in the user's
// language, after the wording of the CLI's `--explain` (crates/cli/locales).
import type { ClockState } from '../bindings/ClockState';
import type { MetricReport } from '../bindings/MetricReport';
import type { ResumeCause } from '../bindings/ResumeCause';
import type { Step } from '../bindings/Step';
import { formatDate, formatDateTime } from './format';
import type { Translate } from './i18n-types';
import { metricName } from './timeline';

export type TermUnit = 'working_days' | 'working_hours' | 'working_minutes' | 'calendar_days' | 'calendar_hours' | 'calendar_minutes';
export type ParsedTerm = { amount: number; unit: TermUnit } | 'by_agreement';

/** Parses a term as the engine writes it: `3 working days`, `by agreement`. */
export function parseTerm(text: string | null | undefined): ParsedTerm | null {
  if (!text) return null;
  const s = text.trim();
  if (s === 'by agreement') return 'by_agreement';
  const m = /^(\d+)\s+(working|calendar)\s+(minute|hour|day)s?$/.exec(s);
  if (!m) return null;
  return { amount: Number(m[1]), unit: `${m[2]}_${m[3]}s` as TermUnit };
}

export function termText(t: Translate, text: string | null | undefined): string {
  if (text?.trim() === 'no term') return t('term.no_term');
  const p = parseTerm(text);
  if (p === null) return text ?? '';
  if (p === 'by_agreement') return t('term.by_agreement');
  return t(`term.${p.unit}`, { n: p.amount });
}

export function isWorkingTerm(text: string | null | undefined): boolean {
  const p = parseTerm(text);
  return p === null || p === 'by_agreement' || p.unit.startsWith('working');
}

/** Seconds as «2 години 15 хвилин» (+ «робочого часу» for working units). */
export function measured(t: Translate, seconds: number, working: boolean): string {
  const total = Math.max(0, Math.round(seconds / 60));
  const days = working ? 0 : Math.floor(total / 1440);
  const hours = Math.floor((total - days * 1440) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days) parts.push(t('unit.days', { n: days }));
  if (hours) parts.push(t('unit.hours', { n: hours }));
  if (minutes || !parts.length) parts.push(t('unit.minutes', { n: minutes }));
  const d = parts.join(' ');
  return working ? t('unit.working_time', { duration: d }) : d;
}

export function causeText(t: Translate, cause: string): string {
  const [kind, arg] = cause.includes(':') ? (cause.split(/:(.*)/s, 2) as [string, string]) : [cause, ''];
  switch (kind) {
    case 'received':
    case 'registered':
      return t(`cause.${kind}`);
    case 'escalated':
      return t('cause.escalated', { line: arg });
    case 'status':
      return t('cause.status', { status: t(`status.${arg}`) });
    case 'met':
      return t('cause.met', { metric: metricName(t, arg) });
    default:
      return cause;
  }
}

/** Why a clock resumed, as the engine says (a reopening, an answer, a hand-over…). */
export function resumeCauseText(t: Translate, cause: ResumeCause | undefined): string {
  switch (cause?.kind) {
    case undefined:
    case 'reopened':
      return t('resume_cause.reopened');
    case 'postponement_ended':
      return t('resume_cause.postponement_ended');
    case 'information_received':
      return t('resume_cause.information_received');
    case 'handed_over':
      return cause.line ? t('resume_cause.handed_over', { line: cause.line }) : t('resume_cause.handed_over_group');
    case 'status_changed':
      return t('resume_cause.status_changed', { from: t(`status.${cause.from}`), to: t(`status.${cause.to}`) });
  }
}

export function stoppedByText(t: Translate, by: string): string {
  if (by === 'taken') return t('stop.taken');
  if (by === 'registered') return t('stop.registered');
  return t('stop.status', { status: t(`status.${by}`) });
}

export type Explanation = { title: string; lines: string[]; result: string; counted: string };

/**
 * Renders a metric's steps. `zone` is the ticket calendar's time zone; every
 * moment is shown in it, in the user's `lang`.
 */
export function explainMetric(t: Translate, m: MetricReport, zone: string, lang: string): Explanation {
  const at = (v: string) => formatDateTime(v, lang, zone);
  const date = (v: string) => formatDate(v, lang);
  let term: string | null = m.target;
  const lines: string[] = [];
  let countedDue: string | null = null;
  let pausedTotal = 0;
  for (const s of m.steps as Step[]) {
    switch (s.step) {
      case 'hour_count':
      case 'day_count':
        countedDue = s.due;
        break;
      case 'paused':
        pausedTotal += s.added_seconds;
        break;
      case 'priority_raised':
        pausedTotal = 0;
        break;
    }
    lines.push(stepText(t, s, { at, date, term: () => term, setTerm: (x) => (term = x) }));
  }
  const working = isWorkingTerm(term);
  if (countedDue && m.due && pausedTotal > 0 && Date.parse(m.due) > Date.parse(countedDue)) {
    lines.push(t('explain.pauses_total', { added: measured(t, pausedTotal, working), from: at(countedDue), due: at(m.due) }));
  }
  const state = t(`clock_state.${m.state}`);
  const result = m.due ? t('explain.result', { due: at(m.due), state }) : t('explain.result_no_due', { state });
  const counted = m.due
    ? t('explain.counted', { elapsed: measured(t, m.elapsed_working_seconds, working), remaining: measured(t, m.remaining_working_seconds, working) })
    : t('explain.counted_only', { elapsed: measured(t, m.elapsed_working_seconds, working) });
  const title = t('explain.metric', { metric: metricName(t, m.name), zone });
  return { title, lines: m.state === 'not_started' && !lines.length ? [t('explain.not_started')] : lines, result, counted };
}

type Ctx = { at: (v: string) => string; date: (v: string) => string; term: () => string | null; setTerm: (t: string) => void };

function addDays(isoDate: string, n: number): string {
  const [y, mo, d] = isoDate.split('-').map(Number);
  const x = new Date(Date.UTC(y, mo - 1, d + n));
  return x.toISOString().slice(0, 10);
}

export function stepText(t: Translate, s: Step, c: Ctx): string {
  switch (s.step) {
    case 'started':
      return t('step.started', { at: c.at(s.at), cause: causeText(t, s.cause) });
    case 'target': {
      c.setTerm(s.term);
      const conds = [t('cond.priority', { priority: s.priority })];
      if (s.complexity) conds.push(t('cond.complexity', { complexity: t(`complexity.${s.complexity}`) }));
      if (s.workaround) conds.push(t('cond.workaround'));
      const text = t('step.target', { at: c.at(s.at), conditions: conds.join(', '), term: termText(t, s.term) });
      if (s.placeholder === undefined) return text;
      return `${text} ${s.placeholder ? t('step.placeholder_why', { why: s.placeholder }) : t('step.placeholder')}`;
    }
    case 'no_target': {
      const term = c.term();
      return parseTerm(term) === 'by_agreement' ? t('step.no_target', { at: c.at(s.at), term: termText(t, term) }) : t('step.no_rule', { at: c.at(s.at) });
    }
    case 'hour_count': {
      const term = termText(t, c.term());
      return Date.parse(s.first_working) > Date.parse(s.from)
        ? t('step.hour_count_later', { term, from: c.at(s.from), first: c.at(s.first_working), due: c.at(s.due) })
        : t('step.hour_count', { term, from: c.at(s.from), due: c.at(s.due) });
    }
    case 'day_count': {
      const termRaw = c.term();
      const term = termText(t, termRaw);
      let text: string;
      if (s.working_days) {
        text = t('step.day_count_working', { term, start: c.date(s.start_date), first: c.date(addDays(s.start_date, 1)), last: c.date(s.last_day), due: c.at(s.due) });
      } else {
        const p = parseTerm(termRaw);
        const nth = p && p !== 'by_agreement' ? addDays(s.start_date, p.amount) : s.last_day;
        const args = { term, start: c.date(s.start_date), date: c.date(nth), last: c.date(s.last_day), due: c.at(s.due) };
        text = nth === s.last_day ? t('step.day_count_calendar', args) : t('step.day_count_calendar_moved', args);
      }
      if (s.holidays.length) text += ' ' + t('step.holidays', { dates: s.holidays.map(c.date).join(', ') });
      return text;
    }
    case 'paused': {
      const args = { from: c.at(s.from), status: t(`status.${s.status}`), added: measured(t, s.added_seconds, isWorkingTerm(c.term())) };
      return s.to ? t('step.paused', { ...args, to: c.at(s.to) }) : t('step.paused_open', args);
    }
    case 'priority_lowered':
      return t('step.priority_lowered', { at: c.at(s.at), from: s.from, to: s.to, worked: measured(t, s.worked_seconds, isWorkingTerm(c.term())) });
    case 'priority_raised':
      return t('step.priority_raised', { at: c.at(s.at), from: s.from, to: s.to });
    case 'priority_kept_target':
      return t('step.priority_kept', { at: c.at(s.at), from: s.from, to: s.to });
    case 'workaround':
      return t('step.workaround', { at: c.at(s.at) });
    case 'complexity_changed':
      return t('step.complexity', { at: c.at(s.at), complexity: t(`complexity.${s.to}`) });
    case 'type_changed':
      return t(`step.type_${s.effect.kind}`, { at: c.at(s.at), from: t(`ticket_type.${s.from}`), to: t(`ticket_type.${s.to}`) });
    case 'extended':
      return t('step.extended', { at: c.at(s.at), until: c.at(s.until) });
    case 'capped':
      return t('step.capped', { term: termText(t, s.term), due: c.at(s.due) });
    case 'stopped':
      return t('step.stopped', { at: c.at(s.at), by: stoppedByText(t, s.by) });
    case 'resumed':
      return t('step.resumed', { at: c.at(s.at), cause: resumeCauseText(t, s.cause) });
  }
}

export function clockStateText(t: Translate, s: ClockState): string {
  return t(`clock_state.${s}`);
}
