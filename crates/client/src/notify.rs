//! Which notifications are due, and their texts.
//!
//! Scope: the analyst's open tickets — owned by them, or nobody's in one of
//! their groups — for SLA thresholds and requester answers; tickets owned
//! by them or in their groups for hand-overs.
//!
//! * **SLA**: for each metric whose clock is running or breached (never
//!   while paused), each threshold of the user's settings that is reached
//!   is recorded in the ledger as (ticket, metric, `0.75`); one
//!   notification per metric and scan, for the highest threshold newly
//!   reached, so a ticket that jumped two thresholds while the laptop slept
//!   does not ring twice.
//! * **Events** after the first scan of this profile (older history never
//!   rings): handed to the analyst (`owner_changed` to them), re-routed or
//!   escalated to one of their groups, the requester answered
//!   (`info_received`, or a public comment by the requester) — each event
//!   recorded as (ticket, `event:<kind>:<index in the trail>`, `event`);
//!   the analyst's own actions never ring; of the events of one action only
//!   the most specific rings.
//! * **Co-executor groups and actions not applied**: see `notify_involved`.
//! * **Knowledge-base articles due for review** (to their owner): see
//!   `kb_review_notify`.
//! * **Quiet hours**: nothing is returned and nothing is recorded, so what
//!   was due comes when they end.

use crate::ledger::Ledger;
use crate::types::*;
use crate::{Client, ClientError, Result};
use chrono::{DateTime, Local, NaiveTime, Utc};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use helpdesk_domain::sla::{ClockState, Step};
use helpdesk_domain::ticket::Visibility;
use helpdesk_domain::workflow::EventKind;
use helpdesk_replica::{Queue, QueueRow, SettingKey};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) fn parse_hhmm(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// Whether `local` (a wall-clock time) falls in the quiet hours.
pub(crate) fn is_quiet(quiet: Option<&QuietHours>, local: NaiveTime) -> bool {
    let Some(q) = quiet else { return false };
    let (Some(from), Some(to)) = (parse_hhmm(&q.from), parse_hhmm(&q.to)) else {
        return false;
    };
    if from == to {
        false
    } else if from < to {
        from <= local && local < to
    } else {
        local >= from || local < to
    }
}

/// The tickets the notifier looks at: the analyst's and their groups'.
fn candidates(client: &Client) -> Result<Vec<QueueRow>> {
    let replica = client.replica();
    let mut rows = replica.queue(Queue::Mine)?;
    let mine: BTreeSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    rows.extend(replica.queue(Queue::Group)?.into_iter().filter(|r| !mine.contains(&r.id)));
    Ok(rows)
}

/// Watched for SLA thresholds and requester answers: open, and the
/// analyst's, or nobody's in one of their groups.
fn is_watched(row: &QueueRow, me: &str, groups: &[String]) -> bool {
    !row.status.stops_clock() && (row.owner.as_deref() == Some(me) || (row.owner.is_none() && groups.contains(&row.group)))
}

pub(crate) fn due(client: &Client, now: DateTime<Utc>) -> Result<Vec<Notification>> {
    let settings = client.settings()?;
    let local = now.with_timezone(&Local).time();
    if is_quiet(settings.quiet_hours.as_ref(), local) {
        return Ok(vec![]);
    }
    let me = client.replica().me()?.ok_or_else(ClientError::not_signed_in)?;
    let groups: Vec<String> = me.groups.iter().map(|g| g.id.clone()).collect();
    let since: DateTime<Utc> = {
        let replica = client.replica();
        match replica.setting(SettingKey::NotifySince)?.and_then(|s| s.parse().ok()) {
            Some(t) => t,
            None => {
                replica.set_setting(SettingKey::NotifySince, &now.to_rfc3339())?;
                now
            }
        }
    };
    let mut out = Vec::new();
    let mut ledger = Ledger::default();
    let rows = candidates(client)?;
    let seen: BTreeSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    for row in rows {
        let mine = row.owner.as_deref() == Some(me.id.as_str());
        let in_group = groups.contains(&row.group);
        let watched = is_watched(&row, &me.id, &groups);
        let base = |kind: NotificationKind, key: &str| Notification {
            ticket_id: row.id.clone(),
            number: row.number.clone(),
            subject: row.digest.subject.clone(),
            kind,
            title_key: key.to_string(),
            body_args: BTreeMap::from([("number".to_string(), row.number.clone()), ("subject".to_string(), row.digest.subject.clone())]),
        };

        // SLA thresholds.
        if watched {
            if let Some(report) = client.sla_of(&row.digest, now) {
                let tz = client.time_zone(&row.digest.policy);
                for m in &report.metrics {
                    // A running clock, or one still counting past its deadline;
                    // never while paused, never for a clock already stopped.
                    // Paused is the engine's word: only where the policy pauses (SPEC §3.3).
                    let open_pause = m.steps.iter().any(|s| matches!(s, Step::Paused { to: None, .. }));
                    let counting = m.state == ClockState::Running || (m.state == ClockState::Breached && m.stopped_at.is_none());
                    if !counting || open_pause {
                        continue;
                    }
                    let mut newest: Option<f64> = None;
                    for w in m.warnings.iter().filter(|w| w.reached) {
                        if ledger.fires(client, &row.id, &m.name, &format!("{:.2}", w.threshold))? {
                            newest = Some(newest.map_or(w.threshold, |n: f64| n.max(w.threshold)));
                        }
                    }
                    let Some(threshold) = newest else { continue };
                    let breach = threshold >= 1.0 || m.state == ClockState::Breached;
                    let mut n = base(
                        if breach { NotificationKind::SlaBreach } else { NotificationKind::SlaWarning },
                        if breach { "sla-breach" } else { "sla-warning" },
                    );
                    n.body_args.insert("metric".into(), m.name.clone());
                    n.body_args.insert("percent".into(), format!("{}", (threshold * 100.0).round() as i64));
                    if let Some(due) = m.due {
                        n.body_args.insert("due".into(), format_local(due, &tz));
                    }
                    n.body_args.insert("left_minutes".into(), (m.remaining_working_seconds.max(0) / 60).to_string());
                    out.push(n);
                }
            }
        }

        // Hierarchical escalation (002 §8.2, §13.16): the leads of the ticket's group.
        if me.permissions.group_lead && in_group && !row.status.stops_clock() {
            if let Some(report) = client.sla_of(&row.digest, now) {
                let ticket = TicketDigestRef {
                    id: &row.id,
                    policy: &row.digest.policy,
                };
                out.extend(client.escalation_alert(ticket, &report, &mut ledger, base(NotificationKind::EscalationDue, "escalation-due"))?);
            }
        }

        // Events, newest history only: the trail is read only when it
        // changed after the first scan.
        if !(mine || in_group) || row.digest.last_event_at.is_none_or(|at| at <= since) {
            continue;
        }
        let Some(view) = client.replica().ticket(&row.id)? else { continue };
        out.extend(crate::notify_involved::co_executor_events(client, &me, &view, since, &mut ledger)?);
        let t = &view.ticket;
        // (instant, actor) of one action → the best candidate so far.
        let mut by_action: BTreeMap<(DateTime<Utc>, String), (u8, Notification)> = BTreeMap::new();
        for (index, e) in view.events.iter().enumerate() {
            if e.at <= since || e.actor == me.id {
                continue;
            }
            let candidate = match &e.kind {
                EventKind::OwnerChanged { to: Some(to), .. } if *to == me.id => Some((0, NotificationKind::Assigned, "assigned", None)),
                EventKind::Escalated { group, .. } if groups.contains(group) => Some((1, NotificationKind::Escalated, "escalated", Some(group.clone()))),
                EventKind::GroupChanged { to, .. } if groups.contains(to) => Some((2, NotificationKind::AssignedToGroup, "assigned-group", Some(to.clone()))),
                EventKind::InfoReceived { .. } if watched => Some((3, NotificationKind::RequesterAnswered, "answered", None)),
                EventKind::CommentAdded {
                    visibility: Visibility::Public,
                } if watched && t.is_requester(&e.actor) => Some((4, NotificationKind::RequesterAnswered, "answered", None)),
                _ => None,
            };
            let Some((rank, kind, key, group)) = candidate else { continue };
            let metric = format!("event:{}:{index}", kind_key(kind));
            if !ledger.fires(client, &t.id, &metric, "event")? {
                continue;
            }
            let mut n = base(kind, key);
            if let Some(g) = group {
                let name = me.groups.iter().find(|x| x.id == g).map(|x| x.name.clone()).unwrap_or(g);
                n.body_args.insert("group".into(), name);
            }
            let slot = by_action.entry((e.at, e.actor.clone())).or_insert((rank, n.clone()));
            if rank < slot.0 {
                *slot = (rank, n);
            }
        }
        out.extend(by_action.into_values().map(|(_, n)| n));
    }
    out.extend(crate::notify_involved::co_executor_added(client, &me, since, &seen, &mut ledger)?);
    out.extend(crate::notify_involved::needs_attention(client, since, &mut ledger)?);
    out.extend(crate::kb_review_notify::review_reminders(client, &me, now, &mut ledger)?);
    ledger.commit(client, now)?;
    Ok(out)
}

fn kind_key(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::SlaWarning => "sla_warning",
        NotificationKind::SlaBreach => "sla_breach",
        NotificationKind::Assigned => "assigned",
        NotificationKind::AssignedToGroup => "assigned_to_group",
        NotificationKind::Escalated => "escalated",
        NotificationKind::RequesterAnswered => "requester_answered",
        NotificationKind::EscalationDue => "escalation_due",
        NotificationKind::CoExecutorAdded => "co_executor_added",
        NotificationKind::NeedsAttention => "needs_attention",
        NotificationKind::KbReviewDue => "kb_review_due",
    }
}

/// The earliest next SLA change of the watched tickets.
pub(crate) fn next_change(client: &Client, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let me = client.replica().me().ok()??;
    let groups: Vec<String> = me.groups.iter().map(|g| g.id.clone()).collect();
    candidates(client)
        .ok()?
        .iter()
        .filter(|row| is_watched(row, &me.id, &groups))
        .filter_map(|row| client.sla_of(&row.digest, now).and_then(|r| r.next_change))
        .min()
}

fn format_local(t: DateTime<Utc>, tz: &str) -> String {
    match tz.parse::<chrono_tz::Tz>() {
        Ok(tz) => t.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string(),
        Err(_) => t.format("%d.%m.%Y %H:%M UTC").to_string(),
    }
}

const UK: &str = r#"
summary-title = Ще { $n ->
    [one] { $n } сповіщення
    [few] { $n } сповіщення
   *[many] { $n } сповіщень
}
summary-body = Відкрийте HELP DESK, щоб переглянути черги
sla-warning-title = { $number }: використано { $percent }% строку { $metric }
sla-warning-body = { $subject }
    Строк: { $due } · залишок: { $left }
sla-breach-title = { $number }: строк { $metric } порушено
sla-breach-body = { $subject }
    Строк минув { $due }
assigned-title = { $number }: звернення призначено вам
assigned-group-title = { $number }: передано до групи «{ $group }»
escalated-title = { $number }: ескальовано до групи «{ $group }»
answered-title = { $number }: заявник відповів
co-executor-title = { $number }: групу «{ $group }» залучено співвиконавцем
needs-attention-title = { $number }: { $count ->
    [one] вашу дію не застосовано
    [few] { $count } ваші дії не застосовано
   *[many] { $count } ваших дій не застосовано
} — перегляньте «Потребує уваги»
escalation-due-title = { $number }: використано { $percent }% строку { $metric } — ескалюйте на наступну лінію
plain-body = { $subject }
kb-review-due-title = Час переглянути вашу статтю бази знань
kb-review-due-body = { $subject }
    Дата перегляду: { $due } — прострочено на { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[many] { $days } днів
    }
metric-reaction = реакції
metric-resolution = вирішення
metric-answer = відповіді
metric-conclusion = висновку щодо запиту на доопрацювання
metric-registration = реєстрації
metric-l2_processing = опрацювання на L2
metric-l3_processing = опрацювання на L3
metric-continuity_confirmation = підтвердження збою системи
metric-paper_permission = дії дозволу на паперову декларацію
metric-timeline_conclusion = висновку щодо строків реалізації
left-minutes = { $n ->
    [one] { $n } хвилина
    [few] { $n } хвилини
   *[many] { $n } хвилин
}
left-hours = { $n ->
    [one] { $n } година
    [few] { $n } години
   *[many] { $n } годин
}
"#;

const EN: &str = r#"
summary-title = { $n ->
    [one] { $n } more notification
   *[other] { $n } more notifications
}
summary-body = Open HELP DESK to see the queues
sla-warning-title = { $number }: { $percent }% of the { $metric } time used
sla-warning-body = { $subject }
    Due { $due } · left: { $left }
sla-breach-title = { $number }: { $metric } deadline breached
sla-breach-body = { $subject }
    Was due { $due }
assigned-title = { $number }: assigned to you
assigned-group-title = { $number }: routed to group “{ $group }”
escalated-title = { $number }: escalated to group “{ $group }”
escalation-due-title = { $number }: { $percent }% of the { $metric } time used — escalate to the next line
answered-title = { $number }: the requester answered
co-executor-title = { $number }: group “{ $group }” involved as co-executor
needs-attention-title = { $number }: { $count ->
    [one] your action was not applied
   *[other] { $count } of your actions were not applied
} — see Needs attention
plain-body = { $subject }
kb-review-due-title = Time to review your knowledge-base article
kb-review-due-body = { $subject }
    Review date: { $due } — { $days ->
        [one] { $days } day
       *[other] { $days } days
    } overdue
metric-reaction = reaction
metric-resolution = resolution
metric-answer = answer
metric-conclusion = change-request conclusion
metric-registration = registration
metric-l2_processing = L2 processing
metric-l3_processing = L3 processing
metric-continuity_confirmation = system-failure confirmation
metric-paper_permission = paper-declaration permission
metric-timeline_conclusion = timeline conclusion
left-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
left-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
"#;

const RU: &str = r#"
summary-title = Ещё { $n ->
    [one] { $n } уведомление
    [few] { $n } уведомления
   *[many] { $n } уведомлений
}
summary-body = Откройте HELP DESK, чтобы просмотреть очереди
sla-warning-title = { $number }: использовано { $percent }% срока { $metric }
sla-warning-body = { $subject }
    Срок: { $due } · осталось: { $left }
sla-breach-title = { $number }: срок { $metric } нарушен
sla-breach-body = { $subject }
    Срок истёк { $due }
assigned-title = { $number }: обращение назначено вам
assigned-group-title = { $number }: передано в группу «{ $group }»
escalated-title = { $number }: эскалировано в группу «{ $group }»
answered-title = { $number }: заявитель ответил
co-executor-title = { $number }: группа «{ $group }» привлечена соисполнителем
needs-attention-title = { $number }: { $count ->
    [one] ваше действие не применено
    [few] { $count } ваших действия не применено
   *[many] { $count } ваших действий не применено
} — см. «Требует внимания»
escalation-due-title = { $number }: использовано { $percent }% срока { $metric } — эскалируйте на следующую линию
plain-body = { $subject }
kb-review-due-title = Пора пересмотреть вашу статью базы знаний
kb-review-due-body = { $subject }
    Дата пересмотра: { $due } — просрочено на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
metric-reaction = реакции
metric-resolution = решения
metric-answer = ответа
metric-conclusion = заключения по запросу на доработку
metric-registration = регистрации
metric-l2_processing = обработки на L2
metric-l3_processing = обработки на L3
metric-continuity_confirmation = подтверждения сбоя системы
metric-paper_permission = действия разрешения на бумажную декларацию
metric-timeline_conclusion = заключения о сроках реализации
left-minutes = { $n ->
    [one] { $n } минута
    [few] { $n } минуты
   *[many] { $n } минут
}
left-hours = { $n ->
    [one] { $n } час
    [few] { $n } часа
   *[many] { $n } часов
}
"#;

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let (id, text) = match language {
        Language::Uk => ("uk", UK),
        Language::En => ("en", EN),
        Language::Ru => ("ru", RU),
    };
    let mut bundle = FluentBundle::new(vec![id.parse().expect("a language id")]);
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

fn message(bundle: &FluentBundle<FluentResource>, id: &str, args: &FluentArgs) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = vec![];
    Some(bundle.format_pattern(pattern, Some(args), &mut errors).into_owned())
}

/// The text of one notification that stands for `count` more.
pub fn render_summary(count: usize, language: Language) -> NotificationText {
    let bundle = bundle(language);
    let mut args = FluentArgs::new();
    args.set("n", count as i64);
    NotificationText {
        title: message(&bundle, "summary-title", &args).unwrap_or_else(|| format!("+{count}")),
        body: message(&bundle, "summary-body", &args).unwrap_or_default(),
    }
}

/// A notification's title and body in `language`.
pub fn render(n: &Notification, language: Language) -> NotificationText {
    let bundle = bundle(language);
    let mut args = FluentArgs::new();
    args.set("number", n.number.clone());
    args.set("subject", n.subject.clone());
    for (k, v) in &n.body_args {
        args.set(k.clone(), FluentValue::from(v.clone()));
    }
    if let Some(metric) = n.body_args.get("metric") {
        let mut none = FluentArgs::new();
        none.set("n", 0);
        let name = message(&bundle, &format!("metric-{metric}"), &none).unwrap_or_else(|| metric.clone());
        args.set("metric", name);
    }
    if let Some(minutes) = n.body_args.get("left_minutes").and_then(|m| m.parse::<i64>().ok()) {
        let mut count = FluentArgs::new();
        let (id, value) = if minutes < 120 {
            ("left-minutes", minutes)
        } else {
            ("left-hours", minutes / 60)
        };
        count.set("n", value);
        args.set("left", message(&bundle, id, &count).unwrap_or_default());
    }
    for counted in ["count", "days"] {
        if let Some(value) = n.body_args.get(counted).and_then(|c| c.parse::<i64>().ok()) {
            args.set(counted, value);
        }
    }
    args.set("due", n.body_args.get("due").cloned().unwrap_or_else(|| "—".into()));
    args.set("group", n.body_args.get("group").cloned().unwrap_or_default());
    let title = message(&bundle, &format!("{}-title", n.title_key), &args).unwrap_or_else(|| n.number.clone());
    let body_id = match n.kind {
        NotificationKind::SlaWarning => "sla-warning-body",
        NotificationKind::SlaBreach => "sla-breach-body",
        NotificationKind::KbReviewDue => "kb-review-due-body",
        _ => "plain-body",
    };
    let body = message(&bundle, body_id, &args).unwrap_or_else(|| n.subject.clone());
    NotificationText { title, body }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(kind: NotificationKind, key: &str, args: &[(&str, &str)]) -> Notification {
        Notification {
            ticket_id: "t1".into(),
            number: "HD-1".into(),
            subject: "Не працює ЄАІС".into(),
            kind,
            title_key: key.into(),
            body_args: args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }

    #[test]
    fn quiet_hours_span_midnight() {
        let q = QuietHours {
            from: "22:00".into(),
            to: "07:00".into(),
        };
        let at = |s: &str| parse_hhmm(s).unwrap();
        assert!(is_quiet(Some(&q), at("23:30")));
        assert!(is_quiet(Some(&q), at("06:59")));
        assert!(!is_quiet(Some(&q), at("07:00")));
        assert!(!is_quiet(Some(&q), at("12:00")));
        let day = QuietHours {
            from: "12:00".into(),
            to: "13:00".into(),
        };
        assert!(is_quiet(Some(&day), at("12:30")));
        assert!(!is_quiet(Some(&day), at("13:00")));
        assert!(!is_quiet(None, at("12:30")));
    }

    #[test]
    fn plural_forms_in_each_language() {
        let n = |m: &str| {
            sample(
                NotificationKind::SlaWarning,
                "sla-warning",
                &[("metric", "resolution"), ("percent", "75"), ("due", "01.12.2025 10:00"), ("left_minutes", m)],
            )
        };
        let uk = |m| render(&n(m), Language::Uk).body;
        assert!(uk("1").contains("1 хвилина"), "{}", uk("1"));
        assert!(uk("3").contains("3 хвилини"));
        assert!(uk("11").contains("11 хвилин"));
        assert!(uk("22").contains("22 хвилини"));
        assert!(uk("300").contains("5 годин"));
        let ru = render(&n("21"), Language::Ru).body;
        assert!(ru.contains("21 минута"), "{ru}");
        let en = render(&n("1"), Language::En);
        assert!(en.body.contains("1 minute") && !en.body.contains("minutes"), "{}", en.body);
        assert_eq!(en.title, "HD-1: 75% of the resolution time used");
        assert_eq!(render(&n("5"), Language::Uk).title, "HD-1: використано 75% строку вирішення");
    }

    /// Every metric of every preset policy is named in every language: a
    /// notification never shows `l2_processing` or `continuity_confirmation`.
    #[test]
    fn every_preset_metric_is_named_in_every_language() {
        for preset in helpdesk_domain::policy::PRESET_NAMES {
            for metric in helpdesk_domain::policy::Policy::preset(preset).unwrap().metrics {
                for lang in [Language::Uk, Language::En, Language::Ru] {
                    let n = sample(NotificationKind::SlaBreach, "sla-breach", &[("metric", &metric.name), ("due", "x")]);
                    let title = render(&n, lang).title;
                    assert!(!title.contains(&metric.name) || !metric.name.contains('_'), "{lang:?}: {title}");
                    assert!(
                        bundle(lang).has_message(&format!("metric-{}", metric.name)),
                        "{lang:?} lacks {} ({preset})",
                        metric.name
                    );
                }
            }
        }
        let n = sample(
            NotificationKind::SlaWarning,
            "sla-warning",
            &[("metric", "l2_processing"), ("percent", "75"), ("due", "x"), ("left_minutes", "5")],
        );
        assert_eq!(render(&n, Language::Uk).title, "HD-1: використано 75% строку опрацювання на L2");
        assert_eq!(render(&n, Language::En).title, "HD-1: 75% of the L2 processing time used");
        assert_eq!(render(&n, Language::Ru).title, "HD-1: использовано 75% срока обработки на L2");
    }

    #[test]
    fn actions_not_applied_are_counted_in_each_language() {
        let n = |count: &str| sample(NotificationKind::NeedsAttention, "needs-attention", &[("count", count)]);
        let title = |count, lang| render(&n(count), lang).title;
        assert_eq!(title("1", Language::Uk), "HD-1: вашу дію не застосовано — перегляньте «Потребує уваги»");
        assert_eq!(title("3", Language::Uk), "HD-1: 3 ваші дії не застосовано — перегляньте «Потребує уваги»");
        assert_eq!(title("5", Language::Uk), "HD-1: 5 ваших дій не застосовано — перегляньте «Потребує уваги»");
        assert_eq!(title("22", Language::Uk), "HD-1: 22 ваші дії не застосовано — перегляньте «Потребує уваги»");
        assert_eq!(title("1", Language::En), "HD-1: your action was not applied — see Needs attention");
        assert_eq!(title("2", Language::En), "HD-1: 2 of your actions were not applied — see Needs attention");
        assert_eq!(title("2", Language::Ru), "HD-1: 2 ваших действия не применено — см. «Требует внимания»");
        assert_eq!(title("11", Language::Ru), "HD-1: 11 ваших действий не применено — см. «Требует внимания»");
        let co = sample(NotificationKind::CoExecutorAdded, "co-executor", &[("group", "Методологія NCTS")]);
        assert_eq!(render(&co, Language::Uk).title, "HD-1: групу «Методологія NCTS» залучено співвиконавцем");
        assert_eq!(render(&co, Language::En).title, "HD-1: group “Методологія NCTS” involved as co-executor");
        assert_eq!(render(&co, Language::Ru).title, "HD-1: группа «Методологія NCTS» привлечена соисполнителем");
    }

    #[test]
    fn c003_s5_1_5_the_review_reminder_counts_overdue_days_in_each_language() {
        let n = |days: &str| {
            let mut n = sample(NotificationKind::KbReviewDue, "kb-review-due", &[("due", "01.06.2026"), ("days", days)]);
            n.subject = "Помилка підпису митної декларації".into();
            n
        };
        let body = |days, lang| render(&n(days), lang).body;
        assert_eq!(render(&n("1"), Language::Uk).title, "Час переглянути вашу статтю бази знань");
        assert_eq!(
            body("1", Language::Uk),
            "Помилка підпису митної декларації\nДата перегляду: 01.06.2026 — прострочено на 1 день"
        );
        assert!(body("3", Language::Uk).ends_with("на 3 дні"), "{}", body("3", Language::Uk));
        assert!(body("11", Language::Uk).ends_with("на 11 днів"));
        assert!(body("22", Language::Uk).ends_with("на 22 дні"));
        assert_eq!(render(&n("1"), Language::En).title, "Time to review your knowledge-base article");
        assert!(body("1", Language::En).ends_with("01.06.2026 — 1 day overdue"), "{}", body("1", Language::En));
        assert!(body("2", Language::En).ends_with("2 days overdue"));
        assert_eq!(render(&n("1"), Language::Ru).title, "Пора пересмотреть вашу статью базы знаний");
        assert!(body("21", Language::Ru).ends_with("на 21 день"), "{}", body("21", Language::Ru));
        assert!(body("4", Language::Ru).ends_with("на 4 дня"));
        assert!(body("5", Language::Ru).ends_with("на 5 дней"));
    }

    #[test]
    fn summaries_count_in_each_language() {
        assert_eq!(render_summary(1, Language::Uk).title, "Ще 1 сповіщення");
        assert_eq!(render_summary(5, Language::Uk).title, "Ще 5 сповіщень");
        assert_eq!(render_summary(2, Language::En).title, "2 more notifications");
        assert_eq!(render_summary(1, Language::En).title, "1 more notification");
        assert_eq!(render_summary(3, Language::Ru).title, "Ещё 3 уведомления");
    }

    #[test]
    fn every_kind_has_a_text_in_every_language() {
        let list = [
            sample(NotificationKind::SlaBreach, "sla-breach", &[("metric", "reaction"), ("due", "x")]),
            sample(NotificationKind::Assigned, "assigned", &[]),
            sample(NotificationKind::AssignedToGroup, "assigned-group", &[("group", "ЄАІС")]),
            sample(NotificationKind::Escalated, "escalated", &[("group", "ЄАІС")]),
            sample(NotificationKind::RequesterAnswered, "answered", &[]),
            sample(NotificationKind::CoExecutorAdded, "co-executor", &[("group", "ЄАІС")]),
            sample(NotificationKind::NeedsAttention, "needs-attention", &[("count", "1")]),
        ];
        for lang in [Language::Uk, Language::En, Language::Ru] {
            for n in &list {
                let text = render(n, lang);
                assert!(text.title.starts_with("HD-1: ") && text.title.len() > 8, "{lang:?} {}", text.title);
                assert!(!text.title.contains('{') && !text.body.contains('{'), "{text:?}");
                assert!(text.body.contains("Не працює ЄАІС"));
            }
        }
    }
}
