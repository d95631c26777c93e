//! The knowledge base's editorial cycle for its editors, reviewers and
//! approvers (003 §1.5.10, §4.16, §5.1): drafts, revisions of published
//! articles, moves through review, periodic reviews, operators' remarks
//! and usage statistics.
//!
//! These are online calls. The sync protocol carries ops on tickets only,
//! and who may approve which text is decided by the server under the
//! domain's rules (`helpdesk_domain::kb_review`), against articles and
//! revisions the laptop does not hold (drafts are not synced). Offline,
//! each call answers `offline` with what to do, and nothing is half-saved.
//! Refusals keep the server's code as `kb.<code>` (`kb.own_approval`,
//! `kb.wrong_status`, `kb.review_not_later`, `kb.conflict`…).

use crate::error_code::ClientErrorCode;
use crate::{Client, ClientError, Result};
use chrono::NaiveDate;
use helpdesk_domain::kb_review::{check_article_move, check_revision_move};
use helpdesk_protocol::{
    Article, ArticleInput, ArticleRevision, ArticleStatus, ArticleTransition, ArticleUsage, KbComment, ReviewDue, ReviewedInput, RevisionOutcome,
};
use helpdesk_sync::http::HttpTransport;
use helpdesk_sync::{SyncClient, TransportError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use ts_rs::TS;

/// One article of the editors' list, with how many tickets link it and the
/// moves the user may make (`kb_review::check_article_move`: not the
/// approval of their own text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct EditorialItem {
    pub article: Article,
    #[ts(type = "number")]
    pub links: u64,
    #[serde(default)]
    pub moves: Vec<ArticleStatus>,
}

/// A pending revision and the moves the user may make with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
pub struct RevisionView {
    pub revision: ArticleRevision,
    pub moves: Vec<ArticleStatus>,
}

#[derive(Deserialize)]
struct EditorialPage {
    items: Vec<EditorialItem>,
}

/// The moves the domain allows `me` from `from` on a text by `author`.
fn moves(
    from: ArticleStatus,
    author: &str,
    me: &str,
    check: fn(ArticleStatus, ArticleStatus, &str, &str) -> std::result::Result<(), helpdesk_domain::kb_review::EditorialRefusal>,
) -> Vec<ArticleStatus> {
    ArticleStatus::ALL.iter().copied().filter(|to| check(from, *to, author, me).is_ok()).collect()
}

/// What an edit did: the article changed, or (published) its revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "client/")]
#[serde(untagged)]
pub enum KbEdit {
    Revision(ArticleRevision),
    Article(Article),
}

/// A transport error of an editorial call: offline says what to do; the
/// refusals of the editorial cycle have their own `kb.` codes, any other
/// refusal is the server's (`server_refused`, its code in the params).
pub(crate) fn editorial_error(e: TransportError) -> ClientError {
    match e {
        TransportError::Offline(_) => ClientError::new(
            ClientErrorCode::Offline,
            "the knowledge base's editorial work needs the server, which cannot be reached now; nothing was saved — try again when the connection is back",
        ),
        TransportError::Refused { status, code, message } => {
            let own = match code.as_str() {
                "own_approval" => Some(ClientErrorCode::KbOwnApproval),
                "wrong_status" => Some(ClientErrorCode::KbWrongStatus),
                "conflict" => Some(ClientErrorCode::KbConflict),
                "review_not_later" => Some(ClientErrorCode::KbReviewNotLater),
                "invalid_article" => Some(ClientErrorCode::KbInvalidArticle),
                _ => None,
            };
            match own {
                Some(own) => ClientError::new(own, message).with("server_code", code.as_str()),
                None => TransportError::Refused { status, code, message }.into(),
            }
        }
        other => other.into(),
    }
}

fn path_id(id: &str) -> Result<String> {
    let id = id.trim();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(ClientError::invalid("id", format!("`{id}` is not an article id (like kb-…)")));
    }
    Ok(id.to_string())
}

fn query_value(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl Client {
    fn my_id(&self) -> Result<String> {
        Ok(self.replica().me()?.ok_or_else(ClientError::not_signed_in)?.id)
    }

    pub(crate) fn online(&self) -> Result<Arc<SyncClient<HttpTransport>>> {
        self.sync_client().ok_or_else(ClientError::not_signed_in)
    }

    /// Articles in the given statuses (all when empty) matching `q`, as the
    /// editors see them: drafts and reviews included.
    pub async fn kb_editorial_list(&self, statuses: &[ArticleStatus], q: Option<&str>) -> Result<Vec<EditorialItem>> {
        let mut path = String::from("/kb?limit=200");
        if !statuses.is_empty() {
            let list: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
            path.push_str(&format!("&status={}", list.join(",")));
        }
        if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
            path.push_str(&format!("&q={}", query_value(q)));
        }
        let page: EditorialPage = self.online()?.transport.api_get(&path).await.map_err(editorial_error)?;
        let me = self.my_id()?;
        Ok(page
            .items
            .into_iter()
            .map(|mut item| {
                item.moves = moves(item.article.status, &item.article.author, &me, check_article_move);
                item
            })
            .collect())
    }

    /// An article as the server has it now (counts a view).
    pub async fn kb_fetch(&self, id: &str) -> Result<Article> {
        let id = path_id(id)?;
        self.online()?.transport.api_get(&format!("/kb/{id}")).await.map_err(editorial_error)
    }

    /// Creates a draft.
    pub async fn kb_create(&self, input: &ArticleInput) -> Result<Article> {
        self.online()?.transport.api_post("/kb", input).await.map_err(editorial_error)
    }

    /// Edits an article; a published one gets a revision instead, and its
    /// published text stays until the revision is approved and published.
    pub async fn kb_edit(&self, id: &str, input: &ArticleInput, base_version: Option<u64>) -> Result<KbEdit> {
        let id = path_id(id)?;
        let query = base_version.map(|v| format!("?base_version={v}")).unwrap_or_default();
        self.online()?
            .transport
            .api_put(&format!("/kb/{id}{query}"), input)
            .await
            .map_err(editorial_error)
    }

    /// Moves an article (draft → review → approved → published → archived…).
    pub async fn kb_move(&self, id: &str, to: ArticleStatus, comment: Option<String>) -> Result<Article> {
        let id = path_id(id)?;
        let body = ArticleTransition { to, comment };
        self.online()?
            .transport
            .api_post(&format!("/kb/{id}/transition"), &body)
            .await
            .map_err(editorial_error)
    }

    /// The pending revision of a published article, if there is one.
    pub async fn kb_revision(&self, id: &str) -> Result<Option<RevisionView>> {
        let id = path_id(id)?;
        let me = self.my_id()?;
        match self.online()?.transport.api_get::<ArticleRevision>(&format!("/kb/{id}/revision")).await {
            Ok(revision) => Ok(Some(RevisionView {
                moves: moves(revision.status, &revision.author, &me, check_revision_move),
                revision,
            })),
            Err(TransportError::Refused { status: 404, .. }) => Ok(None),
            Err(e) => Err(editorial_error(e)),
        }
    }

    /// Moves the revision; `published` replaces the article's text.
    pub async fn kb_revision_move(&self, id: &str, to: ArticleStatus, comment: Option<String>) -> Result<RevisionOutcome> {
        let id = path_id(id)?;
        let body = ArticleTransition { to, comment };
        self.online()?
            .transport
            .api_post(&format!("/kb/{id}/revision/transition"), &body)
            .await
            .map_err(editorial_error)
    }

    /// Marks the article reviewed for relevance: the review date moves to
    /// `next_review`, or a year on (003 §5.1.5).
    pub async fn kb_reviewed(&self, id: &str, next_review: Option<NaiveDate>, comment: Option<String>) -> Result<Article> {
        let id = path_id(id)?;
        let body = ReviewedInput { next_review, comment };
        self.online()?
            .transport
            .api_post(&format!("/kb/{id}/reviewed"), &body)
            .await
            .map_err(editorial_error)
    }

    /// Published articles past their review date (with `mine`, the user's own).
    pub async fn kb_review_due(&self, mine: bool) -> Result<Vec<ReviewDue>> {
        self.online()?
            .transport
            .api_get(&format!("/kb/review-due?mine={mine}"))
            .await
            .map_err(editorial_error)
    }

    /// Remarks on an article, oldest first (003 §5.1.8).
    pub async fn kb_comments(&self, id: &str) -> Result<Vec<KbComment>> {
        let id = path_id(id)?;
        self.online()?.transport.api_get(&format!("/kb/{id}/comments")).await.map_err(editorial_error)
    }

    /// Adds a remark on an article: an editor's, or an operator's on a published one.
    pub async fn kb_comment(&self, id: &str, text: &str) -> Result<KbComment> {
        let id = path_id(id)?;
        let body = serde_json::json!({ "text": text });
        self.online()?
            .transport
            .api_post(&format!("/kb/{id}/comments"), &body)
            .await
            .map_err(editorial_error)
    }

    /// Views, links from tickets and remarks of an article (003 §5.1.9).
    pub async fn kb_usage(&self, id: &str) -> Result<ArticleUsage> {
        let id = path_id(id)?;
        self.online()?.transport.api_get(&format!("/kb/{id}/usage")).await.map_err(editorial_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_queries_cannot_reach_another_path() {
        assert_eq!(path_id(" kb-1a2b ").unwrap(), "kb-1a2b");
        assert_eq!(path_id("../admin").unwrap_err().code(), "invalid_input");
        assert_eq!(
            query_value("митна декларація&x=1"),
            "%D0%BC%D0%B8%D1%82%D0%BD%D0%B0%20%D0%B4%D0%B5%D0%BA%D0%BB%D0%B0%D1%80%D0%B0%D1%86%D1%96%D1%8F%26x%3D1"
        );
    }
}
