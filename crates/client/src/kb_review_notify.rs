//! The owner's reminder of a knowledge-base article's periodic review (003
//! §5.1.5): once a published article the user wrote is past its review
//! date, their laptop rings, from the replica alone (offline like the SLA
//! warnings), once per article and review date — recorded in the ledger as
//! (article, [`LEDGER_METRIC`], the review date). A new review date (the
//! article was reviewed, and later fell due again) rings again. Whether an
//! article is overdue, and in which time zone its date is read, is the
//! domain's (`helpdesk_domain::kb_review`); the server's daily job flags
//! the same articles and lists them in «Час переглянути».

use crate::ledger::Ledger;
use crate::types::{Notification, NotificationKind};
use crate::{Client, Result};
use chrono::{DateTime, Utc};
use helpdesk_domain::kb_review::{review_state, review_today, ReviewState};
use helpdesk_protocol::Me;
use std::collections::BTreeMap;

/// The ledger's metric of the review reminder (its threshold is the date).
pub(crate) const LEDGER_METRIC: &str = "kb_review";

/// The review reminders that ring now for `me`'s articles; each is marked fired.
pub(crate) fn review_reminders(client: &Client, me: &Me, now: DateTime<Utc>, ledger: &mut Ledger) -> Result<Vec<Notification>> {
    let today = review_today(now);
    let mut out = Vec::new();
    let scheduled = client.replica().owned_articles_with_review(&me.id)?;
    for article in scheduled {
        let ReviewState::Overdue { days } = review_state(Some(article.review_due), today) else {
            continue;
        };
        if !ledger.fires(client, &article.id, LEDGER_METRIC, &article.review_due.to_string())? {
            continue;
        }
        out.push(Notification {
            ticket_id: article.id.clone(),
            number: article.id.clone(),
            subject: article.title.clone(),
            kind: NotificationKind::KbReviewDue,
            title_key: "kb-review-due".into(),
            body_args: BTreeMap::from([
                ("subject".to_string(), article.title),
                ("due".to_string(), article.review_due.format("%d.%m.%Y").to_string()),
                ("days".to_string(), days.to_string()),
            ]),
        });
    }
    Ok(out)
}
