//! Wire types of the knowledge base's editorial cycle (003 §4.16, §5.1):
//! revisions of published articles, periodic reviews, operators' remarks
//! and statistics of use.

use crate::{schema, Article, ArticleStatus};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// A change of a published article, on its way through review (003
/// §5.1.6): the published text stays what readers see until the revision
/// is published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct ArticleRevision {
    pub article_id: String,
    /// `draft`, `review` or `approved` while pending.
    #[schema(value_type = schema::ArticleStatus)]
    pub status: ArticleStatus,
    pub title: String,
    pub body: String,
    pub category: String,
    pub tags: Vec<String>,
    #[schema(value_type = schema::Language)]
    pub language: String,
    pub public: bool,
    /// Who wrote the revision (they do not approve it).
    pub author: String,
    /// The article's version the revision was started from.
    #[ts(type = "number")]
    pub base_version: u64,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// `POST /kb/{id}/reviewed`: the article was checked for relevance (003 §5.1.5).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewedInput {
    /// The next review; a year on when not given.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub next_review: Option<NaiveDate>,
    /// What the review found, kept with the article's comments.
    #[serde(default)]
    pub comment: Option<String>,
}

/// An article past its review date (003 §5.1.5), as the daily job lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct ReviewDue {
    pub article: Article,
    /// Days since the review date.
    #[ts(type = "number")]
    pub overdue_days: i64,
    /// When the daily job flagged it and told its owner; null before the job's run.
    #[ts(type = "string | null")]
    pub flagged_at: Option<DateTime<Utc>>,
}

/// An editor's or an operator's remark on an article (003 §5.1.8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct KbComment {
    #[ts(type = "number")]
    pub id: i64,
    pub article_id: String,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// The author's user id.
    pub author: String,
    pub text: String,
}

/// Statistics of use of an article (003 §5.1.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ArticleUsage {
    pub article_id: String,
    /// Tickets that link the article.
    #[ts(type = "number")]
    pub tickets: u64,
    /// Times the service desk opened it.
    #[serde(default)]
    #[ts(type = "number")]
    pub views: u64,
    /// Remarks on it.
    #[serde(default)]
    #[ts(type = "number")]
    pub comments: u64,
    #[ts(type = "string | null")]
    pub first_linked_at: Option<DateTime<Utc>>,
    #[ts(type = "string | null")]
    pub last_linked_at: Option<DateTime<Utc>>,
}

/// What a move of a revision left: the article (its new text once the
/// revision is published) and the revision while it is pending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct RevisionOutcome {
    pub article: Article,
    pub revision: Option<ArticleRevision>,
}
