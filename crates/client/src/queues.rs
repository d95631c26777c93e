//! Queues (mine, group, unassigned, breaching, awaiting, recent) with each
//! ticket's SLA brief, their counts, and one ticket as the analyst sees it.

use crate::policies::is_counting;
use crate::{Client, ClientError, QueueCounts, QueueItem, Result, SlaBrief, TicketDetail};
use chrono::{DateTime, Utc};
use helpdesk_domain::actions::availability;
use helpdesk_domain::sla::class_at_registration;
use helpdesk_domain::sla::explain::explain;
use helpdesk_domain::sla::{ClockState, MetricReport, SlaReport};
use helpdesk_protocol::TicketView;
use helpdesk_replica::{Queue, QueueHead, QueueRow};

impl Client {
    /// A queue: `mine`, `group`, `unassigned`, `breaching` (the group's
    /// tickets with a running or breached deadline past the first warning
    /// threshold, most urgent first), `awaiting`, `recent`.
    pub fn queue(&self, name: &str) -> Result<Vec<QueueItem>> {
        let which = replica_queue(name)?;
        let now = self.now();
        let rows = self.replica().queue(which)?;
        if name != "breaching" {
            return Ok(self.queue_items(rows, now).into_iter().map(|(item, _)| item).collect());
        }
        let first_threshold = self.first_threshold()?;
        let mut items: Vec<QueueItem> = self
            .queue_items(rows, now)
            .into_iter()
            .filter(|(_, metrics)| is_breaching(metrics, first_threshold))
            .map(|(item, _)| item)
            .collect();
        items.sort_by_key(|i| i.next_due.unwrap_or(DateTime::<Utc>::MAX_UTC));
        Ok(items)
    }

    /// How many tickets each queue holds, for the sidebar.
    pub fn queue_counts(&self) -> Result<QueueCounts> {
        let counts = self.replica().queue_counts()?;
        let now = self.now();
        let first_threshold = self.first_threshold()?;
        let rows = self.replica().queue(Queue::Group)?;
        let breaching = rows
            .iter()
            .filter_map(|row| self.sla_of(&row.digest, now))
            .filter(|report| is_breaching(&report.metrics, first_threshold))
            .count();
        Ok(QueueCounts {
            mine: counts.mine,
            group: counts.group,
            unassigned: counts.unassigned,
            breaching: breaching as u64,
            awaiting: counts.awaiting,
            recent: counts.recent,
        })
    }

    /// The lowest share of a target at which the user wants a warning.
    pub(crate) fn first_threshold(&self) -> Result<f64> {
        Ok(self.settings()?.thresholds.iter().copied().fold(f64::INFINITY, f64::min).min(1.0))
    }

    /// The first rows of queue `name` (not `breaching`, which needs every
    /// row's SLA), most recently updated first ([`Replica::queue_head`]).
    ///
    /// [`Replica::queue_head`]: helpdesk_replica::Replica::queue_head
    pub(crate) fn queue_head(&self, name: &str, first: usize) -> Result<(Vec<QueueItem>, QueueHead)> {
        let mut head = self.replica().queue_head(replica_queue(name)?, first)?;
        let items = self
            .queue_items(std::mem::take(&mut head.rows), self.now())
            .into_iter()
            .map(|(item, _)| item)
            .collect();
        Ok((items, head))
    }

    /// The rows of a queue, each with the metrics of its SLA.
    fn queue_items(&self, rows: Vec<QueueRow>, now: DateTime<Utc>) -> Vec<(QueueItem, Vec<MetricReport>)> {
        rows.into_iter()
            .map(|row| {
                let report = self.sla_of(&row.digest, now);
                let time_zone = self.time_zone(&row.digest.policy);
                queue_item(row, report, time_zone)
            })
            .collect()
    }

    pub(crate) fn detail(&self, view: TicketView) -> Result<TicketDetail> {
        let now = self.now();
        let pending_ops = self.replica().pending_ops()?.iter().filter(|op| op.ticket == view.ticket.id).count() as u32;
        let unsent = self.unsent_entries(&view)?;
        let policy = self.policy(&view.policy);
        let policy_name = policy.as_ref().map(|p| p.policy.name.clone()).unwrap_or_else(|| view.policy.clone());
        let limits = policy.map(|p| p.workflow_limits()).unwrap_or_default();
        let actor = self.replica().actor();
        let actions = actor.map(|actor| availability(&view.ticket, &actor, now, limits)).unwrap_or_default();
        let sla = self.sla(&view, now);
        let escalation = sla.as_ref().and_then(|report| self.escalation_of(&view.policy, report));
        let reclassification_answer_due = self.reclassification_answer_due(&view.policy, &view.ticket, sla.as_ref());
        let explanation = match (self.policy(&view.policy), sla.as_ref()) {
            (Some(policy), Some(report)) => explain(&policy, &class_at_registration(&view.ticket, &view.events), report),
            _ => Vec::new(),
        };
        Ok(TicketDetail {
            sla,
            explanation,
            time_zone: self.time_zone(&view.policy),
            policy_name,
            pending_ops,
            unsent,
            actions,
            escalation,
            reclassification_answer_due,
            view,
        })
    }

    /// A ticket as the analyst sees it (by number or id).
    pub fn ticket(&self, number: &str) -> Result<TicketDetail> {
        let view = self
            .replica()
            .ticket(number.trim())?
            .ok_or_else(|| ClientError::not_found(format!("no ticket `{number}` in this replica; sync, or check the number")))?;
        self.detail(view)
    }
}

/// The replica's queue behind a queue's name (`breaching` is the group's,
/// filtered by the SLA).
fn replica_queue(name: &str) -> Result<Queue> {
    match name {
        "mine" => Ok(Queue::Mine),
        "group" | "breaching" => Ok(Queue::Group),
        "unassigned" => Ok(Queue::Unassigned),
        "awaiting" => Ok(Queue::Awaiting),
        "recent" => Ok(Queue::Recent),
        other => Err(ClientError::invalid(
            "name",
            format!("unknown queue `{other}`; one of mine, group, unassigned, breaching, awaiting, recent"),
        )),
    }
}

/// A queue's row, and the metrics of its SLA it was made from.
fn queue_item(row: QueueRow, report: Option<SlaReport>, time_zone: String) -> (QueueItem, Vec<MetricReport>) {
    let report = report.unwrap_or(SlaReport {
        metrics: Vec::new(),
        next_change: None,
    });
    let stopped = row.status.stops_clock();
    let headline = report.headline(stopped);
    let counting_due = report.metrics.iter().filter(|m| is_counting(m)).filter_map(|m| m.due).min();
    let next_due = counting_due.or(headline.filter(|m| m.state == ClockState::Paused).and_then(|m| m.due));
    let headline = headline.map(|m| SlaBrief {
        counting: is_counting(m),
        name: m.name.clone(),
        state: m.state,
        due: m.due,
        used_share: m.used_share,
        remaining_working_seconds: m.remaining_working_seconds,
        warnings: m.warnings.clone(),
    });
    let item = QueueItem {
        time_zone,
        id: row.id,
        number: row.number,
        subject: row.digest.subject,
        ticket_type: row.digest.ticket_type,
        status: row.status,
        priority: row.priority,
        group: row.group,
        owner: row.owner,
        requester: row.digest.requester,
        updated_at: row.updated_at,
        pending_ops: row.pending_ops,
        headline,
        next_due,
    };
    (item, report.metrics)
}

/// In the "breaching soon" queue: a counting clock past the first warning.
fn is_breaching(metrics: &[MetricReport], first_threshold: f64) -> bool {
    metrics.iter().any(|m| is_counting(m) && m.used_share.unwrap_or(0.0) >= first_threshold)
}
