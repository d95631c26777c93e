//! The requester's approval of a reclassification that lengthens the term
//! (002 §7.3.4): «ответ на запрос по изменению типа и/или приоритета должен
//! быть предоставлен в течение одного рабочего дня, но не менее, чем за 3
//! (три) рабочих часа до истечения срока решения обращения. В случае
//! отсутствия согласования в установленный срок изменения … считаются
//! согласованными».
//!
//! The analyst proposes the change (`propose_reclassification`); the
//! requester's answer is recorded (`answer_reclassification`, agreed or
//! not); without an answer by [`answer_due`] the server's timed job records
//! it as agreed (deemed), and the change applies then.

use crate::calendar::{Calendar, CalendarError};
use crate::target::{Target, Unit};
use chrono::{DateTime, Duration, Utc};

/// 002 §7.3.4: one working day for the answer.
pub const ANSWER_TERM: Target = Target {
    amount: 1,
    unit: Unit::WorkingDays,
};

/// 002 §7.3.4: and no later than 3 working hours before the resolution deadline.
pub const BEFORE_RESOLUTION_SECONDS: i64 = 3 * 3600;

/// When the requester's answer to a reclassification asked at `asked_at`
/// is due: one working day (rule 3: the close of the next working day),
/// but no later than 3 working hours before `resolution_due`, when the
/// ticket has one; never before `asked_at`.
pub fn answer_due(calendar: &Calendar, asked_at: DateTime<Utc>, resolution_due: Option<DateTime<Utc>>) -> Result<DateTime<Utc>, CalendarError> {
    let one_day = calendar.term_end(asked_at, ANSWER_TERM)?;
    let Some(due) = resolution_due else { return Ok(one_day) };
    let before = working_before(calendar, due, BEFORE_RESOLUTION_SECONDS);
    Ok(one_day.min(before).max(asked_at))
}

/// The latest instant at or before `t` with `amount` working seconds
/// between it and `t` (or 366 days back when there are fewer).
fn working_before(calendar: &Calendar, t: DateTime<Utc>, amount: i64) -> DateTime<Utc> {
    let (mut lo, mut hi) = (t - Duration::days(366), t);
    if calendar.working_between(lo, t) < amount {
        return lo;
    }
    // working_between(x, t) falls as x rises: the largest x where it is still ≥ amount.
    while hi - lo > Duration::seconds(1) {
        let mid = lo + Duration::seconds((hi - lo).num_seconds() / 2);
        if calendar.working_between(mid, t) >= amount {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}
