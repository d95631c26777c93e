//! 003 §6.1.12, §6.2.5: the requester's satisfaction with the answer,
//! collected by the portal (an automated feedback tool) once the ticket is
//! closed — after a confirmed resolution, or any closing.

use super::{EventKind, Input, Refusal, Work};
use crate::satisfaction::{Satisfaction, MAX_COMMENT_CHARS, SCORES};

/// `rate` — a score of [`SCORES`] and an optional comment, once per ticket
/// (a second rating would count one requester twice in the KPI); the
/// ticket's status stays `closed`.
pub(super) fn rate(i: &Input, w: &mut Work, score: u8, comment: &str) -> Result<(), Refusal> {
    if let Some(given) = &i.ticket.satisfaction {
        return Err(i.ctx.same("satisfaction", &given.score.to_string()));
    }
    if !SCORES.contains(&score) {
        return Err(i.ctx.invalid_input("score", &format!("must be from {} to {}", SCORES.start(), SCORES.end())));
    }
    let comment = comment.trim();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(i
            .ctx
            .invalid_input("comment", &format!("is longer than {MAX_COMMENT_CHARS} characters; shorten it")));
    }
    w.t.satisfaction = Some(Satisfaction {
        score,
        comment: comment.to_string(),
        at: w.now,
    });
    w.emit(EventKind::Rated {
        score,
        comment: comment.to_string(),
    });
    Ok(())
}
