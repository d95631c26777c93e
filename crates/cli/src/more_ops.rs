//! The action commands of the ops the desktop had before the CLI: the
//! requester's answer taken by the desk, complexity, co-executors
//! (003 §4.10, §4.15), links to tickets (002 §6.7–6.8) and to articles,
//! and a deadline extension (001 §III.3(2), §III.13; 002 §8.3). Each only
//! builds its op; the domain decides whether the ticket allows it.

use crate::error::Failure;
use crate::i18n::Texts;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use helpdesk_domain::ops::Op;
use helpdesk_domain::ticket::LinkKind;

#[derive(Debug, Subcommand)]
pub enum MoreOps {
    /// Record the requester's answer the desk received (by phone, mail):
    /// the ticket leaves `awaiting_info` and its clock runs again.
    InfoReceived {
        number: String,
        /// What the requester answered.
        text: String,
    },
    /// Set the complexity (003 §4.10): simple, medium, complex.
    Complexity {
        number: String,
        /// simple, medium or complex.
        complexity: String,
    },
    /// Involve another working group as co-executor (003 §4.10, §4.15).
    CoExecutor {
        number: String,
        /// The group's id (as `helpdesk show` names groups).
        #[arg(long)]
        group: String,
    },
    /// Link another ticket (002 §6.7–6.8): related, or duplicate_of.
    Link {
        number: String,
        /// The other ticket's number.
        other: String,
        /// related, or duplicate_of (this ticket repeats the other).
        #[arg(long, default_value = "related")]
        kind: String,
    },
    /// Link a knowledge-base article to the ticket.
    LinkKb {
        number: String,
        /// The article's id (as `helpdesk kb search` lists it).
        article: String,
    },
    /// Extend a deadline with a justification (001 §III.3(2), §III.13;
    /// 002 §8.3): the metric as `helpdesk show` names it (resolution,
    /// reaction…), the new deadline as RFC 3339 (2026-12-10T16:00:00+02:00).
    ExtendDeadline {
        number: String,
        /// The deadline's metric: resolution, reaction…
        #[arg(long)]
        metric: String,
        /// The new deadline, RFC 3339 with its offset.
        #[arg(long)]
        until: String,
        /// Why (only the desk sees it).
        #[arg(long)]
        justification: String,
    },
}

impl MoreOps {
    /// The ticket and the op the command asks for.
    pub fn into_op(self, texts: &Texts) -> Result<(String, Op), Failure> {
        Ok(match self {
            MoreOps::InfoReceived { number, text } => (number, Op::InfoReceived { text, attachments: vec![] }),
            MoreOps::Complexity { number, complexity } => (
                number,
                Op::SetComplexity {
                    complexity: crate::analyst::parse(texts, "COMPLEXITY", &complexity)?,
                },
            ),
            MoreOps::CoExecutor { number, group } => (number, Op::AddCoExecutor { group }),
            MoreOps::Link { number, other, kind } => {
                let kind: LinkKind = crate::analyst::parse(texts, "--kind", &kind)?;
                (number, Op::LinkTicket { ticket: other, kind })
            }
            MoreOps::LinkKb { number, article } => (number, Op::LinkKb { article }),
            MoreOps::ExtendDeadline {
                number,
                metric,
                until,
                justification,
            } => (
                number,
                Op::ExtendDeadline {
                    metric,
                    until: instant(texts, "--until", &until)?,
                    justification,
                },
            ),
        })
    }
}

/// An instant given as RFC 3339, with its offset or `Z`.
fn instant(texts: &Texts, field: &str, text: &str) -> Result<DateTime<Utc>, Failure> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Failure::input(field, texts.get("input-instant", &crate::fargs! { "text" => text.to_string() })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::BAD_INPUT;
    use crate::i18n::Lang;

    #[test]
    fn an_extension_needs_an_instant_with_its_offset() {
        let op = |until: &str| {
            MoreOps::ExtendDeadline {
                number: "HD-1".into(),
                metric: "resolution".into(),
                until: until.into(),
                justification: "Чекаємо постачальника".into(),
            }
            .into_op(&Texts::new(Lang::En))
        };
        let (_, built) = op("2026-12-10T16:00:00+02:00").unwrap();
        match built {
            Op::ExtendDeadline { until, .. } => assert_eq!(until.to_rfc3339(), "2026-12-10T14:00:00+00:00"),
            other => panic!("{other:?}"),
        }
        let refused = op("10.12.2026 16:00").unwrap_err();
        assert_eq!(refused.code(), BAD_INPUT);
        assert!(refused.message().starts_with("--until: ") && refused.message().contains("2026-12-10T16:00:00+02:00"));
    }

    #[test]
    fn unknown_names_say_what_is_allowed() {
        let e = MoreOps::Complexity {
            number: "HD-1".into(),
            complexity: "hard".into(),
        }
        .into_op(&Texts::new(Lang::En))
        .unwrap_err();
        assert!(e.message().contains("simple"), "{}", e.message());
        let e = MoreOps::Link {
            number: "HD-1".into(),
            other: "HD-2".into(),
            kind: "parent".into(),
        }
        .into_op(&Texts::new(Lang::En))
        .unwrap_err();
        assert!(e.message().contains("duplicate_of") && e.message().contains("related"), "{}", e.message());
    }
}
