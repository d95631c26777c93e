//! Hierarchical escalation on the laptop (002 §8.2, §13.16): once the
//! ticket's policy's share of the resolution term is used up, the leads of
//! the ticket's group are alerted, offline like every SLA warning, once per
//! ticket; the ticket view shows the same state. The rule is the domain's
//! ([`helpdesk_domain::escalation::hierarchical_escalation`]).

use crate::ledger::Ledger;
use crate::types::{Notification, TicketDigestRef};
use crate::{Client, Result};
use helpdesk_domain::escalation::{hierarchical_escalation, HierarchicalEscalation, ESCALATION_METRIC};
use helpdesk_domain::sla::SlaReport;

/// The ledger's threshold key of the escalation alert.
const LEDGER_KEY: &str = "escalation";

impl Client {
    /// The escalation state of a ticket whose SLA is `report` under its policy `policy`.
    pub(crate) fn escalation_of(&self, policy: &str, report: &SlaReport) -> Option<HierarchicalEscalation> {
        hierarchical_escalation(self.policy(policy)?.as_ref(), report)
    }

    /// `notification` (the escalation alert of `ticket`), if the share is
    /// reached and the alert has not fired yet; marks it fired in `ledger`.
    pub(crate) fn escalation_alert(
        &self,
        ticket: TicketDigestRef<'_>,
        report: &SlaReport,
        ledger: &mut Ledger,
        mut notification: Notification,
    ) -> Result<Option<Notification>> {
        let Some(escalation) = self.escalation_of(ticket.policy, report).filter(|e| e.due) else {
            return Ok(None);
        };
        if !ledger.fires(self, ticket.id, ESCALATION_METRIC, LEDGER_KEY)? {
            return Ok(None);
        }
        notification.body_args.insert("metric".into(), ESCALATION_METRIC.into());
        notification
            .body_args
            .insert("percent".into(), format!("{}", (escalation.used_share * 100.0).floor() as i64));
        Ok(Some(notification))
    }
}
