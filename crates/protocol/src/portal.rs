//! The Self Service portal's registration form (`GET /api/v1/portal/form`).

use helpdesk_domain::registration_form::FormFields;
use helpdesk_domain::ticket::RequesterKind;
use helpdesk_domain::TicketType;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// What the portal's form offers and requires for the signed-in requester:
/// the ticket types a requester may file from the portal, the services the
/// desk routes, the kinds of requester, and — for the type and kind asked
/// about — the fields registration will require. The requester's name and
/// e-mail come from their account and are filled in when left empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[ts(export_to = "portal/")]
pub struct PortalForm {
    #[schema(value_type = Vec<crate::schema::TicketType>)]
    pub types: Vec<TicketType>,
    pub services: Vec<String>,
    #[schema(value_type = Vec<String>)]
    pub kinds: Vec<RequesterKind>,
    #[schema(value_type = Object)]
    pub fields: FormFields,
    pub account_name: String,
    pub account_email: Option<String>,
    /// The largest attachment the server takes, in bytes, and what one
    /// account may upload in 24 hours: the portal names both before a
    /// file is refused.
    #[serde(default)]
    #[ts(type = "number")]
    pub max_attachment_bytes: u64,
    #[serde(default)]
    #[ts(type = "number")]
    pub daily_upload_bytes: u64,
}
