//! Attachments: uploaded once, content-addressed, within a size limit and
//! a daily quota per user; a ticket refers to them by SHA-256 (SPEC §2).
//!
//! An attachment is read like the tickets that cite it (SPEC §5): by whoever
//! uploaded it, or may read a ticket citing it (administrators read every
//! one). A ticket may cite only what its author uploaded or may already read.

use super::auth::Caller;
use super::tickets::can_read;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::attachments;
use crate::store::ReadTx;
use helpdesk_domain::workflow::{Actor, Role};
use helpdesk_protocol::AttachmentRef;
use sha2::{Digest, Sha256};

/// How many bytes one user may upload in 24 hours (every upload counts,
/// also of content stored before).
pub const DAILY_UPLOAD_QUOTA: u64 = 200 << 20;

/// May `actor` read (and so cite) the attachment `sha256`?
pub(crate) fn may_read(conn: &dyn ReadTx, actor: &Actor, sha256: &str) -> AppResult<bool> {
    if actor.role == Role::Administrator || attachments::uploaded_by(conn, sha256, &actor.user_id)? {
        return Ok(true);
    }
    Ok(attachments::citing_tickets(conn, sha256)?.iter().any(|t| can_read(actor, t)))
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

impl App {
    pub fn upload_attachment(&self, caller: &Caller, media_type: &str, content: &[u8]) -> AppResult<AttachmentRef> {
        if content.is_empty() {
            return Err(AppError::Unprocessable {
                code: "empty_attachment",
                message: "the attachment is empty; send the file's bytes as the body".into(),
                fields: vec![],
            });
        }
        if content.len() > self.config.max_attachment_bytes {
            return Err(AppError::AttachmentTooLarge {
                limit: self.config.max_attachment_bytes,
            });
        }
        let sha256 = hex::encode(Sha256::digest(content));
        let now = self.now();
        let media_type = if media_type.trim().is_empty() {
            "application/octet-stream"
        } else {
            media_type.trim()
        };
        let user = caller.actor.user_id.as_str();
        let size = content.len() as u64;
        self.store.write(|tx| {
            let used = attachments::uploaded_bytes_after(tx, user, now - chrono::Duration::hours(24))?;
            if used + size > DAILY_UPLOAD_QUOTA {
                return Err(AppError::Unprocessable {
                    code: "upload_quota_exceeded",
                    message: format!(
                        "you uploaded {} in the last 24 hours; at most {} a day are accepted, {} are left now: try again later, or attach less",
                        mib(used),
                        mib(DAILY_UPLOAD_QUOTA),
                        mib(DAILY_UPLOAD_QUOTA.saturating_sub(used))
                    ),
                    fields: vec![],
                });
            }
            attachments::put(tx, &sha256, media_type, content, now)?;
            attachments::record_upload(tx, &sha256, user, size, now)?;
            crate::store::audit(tx, now, user, "attachment_upload", &sha256, &serde_json::json!({"size": content.len()}))?;
            Ok::<_, AppError>(())
        })?;
        Ok(AttachmentRef {
            sha256,
            size,
            media_type: media_type.to_string(),
        })
    }

    /// An attachment's media type and bytes, for whoever may read it
    /// ([`may_read`]); to anyone else it does not exist.
    pub fn attachment(&self, caller: &Caller, sha256: &str) -> AppResult<(String, Vec<u8>)> {
        let not_found = || AppError::NotFound(format!("no attachment {sha256}"));
        let sha256 = sha256.to_ascii_lowercase();
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AppError::bad_request("bad_hash", "an attachment is named by the 64 hex digits of its SHA-256"));
        }
        self.store.read(|conn| {
            if !may_read(conn, &caller.actor, &sha256)? {
                return Err(not_found());
            }
            attachments::get(conn, &sha256)?.ok_or_else(not_found)
        })
    }
}
