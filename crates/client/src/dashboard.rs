//! The dashboard: per ISO week over the last 8 weeks (in the policy
//! calendar's time zone), the tickets resolved — by the analyst, and in the
//! analyst's groups — the share of them resolved within SLA, the breaches
//! and the mean time to resolve. A ticket counts in the week of its last
//! resolution; its SLA is evaluated by the domain's engine as of that
//! instant, and it is a breach when any metric was breached by then. The
//! mean time to resolve is the domain's MTTR (`kpi::resolution_time`:
//! registration → resolution), the one the server's report uses.

use crate::types::{Dashboard, WeekStats};
use crate::{Client, ClientError, Result};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use helpdesk_domain::kpi;
use helpdesk_domain::sla::{ClockEventKind, ClockState};
use helpdesk_replica::{Queue, QueueRow, TicketDigest};

const WEEKS: i64 = 8;

#[derive(Default, Clone)]
struct Acc {
    resolved: u32,
    breaches: u32,
    hours: f64,
}

impl Acc {
    fn stats(&self, monday: NaiveDate) -> WeekStats {
        let iso = monday.iso_week();
        self.summary(format!("{}-W{:02}", iso.year(), iso.week()), monday)
    }

    fn total(weeks: &[Acc], first_monday: NaiveDate) -> WeekStats {
        let mut sum = Acc::default();
        for w in weeks {
            sum.resolved += w.resolved;
            sum.breaches += w.breaches;
            sum.hours += w.hours;
        }
        sum.summary("total".into(), first_monday)
    }

    fn summary(&self, week: String, monday: NaiveDate) -> WeekStats {
        WeekStats {
            week,
            starts: monday.format("%Y-%m-%d").to_string(),
            resolved: self.resolved,
            within_sla: self.resolved - self.breaches,
            breaches: self.breaches,
            share_within_sla: (self.resolved > 0).then(|| f64::from(self.resolved - self.breaches) / f64::from(self.resolved)),
            mttr_hours: (self.resolved > 0).then(|| self.hours / f64::from(self.resolved)),
        }
    }
}

/// When the ticket was registered: its trail's registration, else (a
/// digest without one) its receipt.
fn registered_at(digest: &TicketDigest) -> DateTime<Utc> {
    digest
        .clock
        .iter()
        .find(|e| matches!(e.kind, ClockEventKind::Registered { .. }))
        .map_or(digest.received_at, |e| e.at)
}

pub(crate) fn compute(client: &Client, now: DateTime<Utc>) -> Result<Dashboard> {
    let me = client.replica().me()?.ok_or_else(ClientError::not_signed_in)?;
    let groups: Vec<String> = me.groups.iter().map(|g| g.id.clone()).collect();
    let tz_name = client.time_zone(crate::DEFAULT_POLICY);
    let tz: chrono_tz::Tz = tz_name.parse().unwrap_or(chrono_tz::Europe::Kyiv);
    let today = now.with_timezone(&tz).date_naive();
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let first_monday = this_monday - Duration::weeks(WEEKS - 1);
    let mut mine = vec![Acc::default(); WEEKS as usize];
    let mut group = vec![Acc::default(); WEEKS as usize];

    for row in client.all_tickets()? {
        let Some(resolution) = &row.digest.resolved else { continue };
        let day = resolution.at.with_timezone(&tz).date_naive();
        if day < first_monday || day > today {
            continue;
        }
        let week = ((day - first_monday).num_days() / 7) as usize;
        let breached = client
            .sla_of(&row.digest, resolution.at)
            .is_some_and(|r| r.metrics.iter().any(|m| m.state == ClockState::Breached));
        let hours = kpi::resolution_time(registered_at(&row.digest), resolution.at).num_seconds() as f64 / 3600.0;
        let add = |acc: &mut Acc| {
            acc.resolved += 1;
            acc.breaches += u32::from(breached);
            acc.hours += hours;
        };
        if resolution.by == me.id {
            add(&mut mine[week]);
        }
        if groups.contains(&row.group) {
            add(&mut group[week]);
        }
    }
    let monday = |i: usize| first_monday + Duration::weeks(i as i64);
    Ok(Dashboard {
        mine: mine.iter().enumerate().map(|(i, a)| a.stats(monday(i))).collect(),
        groups: group.iter().enumerate().map(|(i, a)| a.stats(monday(i))).collect(),
        mine_total: Acc::total(&mine, first_monday),
        groups_total: Acc::total(&group, first_monday),
        group_ids: groups,
        time_zone: tz_name,
        generated_at: now,
    })
}

impl Client {
    /// The analyst's and their groups' last 8 ISO weeks.
    pub fn dashboard(&self) -> Result<Dashboard> {
        compute(self, self.now())
    }

    /// Every ticket of the replica as a digest, as the analyst sees it.
    pub(crate) fn all_tickets(&self) -> Result<Vec<QueueRow>> {
        Ok(self.replica().queue(Queue::Recent)?)
    }
}
