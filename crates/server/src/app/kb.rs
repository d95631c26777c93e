//! Knowledge base: articles and their workflow (SPEC §4; 003 §1.5.9–1.5.10,
//! §4.16, §5).
//!
//! KB editors (`permissions.kb_editor`, on an analyst) and administrators
//! write articles and move them through draft → review → approved →
//! published → archived (review → draft for rework, archived → draft to
//! revive); the rules of that cycle are the domain's (`kb_review`), the
//! revisions and periodic reviews are in `kb_editorial`. The desk reads published articles; Self Service users read the
//! published ones marked public. Every write of an article records its
//! change for sync: buckets `kb` (+ `kb:public`) while published, none
//! otherwise, so clients drop an article that leaves publication.

use super::auth::{new_id, Caller};
use super::App;
use crate::error::{AppError, AppResult};
use crate::store;
use crate::store::changes::{self, EntityKind};
use crate::store::kb::{self as kb_store, Filter, Visibility};
use crate::store::kb_editorial as kb_editorial_store;
use crate::store::{ReadTx, WriteTx};
use chrono::{DateTime, NaiveDate, Utc};
use helpdesk_domain::kb_review::{check_article_move, edit_effect, status_after_edit, EditEffect};
use helpdesk_domain::workflow::{Actor, Role};
use helpdesk_protocol::{Article, ArticleInput, ArticleRevision, ArticleStatus, ArticleTransition};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::ToSchema;

/// Languages of articles (SPEC §4: searchable in Ukrainian and Russian).
pub const LANGUAGES: [&str; 3] = ["uk", "ru", "en"];

const MAX_TITLE: usize = 300;
const MAX_BODY: usize = 200_000;
const MAX_CATEGORY: usize = 100;
const MAX_TAG: usize = 60;
const MAX_TAGS: usize = 30;
const MAX_COMMENT: usize = 10_000;

/// One article found by `GET /kb`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ArticleHit {
    pub article: Article,
    /// The best fragment for the search, matches wrapped in `**`.
    pub snippet: Option<String>,
    /// Relevance of the search, higher is better (negated bm25).
    pub score: Option<f64>,
    /// How many tickets link the article.
    pub links: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ArticleList {
    pub items: Vec<ArticleHit>,
    pub total: u64,
}

pub use helpdesk_protocol::{ArticleUsage, KbComment};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KbCommentInput {
    pub text: String,
}

/// What an edit did: changed the article, or (published) its revision.
#[derive(Debug, Clone, PartialEq)]
pub enum Edited {
    Article(Article),
    Revision(ArticleRevision),
}

/// A search of the knowledge base.
#[derive(Debug, Clone, Default)]
pub struct KbQuery {
    pub q: Option<String>,
    pub status: Vec<ArticleStatus>,
    pub language: Option<String>,
    pub category: Option<String>,
    pub tag: Option<String>,
    pub review_due_before: Option<NaiveDate>,
    pub limit: usize,
    pub offset: usize,
}

/// Writes the knowledge base: KB editors among the desk, and administrators.
pub fn is_kb_editor(actor: &Actor) -> bool {
    match actor.role {
        Role::Administrator => true,
        Role::Analyst => actor.permissions.kb_editor,
        Role::SelfService => false,
    }
}

fn visibility(actor: &Actor) -> Visibility {
    if is_kb_editor(actor) {
        Visibility::All
    } else if actor.role == Role::SelfService {
        Visibility::PublicPublished
    } else {
        Visibility::Published
    }
}

pub(super) fn can_read(actor: &Actor, article: &Article) -> bool {
    match visibility(actor) {
        Visibility::All => true,
        Visibility::Published => article.status == ArticleStatus::Published,
        Visibility::PublicPublished => article.status == ArticleStatus::Published && article.public,
    }
}

/// The sync buckets of an article as it is now.
pub fn article_buckets(article: &Article) -> BTreeSet<String> {
    let mut buckets = BTreeSet::new();
    if article.status == ArticleStatus::Published {
        buckets.insert("kb".to_string());
        if article.public {
            buckets.insert("kb:public".to_string());
        }
    }
    buckets
}

pub(super) fn forbidden_to_write() -> AppError {
    AppError::Forbidden("only KB editors and administrators change the knowledge base; ask a KB editor".into())
}

fn not_found(id: &str) -> AppError {
    AppError::NotFound(format!("no knowledge-base article `{id}`"))
}

/// The input, cleaned: trimmed text, tags without blanks and repeats. Every
/// invalid field is named at once.
pub(super) fn clean(input: ArticleInput) -> AppResult<ArticleInput> {
    let mut problems: Vec<String> = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let title = input.title.trim().to_string();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        fields.push("title".into());
        problems.push(format!("a title is required, at most {MAX_TITLE} characters"));
    }
    if input.body.trim().is_empty() || input.body.chars().count() > MAX_BODY {
        fields.push("body".into());
        problems.push(format!("a body is required, at most {MAX_BODY} characters"));
    }
    let language = input.language.trim().to_lowercase();
    if !LANGUAGES.contains(&language.as_str()) {
        fields.push("language".into());
        problems.push(format!("language must be one of {}", LANGUAGES.join(", ")));
    }
    let category = input.category.trim().to_string();
    if category.chars().count() > MAX_CATEGORY {
        fields.push("category".into());
        problems.push(format!("a category has at most {MAX_CATEGORY} characters"));
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in input.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_string());
        }
    }
    if tags.len() > MAX_TAGS || tags.iter().any(|t| t.chars().count() > MAX_TAG) {
        fields.push("tags".into());
        problems.push(format!("at most {MAX_TAGS} tags of at most {MAX_TAG} characters each"));
    }
    if !problems.is_empty() {
        return Err(AppError::Unprocessable {
            code: "invalid_article",
            message: format!("the article cannot be saved: {}", problems.join("; ")),
            fields,
        });
    }
    Ok(ArticleInput {
        title,
        body: input.body,
        category,
        tags,
        language,
        public: input.public,
        review_due: input.review_due,
    })
}

fn comment_view(row: kb_store::CommentRow) -> KbComment {
    KbComment {
        id: row.id,
        article_id: row.article_id,
        at: row.at,
        author: row.author,
        text: row.text,
    }
}

/// A comment that may be left out: blank is none; given, it is checked.
pub(super) fn optional_comment(text: Option<&str>) -> AppResult<Option<String>> {
    text.map(str::trim).filter(|c| !c.is_empty()).map(check_comment).transpose()
}

pub(super) fn check_comment(text: &str) -> AppResult<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_COMMENT {
        return Err(AppError::Unprocessable {
            code: "invalid_comment",
            message: format!("a comment needs text, at most {MAX_COMMENT} characters"),
            fields: vec!["text".into()],
        });
    }
    Ok(text.to_string())
}

/// Saves an article and records its change and the audit entry, in `tx`.
pub(super) fn write(tx: &dyn WriteTx, article: &Article, actor: &str, action: &str, detail: serde_json::Value) -> AppResult<()> {
    kb_store::save(tx, article)?;
    changes::record(tx, EntityKind::Article, &article.id, None, &article_buckets(article))?;
    store::audit(tx, article.updated_at, actor, action, &article.id, &detail)?;
    Ok(())
}

/// [`load`] to change the article: its row is held until the transaction ends.
pub(super) fn load_for_update(tx: &dyn WriteTx, id: &str) -> AppResult<Article> {
    kb_store::get_for_update(tx, id)?.ok_or_else(|| not_found(id))
}

pub(super) fn load(tx: &dyn ReadTx, id: &str) -> AppResult<Article> {
    kb_store::get(tx, id)?.ok_or_else(|| not_found(id))
}

impl App {
    /// Searches or lists the articles the caller may read.
    pub fn kb_search(&self, caller: &Caller, query: KbQuery) -> AppResult<ArticleList> {
        let visibility = visibility(&caller.actor);
        let filter = Filter {
            status: query.status,
            language: query.language.map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()),
            category: query.category.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()),
            tag: query.tag.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            review_due_before: query.review_due_before,
            search: query.q,
            limit: query.limit,
            offset: query.offset,
        };
        let (hits, total) = self.store.read(|conn| kb_store::search(conn, visibility, &filter))?;
        Ok(ArticleList {
            items: hits
                .into_iter()
                .map(|h| ArticleHit {
                    article: h.article,
                    snippet: h.snippet,
                    score: h.score,
                    links: h.links,
                })
                .collect(),
            total,
        })
    }

    pub fn kb_article(&self, caller: &Caller, id: &str) -> AppResult<Article> {
        let article = self.store.read(|conn| load(conn, id))?;
        if !can_read(&caller.actor, &article) {
            return Err(not_found(id));
        }
        self.count_view(caller, &article)?;
        Ok(article)
    }

    /// Creates a draft (KB editors, administrators).
    pub fn kb_create(&self, caller: &Caller, input: ArticleInput) -> AppResult<Article> {
        let now = self.now();
        let id = new_id("kb-");
        self.store.write(|tx| self.kb_create_in(tx, &caller.actor, input.clone(), id.clone(), now))
    }

    /// [`App::kb_create`] inside `tx`, under the id `id` at the instant
    /// `now` (the demo data passes its own ids and backdated instants).
    pub(crate) fn kb_create_in(&self, tx: &dyn WriteTx, actor: &Actor, input: ArticleInput, id: String, now: DateTime<Utc>) -> AppResult<Article> {
        if !is_kb_editor(actor) {
            return Err(forbidden_to_write());
        }
        let input = clean(input)?;
        let article = Article {
            id,
            title: input.title,
            body: input.body,
            category: input.category,
            tags: input.tags,
            language: input.language,
            status: ArticleStatus::Draft,
            public: input.public,
            review_due: input.review_due,
            author: actor.user_id.clone(),
            version: 1,
            updated_at: now,
        };
        write(tx, &article, &actor.user_id, "kb.create", serde_json::json!({"title": article.title}))?;
        Ok(article)
    }

    /// Edits an article's content; the status stays. An edit of a published
    /// article goes to its revision instead, and the published text stays
    /// until the revision is approved and published (003 §5.1.6;
    /// `kb_review::edit_effect`). `base_version`, when given, must be the
    /// current version.
    pub fn kb_update(&self, caller: &Caller, id: &str, input: ArticleInput, base_version: Option<u64>) -> AppResult<Edited> {
        if !is_kb_editor(&caller.actor) {
            return Err(forbidden_to_write());
        }
        let input = clean(input)?;
        let now = self.now();
        self.store.write(|tx| {
            let mut article = load_for_update(tx, id)?;
            if edit_effect(article.status)? == EditEffect::Revision {
                return self.save_revision(tx, caller, article, input.clone(), base_version, now).map(Edited::Revision);
            }
            if let Some(base) = base_version.filter(|b| *b != article.version) {
                return Err(AppError::Conflict {
                    code: "conflict",
                    message: format!(
                        "the article changed since version {base} (now version {}); reload it and edit again",
                        article.version
                    ),
                });
            }
            article.status = status_after_edit(article.status);
            article.title = input.title.clone();
            article.body = input.body.clone();
            article.category = input.category.clone();
            article.tags = input.tags.clone();
            article.language = input.language.clone();
            article.public = input.public;
            article.review_due = input.review_due;
            article.version += 1;
            article.updated_at = now;
            write(
                tx,
                &article,
                &caller.actor.user_id,
                "kb.update",
                serde_json::json!({"version": article.version, "status": kb_store::status_str(article.status)}),
            )?;
            Ok(Edited::Article(article))
        })
    }

    /// Moves an article in its workflow; a comment, if given, is kept with
    /// the article's comments.
    pub fn kb_transition(&self, caller: &Caller, id: &str, transition: ArticleTransition) -> AppResult<Article> {
        let now = self.now();
        self.store.write(|tx| self.kb_transition_in(tx, &caller.actor, id, transition.clone(), now))
    }

    /// [`App::kb_transition`] inside `tx` at the instant `now`.
    pub(crate) fn kb_transition_in(&self, tx: &dyn WriteTx, actor: &Actor, id: &str, transition: ArticleTransition, now: DateTime<Utc>) -> AppResult<Article> {
        if !is_kb_editor(actor) {
            return Err(forbidden_to_write());
        }
        let comment = optional_comment(transition.comment.as_deref())?;
        let mut article = load_for_update(tx, id)?;
        let from = article.status;
        check_article_move(from, transition.to, &article.author, &actor.user_id)?;
        if transition.to == ArticleStatus::Archived {
            kb_editorial_store::delete_revision(tx, &article.id)?;
        }
        article.status = transition.to;
        article.version += 1;
        article.updated_at = now;
        write(
            tx,
            &article,
            &actor.user_id,
            "kb.transition",
            serde_json::json!({
                "from": kb_store::status_str(from),
                "to": kb_store::status_str(transition.to),
                "version": article.version,
                "comment": comment,
            }),
        )?;
        if let Some(text) = &comment {
            kb_store::add_comment(tx, &article.id, now, &actor.user_id, text)?;
        }
        Ok(article)
    }

    /// Adds a comment: editors on any article, the desk on the published
    /// ones it reads (003 §5.1.8: operators' remarks on KB materials).
    pub fn kb_add_comment(&self, caller: &Caller, id: &str, text: &str) -> AppResult<KbComment> {
        let actor = &caller.actor;
        if actor.role == Role::SelfService {
            return Err(AppError::Forbidden("comments on articles are for the service desk".into()));
        }
        let text = check_comment(text)?;
        let now = self.now();
        self.store.write(|tx| {
            let article = load_for_update(tx, id)?;
            if !can_read(actor, &article) {
                return Err(not_found(id));
            }
            let row = kb_store::add_comment(tx, &article.id, now, &actor.user_id, &text)?;
            store::audit(tx, now, &actor.user_id, "kb.comment", &article.id, &serde_json::json!({"comment": row.id}))?;
            Ok::<_, AppError>(comment_view(row))
        })
    }

    pub fn kb_comments(&self, caller: &Caller, id: &str) -> AppResult<Vec<KbComment>> {
        let actor = &caller.actor;
        if actor.role == Role::SelfService {
            return Err(AppError::Forbidden("comments on articles are for the service desk".into()));
        }
        self.store.read(|conn| {
            let article = load(conn, id)?;
            if !can_read(actor, &article) {
                return Err(not_found(id));
            }
            Ok(kb_store::comments(conn, &article.id)?.into_iter().map(comment_view).collect())
        })
    }

    /// How many tickets link an article (the desk).
    pub fn kb_usage(&self, caller: &Caller, id: &str) -> AppResult<ArticleUsage> {
        let actor = &caller.actor;
        if actor.role == Role::SelfService {
            return Err(AppError::Forbidden("usage statistics are for the service desk".into()));
        }
        self.store.read(|conn| {
            let article = load(conn, id)?;
            if !can_read(actor, &article) {
                return Err(not_found(id));
            }
            let usage = kb_store::usage(conn, &article.id)?;
            Ok(ArticleUsage {
                views: kb_editorial_store::views(conn, &article.id)?,
                comments: kb_editorial_store::comment_count(conn, &article.id)?,
                article_id: article.id,
                tickets: usage.tickets,
                first_linked_at: usage.first_linked_at,
                last_linked_at: usage.last_linked_at,
            })
        })
    }
}
