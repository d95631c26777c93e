//! `helpdesk register`: L1 registers a ticket on behalf of a requester
//! (phone, e-mail, paper, chat). Checked by the domain's registration
//! rules before it is written (a refusal names each missing field with its
//! flag, in the CLI's language), then kept in the outbox with a local
//! reference: it works offline, and the next sync gives it the server's
//! number. A field left out gets the deployment's default, as the server
//! sets it and the last sync brought it (see `helpdesk_client`'s
//! registration settings).

use crate::error::Failure;
use crate::i18n::{Lang, Texts};
use clap::Args;
use helpdesk_client::Client;
use helpdesk_domain::ticket::{FieldError, FieldProblem, NewTicket, Requester, RequesterKind};
use helpdesk_domain::{Channel, Impact, TicketType, Urgency};

#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// incident, service_request, consultation or change_request.
    #[arg(long = "type")]
    pub ticket_type: String,
    #[arg(long)]
    pub subject: String,
    #[arg(long)]
    pub description: String,
    #[arg(long)]
    pub requester_name: String,
    #[arg(long)]
    pub requester_email: Option<String>,
    #[arg(long)]
    pub requester_phone: Option<String>,
    /// legal_entity, entrepreneur, official, employee or citizen
    /// (default: the deployment's).
    #[arg(long)]
    pub requester_kind: Option<String>,
    #[arg(long)]
    pub requester_organisation: Option<String>,
    #[arg(long)]
    pub requester_edrpou: Option<String>,
    #[arg(long)]
    pub requester_tax_number: Option<String>,
    #[arg(long)]
    pub requester_customs_unit: Option<String>,
    #[arg(long)]
    pub requester_position: Option<String>,
    /// phone, email, paper, chat_bot or portal (default: the deployment's).
    #[arg(long)]
    pub channel: Option<String>,
    /// The working group; without it the server's routing rules choose.
    #[arg(long)]
    pub group: Option<String>,
    /// The service concerned (default: the deployment's).
    #[arg(long)]
    pub service: Option<String>,
    /// high, medium or low (default: the deployment's).
    #[arg(long)]
    pub impact: Option<String>,
    /// high, medium or low (default: the deployment's).
    #[arg(long)]
    pub urgency: Option<String>,
    #[arg(long)]
    pub expected_result: Option<String>,
    #[arg(long)]
    pub actual_result: Option<String>,
}

/// A flag's value of one of the domain's closed sets; a wrong one is told
/// with the domain's list of what is allowed.
fn parse<T: std::str::FromStr<Err = helpdesk_domain::UnknownName>>(texts: &Texts, flag: &str, text: &str) -> Result<T, Failure> {
    text.trim()
        .parse()
        .map_err(|e: helpdesk_domain::UnknownName| Failure::input(flag, texts.get("input-give-one-of", &crate::fargs! { "allowed" => e.allowed })))
}

/// A flag's value parsed, `None` when the flag is left out (or blank).
fn parse_given<T: std::str::FromStr<Err = helpdesk_domain::UnknownName>>(texts: &Texts, flag: &str, text: &Option<String>) -> Result<Option<T>, Failure> {
    given(text).map(|t| parse(texts, flag, &t)).transpose()
}

fn given(text: &Option<String>) -> Option<String> {
    text.as_ref().map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// The registration the flags describe; a wrong value is told in `texts`' language.
pub fn new_ticket(texts: &Texts, args: &RegisterArgs) -> Result<NewTicket, Failure> {
    Ok(NewTicket {
        ticket_type: Some(parse::<TicketType>(texts, "--type", &args.ticket_type)?),
        subject: args.subject.trim().to_string(),
        description: args.description.trim().to_string(),
        service: given(&args.service).unwrap_or_default(),
        channel: parse_given::<Channel>(texts, "--channel", &args.channel)?,
        requester: Requester {
            kind: parse_given::<RequesterKind>(texts, "--requester-kind", &args.requester_kind)?,
            name: args.requester_name.trim().to_string(),
            organisation: given(&args.requester_organisation),
            edrpou: given(&args.requester_edrpou),
            tax_number: given(&args.requester_tax_number),
            customs_unit: given(&args.requester_customs_unit),
            position: given(&args.requester_position),
            email: given(&args.requester_email),
            phone: given(&args.requester_phone),
            user_id: None,
        },
        impact: parse_given::<Impact>(texts, "--impact", &args.impact)?,
        urgency: parse_given::<Urgency>(texts, "--urgency", &args.urgency)?,
        group: args.group.clone().unwrap_or_default().trim().to_string(),
        expected_result: given(&args.expected_result),
        actual_result: given(&args.actual_result),
        ..NewTicket::default()
    })
}

/// The flag that fills a registration field.
pub fn flag_of(field: &str) -> String {
    match field {
        "requester.email_or_phone" => "--requester-email | --requester-phone".to_string(),
        other => format!("--{}", other.replace(['.', '_'], "-")),
    }
}

/// One sentence naming every missing or wrong field, its flag and what to
/// give, in the CLI's language.
pub fn refusal(lang: Lang, problems: &[FieldError]) -> String {
    let texts = Texts::new(lang);
    let named: Vec<String> = problems
        .iter()
        .map(|p| {
            let label = texts.name_or("register-field", &p.field.replace('.', "_"));
            let how = match p.problem {
                FieldProblem::Missing => texts.plain("register-missing"),
                FieldProblem::Invalid => texts.plain("register-invalid"),
            };
            format!("{label} ({}) — {how}", flag_of(&p.field))
        })
        .collect();
    texts.get("register-refused", &crate::fargs! { "n" => problems.len(), "fields" => named.join("; ") })
}

/// Checks and writes the registration; what to print.
pub fn register(client: &Client, lang: Lang, args: &RegisterArgs) -> Result<helpdesk_client::register::Registered, Failure> {
    let new = new_ticket(&Texts::new(lang), args)?;
    let problems = client.registration_problems(&new);
    if !problems.is_empty() {
        return Err(Failure::usage(refusal(lang, &problems)));
    }
    client
        .register(new)
        .map_err(|e| Failure::input("register", crate::wording::client_error(&Texts::new(lang), &e, crate::wording::About::Nothing)))
}
