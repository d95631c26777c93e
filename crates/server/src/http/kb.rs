//! Knowledge base: search, read, write, workflow, comments, usage.

use super::{blocking, Json, State};
use crate::app::auth::Caller;
use crate::app::kb::{ArticleList, ArticleUsage, Edited, KbComment, KbCommentInput, KbQuery};
use crate::error::{AppError, AppResult};
use crate::store::kb::parse_status;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State as AppState};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use helpdesk_protocol::{ApiError, Article, ArticleInput, ArticleRevision, ArticleTransition};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<State> {
    Router::new()
        .route("/kb", get(list).post(create))
        .route("/kb/{id}", get(show).put(update))
        .route("/kb/{id}/transition", post(transition))
        .route("/kb/{id}/comments", get(comments).post(add_comment))
        .route("/kb/{id}/usage", get(usage))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct KbListQuery {
    /// Words to search for in title, body and tags (each a prefix, all required).
    q: Option<String>,
    /// Comma-separated statuses (`draft`, `review`, `approved`, `published`, `archived`); readers see only published ones.
    status: Option<String>,
    /// `uk`, `ru`, `en`.
    language: Option<String>,
    category: Option<String>,
    tag: Option<String>,
    /// Articles whose periodic review is due on or before this date (YYYY-MM-DD).
    review_due_before: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

pub(super) fn bad_query(message: impl Into<String>) -> AppError {
    AppError::bad_request("bad_query", message)
}

impl KbListQuery {
    fn into_query(self) -> AppResult<KbQuery> {
        let status = match &self.status {
            Some(list) => list
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| {
                    parse_status(s).ok_or_else(|| bad_query(format!("status: no status `{}`; use draft, review, approved, published or archived", s.trim())))
                })
                .collect::<AppResult<_>>()?,
            None => vec![],
        };
        let review_due_before = self
            .review_due_before
            .as_deref()
            .map(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| bad_query(format!("review_due_before: `{d}` is not a date YYYY-MM-DD"))))
            .transpose()?;
        Ok(KbQuery {
            q: self.q,
            status,
            language: self.language,
            category: self.category,
            tag: self.tag,
            review_due_before,
            limit: self.limit.unwrap_or(50),
            offset: self.offset.unwrap_or(0),
        })
    }
}

/// Search or list the knowledge base: ranked by relevance with a snippet when `q` is given.
#[utoipa::path(get, path = "/api/v1/kb", tag = "kb", params(KbListQuery),
    responses((status = 200, body = ArticleList), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn list(AppState(app): AppState<State>, caller: Caller, query: Result<Query<KbListQuery>, QueryRejection>) -> AppResult<axum::Json<ArticleList>> {
    let Query(query) = query.map_err(|e| bad_query(e.body_text()))?;
    let query = query.into_query()?;
    blocking(&app, move |app| app.kb_search(&caller, query)).await.map(axum::Json)
}

/// Create a draft article (KB editors, administrators).
#[utoipa::path(post, path = "/api/v1/kb", tag = "kb", request_body = ArticleInput,
    responses((status = 201, body = Article), (status = 403, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create(AppState(app): AppState<State>, caller: Caller, Json(input): Json<ArticleInput>) -> AppResult<(StatusCode, axum::Json<Article>)> {
    let article = blocking(&app, move |app| app.kb_create(&caller, input)).await?;
    Ok((StatusCode::CREATED, axum::Json(article)))
}

/// Read an article the caller may see.
#[utoipa::path(get, path = "/api/v1/kb/{id}", tag = "kb", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = Article), (status = 404, body = ApiError)))]
pub async fn show(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<Article>> {
    blocking(&app, move |app| app.kb_article(&caller, &id)).await.map(axum::Json)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UpdateQuery {
    /// The version the edit was made on; another version is a conflict (409).
    pub(super) base_version: Option<u64>,
}

/// Edit an article (KB editors, administrators); bumps its version. An edit
/// of a published article is saved as its revision (202 with the revision):
/// readers keep the published text until the revision is approved and
/// published (003 §5.1.6).
#[utoipa::path(put, path = "/api/v1/kb/{id}", tag = "kb", request_body = ArticleInput,
    params(("id" = String, Path, description = "Article id"), UpdateQuery),
    responses((status = 200, body = Article), (status = 202, body = ArticleRevision), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn update(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    query: Result<Query<UpdateQuery>, QueryRejection>,
    Json(input): Json<ArticleInput>,
) -> AppResult<Response> {
    let Query(query) = query.map_err(|e| bad_query(e.body_text()))?;
    let edited = blocking(&app, move |app| app.kb_update(&caller, &id, input, query.base_version)).await?;
    Ok(match edited {
        Edited::Article(article) => axum::Json(article).into_response(),
        Edited::Revision(revision) => (StatusCode::ACCEPTED, axum::Json(revision)).into_response(),
    })
}

/// Move an article in its workflow: draft → review → approved → published → archived; review → draft; archived → draft.
#[utoipa::path(post, path = "/api/v1/kb/{id}/transition", tag = "kb", request_body = ArticleTransition,
    params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = Article), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn transition(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<ArticleTransition>,
) -> AppResult<axum::Json<Article>> {
    blocking(&app, move |app| app.kb_transition(&caller, &id, body)).await.map(axum::Json)
}

/// The comments on an article, oldest first (the desk).
#[utoipa::path(get, path = "/api/v1/kb/{id}/comments", tag = "kb", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = Vec<KbComment>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn comments(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<Vec<KbComment>>> {
    blocking(&app, move |app| app.kb_comments(&caller, &id)).await.map(axum::Json)
}

/// Comment on an article: editors on any, the desk on published ones.
#[utoipa::path(post, path = "/api/v1/kb/{id}/comments", tag = "kb", request_body = KbCommentInput,
    params(("id" = String, Path, description = "Article id")),
    responses((status = 201, body = KbComment), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn add_comment(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<KbCommentInput>,
) -> AppResult<(StatusCode, axum::Json<KbComment>)> {
    let comment = blocking(&app, move |app| app.kb_add_comment(&caller, &id, &body.text)).await?;
    Ok((StatusCode::CREATED, axum::Json(comment)))
}

/// Statistics of use: tickets linking the article (the desk).
#[utoipa::path(get, path = "/api/v1/kb/{id}/usage", tag = "kb", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = ArticleUsage), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn usage(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<ArticleUsage>> {
    blocking(&app, move |app| app.kb_usage(&caller, &id)).await.map(axum::Json)
}
