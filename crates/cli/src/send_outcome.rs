//! The line an action command prints after trying to send the action:
//! what became of *this* action (applied, not applied, kept in the outbox)
//! and, when the round failed, what failed and what happens next. Decided
//! from the action's state in the outbox after the round, never from the
//! round's error alone: a round whose push went through and whose pull
//! was cut sent the action.

use helpdesk_client::{ActionState, ClientError, ClientErrorCode, ErrorCode, RoundReport};

/// The outcome of waiting for one round: the round's result, or the
/// wait ran out first.
pub type Round = Result<Result<RoundReport, ClientError>, tokio::time::error::Elapsed>;

/// The sentence for an action in `state` after `round`; `pending` counts
/// the outbox (read only when the sentence names it).
pub fn describe(state: ActionState, round: &Round, pending: impl Fn() -> u64) -> String {
    let wait = crate::analyst::SEND_WAIT.as_secs();
    match (state, round) {
        (ActionState::NeedsAttention, _) => "sent, but the server did not apply it: see `helpdesk attention` (the text you wrote is kept there)".to_string(),
        (ActionState::Applied, Ok(Ok(report))) if report.not_applied == 0 => format!("sent: {} applied", report.applied),
        (ActionState::Applied, Ok(Ok(report))) => format!(
            "sent: {} applied, {} not applied — see `helpdesk attention`",
            report.applied, report.not_applied
        ),
        (ActionState::Applied, Ok(Err(e))) => format!(
            "sent: the server applied it; fetching the latest changes failed ({}): they come with the next `helpdesk sync`",
            e.message
        ),
        (ActionState::Applied, Err(_)) => "sent: the server applied it; the latest changes come with the next `helpdesk sync`".to_string(),
        (ActionState::Pending, Ok(Err(e))) if is_sign_in(e) => format!("not sent: {}; {} action(s) will be sent after `helpdesk login`", e.message, pending()),
        (ActionState::Pending, Ok(Err(e))) => format!("offline: {}; {} action(s) will be sent at the next sync", e.message, pending()),
        (ActionState::Pending, Ok(Ok(_))) => format!(
            "sent, but the server gave no result for it yet; {} action(s) will be sent again at the next sync",
            pending()
        ),
        (ActionState::Pending, Err(_)) => format!(
            "the server did not answer within {wait} s; {} action(s) will be sent at the next sync",
            pending()
        ),
    }
}

fn is_sign_in(e: &ClientError) -> bool {
    matches!(e.code, ErrorCode::Client(ClientErrorCode::SignInRequired | ClientErrorCode::NotSignedIn))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offline() -> ClientError {
        ClientError::new(ClientErrorCode::Offline, "the connection to 127.0.0.1:9 was cut before the answer came")
    }

    /// The defect of the trial: a push that went through and a pull that was
    /// cut read "offline …; 0 action(s) will be sent".
    #[test]
    fn an_action_applied_before_the_pull_failed_is_told_as_sent() {
        let text = describe(ActionState::Applied, &Ok(Err(offline())), || 0);
        assert!(text.starts_with("sent: the server applied it"), "{text}");
        assert!(!text.contains("0 action(s)") && !text.contains("offline"), "{text}");
    }

    #[test]
    fn an_action_kept_in_the_outbox_says_why_and_how_many_wait() {
        let text = describe(ActionState::Pending, &Ok(Err(offline())), || 2);
        assert_eq!(
            text,
            "offline: the connection to 127.0.0.1:9 was cut before the answer came; 2 action(s) will be sent at the next sync"
        );
        let signed_out = ClientError::new(ClientErrorCode::SignInRequired, "the sign-in ended; sign in again (the outbox is kept)");
        assert!(describe(ActionState::Pending, &Ok(Err(signed_out)), || 1).contains("after `helpdesk login`"));
    }

    #[test]
    fn a_refused_action_points_to_attention() {
        let report = RoundReport {
            pushed: 1,
            not_applied: 1,
            ..RoundReport::default()
        };
        assert!(describe(ActionState::NeedsAttention, &Ok(Ok(report)), || 0).contains("helpdesk attention"));
    }
}
