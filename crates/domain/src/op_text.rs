//! The free text an analyst wrote into an op (a comment, a question, a
//! note, a solution…): read to show it again, replaced to apply it again
//! with the analyst's corrections.

use crate::ops::Op;

impl Op {
    /// The op's main free text, if it has one.
    pub fn free_text(&self) -> Option<&str> {
        match self {
            Op::Comment { text, .. }
            | Op::InfoReceived { text, .. }
            | Op::GiveWorkaround { text }
            | Op::Resolve { text, .. }
            | Op::RequestConfirmation { text }
            | Op::RequestTimelineClarification { text }
            | Op::GiveTimelineConclusion { text } => Some(text),
            Op::RequestInfo { question } => Some(question),
            Op::Reopen { reason } => Some(reason),
            Op::ExtendDeadline { justification, .. } => Some(justification),
            Op::Rate { comment, .. } => Some(comment),
            Op::Postpone { note, .. }
            | Op::Escalate { note, .. }
            | Op::ChangeType { note, .. }
            | Op::Reject { note, .. }
            | Op::ProposeReclassification { note, .. }
            | Op::AnswerReclassification { note, .. }
            | Op::GrantPaperPermission { note } => Some(note),
            Op::SetPriority { note, .. } => note.as_deref(),
            Op::Take {}
            | Op::Assign { .. }
            | Op::Resume {}
            | Op::AddCoExecutor { .. }
            | Op::SetComplexity { .. }
            | Op::Close { .. }
            | Op::LinkKb { .. }
            | Op::LinkTicket { .. } => None,
        }
    }

    /// The same op with `new` as its free text; `None` when the op has no
    /// free text to replace.
    pub fn with_free_text(mut self, new: String) -> Option<Op> {
        let slot = match &mut self {
            Op::Comment { text, .. }
            | Op::InfoReceived { text, .. }
            | Op::GiveWorkaround { text }
            | Op::Resolve { text, .. }
            | Op::RequestConfirmation { text }
            | Op::RequestTimelineClarification { text }
            | Op::GiveTimelineConclusion { text } => text,
            Op::RequestInfo { question } => question,
            Op::Reopen { reason } => reason,
            Op::ExtendDeadline { justification, .. } => justification,
            Op::Rate { comment, .. } => comment,
            Op::Postpone { note, .. }
            | Op::Escalate { note, .. }
            | Op::ChangeType { note, .. }
            | Op::Reject { note, .. }
            | Op::ProposeReclassification { note, .. }
            | Op::AnswerReclassification { note, .. }
            | Op::GrantPaperPermission { note } => note,
            Op::SetPriority { note, .. } => {
                *note = Some(new);
                return Some(self);
            }
            _ => return None,
        };
        *slot = new;
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ticket::Visibility;

    #[test]
    fn a_comment_text_is_read_and_replaced() {
        let op = Op::Comment {
            visibility: Visibility::Internal,
            text: "old".into(),
            attachments: vec![],
        };
        assert_eq!(op.free_text(), Some("old"));
        let edited = op.with_free_text("new".into()).unwrap();
        assert_eq!(
            edited,
            Op::Comment {
                visibility: Visibility::Internal,
                text: "new".into(),
                attachments: vec![],
            }
        );
    }

    #[test]
    fn an_op_without_text_has_none_to_replace() {
        assert_eq!(Op::Take {}.free_text(), None);
        assert_eq!(Op::Take {}.with_free_text("x".into()), None);
    }
}
