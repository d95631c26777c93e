//! The files a comment or an answer to a request for information cites
//! (issue 15 §3): each one the actor may cite — uploaded by them, or one
//! they may already read — as at registration; its size is the stored
//! upload's, whatever the op said.

use super::tickets::citable_attachment;
use crate::error::AppResult;
use crate::store::WriteTx;
use helpdesk_domain::ops::Op;
use helpdesk_domain::workflow::Actor;
use std::borrow::Cow;

/// `op` with each cited attachment checked citable by `actor` and sized as
/// stored: 422 `unknown_attachment` naming the field otherwise.
pub(super) fn cited_attachments<'a>(tx: &dyn WriteTx, actor: &Actor, op: &'a Op) -> AppResult<Cow<'a, Op>> {
    if op.attachments().is_empty() {
        return Ok(Cow::Borrowed(op));
    }
    let mut files = op.attachments().to_vec();
    for (i, file) in files.iter_mut().enumerate() {
        file.size = citable_attachment(tx, actor, &file.sha256, &format!("attachments[{i}].sha256"))?;
    }
    Ok(Cow::Owned(op.clone().with_attachments(files).expect("an op citing files may bring files")))
}
