//! Moments of a ticket that a regulation counts a term from or to, beyond
//! registration, hand-overs and statuses: a policy's metric starts at
//! `on:NAME` and may stop at `on:NAME` (SPEC §3.2).
//!
//! * `paper_permission_granted` — L1 informed the customs office of
//!   departure and the subject of the regime that a paper declaration may
//!   be used; the permission is valid 24 hours from then (001 §IV.6–7).
//! * `timeline_clarification_requested` / `timeline_conclusion_given` — the
//!   functional customer asked to clarify the implementation timeline of a
//!   change request, and the conclusion answering it: 5 working days
//!   (002 §12).

use crate::model::named_enum;

named_enum!(
    /// A counted moment of a ticket (see the module).
    Milestone {
        PaperPermissionGranted => "paper_permission_granted",
        TimelineClarificationRequested => "timeline_clarification_requested",
        TimelineConclusionGiven => "timeline_conclusion_given",
    }
);
