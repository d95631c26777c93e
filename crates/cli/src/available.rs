//! Which of the CLI's action commands the ticket allows now: the domain's
//! answer (`TicketDetail::actions`, from `helpdesk_domain::actions`) in the
//! CLI's command names, for `show` and for a refusal's hint.

use helpdesk_domain::actions::Availability;
use helpdesk_domain::ops::OpKind;

/// The command of the CLI that does `op` (every op has one).
pub fn command_of(op: OpKind) -> Option<&'static str> {
    Some(match op {
        OpKind::Take => "take",
        OpKind::Assign => "assign",
        OpKind::Comment => "comment",
        OpKind::RequestInfo => "ask",
        OpKind::Postpone => "postpone",
        OpKind::Resume => "resume",
        OpKind::Escalate => "escalate",
        OpKind::SetPriority => "priority",
        OpKind::GiveWorkaround => "workaround",
        OpKind::Resolve => "resolve",
        OpKind::RequestConfirmation => "confirm-request",
        OpKind::Reopen => "reopen",
        OpKind::Close => "close",
        OpKind::Reject => "reject",
        OpKind::ChangeType => "reclassify",
        OpKind::ProposeReclassification => "propose-reclassification",
        OpKind::AnswerReclassification => "answer-reclassification",
        OpKind::Rate => "rate",
        OpKind::GrantPaperPermission => "paper-permission",
        OpKind::RequestTimelineClarification => "timeline-request",
        OpKind::GiveTimelineConclusion => "timeline-conclusion",
        OpKind::InfoReceived => "info-received",
        OpKind::SetComplexity => "complexity",
        OpKind::AddCoExecutor => "co-executor",
        OpKind::LinkTicket => "link",
        OpKind::LinkKb => "link-kb",
        OpKind::ExtendDeadline => "extend-deadline",
    })
}

/// The commands the domain allows now, in its order.
pub fn allowed_commands(actions: &[Availability]) -> Vec<&'static str> {
    actions.iter().filter(|a| a.allowed()).filter_map(|a| command_of(a.op)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    /// Every op has a command, and it is a real subcommand of `helpdesk`.
    #[test]
    fn every_op_has_a_command_that_exists() {
        let cli = Cli::command();
        for &op in OpKind::ALL {
            let name = command_of(op).unwrap_or_else(|| panic!("{op} has no command"));
            assert!(cli.find_subcommand(name).is_some(), "`helpdesk {name}` ({op}) does not exist");
        }
    }

    #[test]
    fn only_allowed_ops_are_offered() {
        let actions = vec![
            Availability {
                op: OpKind::Take,
                refused: None,
            },
            Availability {
                op: OpKind::Reopen,
                refused: Some("wrong_status".into()),
            },
            Availability {
                op: OpKind::LinkKb,
                refused: None,
            },
        ];
        assert_eq!(allowed_commands(&actions), ["take", "link-kb"]);
    }
}
