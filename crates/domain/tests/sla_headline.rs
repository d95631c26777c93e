//! The clock a queue's row shows for a ticket (`SlaReport::headline`): one
//! rule, written here, that the desktop's queue and the CLI both show.

use chrono::{DateTime, Utc};
use helpdesk_domain::sla::{ClockState, MetricReport, SlaReport};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn metric(name: &str, state: ClockState, due: Option<&str>) -> MetricReport {
    MetricReport {
        name: name.into(),
        target: None,
        due: due.map(at),
        state,
        started_at: None,
        stopped_at: None,
        elapsed_working_seconds: 0,
        remaining_working_seconds: 0,
        used_share: None,
        warnings: Vec::new(),
        steps: Vec::new(),
        placeholder: None,
    }
}

fn report(metrics: Vec<MetricReport>) -> SlaReport {
    SlaReport { metrics, next_change: None }
}

fn headline(r: &SlaReport, stopped: bool) -> Option<&str> {
    r.headline(stopped).map(|m| m.name.as_str())
}

#[test]
fn an_open_ticket_shows_its_active_clock_with_the_earliest_deadline() {
    let reaction_met = report(vec![
        metric("reaction", ClockState::Met, Some("2025-05-14T09:30:00Z")),
        metric("resolution", ClockState::Running, Some("2025-05-14T17:00:00Z")),
    ]);
    assert_eq!(headline(&reaction_met, false), Some("resolution"));

    let both_running = report(vec![
        metric("reaction", ClockState::Running, Some("2025-05-14T09:30:00Z")),
        metric("resolution", ClockState::Running, Some("2025-05-14T17:00:00Z")),
    ]);
    assert_eq!(headline(&both_running, false), Some("reaction"));

    // A breached clock is still active; a paused one too, and an earlier deadline wins.
    let later_breach = report(vec![
        metric("resolution", ClockState::Breached, Some("2025-05-14T17:00:00Z")),
        metric("answer", ClockState::Paused, Some("2025-05-14T12:00:00Z")),
    ]);
    assert_eq!(headline(&later_breach, false), Some("answer"));

    // An active clock without a deadline is kept until one with a deadline comes.
    let no_due_first = report(vec![
        metric("reaction", ClockState::Paused, None),
        metric("resolution", ClockState::Running, Some("2025-05-14T17:00:00Z")),
    ]);
    assert_eq!(headline(&no_due_first, false), Some("resolution"));
}

#[test]
fn a_breach_that_stopped_gives_way_to_the_clock_still_counting() {
    // Reaction breached and stopped when the ticket was taken late: the row
    // shows resolution, not a reaction overdue by ever more.
    let mut late_reaction = metric("reaction", ClockState::Breached, Some("2025-05-14T09:30:00Z"));
    late_reaction.stopped_at = Some(at("2025-05-14T11:00:00Z"));
    let r = report(vec![late_reaction, metric("resolution", ClockState::Running, Some("2025-05-16T17:00:00Z"))]);
    assert_eq!(headline(&r, false), Some("resolution"));
    // Still counting past its deadline, the breach is what the row shows.
    let r = report(vec![
        metric("reaction", ClockState::Breached, Some("2025-05-14T09:30:00Z")),
        metric("resolution", ClockState::Running, Some("2025-05-16T17:00:00Z")),
    ]);
    assert_eq!(headline(&r, false), Some("reaction"));
}

#[test]
fn without_an_active_clock_the_first_is_shown_and_without_clocks_none() {
    let nothing_running = report(vec![
        metric("reaction", ClockState::NotStarted, None),
        metric("resolution", ClockState::NotStarted, None),
    ]);
    assert_eq!(headline(&nothing_running, false), Some("reaction"));
    assert_eq!(headline(&report(Vec::new()), false), None);
    assert_eq!(headline(&report(Vec::new()), true), None);
}

#[test]
fn a_resolved_or_closed_ticket_shows_a_breach_else_its_last_clock() {
    let breached_reaction = report(vec![
        metric("reaction", ClockState::Breached, Some("2025-05-14T09:30:00Z")),
        metric("resolution", ClockState::Met, Some("2025-05-14T17:00:00Z")),
    ]);
    assert_eq!(headline(&breached_reaction, true), Some("reaction"));

    let all_met = report(vec![
        metric("reaction", ClockState::Met, Some("2025-05-14T09:30:00Z")),
        metric("resolution", ClockState::Met, Some("2025-05-14T17:00:00Z")),
    ]);
    assert_eq!(headline(&all_met, true), Some("resolution"));
}
