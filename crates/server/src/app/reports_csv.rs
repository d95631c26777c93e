//! The KPI report as CSV, for a spreadsheet: one line per period and group
//! (and the period's total, group `all`), comma-separated, RFC 4180 quoting,
//! a UTF-8 byte-order mark so that spreadsheet programs read Cyrillic right.
//! Durations are in hours, shares in percent, the mean satisfaction score
//! as it is (1–5), all with two decimals.

use helpdesk_protocol::{KpiRow, KpiSeries};

const HEADER: [&str; 18] = [
    "period_from",
    "period_to",
    "group",
    "tickets",
    "resolved",
    "within_sla",
    "breached",
    "share_within_sla_percent",
    "breach_rate_percent",
    "mttr_hours",
    "incidents",
    "mtbf_hours",
    "answered",
    "mean_answer_hours",
    "answered_from_kb",
    "share_answered_from_kb_percent",
    "rated",
    "mean_satisfaction",
];

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn hours(seconds: Option<f64>) -> String {
    seconds.map(|s| format!("{:.2}", s / 3600.0)).unwrap_or_default()
}

fn percent(share: Option<f64>) -> String {
    share.map(|s| format!("{:.2}", s * 100.0)).unwrap_or_default()
}

fn line(from: &str, to: &str, row: &KpiRow) -> String {
    [
        from.to_string(),
        to.to_string(),
        field(&row.group),
        row.tickets.to_string(),
        row.resolved.to_string(),
        row.within_sla.to_string(),
        row.breached.to_string(),
        percent(row.share_within_sla),
        percent(row.breach_rate),
        hours(row.mttr_seconds),
        row.incidents.to_string(),
        hours(row.mtbf_seconds),
        row.answered.to_string(),
        hours(row.mean_answer_seconds),
        row.answered_from_kb.to_string(),
        percent(row.share_answered_from_kb),
        row.rated.to_string(),
        row.mean_satisfaction.map(|m| format!("{m:.2}")).unwrap_or_default(),
    ]
    .join(",")
}

/// The series as CSV text (lines end with CRLF).
pub fn kpi_csv(series: &KpiSeries) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADER.join(","));
    out.push_str("\r\n");
    for period in &series.periods {
        let (from, to) = (period.from.to_rfc3339(), period.to.to_rfc3339());
        for row in period.rows.iter().chain(std::iter::once(&period.total)) {
            out.push_str(&line(&from, &to, row));
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_name_with_a_comma_is_quoted() {
        assert_eq!(field("L2, митниця"), "\"L2, митниця\"");
        assert_eq!(field("a\"b"), "\"a\"\"b\"");
        assert_eq!(field("l2-eais"), "l2-eais");
    }
}
