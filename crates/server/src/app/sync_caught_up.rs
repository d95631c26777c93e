//! The pull of a client that has everything: when every one of the
//! caller's buckets has a cursor at or past the change log's head, the
//! page is empty and the cursors stay as they are. This is told with one
//! statement read as committed, without the snapshot transaction of a
//! page (`sync::pull_in`).
//!
//! Why it skips no change: sequences are stamped as the last statements
//! of each writing transaction under the head row's lock, so a change
//! with a sequence at or below the head read here has committed, and
//! every one above it is returned by a later pull (the cursors are not
//! moved past what this pull saw). A cursor below the head takes the
//! snapshot path, which serves the changes and moves the cursor.

use super::auth::{token_hash, Caller};
use super::sync::{check_pull, foreign_client, page_end};
use super::App;
use crate::error::{AppError, AppResult};
use crate::store::sync_state::{self, SyncHead};
use crate::store::{token_caller, ReadTx};
use chrono::{DateTime, Utc};
use helpdesk_protocol::PullRequest;
use std::collections::BTreeMap;

impl App {
    /// `POST /sync/pull` from its bearer token: who sends it and the page.
    /// The pull of a client that has everything — most pulls — costs one
    /// statement: the token's caller, the change log's head and the
    /// client's row are read together.
    pub fn pull_json_by_token(&self, token: &str, request: &PullRequest) -> AppResult<(Caller, Vec<u8>)> {
        let hash = token_hash(token);
        let server_time = self.now();
        let (caller, page) = self.store.read_committed(|conn| {
            let (found, head) = token_caller::token_caller_and_sync_head(conn, &hash, &request.client_id)?.unzip();
            let caller = self.caller_of_token(hash, found)?;
            check_pull(request)?;
            let page = match head {
                Some(head) => self.caught_up_from(conn, &caller, request, head, server_time)?,
                None => None,
            };
            Ok::<_, AppError>((caller, page))
        })?;
        let page = match page {
            Some(page) => page,
            None => self.pull_snapshot(&caller, request)?,
        };
        Ok((caller, page))
    }

    /// The JSON of the empty page when nothing is new for the caller's
    /// buckets; `None` when some bucket may have changes to serve.
    pub(super) fn caught_up_page(&self, conn: &dyn ReadTx, caller: &Caller, request: &PullRequest, server_time: DateTime<Utc>) -> AppResult<Option<Vec<u8>>> {
        let head = sync_state::head_and_client(conn, &request.client_id)?;
        self.caught_up_from(conn, caller, request, head, server_time)
    }

    fn caught_up_from(
        &self,
        conn: &dyn ReadTx,
        caller: &Caller,
        request: &PullRequest,
        (head, client): SyncHead,
        server_time: DateTime<Utc>,
    ) -> AppResult<Option<Vec<u8>>> {
        let client_last_seq = match client {
            Some((owner, _)) if owner != caller.actor.user_id => return Err(foreign_client(&request.client_id)),
            Some((_, last)) => last,
            None => 0,
        };
        let mut cursors = BTreeMap::new();
        for bucket in self.buckets_of(conn, &caller.actor)? {
            match request.buckets.get(&bucket) {
                Some(&cursor) if cursor >= head => cursors.insert(bucket, cursor),
                _ => return Ok(None),
            };
        }
        let mut out = b"{\"changes\":[],".to_vec();
        page_end(&mut out, &cursors, false, client_last_seq, server_time, 0)?;
        Ok(Some(out))
    }
}
