// The workflow actions of the ticket view: which are offered in which
// status, what each dialog must ask for, and the Op it produces.
import type { Availability } from '../bindings/Availability';
import type { CloseBasis } from '../bindings/CloseBasis';
import type { Complexity } from '../bindings/Complexity';
import type { Impact } from '../bindings/Impact';
import type { Line } from '../bindings/Line';
import type { Op } from '../bindings/Op';
import type { PostponeReason } from '../bindings/PostponeReason';
import type { RejectReason } from '../bindings/RejectReason';
import type { TicketType } from '../bindings/TicketType';
import type { Urgency } from '../bindings/Urgency';
import type { Visibility } from '../bindings/Visibility';
import type { MoreActionId } from './more-actions';
import { CLOSE_BASES, COMPLEXITIES, LINES, POSTPONE_REASONS, REJECT_REASONS, RESOLUTION_CODES, TICKET_TYPES } from '../bindings/constants';

export type ActionId =
  | 'take'
  | 'assign'
  | 'comment'
  | 'request_info'
  | 'info_received'
  | 'postpone'
  | 'resume'
  | 'escalate'
  | 'set_priority'
  | 'set_complexity'
  | 'change_type'
  | 'grant_paper_permission'
  | 'request_timeline_clarification'
  | 'give_timeline_conclusion'
  | 'propose_reclassification'
  | 'answer_reclassification'
  | 'give_workaround'
  | 'resolve'
  | 'request_confirmation'
  | 'reopen'
  | 'close'
  | 'reject'
  | MoreActionId;

// What each select offers is the domain's (generated from Rust).
export { CLOSE_BASES, COMPLEXITIES, LINES, POSTPONE_REASONS, REJECT_REASONS, RESOLUTION_CODES, TICKET_TYPES };
export type RejectReasonKey = (typeof REJECT_REASONS)[number];

/** Every field a dialog may show; each action uses a few. */
export type ActionForm = {
  text: string;
  note: string;
  visibility: Visibility;
  postponeReason: PostponeReason | '';
  rejectReason: RejectReasonKey | '';
  duplicateOf: string;
  group: string;
  line: Line | '';
  user: string;
  assignTo: 'user' | 'group';
  priorityMode: 'level' | 'matrix';
  level: number | '';
  impact: Impact | '';
  urgency: Urgency | '';
  complexity: Complexity | '';
  ticketType: TicketType | '';
  agreed: 'agreed' | 'declined' | '';
  code: string;
  kb: string[];
  basis: CloseBasis;
};

export function emptyForm(): ActionForm {
  return {
    text: '',
    note: '',
    visibility: 'public',
    postponeReason: '',
    rejectReason: '',
    duplicateOf: '',
    group: '',
    line: '',
    user: '',
    assignTo: 'user',
    priorityMode: 'level',
    level: '',
    impact: '',
    urgency: '',
    complexity: '',
    ticketType: '',
    agreed: '',
    code: '',
    kb: [],
    basis: 'confirmed',
  };
}

/** The ticket view's actions in toolbar order. */
export const TOOLBAR: ActionId[] = [
  'take',
  'comment',
  'request_info',
  'info_received',
  'postpone',
  'resume',
  'resolve',
  'escalate',
  'assign',
  'set_priority',
  'set_complexity',
  'change_type',
  'add_co_executor',
  'extend_deadline',
  'link_ticket',
  'give_workaround',
  'grant_paper_permission',
  'request_timeline_clarification',
  'give_timeline_conclusion',
  'propose_reclassification',
  'answer_reclassification',
  'reject',
  'close',
  'request_confirmation',
  'reopen',
  'rate',
];

/** The actions to offer: exactly those the domain allows the signed-in
 * user on the ticket as it looks now (`TicketDetail.actions`), in toolbar order. */
export function offeredActions(actions: Availability[]): ActionId[] {
  const allowed = new Set<string>(actions.filter((a) => a.refused === undefined).map((a) => a.op));
  return TOOLBAR.filter((id) => allowed.has(id));
}

/** Actions that need no dialog. */
export const IMMEDIATE: ActionId[] = ['take', 'resume'];

export type Built = { op: Op } | { error: string; field: keyof ActionForm };

const need = (field: keyof ActionForm): Built => ({ error: `validation.${field}`, field });

/** Builds the Op of an action from its dialog, or names the missing field. */
export function buildOp(id: ActionId, f: ActionForm): Built {
  const text = f.text.trim();
  const note = f.note.trim();
  switch (id) {
    case 'take':
      return { op: { op: 'take' } };
    case 'resume':
      return { op: { op: 'resume' } };
    case 'comment':
      return text ? { op: { op: 'comment', visibility: f.visibility, text } } : need('text');
    case 'request_info':
      return text ? { op: { op: 'request_info', question: text } } : need('text');
    case 'info_received':
      return text ? { op: { op: 'info_received', text } } : need('text');
    case 'postpone':
      if (!f.postponeReason) return need('postponeReason');
      if (!note) return need('note');
      return { op: { op: 'postpone', reason: f.postponeReason, note } };
    case 'escalate': {
      const group = f.group.trim();
      if (!group && !f.line) return need('group');
      if (!note) return need('note');
      const op: Op = { op: 'escalate', note };
      if (group) op.group = group;
      if (f.line) op.line = f.line;
      return { op };
    }
    case 'assign': {
      const who = (f.assignTo === 'user' ? f.user : f.group).trim();
      if (!who) return need(f.assignTo === 'user' ? 'user' : 'group');
      return { op: { op: 'assign', to: f.assignTo === 'user' ? { user: who } : { group: who } } };
    }
    case 'set_priority': {
      const extra = note ? { note } : {};
      if (f.priorityMode === 'level') {
        if (f.level === '') return need('level');
        return { op: { op: 'set_priority', level: Number(f.level), ...extra } };
      }
      if (!f.impact) return need('impact');
      if (!f.urgency) return need('urgency');
      return { op: { op: 'set_priority', impact: f.impact, urgency: f.urgency, ...extra } };
    }
    case 'set_complexity':
      return f.complexity ? { op: { op: 'set_complexity', complexity: f.complexity } } : need('complexity');
    case 'change_type':
      if (!f.ticketType) return need('ticketType');
      if (!note) return need('note');
      return { op: { op: 'change_type', ticket_type: f.ticketType, note } };
    case 'give_workaround':
      return text ? { op: { op: 'give_workaround', text } } : need('text');
    case 'grant_paper_permission':
      return note ? { op: { op: 'grant_paper_permission', note } } : need('note');
    case 'propose_reclassification': {
      if (!f.ticketType && f.level === '') return need('ticketType');
      if (!note) return need('note');
      const op: Op = { op: 'propose_reclassification', note };
      if (f.ticketType) op.ticket_type = f.ticketType;
      if (f.level !== '') op.level = Number(f.level);
      return { op };
    }
    case 'answer_reclassification':
      if (!f.agreed) return need('agreed');
      if (!note) return need('note');
      return { op: { op: 'answer_reclassification', agreed: f.agreed === 'agreed', note } };
    case 'request_timeline_clarification':
      return text ? { op: { op: 'request_timeline_clarification', text } } : need('text');
    case 'give_timeline_conclusion':
      return text ? { op: { op: 'give_timeline_conclusion', text } } : need('text');
    case 'resolve': {
      const code = f.code.trim();
      if (!code) return need('code');
      if (!text) return need('text');
      const op: Op = { op: 'resolve', code, text };
      if (f.kb.length) op.kb = [...f.kb];
      return { op };
    }
    case 'request_confirmation':
      return text ? { op: { op: 'request_confirmation', text } } : need('text');
    case 'reopen':
      return text ? { op: { op: 'reopen', reason: text } } : need('text');
    case 'close':
      return { op: { op: 'close', basis: f.basis } };
    case 'reject': {
      if (!f.rejectReason) return need('rejectReason');
      let reason: RejectReason;
      if (f.rejectReason === 'duplicate_of') {
        const ticket = f.duplicateOf.trim();
        if (!ticket) return need('duplicateOf');
        reason = { duplicate_of: { ticket } };
      } else reason = f.rejectReason;
      if (!note) return need('note');
      return { op: { op: 'reject', reason, note } };
    }
    case 'add_co_executor':
    case 'link_ticket':
    case 'extend_deadline':
    case 'rate':
      // Their dialog is MoreActionDialog (lib/more-actions.ts).
      return need('text');
  }
}

/** Which fields the dialog of an action shows. */
export function dialogFields(id: ActionId, f: ActionForm): (keyof ActionForm)[] {
  switch (id) {
    case 'comment':
      return ['visibility', 'text'];
    case 'request_info':
    case 'info_received':
    case 'give_workaround':
    case 'request_confirmation':
    case 'reopen':
    case 'request_timeline_clarification':
    case 'give_timeline_conclusion':
      return ['text'];
    case 'grant_paper_permission':
      return ['note'];
    case 'propose_reclassification':
      return ['ticketType', 'level', 'note'];
    case 'answer_reclassification':
      return ['agreed', 'note'];
    case 'postpone':
      return ['postponeReason', 'note'];
    case 'escalate':
      return ['group', 'line', 'note'];
    case 'assign':
      return ['assignTo', f.assignTo === 'user' ? 'user' : 'group'];
    case 'set_priority':
      return f.priorityMode === 'level' ? ['priorityMode', 'level', 'note'] : ['priorityMode', 'impact', 'urgency', 'note'];
    case 'set_complexity':
      return ['complexity'];
    case 'change_type':
      return ['ticketType', 'note'];
    case 'resolve':
      return ['code', 'text', 'kb'];
    case 'close':
      return ['basis'];
    case 'reject':
      return f.rejectReason === 'duplicate_of' ? ['rejectReason', 'duplicateOf', 'note'] : ['rejectReason', 'note'];
    default:
      return [];
  }
}

/** The form fields kept as a draft (free text and the choices around it). */
export function draftOf(f: ActionForm): { text: string; extra: Record<string, string> } {
  return {
    text: f.text,
    extra: { note: f.note, postponeReason: f.postponeReason, rejectReason: f.rejectReason, duplicateOf: f.duplicateOf, group: f.group, code: f.code, user: f.user },
  };
}

export function formFromDraft(text: string, extra: Record<string, string>): ActionForm {
  const f = emptyForm();
  f.text = text;
  f.note = extra.note ?? '';
  f.postponeReason = (POSTPONE_REASONS as readonly string[]).includes(extra.postponeReason) ? (extra.postponeReason as PostponeReason) : '';
  f.rejectReason = (REJECT_REASONS as readonly string[]).includes(extra.rejectReason) ? (extra.rejectReason as RejectReasonKey) : '';
  f.duplicateOf = extra.duplicateOf ?? '';
  f.group = extra.group ?? '';
  f.code = extra.code ?? '';
  f.user = extra.user ?? '';
  return f;
}

/** A one-line description of an op, for Needs attention («what the analyst did»). */
export function opText(op: Op): string {
  switch (op.op) {
    case 'comment':
      return op.text;
    case 'request_info':
      return op.question;
    case 'info_received':
    case 'give_workaround':
    case 'request_confirmation':
      return op.text;
    case 'postpone':
    case 'escalate':
    case 'reject':
    case 'change_type':
    case 'grant_paper_permission':
    case 'propose_reclassification':
    case 'answer_reclassification':
      return op.note;
    case 'request_timeline_clarification':
    case 'give_timeline_conclusion':
      return op.text;
    case 'resolve':
      return `${op.code}: ${op.text}`;
    case 'reopen':
      return op.reason;
    case 'set_priority':
      return op.level != null ? `P${op.level}` : `${op.impact ?? ''}×${op.urgency ?? ''}`;
    case 'assign':
      return 'user' in op.to ? op.to.user : op.to.group;
    case 'link_kb':
      return op.article;
    case 'add_co_executor':
      return op.group;
    case 'link_ticket':
      return op.ticket;
    case 'extend_deadline':
      return op.justification;
    default:
      return '';
  }
}
