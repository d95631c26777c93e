//! The domain's constants a front end needs as values, not only as types
//! (a rating's scale for a select), written out as TypeScript by the
//! bindings test (`ui/src/bindings/constants.ts`), so no UI keeps a copy.

use crate::satisfaction;

/// The TypeScript module of the constants.
pub fn typescript() -> String {
    let scores: Vec<String> = satisfaction::SCORES.rev().map(|score| score.to_string()).collect();
    format!(
        "// Written by `UPDATE_BINDINGS=1 cargo test -p helpdesk-tests --test ui_bindings` from helpdesk_domain::ui_constants. Do not edit.\n\n\
         /** The scores a requester may give, best first (`satisfaction::SCORES`; the domain refuses any other). */\n\
         export const SCORES = [{}] as const;\n\n\
         /** The longest comment kept with a rating, in characters (`satisfaction::MAX_COMMENT_CHARS`). */\n\
         export const RATING_COMMENT_MAX_CHARS = {};\n",
        scores.join(", "),
        satisfaction::MAX_COMMENT_CHARS
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
}
