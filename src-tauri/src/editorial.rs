//! IPC commands of the knowledge base's editorial cycle (003 §4.16, §5.1)
//! and of the group report (000 §13.6; 003 §6.2): thin adapters over
//! `helpdesk_client::kb_review` and `helpdesk_client::reports`, online
//! calls that answer `offline` when the server cannot be reached.
//!
//! IPC: `kb_editorial_list {statuses, query}`, `kb_create {input}`,
//! `kb_edit {id, input, baseVersion}`, `kb_move {id, to, comment}`,
//! `kb_revision {id}`, `kb_revision_move {id, to, comment}`,
//! `kb_reviewed {id, nextReview, comment}`, `kb_review_due {mine}`,
//! `kb_comments {id}`, `kb_comment {id, text}`, `kb_usage {id}`,
//! `kpi_series {request}`, `kpi_export_csv {request}` (saves into the
//! downloads folder and returns the file's path).

use crate::{AppState, Res};
use chrono::NaiveDate;
use helpdesk_client::kb_review::{EditorialItem, KbEdit, RevisionView};
use helpdesk_client::reports::ReportRequest;
use helpdesk_domain::kb_review::ArticleStatus;
use helpdesk_protocol::{Article, ArticleInput, ArticleUsage, KbComment, KpiSeries, ReviewDue, RevisionOutcome};
use tauri::State;

#[tauri::command]
pub async fn kb_editorial_list(state: State<'_, AppState>, statuses: Vec<ArticleStatus>, query: Option<String>) -> Res<Vec<EditorialItem>> {
    state.client.kb_editorial_list(&statuses, query.as_deref()).await
}

#[tauri::command]
pub async fn kb_create(state: State<'_, AppState>, input: ArticleInput) -> Res<Article> {
    state.client.kb_create(&input).await
}

#[tauri::command]
pub async fn kb_edit(state: State<'_, AppState>, id: String, input: ArticleInput, base_version: Option<u64>) -> Res<KbEdit> {
    state.client.kb_edit(&id, &input, base_version).await
}

#[tauri::command]
pub async fn kb_move(state: State<'_, AppState>, id: String, to: ArticleStatus, comment: Option<String>) -> Res<Article> {
    state.client.kb_move(&id, to, comment).await
}

#[tauri::command]
pub async fn kb_revision(state: State<'_, AppState>, id: String) -> Res<Option<RevisionView>> {
    state.client.kb_revision(&id).await
}

#[tauri::command]
pub async fn kb_revision_move(state: State<'_, AppState>, id: String, to: ArticleStatus, comment: Option<String>) -> Res<RevisionOutcome> {
    state.client.kb_revision_move(&id, to, comment).await
}

#[tauri::command]
pub async fn kb_reviewed(state: State<'_, AppState>, id: String, next_review: Option<NaiveDate>, comment: Option<String>) -> Res<Article> {
    state.client.kb_reviewed(&id, next_review, comment).await
}

#[tauri::command]
pub async fn kb_review_due(state: State<'_, AppState>, mine: bool) -> Res<Vec<ReviewDue>> {
    state.client.kb_review_due(mine).await
}

#[tauri::command]
pub async fn kb_comments(state: State<'_, AppState>, id: String) -> Res<Vec<KbComment>> {
    state.client.kb_comments(&id).await
}

#[tauri::command]
pub async fn kb_comment(state: State<'_, AppState>, id: String, text: String) -> Res<KbComment> {
    state.client.kb_comment(&id, &text).await
}

#[tauri::command]
pub async fn kb_usage(state: State<'_, AppState>, id: String) -> Res<ArticleUsage> {
    state.client.kb_usage(&id).await
}

#[tauri::command]
pub async fn kpi_series(state: State<'_, AppState>, request: ReportRequest) -> Res<KpiSeries> {
    state.client.kpi_series(&request).await
}

#[tauri::command]
pub async fn kpi_export_csv(state: State<'_, AppState>, request: ReportRequest) -> Res<String> {
    let path = state.client.kpi_export_csv(&request, None).await?;
    Ok(path.display().to_string())
}
