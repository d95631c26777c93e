//! The line an action command prints after trying to send the action:
//! what became of *this* action (applied, not applied, kept in the outbox)
//! and, when the round failed, what failed and what happens next. Decided
//! from the action's state in the outbox after the round, never from the
//! round's error alone: a round whose push went through and whose pull
//! was cut sent the action.

use crate::i18n::Texts;
use crate::wording::reason;
use helpdesk_client::{ActionState, ClientError, ClientErrorCode, ErrorCode, RoundReport};

/// The outcome of waiting for one round: the round's result, or the
/// wait ran out first.
pub type Round = Result<Result<RoundReport, ClientError>, tokio::time::error::Elapsed>;

/// The sentence, in the user's language, for an action in `state` after
/// `round`; `pending` counts the outbox (read only when the sentence names it).
pub fn describe(texts: &Texts, state: ActionState, round: &Round, pending: impl Fn() -> u64) -> String {
    let wait = crate::analyst::SEND_WAIT.as_secs();
    let kept = |id: &str, reason: Option<String>| {
        let mut args = crate::fargs! { "count" => pending(), "seconds" => wait };
        if let Some(reason) = reason {
            args.set("reason", reason);
        }
        texts.get(id, &args)
    };
    match (state, round) {
        (ActionState::NeedsAttention, _) => texts.plain("send-needs-attention"),
        (ActionState::Applied, Ok(Ok(report))) if report.not_applied == 0 => texts.get("send-applied", &crate::fargs! { "applied" => report.applied }),
        (ActionState::Applied, Ok(Ok(report))) => texts.get(
            "send-applied-some-not",
            &crate::fargs! { "applied" => report.applied, "not_applied" => report.not_applied },
        ),
        (ActionState::Applied, Ok(Err(e))) => texts.get("send-applied-pull-failed", &crate::fargs! { "reason" => reason(texts, e) }),
        (ActionState::Applied, Err(_)) => texts.plain("send-applied-no-pull"),
        (ActionState::Pending, Ok(Err(e))) if is_sign_in(e) => kept("send-kept-sign-in", Some(reason(texts, e))),
        (ActionState::Pending, Ok(Err(e))) => kept("send-kept-offline", Some(reason(texts, e))),
        (ActionState::Pending, Ok(Ok(_))) => kept("send-kept-no-result", None),
        (ActionState::Pending, Err(_)) => kept("send-kept-no-answer", None),
    }
}

fn is_sign_in(e: &ClientError) -> bool {
    matches!(e.code, ErrorCode::Client(ClientErrorCode::SignInRequired | ClientErrorCode::NotSignedIn))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn offline() -> ClientError {
        ClientError::new(ClientErrorCode::Offline, "the connection to 127.0.0.1:9 was cut before the answer came")
            .with("failure", "cut")
            .with("host", "127.0.0.1:9")
    }

    fn en() -> Texts {
        Texts::new(Lang::En)
    }

    /// The defect of the trial: a push that went through and a pull that was
    /// cut read "offline …; 0 action(s) will be sent".
    #[test]
    fn an_action_applied_before_the_pull_failed_is_told_as_sent() {
        let text = describe(&en(), ActionState::Applied, &Ok(Err(offline())), || 0);
        assert!(text.starts_with("sent: the server applied it"), "{text}");
        assert!(!text.contains("0 action") && !text.contains("offline"), "{text}");
    }

    /// Issue 13 (B): the sentences in the user's language, with plural forms.
    #[test]
    fn the_outcome_is_told_in_ukrainian_with_plurals() {
        let uk = Texts::new(Lang::Uk);
        let text = describe(&uk, ActionState::Pending, &Ok(Err(offline())), || 3);
        assert_eq!(
            text,
            "офлайн: з’єднання з 127.0.0.1:9 обірвалося до того, як надійшла відповідь; 3 дії буде надіслано під час наступної синхронізації"
        );
        assert!(describe(&uk, ActionState::Pending, &Ok(Err(offline())), || 5).contains("5 дій буде надіслано"));
        assert!(describe(&uk, ActionState::Pending, &Ok(Err(offline())), || 1).contains("1 дію буде надіслано"));
        let ru = describe(&Texts::new(Lang::Ru), ActionState::Pending, &Ok(Err(offline())), || 2);
        assert!(ru.contains("2 действия будут отправлены"), "{ru}");
    }

    #[test]
    fn an_action_kept_in_the_outbox_says_why_and_how_many_wait() {
        let text = describe(&en(), ActionState::Pending, &Ok(Err(offline())), || 2);
        assert_eq!(
            text,
            "offline: the connection to 127.0.0.1:9 was cut before the answer came; 2 actions will be sent at the next sync"
        );
        let signed_out = ClientError::new(ClientErrorCode::SignInRequired, "the sign-in ended; sign in again (the outbox is kept)");
        assert!(describe(&en(), ActionState::Pending, &Ok(Err(signed_out)), || 1).contains("after `helpdesk login`"));
    }

    #[test]
    fn a_refused_action_points_to_attention() {
        let report = RoundReport {
            pushed: 1,
            not_applied: 1,
            ..RoundReport::default()
        };
        assert!(describe(&en(), ActionState::NeedsAttention, &Ok(Ok(report)), || 0).contains("helpdesk attention"));
    }
}
