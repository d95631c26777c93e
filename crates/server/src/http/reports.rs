//! Reports: the KPIs of 000 §13.6.

use super::{blocking, State};
use crate::app::auth::Caller;
use crate::error::{AppError, AppResult};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State as AppState};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use helpdesk_protocol::{ApiError, KpiReport};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<State> {
    Router::new().route("/reports/kpi", get(kpi))
}

/// Dates without a time are days of Europe/Kyiv.
const REPORT_TZ: chrono_tz::Tz = chrono_tz::Europe::Kyiv;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct KpiQuery {
    /// Start of the period (RFC 3339, or a date YYYY-MM-DD: its start in Kyiv); default 30 days before `to`.
    from: Option<String>,
    /// End of the period, exclusive (RFC 3339, or a date YYYY-MM-DD: the whole day is included); default now.
    to: Option<String>,
    /// One working group; default every group the caller may report on.
    group: Option<String>,
}

/// The start of `date` in Kyiv.
fn start_of(date: NaiveDate) -> Option<DateTime<Utc>> {
    REPORT_TZ
        .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

fn parse_instant(field: &str, text: &str, end: bool) -> AppResult<DateTime<Utc>> {
    let text = text.trim();
    // An unescaped `+` of an offset arrives as a space.
    if let Ok(t) = DateTime::parse_from_rfc3339(text).or_else(|_| DateTime::parse_from_rfc3339(&text.replace(' ', "+"))) {
        return Ok(t.with_timezone(&Utc));
    }
    let bad = || AppError::bad_request("bad_query", format!("{field}: `{text}` is neither a date YYYY-MM-DD nor an RFC 3339 time"));
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
    let date = if end { date.succ_opt().ok_or_else(bad)? } else { date };
    start_of(date).ok_or_else(bad)
}

/// KPIs (share within SLA, breach rate, MTTR) by working group and in total, for tickets registered in the period.
#[utoipa::path(get, path = "/api/v1/reports/kpi", tag = "reports", params(KpiQuery),
    responses((status = 200, body = KpiReport), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn kpi(AppState(app): AppState<State>, caller: Caller, query: Result<Query<KpiQuery>, QueryRejection>) -> AppResult<axum::Json<KpiReport>> {
    let Query(query) = query.map_err(|e| AppError::bad_request("bad_query", e.body_text()))?;
    let to = query.to.as_deref().map(|t| parse_instant("to", t, true)).transpose()?;
    let from = query.from.as_deref().map(|t| parse_instant("from", t, false)).transpose()?;
    blocking(&app, move |app| {
        let to = to.unwrap_or_else(|| app.now());
        let from = from.unwrap_or(to - chrono::Duration::days(30));
        app.kpi_report(&caller, from, to, query.group.as_deref())
    })
    .await
    .map(axum::Json)
}
