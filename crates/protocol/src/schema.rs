//! Schemas of the domain's closed sets for the OpenAPI document: each lists
//! the names the wire form uses (the domain types' serde form), so that a
//! client generator gets enums rather than free strings. These types only
//! describe; the wire types keep the domain's own (`#[schema(value_type =
//! …)]`), and the server's document test checks the names against the
//! domain's `ALL`.

use utoipa::ToSchema;

/// The roles of 000 §15.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    SelfService,
    Analyst,
    Administrator,
}

/// A support line (000 §10; 002 §3.5 has a fourth).
#[derive(ToSchema)]
pub enum Line {
    L1,
    L2,
    L3,
    L4,
}

/// A ticket's status (SPEC §2.1).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    InProgress,
    AwaitingInfo,
    Postponed,
    Resolved,
    Closed,
}

/// A ticket's type (SPEC §2).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketType {
    Incident,
    ServiceRequest,
    Consultation,
    ChangeRequest,
}

/// A priority: 1 is the highest, 5 the lowest (000 §13).
pub struct Priority;

impl utoipa::PartialSchema for Priority {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
            .minimum(Some(1))
            .maximum(Some(5))
            .description(Some("A priority: 1 is the highest, 5 the lowest (000 §13)"))
            .into()
    }
}

impl ToSchema for Priority {}

/// The language of a knowledge-base article.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    Uk,
    Ru,
    En,
}

/// Permissions on top of the role (SPEC §1); both default to `false`.
#[derive(ToSchema)]
pub struct Permissions {
    /// Leads the working groups the user belongs to (000 §20).
    #[schema(required = false, default = false)]
    pub group_lead: bool,
    /// May edit the knowledge base (003 §1.5.9–1.5.10).
    #[schema(required = false, default = false)]
    pub kb_editor: bool,
}

/// Where a knowledge-base article or a revision of it stands (003 §4.16, §5.1).
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    Review,
    Approved,
    Published,
    Archived,
}

/// How a report cuts its time range.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportPeriod {
    Day,
    Week,
    Month,
}
