//! Stopping and continuing work: `postpone` and `resume` (001 §III.9(4),
//! §III.13; 002 §8.4, §13.10, Appendix 1 Table 2; 004 §3.2).

use super::{EventKind, Input, Refusal, Work};
use crate::model::Status::{InProgress, Postponed};
use crate::ticket::PostponeReason;

/// `postpone` — a reason of 002 Table 2 and a note (e.g. the vendor's
/// ticket number, Table 2) → `postponed` (001 §III.9(4), §III.13); from
/// `new` (the actor becomes the owner), `in_progress` or `awaiting_info`.
pub(super) fn postpone(i: &Input, w: &mut Work, reason: PostponeReason, note: &str) -> Result<(), Refusal> {
    let note = i.ctx.reason("note", note)?;
    w.t.postpone_reason = Some(reason);
    w.emit(EventKind::Postponed { reason, note });
    w.take_if_unowned();
    w.set_status(Postponed);
    Ok(())
}

/// `resume` — → `in_progress`, from `postponed` or from `awaiting_info`
/// when work continues without the answer.
pub(super) fn resume(w: &mut Work) -> Result<(), Refusal> {
    w.set_status(InProgress);
    Ok(())
}
