//! The per-group, per-period KPI report (000 §13.6; 003 §6.2).

use crate::{schema, KpiReport};
use chrono::{DateTime, Utc};
use helpdesk_domain::kpi::ReportPeriod;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// One period of a [`KpiSeries`]: its rows per group and its total.
pub type KpiPeriod = KpiReport;

/// `GET /reports/kpi/series`: the KPIs of each period of `[from, to)`, cut
/// at local midnight in `time_zone`, and of the whole range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct KpiSeries {
    #[ts(type = "string")]
    pub from: DateTime<Utc>,
    #[ts(type = "string")]
    pub to: DateTime<Utc>,
    #[schema(value_type = schema::ReportPeriod)]
    pub period: ReportPeriod,
    pub time_zone: String,
    /// The groups reported on.
    pub groups: Vec<String>,
    pub periods: Vec<KpiPeriod>,
    /// The whole range.
    pub overall: KpiReport,
}
