//! The knowledge base's editorial cycle (003 §1.5.9–1.5.10, §4.16, §5.1):
//! which moves an article and a revision of it may make and who may make
//! them, what an edit of a published article does, and when an article is
//! due for its periodic review.
//!
//! 003 gives drafting to the knowledge-base unit (§1.5.9, §5.1.3–5.1.4) and
//! approval to the permanent working group (§1.5.10, §4.16): the one who
//! wrote a text does not approve it. A published article stays what
//! operators read while a change of it is drafted, reviewed and approved
//! (§5.1.6–5.1.7): the change is a revision that replaces the text only
//! when it is published. §5.1.5 asks for a regular review of relevance;
//! the regulation names no interval, so the next review date is given by
//! the reviewer, [`DEFAULT_REVIEW_INTERVAL_MONTHS`] when not.
//!
//! Pure: the caller passes today's date.

use crate::model::named_enum;
use chrono::{DateTime, Months, NaiveDate, Utc};

named_enum!(
    /// Where an article (or a revision of it) stands (SPEC §4).
    ArticleStatus {
        Draft => "draft",
        Review => "review",
        Approved => "approved",
        Published => "published",
        Archived => "archived",
    }
);

/// The next review, when the reviewer names no date: a year on (003
/// §5.1.5 asks for regular reviews without naming an interval).
pub const DEFAULT_REVIEW_INTERVAL_MONTHS: u32 = 12;

/// Why the editorial cycle refuses a step; [`EditorialRefusal::code`] is
/// the stable code the front ends translate.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditorialRefusal {
    #[error("an article in `{from}` cannot move to `{to}`; it can move to {allowed}")]
    WrongStatus { from: ArticleStatus, to: ArticleStatus, allowed: String },
    #[error("a revision in `{from}` cannot move to `{to}`; it can move to {allowed}")]
    WrongRevisionStatus { from: ArticleStatus, to: ArticleStatus, allowed: String },
    #[error("you wrote this text, so you cannot approve it: another member of the permanent working group approves it (003 §1.5.10, §4.16)")]
    OwnApproval,
    #[error("an archived article is not edited; move it to draft first")]
    ArchivedNotEdited,
    #[error("a revision is made of a published article only; edit the article itself")]
    NotPublished,
    #[error("the next review must be after today ({today}); give a later date")]
    ReviewNotLater { today: NaiveDate },
}

impl EditorialRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            EditorialRefusal::WrongStatus { .. }
            | EditorialRefusal::WrongRevisionStatus { .. }
            | EditorialRefusal::ArchivedNotEdited
            | EditorialRefusal::NotPublished => "wrong_status",
            EditorialRefusal::OwnApproval => "own_approval",
            EditorialRefusal::ReviewNotLater { .. } => "review_not_later",
        }
    }
}

/// The moves of an article: draft → review → approved → published →
/// archived, review → draft for rework, archived → draft to revive.
pub fn article_move_allowed(from: ArticleStatus, to: ArticleStatus) -> bool {
    use ArticleStatus::*;
    matches!(
        (from, to),
        (Draft, Review) | (Review, Approved) | (Review, Draft) | (Approved, Published) | (Published, Archived) | (Archived, Draft)
    )
}

/// The moves of a revision of a published article: the same path up to
/// `published`, which replaces the article's text (and ends the revision);
/// `archived` withdraws it, leaving the article as it was.
pub fn revision_move_allowed(from: ArticleStatus, to: ArticleStatus) -> bool {
    use ArticleStatus::*;
    matches!(
        (from, to),
        (Draft, Review) | (Review, Approved) | (Review, Draft) | (Approved, Published) | (Draft | Review | Approved, Archived)
    )
}

fn allowed_from(from: ArticleStatus, allowed: fn(ArticleStatus, ArticleStatus) -> bool) -> String {
    let next: Vec<&str> = ArticleStatus::ALL.iter().filter(|to| allowed(from, **to)).map(|s| s.as_str()).collect();
    if next.is_empty() {
        "nothing".into()
    } else {
        next.join(" or ")
    }
}

/// Checks a move of an article by `actor`, whose text `author` wrote.
pub fn check_article_move(from: ArticleStatus, to: ArticleStatus, author: &str, actor: &str) -> Result<(), EditorialRefusal> {
    if !article_move_allowed(from, to) {
        return Err(EditorialRefusal::WrongStatus {
            from,
            to,
            allowed: allowed_from(from, article_move_allowed),
        });
    }
    check_approver(to, author, actor)
}

/// Checks a move of a revision by `actor`, whose text `reviser` wrote.
pub fn check_revision_move(from: ArticleStatus, to: ArticleStatus, reviser: &str, actor: &str) -> Result<(), EditorialRefusal> {
    if !revision_move_allowed(from, to) {
        return Err(EditorialRefusal::WrongRevisionStatus {
            from,
            to,
            allowed: allowed_from(from, revision_move_allowed),
        });
    }
    check_approver(to, reviser, actor)
}

fn check_approver(to: ArticleStatus, author: &str, actor: &str) -> Result<(), EditorialRefusal> {
    if to == ArticleStatus::Approved && author == actor {
        return Err(EditorialRefusal::OwnApproval);
    }
    Ok(())
}

/// What an edit of an article does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditEffect {
    /// The article's own text changes (it is not published).
    InPlace,
    /// The edit goes to the article's revision, which is reviewed and
    /// approved before it replaces the published text.
    Revision,
}

pub fn edit_effect(status: ArticleStatus) -> Result<EditEffect, EditorialRefusal> {
    match status {
        ArticleStatus::Published => Ok(EditEffect::Revision),
        ArticleStatus::Archived => Err(EditorialRefusal::ArchivedNotEdited),
        _ => Ok(EditEffect::InPlace),
    }
}

/// The status of an article or a revision after its text is edited: an
/// edit voids an approval (the approved text is no longer the one that
/// would be published), so an approved one goes back to draft.
pub fn status_after_edit(status: ArticleStatus) -> ArticleStatus {
    match status {
        ArticleStatus::Approved => ArticleStatus::Draft,
        other => other,
    }
}

/// Where an article stands with its periodic review (003 §5.1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReviewState {
    /// No review date is set.
    Unscheduled,
    /// Due on or after today.
    Scheduled {
        #[ts(type = "number")]
        days_left: i64,
    },
    /// The review date has passed.
    Overdue {
        #[ts(type = "number")]
        days: i64,
    },
}

/// The time zone review dates are read in (the customs' calendar): an
/// article is overdue from the Kyiv midnight after its review date, on the
/// server's job and on the owner's laptop alike.
pub const REVIEW_TIME_ZONE: chrono_tz::Tz = chrono_tz::Europe::Kyiv;

/// Today's date for the periodic review, at `now`.
pub fn review_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&REVIEW_TIME_ZONE).date_naive()
}

pub fn review_state(review_due: Option<NaiveDate>, today: NaiveDate) -> ReviewState {
    match review_due {
        None => ReviewState::Unscheduled,
        Some(due) if today > due => ReviewState::Overdue {
            days: (today - due).num_days(),
        },
        Some(due) => ReviewState::Scheduled {
            days_left: (due - today).num_days(),
        },
    }
}

/// The review date after a review done `today`: the one the reviewer
/// names (after today), else [`DEFAULT_REVIEW_INTERVAL_MONTHS`] on.
pub fn next_review(today: NaiveDate, requested: Option<NaiveDate>) -> Result<NaiveDate, EditorialRefusal> {
    match requested {
        Some(date) if date <= today => Err(EditorialRefusal::ReviewNotLater { today }),
        Some(date) => Ok(date),
        None => Ok(today.checked_add_months(Months::new(DEFAULT_REVIEW_INTERVAL_MONTHS)).unwrap_or(NaiveDate::MAX)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ArticleStatus::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn c003_s1_5_10_the_author_cannot_approve_their_own_article() {
        assert_eq!(check_article_move(Review, Approved, "olena", "olena"), Err(EditorialRefusal::OwnApproval));
        assert_eq!(check_article_move(Review, Approved, "olena", "petro"), Ok(()));
        assert_eq!(EditorialRefusal::OwnApproval.code(), "own_approval");
    }

    #[test]
    fn c003_s4_16_the_reviser_cannot_approve_their_own_revision() {
        assert_eq!(check_revision_move(Review, Approved, "petro", "petro"), Err(EditorialRefusal::OwnApproval));
        assert_eq!(check_revision_move(Review, Approved, "petro", "olena"), Ok(()));
    }

    #[test]
    fn c003_s4_16_the_author_still_submits_publishes_and_reworks() {
        assert_eq!(check_article_move(Draft, Review, "olena", "olena"), Ok(()));
        assert_eq!(check_article_move(Approved, Published, "olena", "olena"), Ok(()));
        assert_eq!(check_article_move(Review, Draft, "olena", "olena"), Ok(()));
    }

    #[test]
    fn c003_s4_16_nothing_is_published_unapproved() {
        let refused = check_article_move(Draft, Published, "olena", "petro").unwrap_err();
        assert_eq!(refused.code(), "wrong_status");
        assert!(refused.to_string().contains("review"), "{refused}");
        assert!(check_revision_move(Draft, Published, "olena", "petro").is_err());
        assert!(check_revision_move(Review, Published, "olena", "petro").is_err());
    }

    #[test]
    fn c003_s5_1_6_an_edit_of_a_published_article_is_a_revision() {
        assert_eq!(edit_effect(Published), Ok(EditEffect::Revision));
        for status in [Draft, Review, Approved] {
            assert_eq!(edit_effect(status), Ok(EditEffect::InPlace), "{status}");
        }
        assert_eq!(edit_effect(Archived), Err(EditorialRefusal::ArchivedNotEdited));
    }

    #[test]
    fn c003_s4_16_an_edit_after_approval_voids_the_approval() {
        assert_eq!(status_after_edit(Approved), Draft);
        assert_eq!(status_after_edit(Review), Review);
        assert_eq!(status_after_edit(Draft), Draft);
    }

    #[test]
    fn c003_s5_1_7_a_revision_is_published_or_withdrawn_never_revived() {
        assert!(revision_move_allowed(Approved, Published));
        for from in [Draft, Review, Approved] {
            assert!(revision_move_allowed(from, Archived), "{from}");
        }
        assert!(!revision_move_allowed(Archived, Draft));
        assert!(!revision_move_allowed(Published, Archived));
    }

    #[test]
    fn c003_s5_1_5_an_article_is_overdue_the_day_after_its_review_date() {
        let due = Some(day("2026-03-10"));
        assert_eq!(review_state(due, day("2026-03-01")), ReviewState::Scheduled { days_left: 9 });
        assert_eq!(review_state(due, day("2026-03-10")), ReviewState::Scheduled { days_left: 0 });
        assert_eq!(review_state(due, day("2026-03-11")), ReviewState::Overdue { days: 1 });
        assert_eq!(review_state(None, day("2026-03-11")), ReviewState::Unscheduled);
    }

    #[test]
    fn c003_s5_1_5_reviewed_moves_the_review_date() {
        let today = day("2026-02-28");
        assert_eq!(next_review(today, None), Ok(day("2027-02-28")));
        assert_eq!(next_review(day("2028-02-29"), None), Ok(day("2029-02-28")));
        assert_eq!(next_review(today, Some(day("2026-09-01"))), Ok(day("2026-09-01")));
        assert_eq!(next_review(today, Some(today)), Err(EditorialRefusal::ReviewNotLater { today }));
    }
}
