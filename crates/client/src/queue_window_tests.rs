use super::*;
use chrono::{Duration, TimeZone, Utc};
use helpdesk_domain::{Status, TicketType};

fn item(n: u32, change: impl FnOnce(&mut QueueItem)) -> QueueItem {
    let mut item = QueueItem {
        id: format!("t{n}"),
        number: format!("HD-{n}"),
        subject: format!("Тема {n}"),
        ticket_type: TicketType::Incident,
        status: Status::InProgress,
        priority: 3,
        group: "l2-asmo".into(),
        owner: Some("analyst".into()),
        requester: "Ірина Савчук".into(),
        updated_at: Utc.with_ymd_and_hms(2025, 5, 1, 0, 0, 0).unwrap() + Duration::days(n.into()),
        pending_ops: 0,
        headline: None,
        next_due: Some(Utc.with_ymd_and_hms(2025, 12, 31, 0, 0, 0).unwrap() - Duration::days(n.into())),
        time_zone: "Europe/Kyiv".into(),
    };
    change(&mut item);
    item
}

fn query(filter: QueueFilter, key: QueueSortKey, direction: SortDirection) -> QueueQuery {
    QueueQuery {
        name: "group".into(),
        filter,
        sort: QueueSort { key, direction },
        offset: 0,
        limit: 100,
        refresh: false,
    }
}

/// The window `query` asks for out of `rows` kept as a queue.
fn window_of(rows: &[QueueItem], query: &QueueQuery) -> QueueWindow {
    window(&KeptQueue::of("group", rows.to_vec()), query)
}

fn numbers(window: &QueueWindow) -> Vec<&str> {
    window.rows.iter().map(|r| r.number.as_str()).collect()
}

fn text(text: &str) -> QueueFilter {
    QueueFilter {
        text: text.into(),
        ..QueueFilter::default()
    }
}

#[test]
fn filters_by_status_priority_and_words_in_any_order_and_case() {
    let rows = [
        item(1, |i| i.subject = "Помилка КЕП в АСМО".into()),
        item(2, |i| (i.status, i.priority) = (Status::New, 1)),
        item(3, |i| (i.owner, i.group) = (None, "l2-ncts".into())),
    ];
    let by = |filter| {
        numbers(&window_of(&rows, &query(filter, QueueSortKey::Number, SortDirection::Asc)))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let statuses = QueueFilter {
        statuses: vec![Status::New],
        ..QueueFilter::default()
    };
    assert_eq!(by(statuses), ["HD-2"]);
    let priorities = QueueFilter {
        priorities: vec![1, 3],
        ..QueueFilter::default()
    };
    assert_eq!(by(priorities).len(), 3);
    assert_eq!(by(text("асмо кеп")), ["HD-1"]);
    assert_eq!(by(text("NCTS")), ["HD-3"]);
    assert_eq!(by(text("hd-2")), ["HD-2"]);
    assert_eq!(by(text("  ")).len(), 3, "blank text keeps every row");
}

#[test]
fn sorts_by_deadline_most_urgent_first_and_stopped_tickets_last() {
    let rows = [item(1, |_| ()), item(3, |i| i.priority = 1), item(2, |i| i.status = Status::New)];
    let due = window_of(&rows, &query(QueueFilter::default(), QueueSortKey::Due, SortDirection::Asc));
    assert_eq!(numbers(&due), ["HD-3", "HD-2", "HD-1"]);
    let rows = [item(9, |i| i.status = Status::Resolved), item(1, |_| ()), item(5, |i| i.next_due = None)];
    let due = window_of(&rows, &query(QueueFilter::default(), QueueSortKey::Due, SortDirection::Asc));
    assert_eq!(
        numbers(&due),
        ["HD-1", "HD-5", "HD-9"],
        "no deadline to meet sorts after the deadlines, ties by number"
    );
}

#[test]
fn sorts_by_priority_update_number_and_status() {
    let rows = [item(1, |_| ()), item(3, |i| i.priority = 1), item(2, |i| i.status = Status::New)];
    let sorted_by = |key, direction| {
        numbers(&window_of(&rows, &query(QueueFilter::default(), key, direction)))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        sorted_by(QueueSortKey::Priority, SortDirection::Asc),
        ["HD-3", "HD-2", "HD-1"],
        "ties by deadline"
    );
    assert_eq!(sorted_by(QueueSortKey::Updated, SortDirection::Desc), ["HD-3", "HD-2", "HD-1"]);
    assert_eq!(
        sorted_by(QueueSortKey::Status, SortDirection::Asc),
        ["HD-2", "HD-3", "HD-1"],
        "the workflow's order, ties by deadline"
    );
    let rows = [item(10, |_| ()), item(9, |_| ()), item(100, |i| i.number = "HD-0100".into())];
    let by_number = window_of(&rows, &query(QueueFilter::default(), QueueSortKey::Number, SortDirection::Asc));
    assert_eq!(numbers(&by_number), ["HD-9", "HD-10", "HD-0100"], "digits compare as numbers");
}

#[test]
fn a_window_is_a_slice_of_the_kept_rows_with_the_queues_groups_and_owners() {
    let rows: Vec<QueueItem> = (1..=28).map(|n| item(n, |i| i.group = format!("g{}", n % 3))).collect();
    let mut q = query(QueueFilter::default(), QueueSortKey::Number, SortDirection::Asc);
    (q.offset, q.limit) = (10, 5);
    let w = window_of(&rows, &q);
    assert_eq!((w.total, w.matched, w.offset), (28, 28, 10));
    assert_eq!(numbers(&w), ["HD-11", "HD-12", "HD-13", "HD-14", "HD-15"]);
    assert_eq!(w.groups, ["g0", "g1", "g2"]);
    assert_eq!(w.owners, ["analyst"]);
    (q.offset, q.limit) = (26, 100);
    assert_eq!(numbers(&window_of(&rows, &q)), ["HD-27", "HD-28"], "the last rows");
    q.offset = 40;
    let past = window_of(&rows, &q);
    assert!(past.rows.is_empty() && past.offset == 28, "past the end: an empty window at the end");
    q.filter = text("HD-2");
    q.offset = 0;
    let kept = window_of(&rows, &q);
    assert_eq!((kept.total, kept.matched), (28, 10), "HD-2 and HD-20…28");
}
