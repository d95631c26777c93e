import { describe, expect, it } from 'vitest';
import { offeredActions } from './actions';
import { buildMoreOp, emptyMoreForm, isMoreAction, localInput, moreFields } from './more-actions';
import type { MetricReport } from '../bindings/MetricReport';

const metric = (name: string, due: string | null) => ({ name, due }) as unknown as MetricReport;

describe('co-executor, ticket link and deadline extension', () => {
  it('are offered exactly when the domain allows them', () => {
    const offered = offeredActions([{ op: 'extend_deadline' }, { op: 'add_co_executor' }, { op: 'link_ticket', refused: 'wrong_status' }, { op: 'take' }]);
    expect(offered).toEqual(['take', 'add_co_executor', 'extend_deadline']);
    expect(offered.filter(isMoreAction)).toEqual(['add_co_executor', 'extend_deadline']);
  });

  it('a co-executor needs a group', () => {
    const f = emptyMoreForm();
    expect(buildMoreOp('add_co_executor', f)).toEqual({ error: 'op_dialog.validation.group', field: 'group' });
    expect(buildMoreOp('add_co_executor', { ...f, group: ' ncts-l2 ' })).toEqual({ op: { op: 'add_co_executor', group: 'ncts-l2' } });
  });

  it('a link needs the other ticket and has a kind', () => {
    const f = emptyMoreForm();
    expect(buildMoreOp('link_ticket', f)).toMatchObject({ field: 'ticket' });
    expect(buildMoreOp('link_ticket', { ...f, ticket: 'HD-2026-000002', kind: 'duplicate_of' })).toEqual({ op: { op: 'link_ticket', ticket: 'HD-2026-000002', kind: 'duplicate_of' } });
    expect(moreFields('link_ticket')).toEqual(['ticket', 'kind']);
  });

  it('an extension starts from the resolution deadline and needs a justification', () => {
    const due = '2026-12-10T14:00:00Z';
    const f = emptyMoreForm([metric('reaction', null), metric('resolution', due)]);
    expect(f.metric).toBe('resolution');
    expect(f.until).toBe(localInput(new Date(due)));
    expect(buildMoreOp('extend_deadline', f)).toMatchObject({ field: 'justification' });
    expect(buildMoreOp('extend_deadline', { ...f, until: '' , justification: 'x' })).toMatchObject({ field: 'until' });
    const built = buildMoreOp('extend_deadline', { ...f, justification: ' Чекаємо постачальника ' });
    expect(built).toEqual({ op: { op: 'extend_deadline', metric: 'resolution', until: '2026-12-10T14:00:00.000Z', justification: 'Чекаємо постачальника' } });
    expect(emptyMoreForm([metric('reaction', null)]).metric).toBe('');
  });

  it('c003_s6_1_12 a rating needs a score of the scale; the comment is optional', () => {
    const f = emptyMoreForm();
    expect(moreFields('rate')).toEqual(['score', 'comment']);
    expect(buildMoreOp('rate', f)).toEqual({ error: 'op_dialog.validation.score', field: 'score' });
    expect(buildMoreOp('rate', { ...f, score: '0' })).toMatchObject({ field: 'score' });
    expect(buildMoreOp('rate', { ...f, score: '4' })).toEqual({ op: { op: 'rate', score: 4, comment: '' } });
    expect(buildMoreOp('rate', { ...f, score: '5', comment: ' Дякую, усе працює ' })).toEqual({ op: { op: 'rate', score: 5, comment: 'Дякую, усе працює' } });
  });

  it('c003_s6_2_5 a rating is offered exactly when the domain offers it', () => {
    expect(offeredActions([{ op: 'rate' }, { op: 'reopen', refused: 'wrong_status' }])).toEqual(['rate']);
    expect(offeredActions([{ op: 'rate', refused: 'already_rated' }])).toEqual([]);
    expect(isMoreAction('rate')).toBe(true);
  });
});
