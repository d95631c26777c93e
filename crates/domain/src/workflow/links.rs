//! Links from a ticket: `link_kb` (001 §III.15; 003 §4.14) and
//! `link_ticket` (002 §6.7–6.8, §7.5(3)).

use super::{EventKind, Input, Refusal, Work};
use crate::ticket::{LinkKind, TicketLink};

/// `link_kb` — not twice.
pub(super) fn link_kb(i: &Input, w: &mut Work, article: &str) -> Result<(), Refusal> {
    let article = i.ctx.text("article", article)?;
    if i.ticket.kb_links.contains(&article) {
        return Err(i.ctx.same("kb_links", &article));
    }
    w.t.kb_links.push(article.clone());
    w.emit(EventKind::KbLinked { article });
    Ok(())
}

/// `link_ticket` — not twice, and a ticket is not linked to itself.
pub(super) fn link_ticket(i: &Input, w: &mut Work, other: &str, kind: LinkKind) -> Result<(), Refusal> {
    let other = i.ctx.text("ticket", other)?;
    if i.ticket.is_called(&other) {
        return Err(i.ctx.invalid_target("ticket", "is this very ticket; link another one"));
    }
    let link = TicketLink { kind, ticket: other.clone() };
    if i.ticket.links.contains(&link) {
        return Err(i.ctx.same("links", &format!("{kind} {other}")));
    }
    w.t.links.push(link);
    w.emit(EventKind::TicketLinked { ticket: other, kind });
    Ok(())
}
