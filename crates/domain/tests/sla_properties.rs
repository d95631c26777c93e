//! Properties of the SLA engine over many generated cases (proptest):
//! pauses never bring a deadline earlier, working time round-trips, deadlines
//! are monotone in the target, and all of it across Kyiv's DST changes.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::*;
use helpdesk_domain::calendar::Calendar;
use helpdesk_domain::policy::{CompiledPolicy, Policy, Term, TicketClass};
use helpdesk_domain::sla::{evaluate, ClockEvent};
use helpdesk_domain::target::{Target, Unit};
use helpdesk_domain::{Status, TicketType};
use proptest::prelude::*;

const PRESETS: [&str; 3] = ["lenobl-budget", "customs-contact-centre", "customs-helpdesk"];
const UNITS: [Unit; 6] = [
    Unit::CalendarMinutes,
    Unit::CalendarHours,
    Unit::CalendarDays,
    Unit::WorkingMinutes,
    Unit::WorkingHours,
    Unit::WorkingDays,
];

/// A preset whose `resolution` has one target for every ticket.
fn with_target(preset: &str, target: Target, holidays: &[chrono::NaiveDate]) -> CompiledPolicy {
    let mut policy = Policy::preset(preset).unwrap();
    let resolution = policy.metrics.iter_mut().find(|m| m.name == "resolution").unwrap();
    resolution.start = "registered".parse().unwrap();
    resolution.max_from_start = None;
    resolution.targets = vec![helpdesk_domain::policy::TargetRule {
        types: vec![],
        priority: None,
        complexity: None,
        service: None,
        target: Term::Fixed(target),
        with_workaround: None,
        placeholder: None,
    }];
    policy.compile(holidays, &[]).unwrap()
}

fn ticket() -> TicketClass {
    class(TicketType::Incident, 3)
}

fn resolution_due(policy: &CompiledPolicy, events: &[ClockEvent], now: DateTime<Utc>) -> DateTime<Utc> {
    let report = evaluate(policy, &ticket(), events, now).unwrap();
    metric(&report, "resolution").due.unwrap()
}

/// Instants through 2026, both DST changes of Europe/Kyiv included.
fn instant_2026() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..365 * 24 * 60).prop_map(|minutes| at("2026-01-01T00:00:00Z") + Duration::minutes(minutes))
}

/// Instants within two days of Kyiv's DST changes (29 Mar, 25 Oct 2026).
fn instant_near_dst() -> impl Strategy<Value = DateTime<Utc>> {
    (prop::bool::ANY, -2880i64..2880).prop_map(|(spring, minutes)| {
        let change = if spring { at("2026-03-29T01:00:00Z") } else { at("2026-10-25T01:00:00Z") };
        change + Duration::minutes(minutes)
    })
}

fn amount_for(unit: Unit) -> std::ops::Range<u32> {
    match unit {
        Unit::CalendarMinutes | Unit::WorkingMinutes => 1..10_000,
        Unit::CalendarHours | Unit::WorkingHours => 1..200,
        Unit::CalendarDays | Unit::WorkingDays => 1..60,
    }
}

fn target() -> impl Strategy<Value = Target> {
    prop::sample::select(UNITS.to_vec()).prop_flat_map(|unit| amount_for(unit).prop_map(move |amount| Target::new(amount, unit)))
}

fn holidays() -> impl Strategy<Value = Vec<chrono::NaiveDate>> {
    prop::collection::vec(0u64..365, 0..12).prop_map(|days| days.into_iter().map(|d| date("2026-01-01") + chrono::Days::new(d)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_pause_never_brings_the_deadline_earlier(
        preset in prop::sample::select(PRESETS.to_vec()),
        target in target(),
        holidays in holidays(),
        start in instant_2026(),
        pause_after in 0i64..20_000,
        pause_for in 1i64..20_000,
        status in prop::sample::select(vec![Status::AwaitingInfo, Status::Postponed]),
    ) {
        let policy = with_target(preset, target, &holidays);
        let registered = ClockEvent { at: start, kind: helpdesk_domain::sla::ClockEventKind::Registered { line: None } };
        let pause_from = start + Duration::minutes(pause_after);
        let pause_to = pause_from + Duration::minutes(pause_for);
        let now = pause_to;
        let plain = resolution_due(&policy, std::slice::from_ref(&registered), now);
        let paused = resolution_due(&policy, &[
            registered.clone(),
            ClockEvent { at: pause_from, kind: helpdesk_domain::sla::ClockEventKind::Status { to: status } },
            ClockEvent { at: pause_to, kind: helpdesk_domain::sla::ClockEventKind::Status { to: Status::InProgress } },
        ], now);
        prop_assert!(paused >= plain, "{target} from {start}: paused {paused} < plain {plain}");
    }

    #[test]
    fn deadlines_are_monotone_in_the_target(
        preset in prop::sample::select(PRESETS.to_vec()),
        unit in prop::sample::select(UNITS.to_vec()),
        a in 1u32..150,
        b in 1u32..150,
        holidays in holidays(),
        start in instant_2026(),
    ) {
        let (short, long) = (a.min(b), a.max(b));
        let events = [ClockEvent { at: start, kind: helpdesk_domain::sla::ClockEventKind::Registered { line: None } }];
        let due_short = resolution_due(&with_target(preset, Target::new(short, unit), &holidays), &events, start);
        let due_long = resolution_due(&with_target(preset, Target::new(long, unit), &holidays), &events, start);
        prop_assert!(due_short <= due_long, "{short} vs {long} {unit:?} from {start}");
    }

    #[test]
    fn adding_working_time_then_measuring_it_round_trips(
        preset in prop::sample::select(PRESETS.to_vec()),
        holidays in holidays(),
        start in instant_2026(),
        seconds in 0i64..160 * 3600,
    ) {
        let calendar: Calendar = with_target(preset, Target::new(1, Unit::WorkingHours), &holidays).main_calendar().clone();
        let due = calendar.add_working(start, seconds).unwrap();
        prop_assert_eq!(calendar.working_between(start, due), seconds);
        if seconds > 0 {
            prop_assert!(calendar.working_between(start, due - Duration::seconds(1)) < seconds, "not the first such instant");
        }
    }

    #[test]
    fn across_kyiv_dst_changes(
        start in instant_near_dst(),
        hours in 1u32..72,
        seconds in 0i64..40 * 3600,
    ) {
        // 24×7: working hours are elapsed hours (rule 4).
        let round_the_clock = with_target("customs-helpdesk", Target::new(hours, Unit::WorkingHours), &[]);
        let events = [ClockEvent { at: start, kind: helpdesk_domain::sla::ClockEventKind::Registered { line: None } }];
        prop_assert_eq!(resolution_due(&round_the_clock, &events, start) - start, Duration::hours(i64::from(hours)));
        // A weekly Kyiv calendar still round-trips working time over the change.
        let weekly = with_target("customs-contact-centre", Target::new(1, Unit::WorkingHours), &[]);
        let calendar = weekly.main_calendar();
        let due = calendar.add_working(start, seconds).unwrap();
        prop_assert_eq!(calendar.working_between(start, due), seconds);
        // A calendar day is one local date: 1 calendar day ends at a local close.
        let day = with_target("customs-helpdesk", Target::new(1, Unit::CalendarDays), &[]);
        let due = resolution_due(&day, &events, start);
        let local = due.with_timezone(&chrono_tz::Europe::Kyiv);
        prop_assert_eq!(local.format("%H:%M").to_string(), "00:00");
        prop_assert_eq!(local.date_naive(), calendar.local_date(start) + chrono::Days::new(2));
    }
}
