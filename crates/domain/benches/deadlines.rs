//! Deadline computation speed: the target is ≥ 1 million deadlines per
//! second per core for terms up to 160 working hours or 40 working days on a
//! calendar with holidays, at a cost that does not grow with the term.
//!
//! `cargo bench -p helpdesk-domain --bench deadlines`; each benchmark
//! computes 1,000 deadlines from different starts, so the time per
//! iteration in µs is the time per deadline in ns.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use helpdesk_domain::policy::{Policy, TicketClass};
use helpdesk_domain::sla::{evaluate, ClockEvent, ClockEventKind};
use helpdesk_domain::{Priority, TicketType};
use std::hint::black_box;

const STARTS: usize = 1000;

fn starts() -> Vec<DateTime<Utc>> {
    let first = DateTime::parse_from_rfc3339("2026-01-05T06:17:00Z").unwrap().with_timezone(&Utc);
    // Spread over a year, at every time of day.
    (0..STARTS as i64).map(|i| first + Duration::minutes(i * 523)).collect()
}

/// Russian public holidays of 2026–2027 (002's calendar), as an administrator would list them.
fn holidays() -> Vec<NaiveDate> {
    let days = [
        "2026-01-01",
        "2026-01-02",
        "2026-01-05",
        "2026-01-06",
        "2026-01-07",
        "2026-01-08",
        "2026-02-23",
        "2026-03-09",
        "2026-05-01",
        "2026-05-11",
        "2026-06-12",
        "2026-11-04",
        "2026-12-31",
        "2027-01-01",
        "2027-01-04",
        "2027-01-05",
        "2027-01-06",
        "2027-01-07",
        "2027-01-08",
        "2027-02-23",
        "2027-03-08",
        "2027-05-03",
        "2027-05-10",
        "2027-06-14",
        "2027-11-04",
    ];
    days.iter().map(|d| d.parse().unwrap()).collect()
}

fn bench_calendar(c: &mut Criterion) {
    let policy = Policy::preset("lenobl-budget").unwrap().compile(&holidays(), &[]).unwrap();
    let calendar = policy.main_calendar().clone();
    let starts = starts();

    let mut group = c.benchmark_group("working_hours_deadline");
    group.throughput(Throughput::Elements(STARTS as u64));
    for hours in [8i64, 40, 160, 2000] {
        group.bench_with_input(BenchmarkId::from_parameter(hours), &hours, |b, &hours| {
            b.iter(|| {
                for &start in &starts {
                    black_box(calendar.add_working(black_box(start), hours * 3600).unwrap());
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("working_days_deadline");
    group.throughput(Throughput::Elements(STARTS as u64));
    for days in [1u32, 10, 40, 250] {
        group.bench_with_input(BenchmarkId::from_parameter(days), &days, |b, &days| {
            b.iter(|| {
                for &start in &starts {
                    let last = calendar.nth_working_day_after(calendar.local_date(black_box(start)), days).unwrap();
                    black_box(calendar.close_of(last));
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("working_time_between");
    group.throughput(Throughput::Elements(STARTS as u64));
    group.bench_function("160h_span", |b| {
        let ends: Vec<_> = starts.iter().map(|s| *s + Duration::days(9)).collect();
        b.iter(|| {
            for (start, end) in starts.iter().zip(&ends) {
                black_box(calendar.working_between(*start, *end));
            }
        })
    });
    group.finish();
}

fn bench_engine(c: &mut Criterion) {
    let policy = Policy::preset("lenobl-budget").unwrap().compile(&holidays(), &[]).unwrap();
    let class = TicketClass {
        ticket_type: TicketType::Incident,
        priority: Some(Priority::new(3).unwrap()),
        complexity: None,
        service: None,
    };
    let starts = starts();
    let mut group = c.benchmark_group("engine_evaluate");
    group.throughput(Throughput::Elements(STARTS as u64));
    group.bench_function("registered_then_paused", |b| {
        b.iter(|| {
            for &start in &starts {
                let events = [
                    ClockEvent {
                        at: start,
                        kind: ClockEventKind::Registered { line: None },
                    },
                    ClockEvent {
                        at: start + Duration::hours(3),
                        kind: ClockEventKind::Status {
                            to: helpdesk_domain::Status::AwaitingInfo,
                        },
                    },
                    ClockEvent {
                        at: start + Duration::hours(30),
                        kind: ClockEventKind::Status {
                            to: helpdesk_domain::Status::InProgress,
                        },
                    },
                ];
                black_box(evaluate(&policy, &class, &events, start + Duration::hours(31)).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_calendar, bench_engine);
criterion_main!(benches);
