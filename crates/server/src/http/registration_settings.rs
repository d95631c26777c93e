//! The deployment's registration settings, for the service desk's clients
//! that fill and check registrations offline.

use super::{blocking, State};
use crate::app::auth::Caller;
use crate::error::AppResult;
use axum::extract::State as AppState;
use axum::routing::get;
use axum::Router;
use helpdesk_domain::registration_defaults::RegistrationSettings;
use helpdesk_protocol::ApiError;

pub fn routes() -> Router<State> {
    Router::new().route("/registration/settings", get(registration_settings))
}

/// The registration settings: `defaults` (what a desk registration gets for a field it leaves out: `channel`, `requester_kind`, `service`, `impact`, `urgency`, each null where there is none), `default_policy` and `routes` (`service`, `ticket_type`, `policy` of each routing rule, first match wins); Self Service users get 403.
#[utoipa::path(get, path = "/api/v1/registration/settings", tag = "policies",
    responses((status = 200, body = Object), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn registration_settings(AppState(app): AppState<State>, caller: Caller) -> AppResult<axum::Json<RegistrationSettings>> {
    blocking(&app, move |app| app.registration_settings(&caller)).await.map(axum::Json)
}
