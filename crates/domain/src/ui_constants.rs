//! The domain's constants a front end needs as values, not only as types
//! (a rating's scale, the lists a select offers: resolution codes, reject
//! and postpone reasons, lines, complexities, ticket types, close bases),
//! written out as TypeScript by the bindings test
//! (`ui/src/bindings/constants.ts`), so no UI keeps a copy.

use crate::model::{Complexity, Line, TicketType};
use crate::satisfaction;
use crate::ticket::{CloseBasis, PostponeReason, RejectReason, ResolutionCode};

/// `['a', 'b'] as const` of TypeScript.
fn names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = names.into_iter().map(|n| format!("'{n}'")).collect();
    format!("[{}] as const", quoted.join(", "))
}

/// The TypeScript module of the constants.
pub fn typescript() -> String {
    let scores: Vec<String> = satisfaction::SCORES.rev().map(|score| score.to_string()).collect();
    let constants = [
        (
            "The scores a requester may give, best first (`satisfaction::SCORES`; the domain refuses any other).",
            "SCORES",
            format!("[{}] as const", scores.join(", ")),
        ),
        (
            "The longest comment kept with a rating, in characters (`satisfaction::MAX_COMMENT_CHARS`).",
            "RATING_COMMENT_MAX_CHARS",
            satisfaction::MAX_COMMENT_CHARS.to_string(),
        ),
        (
            "The resolution codes, in the order offered (`ResolutionCode`; `resolve` refuses any other).",
            "RESOLUTION_CODES",
            names(ResolutionCode::ALL.iter().map(|c| c.as_str())),
        ),
        (
            "The reasons a ticket is rejected for, in the order offered (`RejectReason`).",
            "REJECT_REASONS",
            names(RejectReason::NAMES.iter().copied()),
        ),
        (
            "The reasons a ticket is postponed for, in the order offered (`PostponeReason`).",
            "POSTPONE_REASONS",
            names(PostponeReason::ALL.iter().map(|r| r.as_str())),
        ),
        ("The support lines (`Line`).", "LINES", names(Line::ALL.iter().map(|l| l.as_str()))),
        (
            "The complexities of a request (`Complexity`; 003 §4.10).",
            "COMPLEXITIES",
            names(Complexity::ALL.iter().map(|c| c.as_str())),
        ),
        (
            "The ticket types (`TicketType`).",
            "TICKET_TYPES",
            names(TicketType::ALL.iter().map(|t| t.as_str())),
        ),
        (
            "The bases a person closes a ticket on, in the order offered (`CloseBasis::OFFERED`; `auto` is the auto-close's).",
            "CLOSE_BASES",
            names(CloseBasis::OFFERED.iter().map(|b| b.as_str())),
        ),
    ];
    let mut ts =
        String::from("// Written by `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` from helpdesk_domain::ui_constants. Do not edit.\n");
    for (doc, name, value) in constants {
        ts.push_str(&format!("\n/** {doc} */\nexport const {name} = {value};\n"));
    }
    ts
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_scale_is_written_best_first() {
        let ts = super::typescript();
        assert!(ts.contains("export const SCORES = [5, 4, 3, 2, 1] as const;"), "{ts}");
        assert!(ts.contains("RATING_COMMENT_MAX_CHARS = 2000;"), "{ts}");
    }

    #[test]
    fn every_resolution_code_and_reject_reason_is_offered() {
        let ts = super::typescript();
        assert!(
            ts.contains("export const RESOLUTION_CODES = ['fixed', 'configuration', 'access_granted', "),
            "{ts}"
        );
        assert!(ts.contains("'no_fault_found'] as const;"), "{ts}");
        assert!(ts.contains("export const REJECT_REASONS = ['out_of_scope', 'duplicate_of', "), "{ts}");
    }

    #[test]
    fn every_list_a_dialog_offers_is_written() {
        let ts = super::typescript();
        for line in [
            "export const POSTPONE_REASONS = ['software_change', 'external_vendor', 'diagnostics', 'agreed_delay', 'force_majeure'] as const;",
            "export const LINES = ['L1', 'L2', 'L3', 'L4'] as const;",
            "export const COMPLEXITIES = ['simple', 'medium', 'complex'] as const;",
            "export const TICKET_TYPES = ['incident', 'service_request', 'consultation', 'change_request'] as const;",
            "export const CLOSE_BASES = ['confirmed', 'agreed'] as const;",
        ] {
            assert!(ts.contains(line), "{line} in {ts}");
        }
    }
}
