//! Handing a ticket on: `escalate` to another line or group, and
//! `add_co_executor` (000 §20(4); 002 §8.2, §9.3(7); 003 §4.10–4.12, §4.15).

use super::{EventKind, Input, Refusal, Work};
use crate::model::{Line, Status::New};

/// `escalate` — line and/or group, at least one different, and a note
/// (002 §9.3(7): the conclusion that it must go up); owner cleared, → `new`
/// on that line/group (000 §20(4); 003 §4.12: re-routing does not reset
/// deadlines).
pub(super) fn escalate(i: &Input, w: &mut Work, line: Option<Line>, group: Option<&str>, note: &str) -> Result<(), Refusal> {
    let (ticket, ctx) = (i.ticket, i.ctx);
    let group = match group {
        Some(g) => Some(ctx.text("group", g)?),
        None => None,
    };
    if line.is_none() && group.is_none() {
        return Err(ctx.invalid_input("line", "and `group` are both missing: name the line and/or the group to hand the ticket to"));
    }
    let new_line = line.unwrap_or(ticket.line);
    let new_group = group.unwrap_or_else(|| ticket.group.clone());
    if new_line == ticket.line && new_group == ticket.group {
        let field = if line.is_some() { "line" } else { "group" };
        let value = if line.is_some() { new_line.to_string() } else { new_group.clone() };
        return Err(ctx.same(field, &value));
    }
    let note = ctx.reason("note", note)?;
    w.t.co_executor_groups.retain(|g| *g != new_group);
    w.emit(EventKind::Escalated {
        from_line: ticket.line,
        line: new_line,
        from_group: ticket.group.clone(),
        group: new_group.clone(),
        note,
    });
    w.t.line = new_line;
    w.t.group = new_group;
    w.set_owner(None);
    w.set_status(New);
    Ok(())
}

/// `add_co_executor` — another group than the ticket's, not already added
/// (003 §4.10, §4.15).
pub(super) fn add_co_executor(i: &Input, w: &mut Work, group: &str) -> Result<(), Refusal> {
    let group = i.ctx.text("group", group)?;
    if group == i.ticket.group {
        return Err(i.ctx.invalid_target("group", "is the ticket's own group; a co-executor is another group"));
    }
    if i.ticket.co_executor_groups.contains(&group) {
        return Err(i.ctx.same("co_executor_groups", &group));
    }
    w.t.co_executor_groups.push(group.clone());
    w.emit(EventKind::CoExecutorAdded { group });
    Ok(())
}
