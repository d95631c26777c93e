//! Reports: the KPIs of 000 §13.6.

use super::{blocking, State};
use crate::app::auth::Caller;
use crate::error::{AppError, AppResult};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State as AppState};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use helpdesk_domain::kpi::ReportPeriod;
use helpdesk_protocol::{ApiError, KpiReport, KpiSeries};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<State> {
    Router::new()
        .route("/reports/kpi", get(kpi))
        .route("/reports/kpi/series", get(kpi_series))
        .route("/reports/kpi.csv", get(kpi_csv))
}

/// Dates without a time are days of Europe/Kyiv.
use crate::app::reports::REPORT_TZ;

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

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct KpiSeriesQuery {
    /// Start of the range (RFC 3339, or a date YYYY-MM-DD: its start in Kyiv); default 12 weeks before `to`.
    from: Option<String>,
    /// End of the range, exclusive (RFC 3339, or a date YYYY-MM-DD: the whole day is included); default now.
    to: Option<String>,
    /// `day`, `week` (default) or `month`, cut at midnight in Kyiv.
    period: Option<String>,
    /// One working group; default every group the caller may report on.
    group: Option<String>,
}

/// A parsed [`KpiSeriesQuery`]: the range's ends when given, the period, the group.
struct SeriesRequest {
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    period: ReportPeriod,
    group: Option<String>,
}

impl KpiSeriesQuery {
    fn parse(self) -> AppResult<SeriesRequest> {
        let to = self.to.as_deref().map(|t| parse_instant("to", t, true)).transpose()?;
        let from = self.from.as_deref().map(|t| parse_instant("from", t, false)).transpose()?;
        let period = match self.period.as_deref() {
            None => ReportPeriod::Week,
            Some(p) => ReportPeriod::parse(p).ok_or_else(|| AppError::bad_request("bad_query", format!("period: `{p}` is not one of day, week, month")))?,
        };
        Ok(SeriesRequest {
            from,
            to,
            period,
            group: self.group,
        })
    }
}

async fn series(app: State, caller: Caller, query: KpiSeriesQuery) -> AppResult<KpiSeries> {
    let SeriesRequest { from, to, period, group } = query.parse()?;
    blocking(&app, move |app| {
        let to = to.unwrap_or_else(|| app.now());
        let from = from.unwrap_or(to - chrono::Duration::weeks(12));
        app.kpi_series(&caller, from, to, period, group.as_deref())
    })
    .await
}

/// KPIs per period (000 §13.6: within SLA, breach rate, MTTR, MTBF; 003 §6.2: answered, mean time to answer, answered from the KB) by working group, and for the whole range.
#[utoipa::path(get, path = "/api/v1/reports/kpi/series", tag = "reports", params(KpiSeriesQuery),
    responses((status = 200, body = KpiSeries), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn kpi_series(
    AppState(app): AppState<State>,
    caller: Caller,
    query: Result<Query<KpiSeriesQuery>, QueryRejection>,
) -> AppResult<axum::Json<KpiSeries>> {
    let Query(query) = query.map_err(|e| AppError::bad_request("bad_query", e.body_text()))?;
    series(app, caller, query).await.map(axum::Json)
}

/// The same as CSV (UTF-8 with a byte-order mark, CRLF): one line per period and group, and the period's total (`all`).
#[utoipa::path(get, path = "/api/v1/reports/kpi.csv", tag = "reports", params(KpiSeriesQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn kpi_csv(
    AppState(app): AppState<State>,
    caller: Caller,
    query: Result<Query<KpiSeriesQuery>, QueryRejection>,
) -> AppResult<axum::response::Response> {
    let Query(query) = query.map_err(|e| AppError::bad_request("bad_query", e.body_text()))?;
    let series = series(app, caller, query).await?;
    let name = format!(
        "attachment; filename=\"kpi-{}-{}.csv\"",
        series.from.with_timezone(&REPORT_TZ).format("%Y%m%d"),
        series.to.with_timezone(&REPORT_TZ).format("%Y%m%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        crate::app::reports_csv::kpi_csv(&series),
    )
        .into_response())
}
