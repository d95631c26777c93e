// «Чому такий строк?» — a metric's explanation as the domain gives it
// (`helpdesk_domain::sla::explain`), worded in the user's language. Which
// clause a step follows, the regulation's level names, the term in force
// and the counted time are decided in Rust; this module only translates.
import type { Counted } from '../bindings/Counted';
import type { LevelShown } from '../bindings/LevelShown';
import type { MetricExplanation } from '../bindings/MetricExplanation';
import type { Reason } from '../bindings/Reason';
import type { ResumeCause } from '../bindings/ResumeCause';
import type { StartCause } from '../bindings/StartCause';
import type { StopCause } from '../bindings/StopCause';
import type { TargetConditions } from '../bindings/TargetConditions';
import type { TermShown } from '../bindings/TermShown';
import { formatDate, formatDateTime } from './format';
import type { Translate } from './i18n-types';
import { metricName } from './timeline';
import { zoneName } from './zone';

export function termText(t: Translate, term: TermShown | null | undefined): string {
  switch (term?.kind) {
    case undefined:
      return '';
    case 'fixed':
      return t(`term.${term.unit}`, { n: term.amount });
    case 'by_agreement':
      return t('term.by_agreement');
    case 'no_term':
      return t('term.no_term');
  }
}

/** Seconds as «2 години 15 хвилин» (+ «робочого часу» for working time). */
export function measured(t: Translate, c: Counted): string {
  const total = Math.max(0, Math.round(c.seconds / 60));
  const days = c.working ? 0 : Math.floor(total / 1440);
  const hours = Math.floor((total - days * 1440) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days) parts.push(t('unit.days', { n: days }));
  if (hours) parts.push(t('unit.hours', { n: hours }));
  if (minutes || !parts.length) parts.push(t('unit.minutes', { n: minutes }));
  const d = parts.join(' ');
  return c.working ? t('unit.working_time', { duration: d }) : d;
}

/** ` (002 §7.3.5(2))`: the regulation's clause a step follows, where known. */
function cite(clause: string | null | undefined): string {
  return clause ? ` (${clause})` : '';
}

/** `P2 (Высокий)`: the regulation's own name of the level, where it has one. */
export function levelText(l: LevelShown): string {
  return l.title ? `P${l.priority} (${l.title})` : `P${l.priority}`;
}

function earlierLevel(t: Translate, l: LevelShown | null): string {
  return l ? levelText(l) : t('cond.no_priority');
}

function conditionsText(t: Translate, c: TargetConditions): string {
  const parts = [t(`ticket_type.${c.type}`)];
  if (c.priority) parts.push(t('cond.priority', { priority: levelText(c.priority) }));
  if (c.complexity) parts.push(t('cond.complexity', { complexity: t(`complexity.${c.complexity}`) }));
  if (c.workaround) parts.push(t('cond.workaround'));
  return parts.join(', ');
}

export function startCauseText(t: Translate, c: StartCause): string {
  switch (c.kind) {
    case 'received':
    case 'registered':
      return t(`cause.${c.kind}`);
    case 'registered_on':
    case 'escalated':
    case 'taken':
      return t(`cause.${c.kind}`, { line: c.line });
    case 'status':
      return t('cause.status', { status: t(`status.${c.status}`) });
    case 'metric_met':
      return t('cause.met', { metric: metricName(t, c.metric) });
    case 'milestone':
      return t(`milestone.${c.milestone}`);
  }
}

function stopCauseText(t: Translate, c: StopCause): string {
  switch (c.kind) {
    case 'taken':
    case 'registered':
      return t(`stop.${c.kind}`);
    case 'status':
      return t('stop.status', { status: t(`status.${c.status}`) });
    case 'milestone':
      return t(`milestone.${c.milestone}`);
  }
}

/** Why a clock resumed, as the engine says (a reopening, an answer, a hand-over…). */
export function resumeCauseText(t: Translate, c: ResumeCause): string {
  switch (c.kind) {
    case 'reopened':
    case 'postponement_ended':
    case 'information_received':
      return t(`resume_cause.${c.kind}`);
    case 'handed_over':
      return c.line ? t('resume_cause.handed_over', { line: c.line }) : t('resume_cause.handed_over_group');
    case 'status_changed':
      return t('resume_cause.status_changed', { from: t(`status.${c.from}`), to: t(`status.${c.to}`) });
  }
}

export type Explanation = { title: string; lines: string[]; result: string; counted: string };

/** A metric's explanation; every moment in the metric calendar's time zone, in the user's `lang`. */
export function explainMetric(t: Translate, m: MetricExplanation, lang: string): Explanation {
  const at = (v: string) => formatDateTime(v, lang, m.time_zone);
  const date = (v: string) => formatDate(v, lang);
  const title = t('explain.metric', { metric: metricName(t, m.metric), cite: cite(m.clause), zone: zoneName(t, m.time_zone) });
  const state = t(`clock_state.${m.state}`);
  const result = m.due ? t('explain.result', { due: at(m.due), state }) : t('explain.result_no_due', { state });
  const counted = m.due
    ? t('explain.counted', { elapsed: measured(t, m.elapsed), remaining: measured(t, m.remaining) })
    : t('explain.counted_only', { elapsed: measured(t, m.elapsed) });
  if (m.starts_on) {
    return { title, lines: [t('explain.not_started', { cause: startCauseText(t, m.starts_on), cite: cite(m.clause) })], result, counted };
  }
  return { title, lines: m.reasons.map((r) => reasonText(t, r, at, date)), result, counted };
}

export function reasonText(t: Translate, r: Reason, at: (v: string) => string, date: (v: string) => string): string {
  switch (r.reason) {
    case 'started':
      return t('step.started', { at: at(r.at), cause: startCauseText(t, r.cause) });
    case 'target': {
      const args = { at: at(r.at), conditions: conditionsText(t, r.conditions), term: termText(t, r.term), cite: cite(r.clause) };
      const text = t(r.term.kind === 'no_term' ? 'step.target_none' : 'step.target', args);
      if (r.placeholder === undefined) return text;
      return `${text} ${r.placeholder ? t('step.placeholder_why', { why: r.placeholder }) : t('step.placeholder')}`;
    }
    case 'no_target':
      return r.by_agreement ? t('step.no_target', { at: at(r.at), term: t('term.by_agreement') }) : t('step.no_rule', { at: at(r.at) });
    case 'hour_count':
      return r.first_working
        ? t('step.hour_count_later', { term: termText(t, r.term), from: at(r.from), first: at(r.first_working), due: at(r.due) })
        : t('step.hour_count', { term: termText(t, r.term), from: at(r.from), due: at(r.due) });
    case 'day_count': {
      const args = { term: termText(t, r.term), start: date(r.start), first: date(r.first), last: date(r.last), date: date(r.moved_from ?? r.last), due: at(r.due) };
      const key = r.working_days ? 'step.day_count_working' : r.moved_from ? 'step.day_count_calendar_moved' : 'step.day_count_calendar';
      const text = t(key, args);
      return r.holidays.length ? `${text} ${t('step.holidays', { dates: r.holidays.map(date).join(', ') })}` : text;
    }
    case 'paused': {
      const args = { from: at(r.from), status: t(`status.${r.status}`), added: measured(t, r.added), cite: cite(r.clause) };
      return r.to ? t('step.paused', { ...args, to: at(r.to) }) : t('step.paused_open', args);
    }
    case 'priority_lowered':
      return t('step.priority_lowered', { at: at(r.at), from: earlierLevel(t, r.from), to: levelText(r.to), worked: measured(t, r.worked), cite: cite(r.clause) });
    case 'priority_raised':
      return t('step.priority_raised', { at: at(r.at), from: earlierLevel(t, r.from), to: levelText(r.to), cite: cite(r.clause) });
    case 'priority_kept':
      return t('step.priority_kept', { at: at(r.at), from: earlierLevel(t, r.from), to: levelText(r.to) });
    case 'workaround':
      return t('step.workaround', { at: at(r.at), cite: cite(r.clause) });
    case 'complexity_changed':
      return t('step.complexity', { at: at(r.at), complexity: t(`complexity.${r.to}`), cite: cite(r.clause) });
    case 'type_changed': {
      const args = { at: at(r.at), from: t(`ticket_type.${r.from}`), to: t(`ticket_type.${r.to}`), cite: cite(r.clause), worked: r.worked ? measured(t, r.worked) : '' };
      return t(`step.type_${r.effect.kind}`, args);
    }
    case 'extended':
      return t('step.extended', { at: at(r.at), until: at(r.until), cite: cite(r.clause) });
    case 'capped':
      return t('step.capped', { term: termText(t, r.term), due: at(r.due), cite: cite(r.clause) });
    case 'stopped':
      return t('step.stopped', { at: at(r.at), by: stopCauseText(t, r.by) });
    case 'resumed':
      return t('step.resumed', { at: at(r.at), cause: resumeCauseText(t, r.cause) });
    case 'pauses_total':
      return t('step.pauses_total', { added: measured(t, r.added), from: at(r.from), due: at(r.due), cite: cite(r.clause) });
  }
}
