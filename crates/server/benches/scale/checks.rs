//! The checks at the end of a run, against the server's current state
//! (every ticket read by the administrator):
//!
//! * exactly once: each comment and workaround carries its op's mark; an
//!   op answered `applied` is on its ticket exactly once, any other op not
//!   at all, and no mark is there that no client was told about; each
//!   ticket's version grew by exactly the number of ops applied to it;
//! * monotone delivery: what the clients found while pulling (cursors and
//!   seqs per bucket never going back, no ticket version going back);
//! * no skipped change: no stale ticket after a complete pull (see `client`);
//! * convergence: after a last complete pull, every client holds exactly
//!   the tickets a fresh full pull of its user gets, with the same bodies,
//!   at the versions the administrator reads.

use crate::client::{marker, Final, Kind, Shared, SimClient};
use crate::fixture::Fixture;
use crate::http::{get_json, Http};
use helpdesk_domain::workflow::EventKind;
use helpdesk_protocol::TicketView;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

#[derive(Default)]
pub struct Verdict {
    pub ops: usize,
    pub applied: usize,
    pub outcomes: BTreeMap<String, usize>,
    pub lost: Vec<String>,
    pub doubled: Vec<String>,
    pub phantom: Vec<String>,
    pub unknown_marks: Vec<String>,
    pub tickets: usize,
    pub version_off: Vec<String>,
    pub unanswered: usize,
    pub changes_received: u64,
    pub monotone: Vec<String>,
    pub regressions: Vec<String>,
    pub stale_checks: u64,
    pub stale: Vec<String>,
    pub compared: usize,
    pub not_converged: Vec<String>,
    pub client_errors: Vec<String>,
}

impl Verdict {
    pub fn exactly_once(&self) -> bool {
        self.lost.is_empty()
            && self.doubled.is_empty()
            && self.phantom.is_empty()
            && self.unknown_marks.is_empty()
            && self.version_off.is_empty()
            && self.unanswered == 0
    }

    pub fn monotone(&self) -> bool {
        self.monotone.is_empty() && self.regressions.is_empty()
    }

    pub fn no_skipped_change(&self) -> bool {
        self.stale.is_empty()
    }

    pub fn converged(&self) -> bool {
        self.not_converged.is_empty()
    }

    pub fn all_pass(&self) -> bool {
        self.exactly_once() && self.monotone() && self.no_skipped_change() && self.converged() && self.client_errors.is_empty()
    }
}

/// Every ticket of the fixture as the administrator reads it now.
async fn server_tickets(http: &Http, base: &str, fixture: &Fixture) -> Result<HashMap<String, TicketView>, String> {
    let reads = fixture.tickets.iter().map(|group| async move {
        let mut views = Vec::new();
        for (id, _) in group {
            views.push(get_json::<TicketView>(http, base, &format!("/api/v1/tickets/{id}"), &fixture.admin_token).await?);
        }
        Ok::<_, String>(views)
    });
    let mut out = HashMap::new();
    for group in futures_util::future::join_all(reads).await {
        for view in group? {
            out.insert(view.ticket.id.clone(), view);
        }
    }
    Ok(out)
}

/// The marks found on the server: how many times each.
fn marks_on(views: &HashMap<String, TicketView>) -> HashMap<String, usize> {
    let mut found: HashMap<String, usize> = HashMap::new();
    let mut count = |text: &str, prefix: &str| {
        for piece in text.split('⟦').skip(1) {
            if let Some((mark, _)) = piece.split_once('⟧') {
                if mark.starts_with(prefix) {
                    *found.entry(format!("⟦{mark}⟧")).or_default() += 1;
                }
            }
        }
    };
    for view in views.values() {
        for comment in &view.ticket.comments {
            count(&comment.text, "c:");
        }
        for event in &view.events {
            if let EventKind::WorkaroundGiven { text } = &event.kind {
                count(text, "w:");
            }
        }
    }
    found
}

fn kept(list: &mut Vec<String>, message: String) {
    if list.len() < 5 {
        list.push(message);
    } else {
        list.push(String::new());
    }
}

/// The final pulls and the checks; `base` reaches a live replica directly.
pub async fn verify(clients: &mut [SimClient], shared: &Arc<Shared>, fixture: &Fixture, http: &Http, base: &str) -> Verdict {
    let mut verdict = Verdict::default();
    let views = match server_tickets(http, base, fixture).await {
        Ok(v) => v,
        Err(e) => {
            verdict.client_errors.push(format!("reading the server's tickets: {e}"));
            return verdict;
        }
    };
    verdict.tickets = views.len();

    // Exactly once.
    let mut marks = marks_on(&views);
    let mut applied_per_ticket: HashMap<&str, u64> = HashMap::new();
    for client in clients.iter() {
        verdict.unanswered += client.unanswered();
        for sent in &client.sent {
            verdict.ops += 1;
            let outcome = match &sent.outcome {
                Final::Applied(_) => "applied".to_string(),
                Final::Conflict => "conflict".to_string(),
                Final::Held => "held".to_string(),
                Final::Rejected(code) => format!("rejected ({code})"),
            };
            let kind = match sent.kind {
                Kind::Comment => "comment",
                Kind::Workaround => "workaround",
                Kind::Take => "take",
            };
            *verdict.outcomes.entry(format!("{kind} {outcome}")).or_default() += 1;
            let applied = matches!(sent.outcome, Final::Applied(_));
            if applied {
                verdict.applied += 1;
                *applied_per_ticket.entry(sent.ticket.as_str()).or_default() += 1;
            }
            let Some(mark) = marker(sent.kind, &client.client_id, sent.seq) else {
                continue;
            };
            let found = marks.remove(&mark).unwrap_or(0);
            match (applied, found) {
                (true, 1) | (false, 0) => {}
                (true, 0) => kept(&mut verdict.lost, format!("{mark} answered applied, not on {}", sent.ticket)),
                (true, n) => kept(&mut verdict.doubled, format!("{mark} applied {n} times on {}", sent.ticket)),
                (false, n) => kept(
                    &mut verdict.phantom,
                    format!("{mark} answered {:?}, yet on {} {n} time(s)", sent.outcome, sent.ticket),
                ),
            }
        }
    }
    for (mark, n) in marks {
        kept(
            &mut verdict.unknown_marks,
            format!("{mark} on the server {n} time(s), no client was told it applied"),
        );
    }
    for (id, initial) in fixture.tickets.iter().flatten() {
        let applied = applied_per_ticket.get(id.as_str()).copied().unwrap_or(0);
        match views.get(id) {
            Some(view) if view.ticket.version == initial + applied => {}
            Some(view) => kept(
                &mut verdict.version_off,
                format!("{id}: version {} ≠ {initial} + {applied} applied ops", view.ticket.version),
            ),
            None => kept(&mut verdict.version_off, format!("{id}: not read back")),
        }
    }

    // Last complete pull of every client (nothing is pushed any more).
    let give_up = Instant::now() + std::time::Duration::from_secs(120);
    let finals = clients.iter_mut().map(|c| {
        let shared = shared.clone();
        async move {
            let past = Instant::now();
            c.pull_complete(&shared, past, give_up).await
        }
    });
    for result in futures_util::future::join_all(finals).await {
        if let Err(e) = result {
            verdict.client_errors.push(e);
        }
    }

    // What the clients saw on the way.
    for client in clients.iter() {
        verdict.changes_received += client.stats.changes_received;
        verdict.stale_checks += client.stats.stale_checks;
        verdict.monotone.extend(client.stats.monotone.iter().cloned());
        verdict.regressions.extend(client.stats.regressions.iter().cloned());
        verdict.stale.extend(client.stats.stale.iter().cloned());
        verdict.client_errors.extend(client.stats.errors.iter().cloned());
    }

    // Convergence: a fresh full pull per user is the server's current view.
    let mut references: HashMap<String, HashMap<String, Value>> = HashMap::new();
    for client in clients.iter() {
        if references.contains_key(&client.username) {
            continue;
        }
        let mut fresh = client.fresh_twin(format!("scale-ref-{}", client.username));
        if let Err(e) = fresh.pull_complete(shared, Instant::now(), give_up).await {
            verdict.client_errors.push(e);
            continue;
        }
        let bodies = fresh.view.tickets.iter().map(|(id, held)| (id.clone(), held.body.to_value())).collect();
        references.insert(client.username.clone(), bodies);
    }
    for client in clients.iter() {
        let Some(reference) = references.get(&client.username) else { continue };
        let mut differences = Vec::new();
        for (id, body) in reference {
            verdict.compared += 1;
            match client.view.tickets.get(id) {
                None => differences.push(format!("{id} missing")),
                Some(held) => {
                    let mine: Value = held.body.to_value();
                    if &mine != body {
                        differences.push(format!("{id} at version {} ≠ the server's {}", held.version, body["ticket"]["version"]));
                    }
                }
            }
            let current = views.get(id).map(|v| v.ticket.version);
            if current.is_some() && body["ticket"]["version"].as_u64() != current {
                differences.push(format!(
                    "{id}: a fresh pull serves version {}, the administrator reads {current:?}",
                    body["ticket"]["version"]
                ));
            }
        }
        for id in client.view.tickets.keys().filter(|id| !reference.contains_key(*id)) {
            differences.push(format!("{id} held but not the user's any more"));
        }
        if !differences.is_empty() {
            let shown: Vec<&String> = differences.iter().take(3).collect();
            kept(
                &mut verdict.not_converged,
                format!("{}: {} ticket(s) differ, e.g. {shown:?}", client.client_id, differences.len()),
            );
        }
    }
    verdict
}
