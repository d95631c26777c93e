// One timeline of a ticket: public replies, internal notes, status changes
// and audit events, merged in the order they happened. Comments live in
// `ticket.comments`; each has a `comment_added` event in the audit trail at
// the same instant, which the comment replaces in the timeline.
import type { EventKind } from '../bindings/EventKind';
import type { RejectReason } from '../bindings/RejectReason';
import type { TicketView } from '../bindings/TicketView';
import type { Visibility } from '../bindings/Visibility';
import type { Translate } from './i18n-types';

/** `pending`: made by an action the server does not have yet (the client's `unsent`). */
export type TimelineComment = { kind: 'comment'; key: string; at: string; actor: string; visibility: Visibility; text: string; pending: boolean };
export type TimelineEvent = { kind: 'event'; key: string; at: string; actor: string; event: EventKind; pending: boolean };
/** Indices of the view's events and comments not sent yet (`TicketDetail.unsent`). */
export type Unsent = { events: number[]; comments: number[] };
export type TimelineItem = TimelineComment | TimelineEvent;

export function buildTimeline(view: TicketView, order: 'asc' | 'desc' = 'asc', unsent: Unsent = { events: [], comments: [] }): TimelineItem[] {
  const pendingEvent = new Set(unsent.events);
  const pendingComment = new Set(unsent.comments);
  const items: { item: TimelineItem; t: number; seq: number }[] = [];
  const comments = view.ticket.comments;
  let ci = 0;
  let seq = 0;
  const push = (item: TimelineItem) => items.push({ item, t: Date.parse(item.at), seq: seq++ });
  view.events.forEach((e, i) => {
    if (e.kind.type === 'comment_added') {
      const c = comments[ci];
      if (c && c.visibility === e.kind.visibility) {
        ci++;
        push({ kind: 'comment', key: `c${ci - 1}`, at: c.at, actor: c.author, visibility: c.visibility, text: c.text, pending: pendingComment.has(ci - 1) || pendingEvent.has(i) });
      }
      // An event without its comment (e.g. filtered for the reader) is dropped.
      return;
    }
    push({ kind: 'event', key: `e${i}`, at: e.at, actor: e.actor, event: e.kind, pending: pendingEvent.has(i) });
  });
  // Comments without an event (older data) still show, at their own time.
  for (; ci < comments.length; ci++) {
    const c = comments[ci];
    push({ kind: 'comment', key: `c${ci}`, at: c.at, actor: c.author, visibility: c.visibility, text: c.text, pending: pendingComment.has(ci) });
  }
  items.sort((a, b) => (a.t !== b.t ? a.t - b.t : a.seq - b.seq));
  const out = items.map((x) => x.item);
  return order === 'desc' ? out.reverse() : out;
}

export function rejectReasonKey(r: RejectReason): string {
  return typeof r === 'string' ? r : 'duplicate_of';
}

/** A resolution code's name in the UI's language; a code from before the
 * domain's list (`ResolutionCode`) is shown as it was recorded. */
export function resolutionCodeText(t: Translate, code: string): string {
  const key = `resolution_code.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

export function rejectReasonText(t: Translate, r: RejectReason): string {
  if (typeof r === 'string') return t(`reject_reason.${r}`);
  return t('reject_reason.duplicate_of_ticket', { ticket: r.duplicate_of.ticket });
}

/**
 * Names the people of a ticket's history: its requester (a Self Service
 * user, not in the staff directory) by the name on the ticket, everyone
 * else by `staff`.
 */
export function peopleOf(view: TicketView, staff: (id: string | null) => string): (id: string | null) => string {
  const requester = view.ticket.requester;
  return (id) => (id && requester?.user_id === id ? requester.name : staff(id));
}

/** One line for an audit event, in the user's language; `name` turns user ids into names. */
export function describeEvent(
  t: Translate,
  e: EventKind,
  name: (id: string | null) => string = (x) => x ?? '—',
  group: (id: string) => string = (x) => x,
): string {
  const st = (s: string) => t(`status.${s}`);
  switch (e.type) {
    case 'registered':
      return t('event.registered', { number: e.number, type: t(`ticket_type.${e.ticket_type}`), channel: t(`channel.${e.channel}`), group: group(e.group), line: e.line });
    case 'status_changed':
      return t('event.status_changed', { from: st(e.from), to: st(e.to) });
    case 'owner_changed':
      return e.to ? t('event.owner_changed', { to: name(e.to) }) : t('event.owner_cleared', { from: name(e.from) });
    case 'group_changed':
      return t('event.group_changed', { from: group(e.from), to: group(e.to) });
    case 'escalated':
      return t('event.escalated', { from_line: e.from_line, line: e.line, from_group: group(e.from_group), group: group(e.group) });
    case 'co_executor_added':
      return t('event.co_executor_added', { group: group(e.group) });
    case 'priority_changed':
      return t('event.priority_changed', { from: e.from, to: e.to });
    case 'complexity_changed':
      return t('event.complexity_changed', { to: t(`complexity.${e.to}`) });
    case 'type_changed':
      return t('event.type_changed', { from: t(`ticket_type.${e.from}`), to: t(`ticket_type.${e.to}`) });
    case 'paper_permission_granted':
      return t('event.paper_permission_granted');
    case 'timeline_clarification_requested':
      return t('event.timeline_clarification_requested');
    case 'timeline_conclusion_given':
      return t('event.timeline_conclusion_given');
    case 'reclassification_proposed':
      return t('event.reclassification_proposed');
    case 'reclassification_answered':
      return t(e.agreed ? 'event.reclassification_agreed' : 'event.reclassification_declined');
    case 'workaround_given':
      return t('event.workaround_given');
    case 'postponed':
      return t('event.postponed', { reason: t(`postpone_reason.${e.reason}`) });
    case 'resolved':
      return t('event.resolved', { code: resolutionCodeText(t, e.code) });
    case 'reopened':
      return t('event.reopened');
    case 'closed':
      return t('event.closed', { basis: t(`close_basis.${e.basis}`) });
    case 'rejected':
      return t('event.rejected', { reason: rejectReasonText(t, e.reason) });
    case 'comment_added':
      return t(e.visibility === 'internal' ? 'event.note_added' : 'event.reply_added');
    case 'kb_linked':
      return t('event.kb_linked', { article: e.article });
    case 'ticket_linked':
      return t('event.ticket_linked', { ticket: e.ticket, kind: t(`link_kind.${e.kind}`) });
    case 'deadline_extended':
      return t('event.deadline_extended', { metric: metricName(t, e.metric) });
    case 'info_requested':
      return t('event.info_requested', { count: e.count });
    case 'info_received':
      return t('event.info_received');
    case 'confirmation_requested':
      return t('event.confirmation_requested');
    case 'rated':
      return t('event.rated', { score: e.score });
  }
}

/** The free text an event carries (a note, a question, a reason), if any. */
export function eventDetail(e: EventKind): string | null {
  switch (e.type) {
    case 'escalated':
    case 'postponed':
    case 'rejected':
    case 'type_changed':
    case 'paper_permission_granted':
    case 'reclassification_proposed':
    case 'reclassification_answered':
      return e.note || null;
    case 'timeline_clarification_requested':
    case 'timeline_conclusion_given':
      return e.text || null;
    case 'priority_changed':
      return e.note;
    case 'workaround_given':
    case 'resolved':
    case 'info_received':
      return e.text || null;
    case 'reopened':
      return e.reason || null;
    case 'deadline_extended':
      return e.justification || null;
    case 'info_requested':
      return e.question || null;
    case 'confirmation_requested':
      return e.text || null;
    case 'rated':
      return e.comment || null;
    default:
      return null;
  }
}

/** Status changes stand out; the rest of the audit is quiet. */
export function eventWeight(e: EventKind): 'status' | 'audit' {
  return e.type === 'status_changed' || e.type === 'resolved' || e.type === 'rejected' || e.type === 'escalated' ? 'status' : 'audit';
}

export function metricName(t: Translate, metric: string): string {
  const k = `metric.${metric}`;
  const v = t(k);
  return v === k ? metric : v;
}
