//! The rules of a ticket's attachments, wherever they come from — the
//! registration (000 §19: the portal «прикріплює файли»; 004 §2.3) or a
//! later public comment / answer to a request for information (issue 15
//! §3: a reply by e-mail brings its files): each names its file and its
//! content's SHA-256, is not empty, and a ticket holds at most
//! [`MAX_ATTACHMENTS`].

use crate::ticket::Attachment;

/// The most attachments of a ticket, over its whole life.
pub const MAX_ATTACHMENTS: usize = 50;

/// What is wrong with attachment `a`, if anything: `(field, detail)` with
/// the field relative to the attachment (`name`, `sha256`, `size`).
pub fn defect(a: &Attachment) -> Option<(&'static str, &'static str)> {
    if a.name.trim().is_empty() {
        Some(("name", "an attachment needs a file name"))
    } else if a.sha256.len() != 64 || !a.sha256.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Some(("sha256", "a SHA-256 is 64 lower-case hex digits"))
    } else if a.size == 0 {
        Some(("size", "an attachment cannot be empty"))
    } else {
        None
    }
}

/// Why `added` files cannot join a ticket that has `existing` of them
/// (the limit, and what to do), if they cannot.
pub fn over_limit(existing: usize, added: usize) -> Option<String> {
    if existing + added <= MAX_ATTACHMENTS {
        return None;
    }
    let room = MAX_ATTACHMENTS.saturating_sub(existing);
    Some(format!(
        "a ticket has at most {MAX_ATTACHMENTS} attachments; it has {existing}, so {room} more fit and {added} were given: put the files in an archive and attach that"
    ))
}

impl crate::ops::Op {
    /// The same op bringing `files` (instead of those it brought), when it
    /// is one that may bring files (a comment, an answer to a request for
    /// information); `None` for any other op.
    pub fn with_attachments(mut self, files: Vec<Attachment>) -> Option<crate::ops::Op> {
        use crate::ops::Op;
        match &mut self {
            Op::Comment { attachments, .. } | Op::InfoReceived { attachments, .. } => *attachments = files,
            _ => return None,
        }
        Some(self)
    }

    /// The files the op brings to the ticket (none for most ops).
    pub fn attachments(&self) -> &[Attachment] {
        use crate::ops::Op;
        match self {
            Op::Comment { attachments, .. } | Op::InfoReceived { attachments, .. } => attachments,
            _ => &[],
        }
    }
}

/// The desk's internal note when `left_out` files of a requester's e-mail
/// could not join the ticket (over [`MAX_ATTACHMENTS`], empty, or larger
/// than `max_mib` MiB each): the text and the other files are kept.
pub fn files_left_out_note(left_out: usize, max_mib: usize) -> String {
    format!(
        "Не всі файли листа заявника додано до заявки (не додано: {left_out}): заявка містить щонайбільше {MAX_ATTACHMENTS} вкладень, кожне не порожнє й до {max_mib} МіБ. Попросіть заявника надіслати решту одним архівом або посиланням."
    )
}
