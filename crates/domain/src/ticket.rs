//! The ticket of SPEC §2 and its registration.
//!
//! A [`Ticket`] is only ever created by [`register`], which checks the
//! registration rules of the regulations and either returns the ticket with
//! its first audit event or refuses with *every* missing or invalid field
//! named ([`RegistrationError`]). After that a ticket only changes through
//! [`crate::workflow::apply`].
//!
//! Registration rules (each is checked, and each failure is reported under
//! the field's JSON path):
//!
//! | field | rule | clause |
//! |---|---|---|
//! | `id`, `number` | assigned by the caller (server) before registering, never empty | 001 §III.6; 002 §6.5.4; 004 §2.4 |
//! | `type`, `channel`, `impact`, `urgency`, `line` | required | 002 §6.5.2 (category, priority); 000 §20 (priority from impact × urgency) |
//! | `subject`, `description`, `service`, `group` | required, not blank | 002 §6.5.2 («Тема», «Содержание», «Подсистема», «Ответственный»); 001 §II.3 (the essence of the question) |
//! | `requester.name` | required | 001 §II.3; 000 §19; 004 §2.3.1.1 |
//! | `requester.kind` | required (except `monitoring`) | 001 §II.3 distinguishes legal persons, entrepreneurs and officials |
//! | `requester.email_or_phone` | an e-mail and/or a phone (except `monitoring`) | 001 §II.3 («адресу електронної поштової скриньки та/або номер телефону»); 000 §19 |
//! | `requester.email` | required for the `email` channel (the answer goes there) | 001 §III.14; 002 §6.5.3; 004 §2.3.1.1 |
//! | `requester.user_id` | required for the `portal` channel (a Self Service account files it) | 000 §15, §19 |
//! | `requester.organisation`, `requester.edrpou` | required for a legal entity; EDRPOU is 8 digits | 001 §II.3(1) |
//! | `requester.tax_number` | required for an entrepreneur (ФОП); 10 digits | 001 §II.3(1) |
//! | `requester.customs_unit`, `requester.position` | required for a customs official | 001 §II.3(2) |
//! | `requester.organisation` | required for an employee of an organisation | 004 §2.3.1.1; 002 Appendix 2 |
//! | `expected_result`, `actual_result` | required for an incident (except `monitoring`) | 004 §2.3.1.9 |
//! | `requester.position`, `expected_result` | required for a change request | 004 §2.3.1.3, §2.3.1.10 |
//! | `channel` | a change request comes by e-mail only | 004 §2.3.1.11 |
//! | `requester.email`, `requester.phone` | well-formed when given | — |
//! | `attachments[i].*` | name not blank, sha256 of 64 hex digits, size > 0 | — |
//! | `received_at` | not after the registration instant | 004 §2.4 (registration within 4 h of receipt) |
//!
//! A screenshot for incidents (004 §2.3.1.2) is "when needed" and not starred
//! as mandatory in 004 §2.3.1.9, so it is not required here.

use crate::model::{named_enum, Channel, Complexity, Line, Status, TicketType};
use crate::priority::{Impact, Priority, Urgency};
use crate::workflow::{Applied, EventKind, TicketEvent};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

named_enum!(
    /// Who the requester is; decides which contact data are required (001 §II.3).
    RequesterKind {
        /// A legal entity (or its separate unit), resident or not: name and EDRPOU (001 §II.3(1)).
        LegalEntity => "legal_entity",
        /// A natural-person entrepreneur (ФОП): taxpayer registration number (001 §II.3(1)).
        Entrepreneur => "entrepreneur",
        /// An official of a customs body: unit and position (001 §II.3(2)).
        Official => "official",
        /// An employee of an organisation (002 Appendix 2; 004 §2.3.1.1).
        Employee => "employee",
        /// A private person (000 §3: citizens' requests).
        Citizen => "citizen",
    }
);

named_enum!(
    /// Why a ticket is postponed (SPEC §2.1; 001 §III.9(4), §III.13; 002 Appendix 1 Table 2).
    ///
    /// Table 2's «Необходимо предоставление дополнительной информации» is not
    /// here: waiting for the requester is the `awaiting_info` status
    /// (`request_info`), and waiting for a confirmation is `resolved`.
    PostponeReason {
        /// The fix needs a change or update of the software: 001 «Відкладено»
        /// (§III.9(4)); 002 Table 2 «Ожидание решения» (escalated for a system
        /// error fix, a change of the system or its documentation, root-cause
        /// analysis, a complex data-correction tool).
        SoftwareChange => "software_change",
        /// An external vendor / external system is involved: 001 §III.13 (an
        /// external operator); 002 Table 2 «Создан запрос по внешней системе»
        /// (record the vendor's ticket number in the note).
        ExternalVendor => "external_vendor",
        /// More detailed diagnostics are needed: 002 Table 2 «Диагностика Обращения».
        Diagnostics => "diagnostics",
        /// The requester or the system's operator asked to delay: 002 Table 2
        /// «По согласованию с Пользователем / Оператором Системы».
        AgreedDelay => "agreed_delay",
        /// Force majeure: 002 Table 2 «Обстоятельства непреодолимой силы».
        ForceMajeure => "force_majeure",
    }
);

named_enum!(
    /// Who may read a comment.
    Visibility {
        /// Seen by the requester on the portal.
        Public => "public",
        /// Seen by the service desk only.
        Internal => "internal",
    }
);

named_enum!(
    /// How two tickets are related (002 §6.7–6.8, §7.5(3)).
    LinkKind {
        /// This ticket repeats the linked, earlier one (002 §7.5(3)).
        DuplicateOf => "duplicate_of",
        /// Related but separate (002 §6.8: new questions get their own ticket).
        Related => "related",
    }
);

named_enum!(
    /// On what basis a resolved ticket was closed (default: `confirmed`).
    #[derive(Default)]
    CloseBasis {
        #[default]
        /// The requester confirmed the solution (001 §III.9(6); 002 §14.2–14.3).
        Confirmed => "confirmed",
        /// The specialist closed it in agreement with the requester (002 §14.2).
        Agreed => "agreed",
        /// Closed without the requester after the policy's waiting time
        /// (001 §III.9(6): 10 days; 002 §14.4: 30 working days with at least
        /// two confirmation requests). The caller checks the policy's condition.
        Auto => "auto",
    }
);

impl CloseBasis {
    /// The bases a person closes on, in the order offered (`auto` is the
    /// auto-close's: `close` refuses it from an analyst).
    pub const OFFERED: [CloseBasis; 2] = [CloseBasis::Confirmed, CloseBasis::Agreed];
}

/// Why a ticket was closed without being worked (002 §7.5; 004 §3.5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// The request is outside the scope of the service (002 §7.5(1), §13.15; 004 §3.5 "violation of the regulation").
    OutOfScope,
    /// The request repeats an earlier ticket (002 §7.5(3)).
    DuplicateOf { ticket: String },
    /// The requester did not answer the requests for information (002 §7.5(2): at
    /// least two requests; 004 §3.5: no answer within 2 working days).
    NoResponse,
    /// Obscene or abusive language (004 §3.5; 003 §4.4).
    Abusive,
    /// The task or question is too unclear to start (004 §3.5; 004 §3.4: cannot be reproduced).
    Unclear,
    /// A change request the approving ministry did not approve (004 §3.5:
    /// «отсутствие согласования министерства … Запросов на изменение»);
    /// change requests only.
    NoMinistryApproval,
}

impl RejectReason {
    pub fn as_str(&self) -> &'static str {
        match self {
            RejectReason::OutOfScope => "out_of_scope",
            RejectReason::DuplicateOf { .. } => "duplicate_of",
            RejectReason::NoResponse => "no_response",
            RejectReason::Abusive => "abusive",
            RejectReason::Unclear => "unclear",
            RejectReason::NoMinistryApproval => "no_ministry_approval",
        }
    }

    /// Every reason's name as the CLI takes it (`duplicate_of` with `:NUMBER`).
    pub const NAMES: &'static [&'static str] = &["out_of_scope", "duplicate_of", "no_response", "abusive", "unclear", "no_ministry_approval"];
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RejectReason::DuplicateOf { ticket } => write!(f, "duplicate_of {ticket}"),
            other => f.write_str(other.as_str()),
        }
    }
}

/// The requester's contact data (001 §II.3; 002 Appendix 2; 004 §2.3.1.1).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct Requester {
    pub kind: Option<RequesterKind>,
    /// Full name of the contact person (ПІБ / ФИО).
    pub name: String,
    /// Name of the legal entity or organisation.
    pub organisation: Option<String>,
    /// EDRPOU code of a legal entity (8 digits).
    pub edrpou: Option<String>,
    /// Taxpayer registration number (РНОКПП) of an entrepreneur (10 digits).
    pub tax_number: Option<String>,
    /// Code and/or name of the customs unit of an official.
    pub customs_unit: Option<String>,
    /// Position (of an official; required for change requests).
    pub position: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The requester's Self Service account, if any: the requester acts on
    /// their own tickets through it (000 §15, §19).
    pub user_id: Option<String>,
}

/// A file attached to a ticket, by reference (the bytes live elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub name: String,
    /// Lower-case hex SHA-256 of the content.
    pub sha256: String,
    #[ts(type = "number")]
    pub size: u64,
}

/// A comment in the ticket's conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comment {
    pub visibility: Visibility,
    pub author: String,
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub text: String,
}

named_enum!(
    /// How a ticket was resolved: the code recorded with the resolution's
    /// text (SPEC §2: "resolution text and code"), which reports group by.
    /// The regulations name no list, so it is the desk's classification,
    /// one for every deployment; `resolve` refuses any other code.
    ResolutionCode {
        /// A fault was removed: the system works again for the requester.
        Fixed => "fixed",
        /// Settings, roles or an account were corrected.
        Configuration => "configuration",
        /// Access was granted (a service request).
        AccessGranted => "access_granted",
        /// Software was installed or updated.
        SoftwareUpdated => "software_updated",
        /// A change was implemented (a change request, 004).
        Implemented => "implemented",
        /// The developer or vendor fixed it (L3/L4, 001 §III.12–13).
        VendorFix => "vendor_fix",
        /// The question was answered (a consultation, 003 §4.9).
        Consulted => "consulted",
        /// The requester's own mistake, explained to them.
        UserError => "user_error",
        /// No fault was found or reproduced (004 §3.4).
        NoFaultFound => "no_fault_found",
    }
);

/// The solution given (002 §14.1; 001 §III.14–15). The code is one of
/// [`ResolutionCode`] for every resolution made since the list exists;
/// it stays text, so a ticket resolved earlier with another code reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Resolution {
    pub code: String,
    pub text: String,
}

/// A link to another ticket.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct TicketLink {
    pub kind: LinkKind,
    /// The other ticket's id or human number.
    pub ticket: String,
}

/// Why the ticket was rejected (closed with a reason, 002 §7.5; 004 §3.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rejection {
    pub reason: RejectReason,
    pub note: String,
}

/// A deadline extended by L2 with a recorded justification
/// (001 §III.3(2), §III.13; 002 §8.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeadlineExtension {
    /// The SLA metric's name, as the policy names it (e.g. "resolution").
    pub metric: String,
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub until: DateTime<Utc>,
    pub justification: String,
    pub by: String,
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
}

/// The ticket (SPEC §2). Built by [`register`]; changed by [`crate::workflow::apply`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Ticket {
    pub id: String,
    /// The human number, unique, assigned at registration (001 §III.6; 002 §6.5.4; 004 §2.4 "ID…").
    pub number: String,
    /// 1 at registration, +1 per applied op.
    #[ts(type = "number")]
    pub version: u64,
    #[serde(rename = "type")]
    pub ticket_type: TicketType,
    pub subject: String,
    pub description: String,
    /// Service / subsystem (002 §6.5.2 «Подсистема»).
    pub service: String,
    pub channel: Channel,
    pub requester: Requester,
    pub impact: Impact,
    pub urgency: Urgency,
    pub priority: Priority,
    pub complexity: Option<Complexity>,
    pub line: Line,
    /// The working group the ticket is routed to.
    pub group: String,
    /// The executor (000 §20: «власник»).
    pub owner: Option<String>,
    /// Co-executor groups (003 §4.10, §4.15).
    pub co_executor_groups: Vec<String>,
    pub status: Status,
    /// Set while `postponed`.
    pub postpone_reason: Option<PostponeReason>,
    /// The workaround given, if any (002 §9.3(6), §9.6).
    pub workaround: Option<String>,
    /// Set while `resolved` and after closing.
    pub resolution: Option<Resolution>,
    /// Incidents: what the user expected (004 §2.3.1.9); change/service requests: the expected result (004 §2.3.1.10, §2.3.1.12).
    pub expected_result: Option<String>,
    /// Incidents: what the user got instead (004 §2.3.1.9).
    pub actual_result: Option<String>,
    pub kb_links: Vec<String>,
    pub links: Vec<TicketLink>,
    pub attachments: Vec<Attachment>,
    pub comments: Vec<Comment>,
    /// How many times information was requested from the requester in the
    /// current wait (since the last answer; kept when the ticket is rejected):
    /// 002 §7.5(2) needs ≥ 2 before rejecting for no response.
    pub info_requests: u32,
    /// When the request was received (may precede registration: 004 §2.4, 003 §4.12).
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub received_at: DateTime<Utc>,
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub registered_at: DateTime<Utc>,
    #[serde(default, with = "crate::timestamp::option")]
    #[ts(type = "string | null")]
    pub resolved_at: Option<DateTime<Utc>>,
    #[serde(default, with = "crate::timestamp::option")]
    #[ts(type = "string | null")]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
    pub rejection: Option<Rejection>,
    pub deadline_extensions: Vec<DeadlineExtension>,
    /// When L1 informed of the paper-declaration permission (001 §IV.6–7).
    #[serde(default, with = "crate::timestamp::option", skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub paper_permission_at: Option<DateTime<Utc>>,
    /// An open request to clarify a change request's timeline (002 §12).
    #[serde(default, with = "crate::timestamp::option", skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub timeline_clarification_at: Option<DateTime<Utc>>,
    /// A reclassification awaiting the requester's answer (002 §7.3.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pending_reclassification: Option<PendingReclassification>,
    /// The requester's rating of the answer, given once (003 §6.1.12, §6.2.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub satisfaction: Option<crate::satisfaction::Satisfaction>,
}

/// A change of type and/or priority proposed to the requester (002 §7.3.4);
/// the answer is due by [`crate::approval::answer_due`], else it is deemed agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PendingReclassification {
    pub ticket_type: Option<TicketType>,
    pub level: Option<Priority>,
    pub note: String,
    #[serde(with = "crate::timestamp")]
    #[ts(type = "string")]
    pub asked_at: DateTime<Utc>,
}

impl Ticket {
    /// Is `user_id` the requester of this ticket (through their Self Service account)?
    pub fn is_requester(&self, user_id: &str) -> bool {
        self.requester.user_id.as_deref() == Some(user_id)
    }

    /// Does this ticket answer to `reference` (its id or its human number)?
    pub fn is_called(&self, reference: &str) -> bool {
        let r = reference.trim();
        r == self.id || r == self.number
    }
}

/// What a registration form carries. Every field may be absent in JSON so that
/// [`register`] can name every missing one at once (the server answers 422).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct NewTicket {
    /// Assigned by the server before registering.
    pub id: String,
    /// The human number, assigned by the server before registering.
    pub number: String,
    #[serde(rename = "type")]
    pub ticket_type: Option<TicketType>,
    pub subject: String,
    pub description: String,
    pub service: String,
    pub channel: Option<Channel>,
    pub requester: Requester,
    pub impact: Option<Impact>,
    pub urgency: Option<Urgency>,
    /// An explicit priority (e.g. a policy's named level, 002 Table 1);
    /// without it the priority follows from impact × urgency (000 §13, §20).
    pub priority: Option<Priority>,
    pub complexity: Option<Complexity>,
    pub line: Option<Line>,
    pub group: String,
    pub expected_result: Option<String>,
    pub actual_result: Option<String>,
    pub attachments: Vec<Attachment>,
    /// When the request was received; defaults to the registration instant.
    #[serde(default, with = "crate::timestamp::option")]
    #[ts(type = "string | null")]
    pub received_at: Option<DateTime<Utc>>,
}

named_enum!(
    /// What is wrong with a registration field.
    FieldProblem {
        Missing => "missing",
        Invalid => "invalid",
    }
);

/// One missing or invalid field of a registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// The field's JSON path, e.g. `requester.email`, `attachments[0].sha256`.
    pub field: String,
    pub problem: FieldProblem,
    /// What to fill in, for a human.
    pub message: String,
    /// The clause of the regulation that requires it, if any.
    pub clause: Option<String>,
}

/// Registration refused (001 §III.7; 002 §6.3, §13.7; 004 §2.4): every
/// missing or invalid field, in form order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("registration refused: {}", describe(.fields))]
pub struct RegistrationError {
    pub fields: Vec<FieldError>,
}

fn describe(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| format!("{} {} ({})", f.field, f.problem, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl RegistrationError {
    /// Stable machine code.
    pub fn code(&self) -> &'static str {
        "registration_invalid"
    }

    /// The names of the offending fields, in form order.
    pub fn field_names(&self) -> Vec<&str> {
        self.fields.iter().map(|f| f.field.as_str()).collect()
    }
}

struct Problems(Vec<FieldError>);

impl Problems {
    fn missing(&mut self, field: &str, message: &str, clause: Option<&str>) {
        self.push(field, FieldProblem::Missing, message, clause)
    }
    fn invalid(&mut self, field: &str, message: &str, clause: Option<&str>) {
        self.push(field, FieldProblem::Invalid, message, clause)
    }
    fn push(&mut self, field: &str, problem: FieldProblem, message: &str, clause: Option<&str>) {
        if self.0.iter().any(|f| f.field == field) {
            return; // one entry per field: the first rule that names it
        }
        self.0.push(FieldError {
            field: field.to_string(),
            problem,
            message: message.to_string(),
            clause: clause.map(str::to_string),
        });
    }
}

/// What a ticket of `ticket_type` needs beyond the fields of every ticket
/// (004 §2.3.1.3, §2.3.1.9, §2.3.1.10): one rule for registration and for
/// a change of type.
fn type_fields(p: &mut Problems, ticket_type: TicketType, monitoring: bool, position: &Option<String>, expected: &Option<String>, actual: &Option<String>) {
    match ticket_type {
        TicketType::Incident if !monitoring => {
            if given(expected).is_none() {
                p.missing("expected_result", "describe what you expected to get", Some("004 §2.3.1.9"));
            }
            if given(actual).is_none() {
                p.missing("actual_result", "describe what you got instead", Some("004 §2.3.1.9"));
            }
        }
        TicketType::ChangeRequest => {
            if given(position).is_none() {
                p.missing("requester.position", "a change request needs the requester's position", Some("004 §2.3.1.3"));
            }
            if given(expected).is_none() {
                p.missing(
                    "expected_result",
                    "describe the expected behaviour step by step and its result",
                    Some("004 §2.3.1.10"),
                );
            }
        }
        _ => {}
    }
}

/// The fields `ticket` still lacks to be a ticket of `to` (004 §2.3.1):
/// a change of type asks for them as registration would.
pub fn missing_for_type(ticket: &Ticket, to: TicketType) -> Vec<FieldError> {
    let mut p = Problems(Vec::new());
    let monitoring = ticket.channel == Channel::Monitoring;
    type_fields(
        &mut p,
        to,
        monitoring,
        &ticket.requester.position,
        &ticket.expected_result,
        &ticket.actual_result,
    );
    p.0
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn tidy(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A plausible e-mail address: one `@`, text before it, a dotted domain after it, no spaces.
pub fn is_valid_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// A plausible phone number: digits with optional `+`, spaces, dashes, dots and
/// parentheses; 7 to 15 digits (ITU E.164 allows at most 15).
pub fn is_valid_phone(s: &str) -> bool {
    let s = s.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits) && s.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)) && s.chars().skip(1).all(|c| c != '+')
}

fn all_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.chars().all(|c| c.is_ascii_digit())
}

/// What a registration requires beyond the module's table, decided by the
/// ticket's SLA policy ([`crate::policy::Policy::registration_rules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistrationRules {
    /// Impact and urgency (hence the priority, 000 §13) are required. A
    /// policy none of whose terms reads the priority (003 §4.10: by
    /// complexity; 004 §3.1: by type) does not require them; what is left
    /// out is recorded as low, so a ticket given neither is at the lowest
    /// level of the 000 §13 matrix (low × low = P5), which no term of that
    /// policy reads.
    pub priority_required: bool,
}

impl RegistrationRules {
    /// Without a policy: everything the module's table names.
    pub const STRICT: RegistrationRules = RegistrationRules { priority_required: true };
}

impl Default for RegistrationRules {
    fn default() -> Self {
        RegistrationRules::STRICT
    }
}

/// Registers a ticket: checks the registration rules (see the module's table)
/// and returns the new ticket (status `new`, version 1, no owner) with its
/// `registered` event — or every missing/invalid field.
pub fn register(new: NewTicket, registered_by: &str, now: DateTime<Utc>) -> Result<Applied, RegistrationError> {
    register_with(new, registered_by, now, RegistrationRules::STRICT)
}

/// [`register`] under the rules of the ticket's policy.
pub fn register_with(mut new: NewTicket, registered_by: &str, now: DateTime<Utc>, rules: RegistrationRules) -> Result<Applied, RegistrationError> {
    if !rules.priority_required {
        new.impact.get_or_insert(Impact::Low);
        new.urgency.get_or_insert(Urgency::Low);
    }
    let mut p = Problems(Vec::new());
    let n = &new;
    let r = &n.requester;
    let monitoring = n.channel == Some(Channel::Monitoring);

    if blank(&n.id) {
        p.missing("id", "the server assigns the ticket's id before registering", None);
    }
    if blank(&n.number) {
        p.missing(
            "number",
            "a unique registration number is assigned at registration",
            Some("001 §III.6; 002 §6.5.4; 004 §2.4"),
        );
    }
    if n.ticket_type.is_none() {
        p.missing(
            "type",
            "choose incident, service_request, consultation or change_request",
            Some("002 §6.5.2(4)"),
        );
    }
    if blank(&n.subject) {
        p.missing("subject", "give the request a subject", Some("002 §6.5.2(1)"));
    }
    if blank(&n.description) {
        p.missing(
            "description",
            "describe the essence of the request",
            Some("001 §II.3; 002 §6.5.2(6); 004 §2.3.1.1"),
        );
    }
    if blank(&n.service) {
        p.missing("service", "name the service or subsystem concerned", Some("002 §6.5.2(2)"));
    }
    if n.channel.is_none() {
        p.missing(
            "channel",
            "say how the request arrived (portal, phone, email, chat_bot, paper, monitoring)",
            Some("000 §19; 003 §4.1"),
        );
    }
    if n.impact.is_none() {
        p.missing(
            "impact",
            "set the impact (high, medium, low): with the urgency it gives the priority the terms depend on",
            Some("000 §13, §20"),
        );
    }
    if n.urgency.is_none() {
        p.missing(
            "urgency",
            "set the urgency (high, medium, low): with the impact it gives the priority the terms depend on",
            Some("000 §13, §20"),
        );
    }
    if n.line.is_none() {
        p.missing("line", "set the support line the ticket is routed to", Some("000 §10"));
    }
    if blank(&n.group) {
        p.missing("group", "route the ticket to a working group", Some("000 §20; 002 §6.5.2(7)"));
    }

    // Requester contact data (001 §II.3; 001 §III.7: no contact data, no registration).
    if let Some(kind) = r.kind {
        match kind {
            RequesterKind::LegalEntity => {
                if given(&r.organisation).is_none() {
                    p.missing("requester.organisation", "the name of the legal entity is required", Some("001 §II.3(1)"));
                }
                match given(&r.edrpou) {
                    None => p.missing("requester.edrpou", "the EDRPOU code of the legal entity is required", Some("001 §II.3(1)")),
                    Some(code) if !all_digits(code, 8) => p.invalid("requester.edrpou", "an EDRPOU code is 8 digits", Some("001 §II.3(1)")),
                    Some(_) => {}
                }
            }
            RequesterKind::Entrepreneur => match given(&r.tax_number) {
                None => p.missing(
                    "requester.tax_number",
                    "the taxpayer registration number of the entrepreneur is required",
                    Some("001 §II.3(1)"),
                ),
                Some(code) if !all_digits(code, 10) => p.invalid("requester.tax_number", "a taxpayer registration number is 10 digits", Some("001 §II.3(1)")),
                Some(_) => {}
            },
            RequesterKind::Official => {
                if given(&r.customs_unit).is_none() {
                    p.missing(
                        "requester.customs_unit",
                        "the code and/or name of the customs unit is required",
                        Some("001 §II.3(2)"),
                    );
                }
                if given(&r.position).is_none() {
                    p.missing("requester.position", "the official's position is required", Some("001 §II.3(2)"));
                }
            }
            RequesterKind::Employee => {
                if given(&r.organisation).is_none() {
                    p.missing("requester.organisation", "the requester's organisation is required", Some("004 §2.3.1.1"));
                }
            }
            RequesterKind::Citizen => {}
        }
    } else if !monitoring {
        p.missing(
            "requester.kind",
            "say who the requester is (legal_entity, entrepreneur, official, employee, citizen)",
            Some("001 §II.3"),
        );
    }
    if blank(&r.name) {
        p.missing(
            "requester.name",
            "the full name of the contact person is required",
            Some("001 §II.3; 000 §19; 004 §2.3.1.1"),
        );
    }
    let email = given(&r.email);
    let phone = given(&r.phone);
    if let Some(e) = email {
        if !is_valid_email(e) {
            p.invalid("requester.email", "not an e-mail address (name@domain.tld)", None);
        }
    }
    if let Some(ph) = phone {
        if !is_valid_phone(ph) {
            p.invalid(
                "requester.phone",
                "not a phone number (7–15 digits, optionally +, spaces, dashes, parentheses)",
                None,
            );
        }
    }
    if n.channel == Some(Channel::Email) && email.is_none() {
        p.missing(
            "requester.email",
            "a request by e-mail is answered to the requester's e-mail address",
            Some("001 §III.14; 002 §6.5.3; 004 §2.3.1.1"),
        );
    }
    if !monitoring && email.is_none() && phone.is_none() {
        p.missing(
            "requester.email_or_phone",
            "give an e-mail address and/or a phone number",
            Some("001 §II.3; 000 §19"),
        );
    }
    if n.channel == Some(Channel::Portal) && given(&r.user_id).is_none() {
        p.missing("requester.user_id", "a portal request is filed by a Self Service account", Some("000 §15, §19"));
    }

    // Per type (004 §2.3.1).
    if let Some(ticket_type) = n.ticket_type {
        type_fields(&mut p, ticket_type, monitoring, &r.position, &n.expected_result, &n.actual_result);
    }
    if n.ticket_type == Some(TicketType::ChangeRequest) && n.channel.is_some() && n.channel != Some(Channel::Email) {
        p.invalid("channel", "a change request is accepted by e-mail only", Some("004 §2.3.1.11"));
    }

    for (i, a) in n.attachments.iter().enumerate() {
        if blank(&a.name) {
            p.missing(&format!("attachments[{i}].name"), "an attachment needs a file name", None);
        }
        if !(a.sha256.len() == 64 && a.sha256.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))) {
            p.invalid(&format!("attachments[{i}].sha256"), "a SHA-256 is 64 lower-case hex digits", None);
        }
        if a.size == 0 {
            p.invalid(&format!("attachments[{i}].size"), "an attachment cannot be empty", None);
        }
    }
    if let Some(received) = n.received_at {
        if received > now {
            p.invalid("received_at", "a request cannot be received after it is registered", Some("004 §2.4"));
        }
    }
    if blank(registered_by) {
        p.missing("registered_by", "the registering user is recorded (001 §III.9–10)", Some("001 §III.10"));
    }

    let (Some(ticket_type), Some(channel), Some(impact), Some(urgency), Some(line), true) =
        (n.ticket_type, n.channel, n.impact, n.urgency, n.line, p.0.is_empty())
    else {
        return Err(RegistrationError { fields: p.0 });
    };

    let priority = n.priority.unwrap_or_else(|| Priority::from_matrix(impact, urgency));
    let received_at = n.received_at.unwrap_or(now);
    let req = new.requester;
    let requester = Requester {
        kind: req.kind,
        name: req.name.trim().to_string(),
        organisation: tidy(req.organisation),
        edrpou: tidy(req.edrpou),
        tax_number: tidy(req.tax_number),
        customs_unit: tidy(req.customs_unit),
        position: tidy(req.position),
        email: tidy(req.email),
        phone: tidy(req.phone),
        user_id: tidy(req.user_id),
    };
    let ticket = Ticket {
        id: new.id.trim().to_string(),
        number: new.number.trim().to_string(),
        version: 1,
        ticket_type,
        subject: new.subject.trim().to_string(),
        description: new.description.trim().to_string(),
        service: new.service.trim().to_string(),
        channel,
        requester,
        impact,
        urgency,
        priority,
        complexity: new.complexity,
        line,
        group: new.group.trim().to_string(),
        owner: None,
        co_executor_groups: Vec::new(),
        status: Status::New,
        postpone_reason: None,
        workaround: None,
        resolution: None,
        expected_result: tidy(new.expected_result),
        actual_result: tidy(new.actual_result),
        kb_links: Vec::new(),
        links: Vec::new(),
        attachments: new.attachments,
        comments: Vec::new(),
        info_requests: 0,
        received_at,
        registered_at: now,
        resolved_at: None,
        closed_at: None,
        updated_at: now,
        rejection: None,
        deadline_extensions: Vec::new(),
        paper_permission_at: None,
        timeline_clarification_at: None,
        pending_reclassification: None,
        satisfaction: None,
    };
    let event = TicketEvent {
        at: now,
        actor: registered_by.trim().to_string(),
        kind: EventKind::Registered {
            number: ticket.number.clone(),
            ticket_type,
            status: Status::New,
            channel,
            priority,
            impact,
            urgency,
            complexity: ticket.complexity,
            line,
            group: ticket.group.clone(),
            received_at,
        },
    };
    Ok(Applied { ticket, events: vec![event] })
}
