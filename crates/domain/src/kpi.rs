//! The definitions of the key performance indicators, once for the server's
//! report and the desktop's dashboard.
//!
//! - **MTTR** (000 §13.6 «середній час вирішення»): the mean of
//!   [`resolution_time`], from the ticket's registration to its (last)
//!   resolution. Registration, not receipt: 000 §17 counts the stages from
//!   registration, and a request is accepted only once registered (000
//!   §19: «Запити вважаються прийнятими, тільки якщо користувач отримав
//!   лист про реєстрацію»).
//! - **MTBF** (000 §13.6 «середній час між інцидентами»): the mean time
//!   between consecutive failures of the same service — incidents, by the
//!   moment each was registered ([`mtbf_seconds`]).
//! - **Answered** (003 §6.2.1): requests that came through the chat-bot or
//!   the self-service portal ([`counts_for_s6_2`]) and were answered —
//!   resolved — within the period; **mean time to answer** (§6.2.2) is the
//!   mean [`resolution_time`] of those; **answered from the knowledge
//!   base** (§6.2.3): those resolved with a link to a KB article
//!   ([`answered_from_kb`]).
//! - **Satisfaction** (003 §6.1.12, §6.2.5): the mean score of the
//!   requesters' ratings given in the period, with their count
//!   ([`crate::satisfaction::ScoreMean`]).
//!
//! Periods are cut at local midnight in the policy calendar's time zone
//! ([`periods`]).

use crate::model::{Channel, TicketType};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// MTTR's term for one ticket: registration to resolution (never negative).
pub fn resolution_time(registered_at: DateTime<Utc>, resolved_at: DateTime<Utc>) -> Duration {
    (resolved_at - registered_at).max(Duration::zero())
}

/// A running mean of durations, in seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Mean {
    total_seconds: f64,
    count: u64,
}

impl Mean {
    pub fn add(&mut self, d: Duration) {
        self.total_seconds += d.num_milliseconds() as f64 / 1000.0;
        self.count += 1;
    }

    pub fn merge(&mut self, other: &Mean) {
        self.total_seconds += other.total_seconds;
        self.count += other.count;
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// The mean in seconds; none of nothing.
    pub fn seconds(&self) -> Option<f64> {
        (self.count > 0).then(|| self.total_seconds / self.count as f64)
    }
}

/// A failure for MTBF: an incident of a service.
pub fn is_failure(ticket_type: TicketType) -> bool {
    ticket_type == TicketType::Incident
}

/// The gaps between consecutive failures of each service, from
/// `(service, registered_at)` pairs in any order. A service with one
/// failure gives no gap.
pub fn failure_gaps<'a>(failures: impl IntoIterator<Item = (&'a str, DateTime<Utc>)>) -> Mean {
    let mut by_service: BTreeMap<&str, Vec<DateTime<Utc>>> = BTreeMap::new();
    for (service, at) in failures {
        by_service.entry(service).or_default().push(at);
    }
    let mut mean = Mean::default();
    for times in by_service.values_mut() {
        times.sort();
        for pair in times.windows(2) {
            mean.add(pair[1] - pair[0]);
        }
    }
    mean
}

/// MTBF in seconds; none when no service failed twice.
pub fn mtbf_seconds<'a>(failures: impl IntoIterator<Item = (&'a str, DateTime<Utc>)>) -> Option<f64> {
    failure_gaps(failures).seconds()
}

/// 003 §6.2 counts the requests that came through the chat-bot and the
/// self-service portal.
pub fn counts_for_s6_2(channel: Channel) -> bool {
    matches!(channel, Channel::ChatBot | Channel::Portal)
}

/// 003 §6.2.3: answered on the basis of the knowledge base — resolved with
/// a link to an article.
pub fn answered_from_kb(kb_links: &[String]) -> bool {
    !kb_links.is_empty()
}

/// How a report cuts its time range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportPeriod {
    Day,
    /// ISO weeks, from Monday.
    Week,
    Month,
}

impl ReportPeriod {
    pub const ALL: [ReportPeriod; 3] = [ReportPeriod::Day, ReportPeriod::Week, ReportPeriod::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportPeriod::Day => "day",
            ReportPeriod::Week => "week",
            ReportPeriod::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Option<ReportPeriod> {
        ReportPeriod::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(text.trim()))
    }

    fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            ReportPeriod::Day => date,
            ReportPeriod::Week => date - Duration::days(i64::from(date.weekday().num_days_from_monday())),
            ReportPeriod::Month => date.with_day(1).unwrap_or(date),
        }
    }

    fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            ReportPeriod::Day => start + Duration::days(1),
            ReportPeriod::Week => start + Duration::days(7),
            ReportPeriod::Month => start.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX),
        }
    }
}

/// Local midnight of `date` in `tz` (the first instant of the date when
/// midnight falls in a gap).
fn midnight(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let naive = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        chrono::LocalResult::None => tz
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map_or_else(|| Utc.from_utc_datetime(&naive), |t| t.with_timezone(&Utc)),
    }
}

/// Upper bound on the periods of one report.
pub const MAX_PERIODS: usize = 400;

/// The periods covering `[from, to)`: each `[start, end)` cut at local
/// midnight in `tz`, the first starting at the period that contains
/// `from` and clipped to `from`, the last clipped to `to`. At most
/// [`MAX_PERIODS`]; empty when `from >= to`.
pub fn periods(from: DateTime<Utc>, to: DateTime<Utc>, period: ReportPeriod, tz: Tz) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::new();
    if from >= to {
        return out;
    }
    let mut start = period.start_of(from.with_timezone(&tz).date_naive());
    while out.len() < MAX_PERIODS {
        let next = period.next(start);
        let (a, b) = (midnight(tz, start).max(from), midnight(tz, next).min(to));
        if a < b {
            out.push((a, b));
        }
        if midnight(tz, next) >= to || next == NaiveDate::MAX {
            break;
        }
        start = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn c000_s13_6_mttr_runs_from_registration_to_resolution() {
        let d = resolution_time(at("2026-03-02T08:00:00Z"), at("2026-03-02T12:30:00Z"));
        assert_eq!(d, Duration::minutes(270));
        let mut mean = Mean::default();
        mean.add(d);
        mean.add(resolution_time(at("2026-03-02T08:00:00Z"), at("2026-03-02T09:00:00Z")));
        assert_eq!(mean.seconds(), Some((270.0 * 60.0 + 3600.0) / 2.0));
        assert_eq!(Mean::default().seconds(), None);
    }

    #[test]
    fn c000_s13_6_mttr_is_never_negative() {
        assert_eq!(resolution_time(at("2026-03-02T08:00:00Z"), at("2026-03-02T07:00:00Z")), Duration::zero());
    }

    #[test]
    fn c000_s13_6_mtbf_is_the_mean_gap_between_failures_of_one_service() {
        let failures = [
            ("ЄАІС", at("2026-03-01T10:00:00Z")),
            ("ЄАІС", at("2026-03-03T10:00:00Z")),
            ("NCTS", at("2026-03-02T00:00:00Z")),
            ("ЄАІС", at("2026-03-02T10:00:00Z")),
            ("NCTS", at("2026-03-02T06:00:00Z")),
            ("Пошта", at("2026-03-05T00:00:00Z")),
        ];
        // ЄАІС: 24 h and 24 h; NCTS: 6 h; Пошта failed once (no gap).
        assert_eq!(mtbf_seconds(failures), Some((24.0 + 24.0 + 6.0) * 3600.0 / 3.0));
        assert_eq!(mtbf_seconds([("Пошта", at("2026-03-05T00:00:00Z"))]), None);
        assert!(is_failure(TicketType::Incident));
        assert!(!is_failure(TicketType::ServiceRequest));
    }

    #[test]
    fn c003_s6_2_counts_chat_bot_and_portal_requests() {
        assert!(counts_for_s6_2(Channel::ChatBot));
        assert!(counts_for_s6_2(Channel::Portal));
        for channel in [Channel::Phone, Channel::Email, Channel::Paper, Channel::Monitoring] {
            assert!(!counts_for_s6_2(channel), "{channel}");
        }
    }

    #[test]
    fn c003_s6_2_3_answered_from_the_kb_means_a_kb_link() {
        assert!(answered_from_kb(&["kb-1".to_string()]));
        assert!(!answered_from_kb(&[]));
    }

    #[test]
    fn c003_s6_2_1_periods_are_cut_at_local_midnight() {
        let kyiv: Tz = "Europe/Kyiv".parse().unwrap();
        // 2026-03-29: DST starts in Kyiv (UTC+2 → UTC+3).
        let days = periods(at("2026-03-28T00:00:00Z"), at("2026-03-31T00:00:00Z"), ReportPeriod::Day, kyiv);
        assert_eq!(
            days,
            vec![
                (at("2026-03-28T00:00:00Z"), at("2026-03-28T22:00:00Z")),
                (at("2026-03-28T22:00:00Z"), at("2026-03-29T21:00:00Z")),
                (at("2026-03-29T21:00:00Z"), at("2026-03-30T21:00:00Z")),
                (at("2026-03-30T21:00:00Z"), at("2026-03-31T00:00:00Z")),
            ]
        );
        let weeks = periods(at("2026-03-04T12:00:00Z"), at("2026-03-20T00:00:00Z"), ReportPeriod::Week, kyiv);
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks[1].0, at("2026-03-08T22:00:00Z")); // Monday 9 March, 00:00 in Kyiv
        let months = periods(at("2026-01-01T00:00:00Z"), at("2026-04-01T00:00:00Z"), ReportPeriod::Month, kyiv);
        assert_eq!(months.len(), 4, "{months:?}"); // Kyiv's 1 Jan starts at 31 Dec 22:00 UTC: Jan, Feb, Mar and 1 April's first hours
        assert!(periods(at("2026-01-02T00:00:00Z"), at("2026-01-01T00:00:00Z"), ReportPeriod::Day, kyiv).is_empty());
    }
}
