import { describe, expect, it } from 'vitest';
import type { TicketView } from '../bindings/TicketView';
import { REJECT_REASONS, RESOLUTION_CODES } from '../bindings/constants';
import { buildTimeline, describeEvent, eventDetail, peopleOf, resolutionCodeText } from './timeline';
import { translator } from './testing';

const view = (): TicketView => ({
  policy: 'customs-helpdesk',
  ticket: {
    comments: [
      { visibility: 'internal', author: 'analyst', at: '2025-05-14T09:10:00Z', text: 'перевіряю журнали' },
      { visibility: 'public', author: 'analyst', at: '2025-05-14T09:20:00Z', text: 'Доброго дня!' },
    ],
  } as never,
  events: [
    { at: '2025-05-14T09:00:00Z', actor: 'l1', kind: { type: 'status_changed', from: 'new', to: 'in_progress' } },
    { at: '2025-05-14T09:10:00Z', actor: 'analyst', kind: { type: 'comment_added', visibility: 'internal' } },
    { at: '2025-05-14T09:20:00Z', actor: 'analyst', kind: { type: 'comment_added', visibility: 'public' } },
    { at: '2025-05-14T09:20:00Z', actor: 'analyst', kind: { type: 'owner_changed', from: null, to: 'analyst' } },
  ],
});

describe('timeline', () => {
  it('merges comments and audit events in time order; comments replace their events', () => {
    const items = buildTimeline(view());
    expect(items.map((i) => (i.kind === 'comment' ? `${i.visibility}:${i.text}` : i.event.type))).toEqual([
      'status_changed',
      'internal:перевіряю журнали',
      'public:Доброго дня!',
      'owner_changed',
    ]);
  });
  it('keeps the order of recording at the same instant, and can run newest first', () => {
    const items = buildTimeline(view(), 'desc');
    expect(items[0].kind).toBe('event');
    expect(items.at(-1)!.kind).toBe('event');
  });
  it('shows comments that have no event', () => {
    const v = view();
    v.events = [];
    expect(buildTimeline(v).filter((i) => i.kind === 'comment').length).toBe(2);
  });
});

describe('event text', () => {
  const t = translator('uk');
  it('describes status changes and reasons in the user language', () => {
    expect(describeEvent(t, { type: 'status_changed', from: 'new', to: 'in_progress' })).toBe('Статус: Новий → У роботі');
    expect(describeEvent(t, { type: 'postponed', reason: 'external_vendor', note: 'x' })).toBe('Відкладено: Очікування зовнішнього постачальника (L3)');
    expect(describeEvent(t, { type: 'rejected', reason: { duplicate_of: { ticket: 'HD-1' } }, note: '' })).toBe('Відхилено: дублікат звернення HD-1');
    expect(describeEvent(t, { type: 'owner_changed', from: null, to: 'u1' }, () => 'Олена')).toBe('Виконавець: Олена');
    expect(describeEvent(translator('en'), { type: 'info_requested', question: 'q', count: 2 })).toBe('Information requested from the requester (#2)');
  });
  it('names every resolution code and reject reason of the domain in each language', () => {
    for (const lang of ['uk', 'en', 'ru'] as const) {
      const tl = translator(lang);
      for (const code of RESOLUTION_CODES) expect(resolutionCodeText(tl, code), `${lang} ${code}`).not.toBe(code);
      for (const reason of REJECT_REASONS) expect(tl(`reject_reason.${reason}`), `${lang} ${reason}`).not.toBe(`reject_reason.${reason}`);
    }
    expect(describeEvent(t, { type: 'resolved', code: 'access_granted', text: 'x' })).toBe('Вирішено: Надано доступ');
  });
  it('shows a resolution code recorded before the list as it was recorded', () => {
    expect(describeEvent(t, { type: 'resolved', code: 'configured', text: 'x' })).toBe('Вирішено: configured');
  });
  it('exposes the free text an event carries', () => {
    expect(eventDetail({ type: 'escalated', from_line: 'L2', line: 'L3', from_group: 'a', group: 'b', note: 'до вендора' })).toBe('до вендора');
    expect(eventDetail({ type: 'status_changed', from: 'new', to: 'closed' })).toBeNull();
  });
});

describe('unsent entries', () => {
  it('are marked by the indices the client gives, comments through their events too', () => {
    const items = buildTimeline(view(), 'asc', { events: [2, 3], comments: [1] });
    expect(items.map((i) => [i.kind === 'comment' ? i.text : i.event.type, i.pending])).toEqual([
      ['status_changed', false],
      ['перевіряю журнали', false],
      ['Доброго дня!', true],
      ['owner_changed', true],
    ]);
    expect(buildTimeline(view()).some((i) => i.pending)).toBe(false);
  });
});

describe('people of the history', () => {
  it('names the requester by the name on the ticket, staff through the directory', () => {
    const v = view();
    v.ticket.requester = { kind: 'citizen', name: 'Юлія Кушнір', user_id: 'u-kushnir.yu' } as never;
    const name = peopleOf(v, (id) => (id === 'analyst' ? 'Оксана Коваленко' : (id ?? '—')));
    expect(name('u-kushnir.yu')).toBe('Юлія Кушнір');
    expect(name('analyst')).toBe('Оксана Коваленко');
    expect(name(null)).toBe('—');
  });
});
