//! The knowledge base's editorial cycle (003 §1.5.10, §4.16, §5.1):
//! revisions of published articles, periodic reviews, the daily review
//! job, and views. The rules are the domain's (`helpdesk_domain::kb_review`);
//! this module applies them to the store.
//!
//! - An edit of a published article is its **revision** (one per article):
//!   readers keep the published text while the revision goes draft →
//!   review → approved (by someone other than its author) → published,
//!   which replaces the article's text, bumps its version and syncs it; or
//!   `archived`, which withdraws it.
//! - **Reviewed** (`POST /kb/{id}/reviewed`) moves the review date to the
//!   one given, or a year on.
//! - The **review job** runs at start and every hour, and flags each
//!   published article past its review date once per date: an audit row
//!   `kb.review_overdue` naming the owner (the article's author) and the
//!   flag that `GET /kb/review-due` lists (the owner's desktop shows it).

use super::auth::Caller;
use super::kb::{can_read, clean, forbidden_to_write, is_kb_editor, load, load_for_update, optional_comment, write};
use super::App;
use crate::error::{AppError, AppResult};
use crate::store;
use crate::store::kb as kb_store;
use crate::store::kb_editorial as editorial_store;
use crate::store::WriteTx;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_domain::kb_review::{check_revision_move, next_review, review_state, status_after_edit, EditorialRefusal, ReviewState};
use helpdesk_domain::workflow::Role;
use helpdesk_protocol::{Article, ArticleInput, ArticleRevision, ArticleStatus, ArticleTransition, ReviewDue, ReviewedInput, RevisionOutcome};
use std::sync::Arc;

pub use helpdesk_domain::kb_review::REVIEW_TIME_ZONE;

/// How often the review job looks (it flags each article once per date).
pub const REVIEW_JOB_PERIOD: std::time::Duration = std::time::Duration::from_secs(3600);

impl From<EditorialRefusal> for AppError {
    fn from(refusal: EditorialRefusal) -> AppError {
        let message = refusal.to_string();
        match refusal {
            EditorialRefusal::OwnApproval => AppError::Http {
                status: StatusCode::FORBIDDEN,
                code: "own_approval",
                message,
            },
            EditorialRefusal::ReviewNotLater { .. } => AppError::Unprocessable {
                code: "review_not_later",
                message,
                fields: vec!["next_review".into()],
            },
            other => AppError::Conflict { code: other.code(), message },
        }
    }
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    helpdesk_domain::kb_review::review_today(now)
}

fn no_revision(id: &str) -> AppError {
    AppError::NotFound(format!("the article `{id}` has no pending revision; edit the published article to start one"))
}

impl App {
    /// Saves `input` as the revision of the published `article` (started
    /// from its current version, or updated; an approved one goes back to
    /// draft), in `tx`.
    pub(super) fn save_revision(
        &self,
        tx: &dyn WriteTx,
        caller: &Caller,
        article: Article,
        input: ArticleInput,
        base_version: Option<u64>,
        now: DateTime<Utc>,
    ) -> AppResult<ArticleRevision> {
        if article.status != ArticleStatus::Published {
            return Err(EditorialRefusal::NotPublished.into());
        }
        let existing = editorial_store::revision(tx.reader(), &article.id)?;
        let base = existing.as_ref().map_or(article.version, |r| r.base_version);
        if let Some(given) = base_version.filter(|b| *b != article.version) {
            return Err(AppError::Conflict {
                code: "conflict",
                message: format!(
                    "the article changed since version {given} (now version {}); reload it and edit again",
                    article.version
                ),
            });
        }
        let revision = ArticleRevision {
            article_id: article.id.clone(),
            status: existing.as_ref().map_or(ArticleStatus::Draft, |r| status_after_edit(r.status)),
            title: input.title,
            body: input.body,
            category: input.category,
            tags: input.tags,
            language: input.language,
            public: input.public,
            author: caller.actor.user_id.clone(),
            base_version: base,
            created_at: existing.as_ref().map_or(now, |r| r.created_at),
            updated_at: now,
        };
        editorial_store::save_revision(tx, &revision)?;
        store::audit(
            tx,
            now,
            &caller.actor.user_id,
            "kb.revision",
            &article.id,
            &serde_json::json!({"status": kb_store::status_str(revision.status), "base_version": base}),
        )?;
        Ok(revision)
    }

    /// Starts or updates the revision of a published article.
    pub fn kb_revise(&self, caller: &Caller, id: &str, input: ArticleInput, base_version: Option<u64>) -> AppResult<ArticleRevision> {
        if !is_kb_editor(&caller.actor) {
            return Err(forbidden_to_write());
        }
        let input = clean(input)?;
        let now = self.now();
        self.store.write(|tx| {
            let article = load_for_update(tx, id)?;
            self.save_revision(tx, caller, article, input.clone(), base_version, now)
        })
    }

    /// The pending revision of an article (KB editors).
    pub fn kb_revision(&self, caller: &Caller, id: &str) -> AppResult<ArticleRevision> {
        if !is_kb_editor(&caller.actor) {
            return Err(forbidden_to_write());
        }
        self.store.read(|conn| {
            load(conn, id)?;
            editorial_store::revision(conn, id)?.ok_or_else(|| no_revision(id))
        })
    }

    /// Moves a revision; `published` replaces the article's text with it.
    pub fn kb_revision_transition(&self, caller: &Caller, id: &str, transition: ArticleTransition) -> AppResult<RevisionOutcome> {
        if !is_kb_editor(&caller.actor) {
            return Err(forbidden_to_write());
        }
        let comment = optional_comment(transition.comment.as_deref())?;
        let now = self.now();
        let actor = &caller.actor.user_id;
        self.store.write(|tx| {
            let mut article = load_for_update(tx, id)?;
            let mut revision = editorial_store::revision(tx.reader(), id)?.ok_or_else(|| no_revision(id))?;
            let from = revision.status;
            check_revision_move(from, transition.to, &revision.author, actor)?;
            let detail = serde_json::json!({
                "from": kb_store::status_str(from),
                "to": kb_store::status_str(transition.to),
                "comment": comment,
            });
            let pending = match transition.to {
                ArticleStatus::Published => {
                    article.title = revision.title.clone();
                    article.body = revision.body.clone();
                    article.category = revision.category.clone();
                    article.tags = revision.tags.clone();
                    article.language = revision.language.clone();
                    article.public = revision.public;
                    article.version += 1;
                    article.updated_at = now;
                    write(tx, &article, actor, "kb.revision_published", detail)?;
                    editorial_store::delete_revision(tx, id)?;
                    None
                }
                ArticleStatus::Archived => {
                    editorial_store::delete_revision(tx, id)?;
                    store::audit(tx, now, actor, "kb.revision_withdrawn", id, &detail)?;
                    None
                }
                to => {
                    revision.status = to;
                    revision.updated_at = now;
                    editorial_store::save_revision(tx, &revision)?;
                    store::audit(tx, now, actor, "kb.revision_transition", id, &detail)?;
                    Some(revision)
                }
            };
            if let Some(text) = &comment {
                kb_store::add_comment(tx, id, now, actor, text)?;
            }
            Ok(RevisionOutcome { article, revision: pending })
        })
    }

    /// The article was checked for relevance: its review date moves on
    /// (003 §5.1.5). KB editors.
    pub fn kb_reviewed(&self, caller: &Caller, id: &str, input: ReviewedInput) -> AppResult<Article> {
        if !is_kb_editor(&caller.actor) {
            return Err(forbidden_to_write());
        }
        let comment = optional_comment(input.comment.as_deref())?;
        let now = self.now();
        let next = next_review(today(now), input.next_review)?;
        let actor = &caller.actor.user_id;
        self.store.write(|tx| {
            let mut article = load_for_update(tx, id)?;
            let previous = article.review_due;
            article.review_due = Some(next);
            article.version += 1;
            article.updated_at = now;
            write(
                tx,
                &article,
                actor,
                "kb.reviewed",
                serde_json::json!({"from": previous.map(|d| d.to_string()), "to": next.to_string(), "comment": comment}),
            )?;
            if let Some(text) = &comment {
                kb_store::add_comment(tx, id, now, actor, text)?;
            }
            Ok(article)
        })
    }

    /// Published articles past their review date, the most overdue first:
    /// all of them for KB editors, with `mine` those the caller owns.
    pub fn kb_review_due(&self, caller: &Caller, mine: bool) -> AppResult<Vec<ReviewDue>> {
        if !is_kb_editor(&caller.actor) {
            return Err(forbidden_to_write());
        }
        let today = today(self.now());
        let rows = self.store.read(|conn| editorial_store::overdue(conn, today))?;
        Ok(rows
            .into_iter()
            .filter(|(a, _)| !mine || a.author == caller.actor.user_id)
            .filter_map(|(article, flagged_at)| match review_state(article.review_due, today) {
                ReviewState::Overdue { days } => Some(ReviewDue {
                    article,
                    overdue_days: days,
                    flagged_at,
                }),
                _ => None,
            })
            .collect())
    }

    /// Counts a view of an article by the service desk (not by Self
    /// Service users, whose reads are not the desk's use of it).
    pub(super) fn count_view(&self, caller: &Caller, article: &Article) -> AppResult<()> {
        if caller.actor.role == Role::SelfService || !can_read(&caller.actor, article) {
            return Ok(());
        }
        self.store.write(|tx| Ok::<_, AppError>(editorial_store::add_view(tx, &article.id)?))
    }

    /// The review job's one run: flags each published article past its
    /// review date, once per date, and tells its owner. Returns the ids
    /// flagged now.
    pub fn kb_review_sweep(&self, now: DateTime<Utc>) -> AppResult<Vec<String>> {
        let today = today(now);
        self.store.write(|tx| {
            let mut flagged = Vec::new();
            for (article, _) in editorial_store::overdue(tx.reader(), today)? {
                let Some(due) = article.review_due else { continue };
                if !editorial_store::flag(tx, &article.id, due, &article.author, now)? {
                    continue;
                }
                let detail = serde_json::json!({"owner": article.author, "review_due": due.to_string()});
                store::audit(tx, now, crate::jobs::SYSTEM_USER, "kb.review_overdue", &article.id, &detail)?;
                flagged.push(article.id);
            }
            Ok(flagged)
        })
    }
}

/// Starts the review job: one run now, then one every [`REVIEW_JOB_PERIOD`].
pub fn spawn_review_job(app: Arc<App>) {
    let Ok(handle) = tokio::runtime::Handle::try_current() else {
        tracing::warn!("KB review job not started: no tokio runtime");
        return;
    };
    handle.spawn(async move {
        let mut ticker = tokio::time::interval(REVIEW_JOB_PERIOD);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let app = app.clone();
            let outcome = tokio::task::spawn_blocking(move || {
                let now = app.now();
                app.kb_review_sweep(now)
            })
            .await;
            match outcome {
                Ok(Ok(flagged)) if !flagged.is_empty() => tracing::info!(count = flagged.len(), "KB articles flagged for review"),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "KB review job failed"),
                Err(e) => tracing::warn!(error = %e, "KB review job panicked"),
            }
        }
    });
}
