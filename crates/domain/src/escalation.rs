//! Hierarchical escalation (002 §8.2, §13.16): once a policy's share of the
//! resolution term is used up, the ticket must go up to the next line
//! without breaching, and the group's leads are alerted. One rule for the
//! server's timed job, the laptop's offline notifier and the ticket view.

use crate::policy::CompiledPolicy;
use crate::sla::{ClockState, SlaReport};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The metric whose used share triggers the escalation.
pub const ESCALATION_METRIC: &str = "resolution";

/// Where a ticket stands against its policy's escalation share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HierarchicalEscalation {
    /// The policy's share (`timers.hierarchical_escalation_at`), e.g. 0.75.
    pub share: f64,
    /// The share of the resolution term used so far.
    pub used_share: f64,
    /// The share is reached on a live clock: the leads are alerted and the
    /// ticket shows it.
    pub due: bool,
}

/// The escalation state of a ticket whose SLA is `report` under `policy`;
/// `None` when the policy sets no share or the ticket has no counted
/// resolution term.
pub fn hierarchical_escalation(policy: &CompiledPolicy, report: &SlaReport) -> Option<HierarchicalEscalation> {
    let share = policy.policy.timers.as_ref()?.hierarchical_escalation_at?;
    let metric = report.metrics.iter().find(|m| m.name == ESCALATION_METRIC)?;
    let used_share = metric.used_share?;
    let live = metric.stopped_at.is_none() && matches!(metric.state, ClockState::Running | ClockState::Breached);
    Some(HierarchicalEscalation {
        share,
        used_share,
        due: live && used_share >= share,
    })
}
