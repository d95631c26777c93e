import { describe, expect, it } from 'vitest';
import { buildOp, offeredActions, dialogFields, draftOf, emptyForm, formFromDraft, opText } from './actions';

const form = (over: Partial<ReturnType<typeof emptyForm>>) => ({ ...emptyForm(), ...over });

describe('which actions are offered', () => {
  it('exactly the ones the domain allows, in toolbar order', () => {
    const offered = offeredActions([
      { op: 'reopen' },
      { op: 'take', refused: 'same_value' },
      { op: 'comment' },
      { op: 'link_kb' },
      { op: 'close', refused: 'wrong_status' },
      { op: 'resolve' },
    ]);
    expect(offered).toEqual(['comment', 'resolve', 'reopen']);
  });
  it('nothing when the domain allows nothing', () => {
    expect(offeredActions([{ op: 'reopen', refused: 'wrong_status' }])).toEqual([]);
  });
});

describe('dialogs ask for what the rule requires', () => {
  it('postpone needs a reason and a note', () => {
    expect(buildOp('postpone', form({}))).toMatchObject({ field: 'postponeReason' });
    expect(buildOp('postpone', form({ postponeReason: 'external_vendor' }))).toMatchObject({ field: 'note' });
    expect(buildOp('postpone', form({ postponeReason: 'external_vendor', note: ' чекаємо L3 ' }))).toEqual({ op: { op: 'postpone', reason: 'external_vendor', note: 'чекаємо L3' } });
  });
  it('reject needs a reason (the original for duplicates) and a note', () => {
    expect(buildOp('reject', form({ rejectReason: 'duplicate_of', note: 'x' }))).toMatchObject({ field: 'duplicateOf' });
    expect(buildOp('reject', form({ rejectReason: 'duplicate_of', duplicateOf: 'HD-1', note: 'x' }))).toEqual({ op: { op: 'reject', reason: { duplicate_of: { ticket: 'HD-1' } }, note: 'x' } });
    expect(buildOp('reject', form({ rejectReason: 'unclear', note: 'x' }))).toEqual({ op: { op: 'reject', reason: 'unclear', note: 'x' } });
  });
  it('change_type (002 §7.3.2) needs the new type and a justification', () => {
    expect(buildOp('change_type', form({ note: 'x' }))).toMatchObject({ field: 'ticketType' });
    expect(buildOp('change_type', form({ ticketType: 'service_request' }))).toMatchObject({ field: 'note' });
    expect(buildOp('change_type', form({ ticketType: 'service_request', note: ' погоджено ' }))).toEqual({ op: { op: 'change_type', ticket_type: 'service_request', note: 'погоджено' } });
    expect(dialogFields('change_type', form({}))).toEqual(['ticketType', 'note']);
  });
  it('propose_reclassification (002 §7.3.4) needs a type or a level and a justification; the answer needs agreed/declined', () => {
    expect(buildOp('propose_reclassification', form({ note: 'x' }))).toMatchObject({ field: 'ticketType' });
    expect(buildOp('propose_reclassification', form({ level: 5, note: 'x' }))).toEqual({ op: { op: 'propose_reclassification', level: 5, note: 'x' } });
    expect(buildOp('answer_reclassification', form({ note: 'x' }))).toMatchObject({ field: 'agreed' });
    expect(buildOp('answer_reclassification', form({ agreed: 'declined', note: 'x' }))).toEqual({ op: { op: 'answer_reclassification', agreed: false, note: 'x' } });
  });
  it('reject offers no_ministry_approval (004 §3.5)', () => {
    expect(buildOp('reject', form({ rejectReason: 'no_ministry_approval', note: 'x' }))).toEqual({ op: { op: 'reject', reason: 'no_ministry_approval', note: 'x' } });
  });
  it('escalate needs a group or a line, and a note', () => {
    expect(buildOp('escalate', form({ note: 'x' }))).toMatchObject({ field: 'group' });
    expect(buildOp('escalate', form({ line: 'L3', note: 'вендор' }))).toEqual({ op: { op: 'escalate', line: 'L3', note: 'вендор' } });
    expect(buildOp('escalate', form({ group: 'l2-ncts', note: 'x' }))).toEqual({ op: { op: 'escalate', group: 'l2-ncts', note: 'x' } });
  });
  it('resolve needs a code and a text; KB links go along', () => {
    expect(buildOp('resolve', form({ text: 'x' }))).toMatchObject({ field: 'code' });
    expect(buildOp('resolve', form({ code: 'fixed' }))).toMatchObject({ field: 'text' });
    expect(buildOp('resolve', form({ code: 'fixed', text: 'готово', kb: ['kb-1'] }))).toEqual({ op: { op: 'resolve', code: 'fixed', text: 'готово', kb: ['kb-1'] } });
  });
  it('priority by level or by impact × urgency', () => {
    expect(buildOp('set_priority', form({ level: 2 }))).toEqual({ op: { op: 'set_priority', level: 2 } });
    expect(buildOp('set_priority', form({ priorityMode: 'matrix', impact: 'high' }))).toMatchObject({ field: 'urgency' });
    expect(buildOp('set_priority', form({ priorityMode: 'matrix', impact: 'high', urgency: 'low', note: 'погоджено' }))).toEqual({ op: { op: 'set_priority', impact: 'high', urgency: 'low', note: 'погоджено' } });
    expect(dialogFields('set_priority', form({ priorityMode: 'matrix' }))).toContain('impact');
  });
  it('comments, questions, assignment, close', () => {
    expect(buildOp('comment', form({ text: ' ', visibility: 'internal' }))).toMatchObject({ field: 'text' });
    expect(buildOp('comment', form({ text: 'нотатка', visibility: 'internal' }))).toEqual({ op: { op: 'comment', visibility: 'internal', text: 'нотатка' } });
    expect(buildOp('request_info', form({ text: 'Надішліть знімок' }))).toEqual({ op: { op: 'request_info', question: 'Надішліть знімок' } });
    expect(buildOp('assign', form({ assignTo: 'group', group: 'l2-ncts' }))).toEqual({ op: { op: 'assign', to: { group: 'l2-ncts' } } });
    expect(buildOp('close', form({}))).toEqual({ op: { op: 'close', basis: 'confirmed' } });
    expect(buildOp('reopen', form({}))).toMatchObject({ field: 'text' });
    expect(buildOp('request_confirmation', form({}))).toMatchObject({ field: 'text' });
    expect(buildOp('request_confirmation', form({ text: ' Підтвердіть, будь ласка ' }))).toEqual({ op: { op: 'request_confirmation', text: 'Підтвердіть, будь ласка' } });
  });
  it('a dialog draft round-trips', () => {
    const f = form({ text: 'a', note: 'b', postponeReason: 'diagnostics', group: 'g' });
    const d = draftOf(f);
    const back = formFromDraft(d.text, d.extra);
    expect(back).toMatchObject({ text: 'a', note: 'b', postponeReason: 'diagnostics', group: 'g' });
    expect(formFromDraft('', { postponeReason: 'bogus' }).postponeReason).toBe('');
  });
  it('describes an op for Needs attention', () => {
    expect(opText({ op: 'comment', visibility: 'public', text: 'hello' })).toBe('hello');
    expect(opText({ op: 'take' })).toBe('');
  });
});
