//! The knowledge base's editorial cycle: revisions, periodic reviews.

use super::kb::{bad_query, UpdateQuery};
use super::{blocking, Json, State};
use crate::app::auth::Caller;
use crate::error::AppResult;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State as AppState};
use axum::routing::{get, post};
use axum::Router;
use helpdesk_protocol::{ApiError, Article, ArticleInput, ArticleRevision, ArticleTransition, ReviewDue, ReviewedInput, RevisionOutcome};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<State> {
    Router::new()
        .route("/kb/review-due", get(review_due))
        .route("/kb/{id}/revision", get(revision).put(revise))
        .route("/kb/{id}/revision/transition", post(revision_transition))
        .route("/kb/{id}/reviewed", post(reviewed))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReviewDueQuery {
    /// Only the caller's own articles.
    #[serde(default)]
    mine: bool,
}

/// Published articles past their review date (003 §5.1.5), most overdue first (KB editors).
#[utoipa::path(get, path = "/api/v1/kb/review-due", tag = "kb", params(ReviewDueQuery),
    responses((status = 200, body = Vec<ReviewDue>), (status = 400, body = ApiError), (status = 403, body = ApiError)))]
pub async fn review_due(
    AppState(app): AppState<State>,
    caller: Caller,
    query: Result<Query<ReviewDueQuery>, QueryRejection>,
) -> AppResult<axum::Json<Vec<ReviewDue>>> {
    let Query(query) = query.map_err(|e| bad_query(e.body_text()))?;
    blocking(&app, move |app| app.kb_review_due(&caller, query.mine)).await.map(axum::Json)
}

/// The pending revision of a published article (KB editors).
#[utoipa::path(get, path = "/api/v1/kb/{id}/revision", tag = "kb", params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = ArticleRevision), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn revision(AppState(app): AppState<State>, caller: Caller, Path(id): Path<String>) -> AppResult<axum::Json<ArticleRevision>> {
    blocking(&app, move |app| app.kb_revision(&caller, &id)).await.map(axum::Json)
}

/// Start or edit the revision of a published article (KB editors); an approved revision goes back to draft.
#[utoipa::path(put, path = "/api/v1/kb/{id}/revision", tag = "kb", request_body = ArticleInput,
    params(("id" = String, Path, description = "Article id"), UpdateQuery),
    responses((status = 200, body = ArticleRevision), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn revise(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    query: Result<Query<UpdateQuery>, QueryRejection>,
    Json(input): Json<ArticleInput>,
) -> AppResult<axum::Json<ArticleRevision>> {
    let Query(query) = query.map_err(|e| bad_query(e.body_text()))?;
    blocking(&app, move |app| app.kb_revise(&caller, &id, input, query.base_version))
        .await
        .map(axum::Json)
}

/// Move a revision: draft → review → approved (not by its author) → published (replaces the article's text); `archived` withdraws it.
#[utoipa::path(post, path = "/api/v1/kb/{id}/revision/transition", tag = "kb", request_body = ArticleTransition,
    params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = RevisionOutcome), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn revision_transition(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<ArticleTransition>,
) -> AppResult<axum::Json<RevisionOutcome>> {
    blocking(&app, move |app| app.kb_revision_transition(&caller, &id, body)).await.map(axum::Json)
}

/// The article was checked for relevance: its review date moves to `next_review`, or a year on (KB editors).
#[utoipa::path(post, path = "/api/v1/kb/{id}/reviewed", tag = "kb", request_body = ReviewedInput,
    params(("id" = String, Path, description = "Article id")),
    responses((status = 200, body = Article), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn reviewed(
    AppState(app): AppState<State>,
    caller: Caller,
    Path(id): Path<String>,
    Json(body): Json<ReviewedInput>,
) -> AppResult<axum::Json<Article>> {
    blocking(&app, move |app| app.kb_reviewed(&caller, &id, body)).await.map(axum::Json)
}
