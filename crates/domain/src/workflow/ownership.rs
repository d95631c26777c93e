//! Who owns a ticket and which group holds it: `take` and `assign`
//! (000 §20: members take ownership, leads make sure every ticket has an
//! owner; 003 §4.11–4.12: re-routing does not reset deadlines).

use super::{EventKind, Input, Refusal, Work};
use crate::model::Status::{InProgress, New};

/// `take` — owner := actor, → `in_progress`; from `in_progress` it is a
/// takeover within the group; taking one's own ticket is `same_value`
/// (000 §20; 001 §III.9(2); 004 §2.4).
pub(super) fn take(i: &Input, w: &mut Work) -> Result<(), Refusal> {
    if i.ticket.owner.as_deref() == Some(i.actor.user_id.as_str()) {
        return Err(i.ctx.same("owner", &i.actor.user_id));
    }
    w.set_owner(Some(i.actor.user_id.clone()));
    w.set_status(InProgress);
    Ok(())
}

/// `assign` to a user — owner := user; `new` → `in_progress`, other
/// statuses unchanged. Allowed to the lead of the ticket's group, to the
/// owner handing over, and to a member assigning themselves (000 §20; see
/// `check_involvement`). Whether the target user belongs to the group is
/// the server's check.
pub(super) fn assign_user(i: &Input, w: &mut Work, user: &str) -> Result<(), Refusal> {
    let user = i.ctx.text("to.user", user)?;
    if i.ticket.owner.as_deref() == Some(user.as_str()) {
        return Err(i.ctx.same("owner", &user));
    }
    w.set_owner(Some(user));
    if i.ctx.status == New {
        w.set_status(InProgress);
    }
    Ok(())
}

/// `assign` to a group — group := that group, owner cleared, → `new` (it
/// waits to be taken there); deadlines are not reset (003 §4.11–4.12).
pub(super) fn assign_group(i: &Input, w: &mut Work, group: &str) -> Result<(), Refusal> {
    let group = i.ctx.text("to.group", group)?;
    if group == i.ticket.group {
        return Err(i.ctx.same("group", &group));
    }
    w.t.co_executor_groups.retain(|g| *g != group);
    w.emit(EventKind::GroupChanged {
        from: i.ticket.group.clone(),
        to: group.clone(),
    });
    w.t.group = group;
    w.set_owner(None);
    w.set_status(New);
    Ok(())
}
