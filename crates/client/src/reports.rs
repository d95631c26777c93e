//! The server's KPI report for group leads (000 §13.6; 003 §6.2): per
//! working group and per period, and its CSV, which the server generates
//! and the desktop saves. Online calls: the report counts every ticket of
//! the groups, which the laptop's replica need not hold; offline, each
//! answers `offline` with what to do.

use crate::{Client, ClientError, Result};
use chrono::NaiveDate;
use helpdesk_domain::kpi::ReportPeriod;
use helpdesk_protocol::KpiSeries;
use helpdesk_sync::TransportError;
use std::path::{Path, PathBuf};

/// Which report: `[from, to]` as dates of the report's time zone (both
/// included), cut by `period`, of one group or of all the user's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export_to = "client/")]
pub struct ReportRequest {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    pub period: ReportPeriod,
    pub group: Option<String>,
}

impl ReportRequest {
    fn query(&self) -> Result<String> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                return Err(ClientError::invalid("from", format!("{from} is after {to}; give the earlier date first")));
            }
        }
        let mut parts = vec![format!("period={}", self.period.as_str())];
        if let Some(from) = self.from {
            parts.push(format!("from={from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("to={to}"));
        }
        if let Some(group) = self.group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
            if !group.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                return Err(ClientError::invalid("group", format!("`{group}` is not a working group id")));
            }
            parts.push(format!("group={group}"));
        }
        Ok(parts.join("&"))
    }
}

fn report_error(e: TransportError) -> ClientError {
    match e {
        TransportError::Offline(_) => ClientError::new(
            crate::error_code::ClientErrorCode::Offline,
            "the group report is computed by the server, which cannot be reached now; try again when the connection is back",
        ),
        other => other.into(),
    }
}

impl Client {
    /// The KPI report of the request.
    pub async fn kpi_series(&self, request: &ReportRequest) -> Result<KpiSeries> {
        let query = request.query()?;
        self.online()?
            .transport
            .api_get(&format!("/reports/kpi/series?{query}"))
            .await
            .map_err(report_error)
    }

    /// The same report as CSV text (the server's).
    pub async fn kpi_csv(&self, request: &ReportRequest) -> Result<String> {
        let query = request.query()?;
        self.online()?
            .transport
            .api_get_text(&format!("/reports/kpi.csv?{query}"))
            .await
            .map_err(report_error)
    }

    /// Saves the report as CSV into `dir` (the user's downloads folder when
    /// not given), under a name that says what it holds; returns the file.
    pub async fn kpi_export_csv(&self, request: &ReportRequest, dir: Option<&Path>) -> Result<PathBuf> {
        let csv = self.kpi_csv(request).await?;
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => dirs::download_dir()
                .or_else(dirs::home_dir)
                .ok_or_else(|| ClientError::storage("no downloads folder to save the report in; choose a folder"))?,
        };
        let range = |d: Option<NaiveDate>| d.map(|d| d.format("%Y%m%d").to_string()).unwrap_or_else(|| "now".into());
        let group = request.group.as_deref().filter(|g| !g.trim().is_empty()).unwrap_or("groups");
        let name = format!(
            "helpdesk-kpi-{group}-{}-{}-{}.csv",
            request.period.as_str(),
            range(request.from),
            range(request.to)
        );
        let path = dir.join(name);
        std::fs::write(&path, csv).map_err(|e| ClientError::storage(format!("cannot save {}: {e}; choose another folder", path.display())))?;
        Ok(path)
    }
}
