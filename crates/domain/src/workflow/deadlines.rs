//! A deadline moved by hand: `extend_deadline` (001 §III.3(2), §III.13;
//! 002 §8.3).

use super::{EventKind, Input, Refusal, Role, Work};
use crate::model::Line;
use crate::ticket::DeadlineExtension;
use chrono::{DateTime, Utc};

/// `extend_deadline` — by line L2 or higher, with a metric, a justification
/// and an instant after `now` (001 §III.3(2), §III.13; 002 §8.3).
pub(super) fn extend_deadline(i: &Input, w: &mut Work, metric: &str, until: DateTime<Utc>, justification: &str) -> Result<(), Refusal> {
    let (actor, ctx) = (i.actor, i.ctx);
    if actor.role == Role::Analyst && actor.highest_line().is_none_or(|l| l < Line::L2) {
        return Err(Refusal::ForbiddenLine {
            op: ctx.op,
            status: ctx.status,
            required: Line::L2,
        });
    }
    let metric = ctx.text("metric", metric)?;
    let justification = ctx.reason("justification", justification)?;
    if until <= w.now {
        return Err(ctx.invalid_target("until", "is not in the future; a deadline is extended to a later instant"));
    }
    w.t.deadline_extensions.push(DeadlineExtension {
        metric: metric.clone(),
        until,
        justification: justification.clone(),
        by: actor.user_id.clone(),
        at: w.now,
    });
    w.emit(EventKind::DeadlineExtended { metric, until, justification });
    Ok(())
}
