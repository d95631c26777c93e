//! The domain's constants a front end needs as values, not only as types
//! (a rating's scale, the resolution codes and reject reasons a select
//! offers), written out as TypeScript by the
//! bindings test (`ui/src/bindings/constants.ts`), so no UI keeps a copy.

use crate::satisfaction;
use crate::ticket::{RejectReason, ResolutionCode};

/// `['a', 'b']` of TypeScript.
fn string_array<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = names.into_iter().map(|n| format!("'{n}'")).collect();
    format!("[{}]", quoted.join(", "))
}

/// The TypeScript module of the constants.
pub fn typescript() -> String {
    let scores: Vec<String> = satisfaction::SCORES.rev().map(|score| score.to_string()).collect();
    format!(
        "// Written by `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` from helpdesk_domain::ui_constants. Do not edit.\n\n\
         /** The scores a requester may give, best first (`satisfaction::SCORES`; the domain refuses any other). */\n\
         export const SCORES = [{}] as const;\n\n\
         /** The longest comment kept with a rating, in characters (`satisfaction::MAX_COMMENT_CHARS`). */\n\
         export const RATING_COMMENT_MAX_CHARS = {};\n\n\
         /** The resolution codes, in the order offered (`ResolutionCode`; `resolve` refuses any other). */\n\
         export const RESOLUTION_CODES = {} as const;\n\n\
         /** The reasons a ticket is rejected for, in the order offered (`RejectReason`). */\n\
         export const REJECT_REASONS = {} as const;\n",
        scores.join(", "),
        satisfaction::MAX_COMMENT_CHARS,
        string_array(ResolutionCode::ALL.iter().map(|c| c.as_str())),
        string_array(RejectReason::NAMES.iter().copied()),
    )
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
}
