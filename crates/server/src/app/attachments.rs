//! Attachments: uploaded once, content-addressed, within a size limit;
//! a ticket refers to them by SHA-256 (SPEC §2).

use super::auth::Caller;
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::attachments;
use helpdesk_domain::workflow::Role;
use helpdesk_protocol::AttachmentRef;
use sha2::{Digest, Sha256};

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
        self.store.write(|tx| {
            attachments::put(tx, &sha256, media_type, content, now)?;
            crate::store::audit(
                tx,
                now,
                &caller.actor.user_id,
                "attachment_upload",
                &sha256,
                &serde_json::json!({"size": content.len()}),
            )?;
            Ok::<_, AppError>(())
        })?;
        Ok(AttachmentRef {
            sha256,
            size: content.len() as u64,
            media_type: media_type.to_string(),
        })
    }

    /// The desk reads any attachment; a requester only those of their tickets.
    pub fn attachment(&self, caller: &Caller, sha256: &str) -> AppResult<(String, Vec<u8>)> {
        let not_found = || AppError::NotFound(format!("no attachment {sha256}"));
        let sha256 = sha256.to_ascii_lowercase();
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AppError::bad_request("bad_hash", "an attachment is named by the 64 hex digits of its SHA-256"));
        }
        self.store.read(|conn| {
            if caller.actor.role == Role::SelfService && !attachments::referenced_by_requester(conn, &sha256, &caller.actor.user_id)? {
                return Err(not_found());
            }
            attachments::get(conn, &sha256)?.ok_or_else(not_found)
        })
    }
}
