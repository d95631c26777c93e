//! What of a queue the analyst sees: the rows their filter keeps, in the
//! order they chose, and of those only the slice in sight. A queue of
//! thousands of tickets is worked out once (its SLA clocks are the costly
//! part) and kept; filtering, sorting and scrolling read the kept rows, so
//! the window holds a screenful of rows, not the queue. Opened with no
//! filter, the most recently updated first, a queue shows its first rows
//! before it is worked out: the replica keeps that order, so only the rows
//! in sight need their SLA.

use crate::{Client, QueueFilter, QueueItem, QueueQuery, QueueSort, QueueSortKey, QueueWindow, Result, SortDirection};
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

/// A queue worked out from the replica, kept for the windows read from it,
/// with every group and owner of its rows.
pub(crate) struct KeptQueue {
    name: String,
    rows: Vec<QueueItem>,
    groups: Vec<String>,
    owners: Vec<String>,
}

impl KeptQueue {
    fn of(name: &str, rows: Vec<QueueItem>) -> KeptQueue {
        let groups: BTreeSet<&str> = rows.iter().map(|row| row.group.as_str()).collect();
        let owners: BTreeSet<&str> = rows.iter().filter_map(|row| row.owner.as_deref()).collect();
        KeptQueue {
            name: name.to_string(),
            groups: groups.into_iter().map(str::to_string).collect(),
            owners: owners.into_iter().map(str::to_string).collect(),
            rows,
        }
    }
}

/// Rows of a window at most.
const LARGEST_WINDOW: usize = 500;

impl Client {
    /// The rows of queue `query.name` that its filter keeps, sorted, from
    /// `offset` on. The queue is worked out anew when `refresh` is set or
    /// when another queue was kept; otherwise the kept rows are used.
    ///
    /// Asked anew for the most recently updated rows with no filter (how
    /// the queue of all tickets opens), the window is cut from the queue's
    /// first rows alone; the whole queue is worked out when a window of
    /// another filter or order, or further down, is asked for.
    pub fn queue_window(&self, query: &QueueQuery) -> Result<QueueWindow> {
        let kept = crate::lock(&self.kept_queue).clone().filter(|k| k.name == query.name);
        if let Some(kept) = kept.filter(|_| !query.refresh) {
            return Ok(window(&kept, query));
        }
        if query.refresh && cut_from_the_first_rows(query) {
            // What was kept is out of date.
            *crate::lock(&self.kept_queue) = None;
            return self.first_rows_window(query);
        }
        let kept = self.worked_out(&query.name)?;
        *crate::lock(&self.kept_queue) = Some(kept.clone());
        Ok(window(&kept, query))
    }

    /// Queue `name` worked out on a thread of its own and copied to this
    /// one: the working memory (the replica's rows, their SLA) is then
    /// freed whole, not pinned by kept rows between its pieces, and the
    /// system can take it back.
    fn worked_out(&self, name: &str) -> Result<Arc<KeptQueue>> {
        let rows = std::thread::scope(|s| s.spawn(|| self.queue(name)).join()).unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let kept = Arc::new(KeptQueue::of(name, rows.to_vec()));
        drop(rows);
        Ok(kept)
    }

    /// The window of a queue with no filter, most recently updated first,
    /// out of its first rows.
    fn first_rows_window(&self, query: &QueueQuery) -> Result<QueueWindow> {
        let limit = (query.limit as usize).min(LARGEST_WINDOW);
        let (rows, head) = self.queue_head(&query.name, (query.offset as usize).saturating_add(limit))?;
        let groups = head.groups.into_iter().collect();
        let owners = head.owners.into_iter().collect();
        Ok(cut(&sorted(rows.iter().collect(), query.sort), head.total, head.total, groups, owners, query))
    }
}

/// Whether the window `query` asks for anew can be cut from the queue's
/// first rows in the replica's order: no filter, the most recently updated
/// first, and a queue the replica decides alone (`breaching` needs every
/// row's SLA).
fn cut_from_the_first_rows(query: &QueueQuery) -> bool {
    let QueueFilter { statuses, priorities, text } = &query.filter;
    statuses.is_empty()
        && priorities.is_empty()
        && text.trim().is_empty()
        && query.sort
            == QueueSort {
                key: QueueSortKey::Updated,
                direction: SortDirection::Desc,
            }
        && query.name != "breaching"
}

/// The window `query` asks for, out of a kept queue.
fn window(kept: &KeptQueue, query: &QueueQuery) -> QueueWindow {
    let matched = sorted(filtered(&kept.rows, &query.filter), query.sort);
    cut(&matched, matched.len(), kept.rows.len(), kept.groups.clone(), kept.owners.clone(), query)
}

/// The window `query` asks for out of the rows its filter keeps, sorted
/// (`matched` of them in all, `total` in the queue).
fn cut(sorted: &[&QueueItem], matched: usize, total: usize, groups: Vec<String>, owners: Vec<String>, query: &QueueQuery) -> QueueWindow {
    let offset = (query.offset as usize).min(sorted.len());
    let end = offset.saturating_add((query.limit as usize).min(LARGEST_WINDOW)).min(sorted.len());
    QueueWindow {
        total: total as u32,
        matched: matched as u32,
        offset: offset as u32,
        rows: sorted[offset..end].iter().map(|row| (*row).clone()).collect(),
        groups,
        owners,
    }
}

/// The rows with one of the chosen statuses and priorities (any, when none
/// is chosen) and every typed word, in any order and case, in the number,
/// subject, group or owner.
fn filtered<'a>(rows: &'a [QueueItem], filter: &QueueFilter) -> Vec<&'a QueueItem> {
    let words: Vec<String> = filter.text.split_whitespace().map(str::to_lowercase).collect();
    rows.iter()
        .filter(|row| filter.statuses.is_empty() || filter.statuses.contains(&row.status))
        .filter(|row| filter.priorities.is_empty() || filter.priorities.contains(&row.priority))
        .filter(|row| {
            if words.is_empty() {
                return true;
            }
            let haystack = format!(
                "{}\u{1}{}\u{1}{}\u{1}{}",
                row.number,
                row.subject,
                row.group,
                row.owner.as_deref().unwrap_or("")
            )
            .to_lowercase();
            words.iter().all(|word| haystack.contains(word.as_str()))
        })
        .collect()
}

/// Sorted by `sort`; ties go to the most urgent deadline, then the number.
/// A ticket with no deadline to meet (none, or resolved or closed) sorts
/// after every deadline.
fn sorted(mut rows: Vec<&QueueItem>, sort: QueueSort) -> Vec<&QueueItem> {
    let due = |row: &QueueItem| if row.status.stops_clock() { None } else { row.next_due };
    let by_due = |a: &QueueItem, b: &QueueItem| match (due(a), due(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    rows.sort_by(|a, b| {
        let chosen = match sort.key {
            QueueSortKey::Due => by_due(a, b),
            QueueSortKey::Priority => a.priority.cmp(&b.priority),
            QueueSortKey::Updated => a.updated_at.cmp(&b.updated_at),
            QueueSortKey::Number => numbers_compared(&a.number, &b.number),
            QueueSortKey::Status => a.status.cmp(&b.status),
        };
        let chosen = match sort.direction {
            SortDirection::Asc => chosen,
            SortDirection::Desc => chosen.reverse(),
        };
        chosen.then_with(|| by_due(a, b)).then_with(|| numbers_compared(&a.number, &b.number))
    });
    rows
}

/// Compares ticket numbers with their runs of digits as numbers
/// (`HD-9` before `HD-10`).
fn numbers_compared(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = a.split_at(a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len()));
                let (db, rb) = b.split_at(b.find(|c: char| !c.is_ascii_digit()).unwrap_or(b.len()));
                let (ta, tb) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
                let order = ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb));
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                let order = x.to_lowercase().cmp(y.to_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
            }
        }
    }
}

#[cfg(test)]
#[path = "queue_window_tests.rs"]
mod tests;
