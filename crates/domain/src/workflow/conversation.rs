//! The exchange with the requester and within the desk: `comment`,
//! `request_info`, `info_received` (000 §19–20; 002 §7.4, §7.5(2);
//! 004 §3.2–3.4).

use super::{EventKind, Input, Refusal, Role, Work, NOT_CLOSED};
use crate::attachments::{defect, over_limit};
use crate::model::Status::{AwaitingInfo, Closed, InProgress};
use crate::ticket::{Attachment, Visibility};

/// `comment` — text required; a Self Service user writes public comments
/// only and not on a closed ticket (002 §6.8: a new question is a new ticket).
pub(super) fn comment(i: &Input, w: &mut Work, visibility: Visibility, text: &str, attachments: &[Attachment]) -> Result<(), Refusal> {
    if i.actor.role == Role::SelfService {
        if visibility == Visibility::Internal {
            return Err(Refusal::ForbiddenRole {
                op: i.ctx.op,
                status: i.ctx.status,
                role: i.actor.role,
                detail: "a requester writes public comments only".into(),
            });
        }
        if i.ctx.status == Closed {
            return Err(i.ctx.wrong_status(NOT_CLOSED));
        }
    }
    let text = i.ctx.text("text", text)?;
    if visibility == Visibility::Internal && !attachments.is_empty() {
        return Err(i.ctx.invalid_input(
            "attachments",
            "cannot come with an internal comment: the requester sees every file of the ticket; attach the files to a public comment, or leave them out of the internal one",
        ));
    }
    attach(i, w, attachments)?;
    w.comment(visibility, text);
    w.emit(EventKind::CommentAdded { visibility });
    Ok(())
}

/// `request_info` — question required (kept as a public comment); counts
/// the requests since the last answer (002 §7.4, §7.5(2); 004 §3.2). Also
/// from `new` (L1 asks at registration: 001 §III.2(4); 000 §20; the actor
/// becomes the owner) and from `postponed` (the wait needs the requester
/// after all).
pub(super) fn request_info(i: &Input, w: &mut Work, question: &str) -> Result<(), Refusal> {
    let question = i.ctx.text("question", question)?;
    w.t.info_requests += 1;
    w.comment(Visibility::Public, question.clone());
    w.emit(EventKind::InfoRequested {
        question,
        count: w.t.info_requests,
    });
    w.take_if_unowned();
    w.set_status(AwaitingInfo);
    Ok(())
}

/// `info_received` — text required (kept as a public comment); →
/// `in_progress`, the request count restarts (004 §3.2).
pub(super) fn info_received(i: &Input, w: &mut Work, text: &str, attachments: &[Attachment]) -> Result<(), Refusal> {
    let text = i.ctx.text("text", text)?;
    attach(i, w, attachments)?;
    w.comment(Visibility::Public, text.clone());
    w.emit(EventKind::InfoReceived { text });
    w.set_status(InProgress);
    Ok(())
}

/// The files a public comment or an answer brings join the ticket's
/// attachments, each well formed and within [`crate::attachments::MAX_ATTACHMENTS`].
/// They are public: only a public comment or an answer carries them, and a
/// requester sees the ticket's every attachment.
fn attach(i: &Input, w: &mut Work, attachments: &[Attachment]) -> Result<(), Refusal> {
    for (n, a) in attachments.iter().enumerate() {
        if let Some((field, detail)) = defect(a) {
            return Err(i.ctx.invalid_input(&format!("attachments[{n}].{field}"), detail));
        }
    }
    if let Some(why) = over_limit(w.t.attachments.len(), attachments.len()) {
        return Err(i.ctx.invalid_input("attachments", &why));
    }
    w.t.attachments.extend_from_slice(attachments);
    Ok(())
}
