//! What a registration form must ask, for a ticket type, a channel and a
//! kind of requester: found by running the registration rules
//! ([`crate::ticket::register_with`]) on an empty form, so a form can never
//! ask for less, or more, than registration checks. The portal and the
//! desk's registration forms show these fields as required.

use crate::model::{Channel, Line, TicketType};
use crate::ticket::{register_with, FieldProblem, NewTicket, RegistrationRules, Requester, RequesterKind};
use chrono::{TimeZone, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The fields a form fills for a ticket of one type, by one channel, for
/// one kind of requester.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormFields {
    /// Whether a ticket of this type may arrive by this channel at all
    /// (004 §2.3.1.11: a change request by e-mail only).
    pub accepted: bool,
    /// The fields the requester or the operator must fill, as the
    /// registration's field paths (`subject`, `requester.position`,
    /// `requester.email_or_phone` …), in form order.
    pub required: Vec<String>,
    /// The entries of `required` that are not one field but a choice: each
    /// is met by filling any one of its `fields` (001 §II.3: an e-mail
    /// and/or a phone), so a form marks those fields and checks them
    /// together.
    #[serde(default)]
    pub any_of: Vec<AnyOf>,
}

/// A requirement met by filling any one of several fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnyOf {
    /// The requirement's name in `required` and in a refusal.
    pub field: String,
    /// The fields that meet it, in form order.
    pub fields: Vec<String>,
}

/// The choices registration knows ([`crate::ticket::register_with`]
/// reports the first name when none of the fields is given).
const ANY_OF: &[(&str, &[&str])] = &[("requester.email_or_phone", &["requester.email", "requester.phone"])];

/// Fields that the one who files a form never fills: the server assigns
/// them, or they follow from the account or the routing.
const ASSIGNED: &[&str] = &["id", "number", "group", "line", "channel", "requester.user_id"];

pub fn form_fields(ticket_type: TicketType, channel: Channel, kind: Option<RequesterKind>, rules: RegistrationRules) -> FormFields {
    let problems = match register_with(empty_form(ticket_type, channel, kind), "form", form_time(), rules) {
        Ok(_) => {
            return FormFields {
                accepted: true,
                required: vec![],
                any_of: vec![],
            }
        }
        Err(e) => e.fields,
    };
    let accepted = !problems.iter().any(|p| p.field == "channel" && p.problem == FieldProblem::Invalid);
    let mut required: Vec<String> = Vec::new();
    for p in problems.into_iter().filter(|p| p.problem == FieldProblem::Missing) {
        if !ASSIGNED.contains(&p.field.as_str()) && !required.contains(&p.field) {
            required.push(p.field);
        }
    }
    let any_of = ANY_OF
        .iter()
        .filter(|(field, _)| required.iter().any(|r| r == field))
        .map(|(field, fields)| AnyOf {
            field: field.to_string(),
            fields: fields.iter().map(|f| f.to_string()).collect(),
        })
        .collect();
    FormFields { accepted, required, any_of }
}

fn form_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("a valid instant")
}

/// A form with nothing filled in but the type, the channel and the kind.
fn empty_form(ticket_type: TicketType, channel: Channel, kind: Option<RequesterKind>) -> NewTicket {
    NewTicket {
        id: String::new(),
        number: String::new(),
        ticket_type: Some(ticket_type),
        subject: String::new(),
        description: String::new(),
        service: String::new(),
        channel: Some(channel),
        requester: Requester {
            kind,
            name: String::new(),
            organisation: None,
            edrpou: None,
            tax_number: None,
            customs_unit: None,
            position: None,
            email: None,
            phone: None,
            user_id: None,
        },
        impact: None,
        urgency: None,
        priority: None,
        complexity: None,
        line: Some(Line::L1),
        group: String::new(),
        expected_result: None,
        actual_result: None,
        attachments: vec![],
        received_at: None,
    }
}

/// What is missing or wrong in a form as filled (`new`), by the same
/// registration rules the server applies, leaving out what the server
/// assigns (id, number, line, group by routing, the account): what the
/// desk must fix before the registration is worth sending.
pub fn form_problems(new: &NewTicket, rules: RegistrationRules) -> Vec<crate::ticket::FieldError> {
    let mut filled = new.clone();
    filled.id = "form".into();
    filled.number = "form".into();
    filled.line.get_or_insert(Line::L1);
    if filled.group.trim().is_empty() {
        filled.group = "form".into();
    }
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("a valid instant");
    match register_with(filled, "form", at, rules) {
        Ok(_) => vec![],
        Err(e) => e
            .fields
            .into_iter()
            .filter(|p| !ASSIGNED.contains(&p.field.as_str()) || p.field == "channel")
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: RegistrationRules = RegistrationRules::STRICT;

    #[test]
    fn c004_s2_3_1_9_an_incident_form_asks_for_the_expected_and_the_actual_result() {
        let form = form_fields(TicketType::Incident, Channel::Portal, Some(RequesterKind::Citizen), STRICT);
        assert!(form.accepted);
        for field in [
            "subject",
            "description",
            "service",
            "requester.name",
            "requester.email_or_phone",
            "expected_result",
            "actual_result",
        ] {
            assert!(form.required.iter().any(|f| f == field), "{field} missing from {:?}", form.required);
        }
        let consultation = form_fields(TicketType::Consultation, Channel::Portal, Some(RequesterKind::Citizen), STRICT);
        assert!(!consultation.required.iter().any(|f| f == "expected_result"), "{:?}", consultation.required);
    }

    #[test]
    fn c004_s2_3_1_11_a_change_request_is_not_accepted_from_the_portal() {
        assert!(!form_fields(TicketType::ChangeRequest, Channel::Portal, Some(RequesterKind::Official), STRICT).accepted);
        let by_mail = form_fields(TicketType::ChangeRequest, Channel::Email, Some(RequesterKind::Official), STRICT);
        assert!(by_mail.accepted);
        assert!(by_mail.required.iter().any(|f| f == "requester.email"), "{:?}", by_mail.required);
    }

    #[test]
    fn c001_s2_3_an_official_gives_the_unit_and_the_position_a_legal_entity_its_edrpou() {
        let official = form_fields(TicketType::Consultation, Channel::Portal, Some(RequesterKind::Official), STRICT);
        assert!(official.required.iter().any(|f| f == "requester.customs_unit"));
        assert!(official.required.iter().any(|f| f == "requester.position"));
        let company = form_fields(TicketType::Consultation, Channel::Portal, Some(RequesterKind::LegalEntity), STRICT);
        assert!(company.required.iter().any(|f| f == "requester.edrpou"));
        let unknown = form_fields(TicketType::Consultation, Channel::Portal, None, STRICT);
        assert!(unknown.required.iter().any(|f| f == "requester.kind"));
    }

    /// 001 §II.3 («адресу електронної поштової скриньки та/або номер
    /// телефону»): the form learns from the domain that either field meets
    /// the contact requirement — and registration agrees for each of them.
    #[test]
    fn c001_s2_3_an_email_or_a_phone_meets_the_contact_requirement() {
        let form = form_fields(TicketType::Consultation, Channel::Portal, Some(RequesterKind::Citizen), STRICT);
        let group = form
            .any_of
            .iter()
            .find(|g| g.field == "requester.email_or_phone")
            .expect("the choice is described");
        assert_eq!(group.fields, ["requester.email", "requester.phone"]);
        for member in &group.fields {
            let mut filled = empty_form(TicketType::Consultation, Channel::Portal, Some(RequesterKind::Citizen));
            match member.as_str() {
                "requester.email" => filled.requester.email = Some("olena@example.com".into()),
                "requester.phone" => filled.requester.phone = Some("+380441234567".into()),
                other => panic!("no sample for {other}"),
            }
            let refused = register_with(filled, "form", form_time(), STRICT).expect_err("the rest is empty");
            assert!(
                !refused.fields.iter().any(|f| f.field == group.field),
                "{member} meets {}: {:?}",
                group.field,
                refused.fields
            );
        }
        // Without the requirement, no choice is described.
        let monitoring = form_fields(TicketType::Incident, Channel::Monitoring, None, STRICT);
        assert!(monitoring.any_of.is_empty(), "{monitoring:?}");
    }

    #[test]
    fn c003_s4_10_a_policy_whose_terms_ignore_priority_asks_no_impact_or_urgency() {
        let strict = form_fields(TicketType::Incident, Channel::Portal, Some(RequesterKind::Citizen), STRICT);
        assert!(strict.required.iter().any(|f| f == "impact") && strict.required.iter().any(|f| f == "urgency"));
        let by_complexity = RegistrationRules { priority_required: false };
        let lenient = form_fields(TicketType::Incident, Channel::Portal, Some(RequesterKind::Citizen), by_complexity);
        assert!(!lenient.required.iter().any(|f| f == "impact" || f == "urgency"), "{:?}", lenient.required);
        assert!(!lenient.required.iter().any(|f| ASSIGNED.contains(&f.as_str())));
    }

    #[test]
    fn c001_s3_7_a_form_without_contact_data_names_each_missing_field() {
        let new = NewTicket {
            ticket_type: Some(TicketType::Consultation),
            subject: "Як подати декларацію".into(),
            channel: Some(Channel::Phone),
            ..NewTicket::default()
        };
        let fields: Vec<String> = form_problems(&new, STRICT).into_iter().map(|p| p.field).collect();
        for field in ["description", "service", "requester.name", "requester.kind"] {
            assert!(fields.iter().any(|f| f == field), "{field} missing from {fields:?}");
        }
        assert!(!fields.iter().any(|f| f == "id" || f == "number" || f == "group" || f == "line"), "{fields:?}");
    }
}
