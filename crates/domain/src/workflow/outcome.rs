//! How work on a ticket ends or is undone: `give_workaround`, `resolve`,
//! `request_confirmation`, `reopen`, `close` and `reject` (000 §19;
//! 001 §III.9(5)–(6); 002 §7.5, §9.6, §14; 004 §3.3–3.5).

use super::{EventKind, Input, Refusal, Role, Work};
use crate::model::Status::{AwaitingInfo, Closed, InProgress, Resolved};
use crate::model::TicketType;
use crate::ticket::{CloseBasis, LinkKind, RejectReason, Rejection, Resolution, ResolutionCode, TicketLink};

/// `give_workaround` — incidents only, text required (002 §9.3(6), §9.6).
pub(super) fn give_workaround(i: &Input, w: &mut Work, text: &str) -> Result<(), Refusal> {
    if i.ticket.ticket_type != TicketType::Incident {
        return Err(Refusal::NotApplicable {
            op: i.ctx.op,
            status: i.ctx.status,
            ticket_type: i.ticket.ticket_type,
            detail: "a workaround is given for incidents (002 §9.3(6), §9.6); write a comment instead".into(),
        });
    }
    let text = i.ctx.text("text", text)?;
    if i.ticket.workaround.as_deref() == Some(text.as_str()) {
        return Err(i.ctx.same("workaround", &text));
    }
    w.t.workaround = Some(text.clone());
    w.emit(EventKind::WorkaroundGiven { text });
    Ok(())
}

/// `resolve` — code and text required; KB articles linked (001 §III.15) →
/// `resolved`; from `new` the actor becomes the owner (003 §4.9: a question
/// answered from the knowledge base).
pub(super) fn resolve(i: &Input, w: &mut Work, code: &str, text: &str, kb: &[String]) -> Result<(), Refusal> {
    let code = i.ctx.text("code", code)?;
    let code = code
        .parse::<ResolutionCode>()
        .map_err(|e| {
            i.ctx
                .invalid_input("code", &format!("must be one of {}; `{}` is not a resolution code", e.allowed, e.given))
        })?
        .as_str()
        .to_string();
    let text = i.ctx.text("text", text)?;
    let mut articles = Vec::new();
    for (n, a) in kb.iter().enumerate() {
        let a = i.ctx.text(&format!("kb[{n}]"), a)?;
        if !w.t.kb_links.contains(&a) && !articles.contains(&a) {
            articles.push(a);
        }
    }
    w.t.resolution = Some(Resolution {
        code: code.clone(),
        text: text.clone(),
    });
    w.t.resolved_at = Some(w.now);
    w.emit(EventKind::Resolved { code, text });
    for a in articles {
        w.t.kb_links.push(a.clone());
        w.emit(EventKind::KbLinked { article: a });
    }
    w.take_if_unowned();
    w.set_status(Resolved);
    Ok(())
}

/// `request_confirmation` — text required; only while `resolved`, the
/// status stays; records `confirmation_requested` with the text (the
/// requester sees it). 002 §14.1: a resolved ticket waits for the
/// requester's confirmation; §14.4 (and §13.19 for the contact centre): the
/// desk may close it itself 30 working days after the resolution if it
/// asked for confirmation at least twice in that time — the policy's
/// `timers.auto_close.min_requests` counts these events.
pub(super) fn request_confirmation(i: &Input, w: &mut Work, text: &str) -> Result<(), Refusal> {
    let text = i.ctx.text("text", text)?;
    w.emit(EventKind::ConfirmationRequested { text });
    Ok(())
}

/// `reopen` — a reason required (002 §14.1 «с обоснованием причины
/// возврата») → `in_progress` with the same owner; the resolution is
/// cleared (000 §19).
pub(super) fn reopen(i: &Input, w: &mut Work, reason: &str) -> Result<(), Refusal> {
    let reason = i.ctx.reason("reason", reason)?;
    w.t.resolution = None;
    w.t.resolved_at = None;
    w.emit(EventKind::Reopened { reason });
    w.set_status(InProgress);
    Ok(())
}

/// `close` — only from `resolved` (001 §III.9(6); 002 §14.2–14.4); a Self
/// Service user only confirms (`basis: confirmed`); `auto` — closed without
/// the requester once the policy's waiting time is over — is the
/// auto-close's, run as an administrator, never an analyst's choice.
pub(super) fn close(i: &Input, w: &mut Work, basis: CloseBasis) -> Result<(), Refusal> {
    if i.actor.role == Role::SelfService && basis != CloseBasis::Confirmed {
        return Err(Refusal::ForbiddenRole {
            op: i.ctx.op,
            status: i.ctx.status,
            role: i.actor.role,
            detail: "a requester closes a ticket by confirming the solution (basis `confirmed`)".into(),
        });
    }
    if i.actor.role == Role::Analyst && basis == CloseBasis::Auto {
        return Err(Refusal::ForbiddenRole {
            op: i.ctx.op,
            status: i.ctx.status,
            role: i.actor.role,
            detail: "basis `auto` is the auto-close's, once the waiting time is over (001 §III.9(6), 002 §14.4); close with `confirmed` or `agreed`".into(),
        });
    }
    w.emit(EventKind::Closed { basis });
    w.set_status(Closed);
    Ok(())
}

/// `reject` — a reason and a note (002 §7.5 «мотивированно»); `duplicate_of`
/// must name another ticket (002 §7.5(3)) and links it; `no_response` only
/// while `awaiting_info` after at least `limits.min_info_requests_for_no_response`
/// requests in the current wait (the policy's; 002 §7.5(2): two, 004 §3.5:
/// one); `no_ministry_approval` for change requests only (004 §3.5) →
/// `closed`.
pub(super) fn reject(i: &Input, w: &mut Work, reason: &RejectReason, note: &str) -> Result<(), Refusal> {
    let (ticket, ctx) = (i.ticket, i.ctx);
    let reason = match reason {
        RejectReason::DuplicateOf { ticket: other } => {
            let other = ctx.text("reason.duplicate_of.ticket", other)?;
            if ticket.is_called(&other) {
                return Err(ctx.invalid_target("reason.duplicate_of.ticket", "is this very ticket; name the earlier ticket it repeats"));
            }
            RejectReason::DuplicateOf { ticket: other }
        }
        RejectReason::NoResponse => {
            if ctx.status != AwaitingInfo {
                return Err(ctx.wrong_status(&[AwaitingInfo]));
            }
            let required = i.limits.min_info_requests_for_no_response;
            if ticket.info_requests < required {
                return Err(Refusal::TooFewInfoRequests {
                    op: ctx.op,
                    status: ctx.status,
                    made: ticket.info_requests,
                    required,
                });
            }
            RejectReason::NoResponse
        }
        RejectReason::NoMinistryApproval if ticket.ticket_type != TicketType::ChangeRequest => {
            return Err(Refusal::NotApplicable {
                op: ctx.op,
                status: ctx.status,
                ticket_type: ticket.ticket_type,
                detail: "only a change request awaits the ministry's approval (004 §3.5); choose another reason".into(),
            });
        }
        other => other.clone(),
    };
    let note = ctx.reason("note", note)?;
    w.t.rejection = Some(Rejection {
        reason: reason.clone(),
        note: note.clone(),
    });
    w.emit(EventKind::Rejected { reason: reason.clone(), note });
    if let RejectReason::DuplicateOf { ticket: other } = &reason {
        let link = TicketLink {
            kind: LinkKind::DuplicateOf,
            ticket: other.clone(),
        };
        if !w.t.links.contains(&link) {
            w.t.links.push(link);
            w.emit(EventKind::TicketLinked {
                ticket: other.clone(),
                kind: LinkKind::DuplicateOf,
            });
        }
    }
    w.set_status(Closed);
    Ok(())
}
