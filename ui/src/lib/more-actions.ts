// The actions whose dialog is MoreActionDialog: a co-executor group
// (003 §4.10, §4.15), a link to another ticket (002 §6.7–6.8) and a
// deadline extension (001 §III.3(2), §III.13; 002 §8.3), and a rating
// the requester gave the desk by phone (003 §6.1.12, §6.2.5). Whether the
// ticket allows them is the domain's answer (TicketDetail.actions); here
// only what each dialog asks for and the Op it makes.
import type { LinkKind } from '../bindings/LinkKind';
import type { MetricReport } from '../bindings/MetricReport';
import type { Op } from '../bindings/Op';
import { SCORES } from '../bindings/constants';

export type MoreActionId = 'add_co_executor' | 'link_ticket' | 'extend_deadline' | 'rate';
export const MORE_ACTIONS: MoreActionId[] = ['add_co_executor', 'link_ticket', 'extend_deadline', 'rate'];
export { SCORES };
export const LINK_KINDS: LinkKind[] = ['related', 'duplicate_of'];

export function isMoreAction(id: string): id is MoreActionId {
  return (MORE_ACTIONS as string[]).includes(id);
}

export type MoreForm = {
  group: string;
  ticket: string;
  kind: LinkKind;
  metric: string;
  /** A `datetime-local` value: wall-clock time of this computer. */
  until: string;
  justification: string;
  /** A score of SCORES as the select gives it; '' until chosen. */
  score: string;
  comment: string;
};

export type MoreBuilt = { op: Op } | { error: string; field: keyof MoreForm };

/** `t` as a `datetime-local` value in this computer's time zone. */
export function localInput(t: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** The dialog's start: the first running metric (resolution first) and its deadline. */
export function emptyMoreForm(metrics: MetricReport[] = []): MoreForm {
  const open = metrics.filter((m) => m.due);
  const metric = open.find((m) => m.name === 'resolution') ?? open[0];
  return {
    group: '',
    ticket: '',
    kind: 'related',
    metric: metric?.name ?? '',
    until: metric?.due ? localInput(new Date(metric.due)) : '',
    justification: '',
    score: '',
    comment: '',
  };
}

/** Which fields the dialog of `id` shows. */
export function moreFields(id: MoreActionId): (keyof MoreForm)[] {
  switch (id) {
    case 'add_co_executor':
      return ['group'];
    case 'link_ticket':
      return ['ticket', 'kind'];
    case 'extend_deadline':
      return ['metric', 'until', 'justification'];
    case 'rate':
      return ['score', 'comment'];
  }
}

const need = (field: keyof MoreForm): MoreBuilt => ({ error: `op_dialog.validation.${field}`, field });

/** The Op of the dialog, or the first field still empty. */
export function buildMoreOp(id: MoreActionId, f: MoreForm): MoreBuilt {
  switch (id) {
    case 'add_co_executor': {
      const group = f.group.trim();
      return group ? { op: { op: 'add_co_executor', group } } : need('group');
    }
    case 'link_ticket': {
      const ticket = f.ticket.trim();
      return ticket ? { op: { op: 'link_ticket', ticket, kind: f.kind } } : need('ticket');
    }
    case 'extend_deadline': {
      if (!f.metric) return need('metric');
      const until = f.until ? new Date(f.until) : null;
      if (!until || Number.isNaN(until.getTime())) return need('until');
      const justification = f.justification.trim();
      if (!justification) return need('justification');
      return { op: { op: 'extend_deadline', metric: f.metric, until: until.toISOString(), justification } };
    }
    case 'rate': {
      const score = Number(f.score);
      if (!f.score || !(SCORES as readonly number[]).includes(score)) return need('score');
      return { op: { op: 'rate', score, comment: f.comment.trim() } };
    }
  }
}
