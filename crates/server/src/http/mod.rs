//! The HTTP API under `/api/v1/`: JSON in and out, errors as
//! `{code, message}`, gzip or zstd both ways. Handlers translate requests to
//! `App` calls and run them off the async threads.

pub mod admin;
pub mod attachments;
pub mod auth;
pub mod directory;
pub mod forwarded;
pub mod kb;
pub mod kb_editorial;
pub mod mail;
pub mod openapi;
pub mod policies;
pub mod portal;
pub mod registration_settings;
pub mod reports;
pub mod slow_clients;
pub mod sync;
pub mod tickets;

use crate::app::auth::Caller;
use crate::app::App;
use crate::error::{AppError, AppResult, ErrorCode};
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// Requests larger than this are refused with 413 before they are read.
pub const MAX_BODY_BYTES: usize = 16 << 20;
/// Request targets (path and query) longer than this are refused with 414.
pub const MAX_URI_BYTES: usize = 8 << 10;
/// Header sections larger than this (names, values and their separators),
/// or with more headers than [`MAX_HEADERS`], are refused with 431.
pub const MAX_HEADER_BYTES: usize = 32 << 10;
pub const MAX_HEADERS: usize = 100;

/// hyper's own limits, well above ours so that a request over ours still
/// reaches the router and is answered with `{code, message}`; past these
/// (and past hyper's fixed 64 KiB request target) hyper answers 431 or 414
/// itself, with an empty body.
const HYPER_MAX_BUF_BYTES: usize = 512 << 10;
const HYPER_MAX_HEADERS: usize = 256;

pub type State = Arc<App>;

pub fn router(app: State) -> Router {
    let api = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route("/tickets", post(tickets::register).get(tickets::list))
        .route("/tickets/{id}", get(tickets::show))
        .route("/tickets/{id}/ops", post(tickets::act))
        .merge(attachments::routes())
        .merge(directory::routes())
        .merge(policies::routes())
        .merge(registration_settings::routes())
        .merge(portal::routes())
        .merge(sync::routes())
        .merge(kb::routes())
        .merge(kb_editorial::routes())
        .merge(reports::routes())
        .merge(admin::routes())
        .merge(mail::routes())
        .merge(openapi::routes());
    // Layers run outside in: the last added sees the request first.
    Router::new()
        .nest("/api/v1", api)
        .fallback(portal::page)
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::decompression::RequestDecompressionLayer::new())
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn(log_request))
        // Fast levels: pages are large and the network is the slow part;
        // tiny answers are not worth compressing.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Fastest)
                .compress_when(tower_http::compression::predicate::SizeAbove::new(1024)),
        )
        .with_state(app)
}

/// Serves `router` on `listener`, over TLS when `tls` is given, with
/// hyper's limits above the router's own (see [`MAX_URI_BYTES`],
/// [`MAX_HEADER_BYTES`]) and a connection that sends no request head in
/// time closed ([`slow_clients`]), until `shutdown` completes; then lets the
/// requests under way finish (for at most 10 s).
pub async fn serve(
    listener: std::net::TcpListener,
    router: Router,
    tls: Option<axum_server::tls_rustls::RustlsConfig>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        stopper.graceful_shutdown(Some(Duration::from_secs(10)));
    });
    let mut server = axum_server::from_tcp(listener).handle(handle);
    server
        .http_builder()
        .http1()
        .max_buf_size(HYPER_MAX_BUF_BYTES)
        .max_headers(HYPER_MAX_HEADERS)
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(slow_clients::HEADER_READ_TIMEOUT);
    server.http_builder().http2().max_header_list_size(HYPER_MAX_BUF_BYTES as u32);
    let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    match tls {
        Some(config) => server.acceptor(axum_server::tls_rustls::RustlsAcceptor::new(config)).serve(service).await,
        None => server.serve(service).await,
    }
}

// ---- errors as {code, message} ----

/// Refuses a request target or header section over the limits, and turns
/// every error response that is not JSON yet (axum's rejections of paths,
/// queries, bodies and methods, the body limit, the decompression layer)
/// into `{code, message}`.
async fn json_errors(request: Request, next: Next) -> Response {
    if let Some(refusal) = oversized(&request) {
        // The client is likely still sending: read on in the background so
        // that it reads this answer instead of a reset connection.
        drain(request.into_body());
        return refusal.into_response();
    }
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string());
    let encoding = request
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let (request, silence) = slow_clients::watch_body(request);
    let response = next.run(request).await;
    let response = if silence.timed_out() {
        StatusCode::REQUEST_TIMEOUT.into_response()
    } else {
        response
    };
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || response.extensions().get::<ErrorCode>().is_some() || is_json(&response) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    // axum adds `Allow` outside the route's layers; the document knows.
    let allowed = route.as_deref().and_then(openapi::allowed_methods);
    let (code, message) = describe(status, &text, &method, &path, encoding.as_deref(), allowed.as_deref());
    if status.is_server_error() {
        tracing::error!(status = status.as_u16(), detail = %text, "request failed");
    }
    debug_assert!(helpdesk_protocol::error_code::ApiErrorCode::parse(&code).is_some(), "`{code}` is not declared");
    let error = helpdesk_protocol::ApiError {
        code,
        message,
        params: serde_json::Map::new(),
        fields: Vec::new(),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    parts.extensions.insert(ErrorCode(error.code.clone()));
    let body = serde_json::to_vec(&error).unwrap_or_default();
    Response::from_parts(parts, axum::body::Body::from(body))
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// How much of a refused body is read and thrown away, and for how long,
/// so that the client sees the refusal (a connection closed on unread data
/// is reset, and a client still sending loses the answer).
const DRAIN_MAX_BYTES: u64 = 64 << 20;
const DRAIN_MAX_TIME: Duration = Duration::from_secs(30);

fn drain(body: axum::body::Body) {
    use axum::body::HttpBody;
    tokio::spawn(async move {
        let mut body = std::pin::pin!(body);
        let mut read = 0u64;
        let deadline = tokio::time::sleep(DRAIN_MAX_TIME);
        let mut deadline = std::pin::pin!(deadline);
        while read < DRAIN_MAX_BYTES {
            let frame = tokio::select! {
                frame = std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)) => frame,
                _ = &mut deadline => break,
            };
            match frame {
                Some(Ok(frame)) => read += frame.data_ref().map_or(0, |d| d.len() as u64),
                _ => break,
            }
        }
    });
}

/// A request over the size limits of its head or its declared body.
fn oversized(request: &Request) -> Option<AppError> {
    let uri = request.uri();
    let target = uri.path_and_query().map_or(0, |p| p.as_str().len()) + uri.authority().map_or(0, |a| a.as_str().len());
    if target > MAX_URI_BYTES {
        return Some(AppError::Http {
            status: StatusCode::URI_TOO_LONG,
            code: "uri_too_long",
            message: format!(
                "the request target is {target} bytes, more than the {MAX_URI_BYTES} the server accepts; send long search terms or lists in fewer or shorter parameters"
            ),
        });
    }
    let headers = request.headers();
    let size: usize = headers.iter().map(|(name, value)| name.as_str().len() + value.len() + 4).sum();
    if size > MAX_HEADER_BYTES || headers.len() > MAX_HEADERS {
        return Some(AppError::Http {
            status: StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            code: "headers_too_large",
            message: format!(
                "the request has {} headers of {size} bytes; the server accepts at most {MAX_HEADERS} headers of {MAX_HEADER_BYTES} bytes in all",
                headers.len()
            ),
        });
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Some(AppError::PayloadTooLarge);
    }
    None
}

/// The code and message of an error response axum or tower-http produced
/// with a plain-text or empty body.
fn describe(status: StatusCode, text: &str, method: &Method, path: &str, encoding: Option<&str>, allowed: Option<&str>) -> (String, String) {
    let said = |default: &str| if text.is_empty() { default.to_string() } else { text.to_string() };
    let (code, message) = match status {
        StatusCode::BAD_REQUEST if text.starts_with("Invalid URL") => {
            ("bad_path", format!("the URL path is not valid: {}", text.trim_start_matches("Invalid URL: ")))
        }
        StatusCode::BAD_REQUEST if text.starts_with("Failed to deserialize query string") => ("bad_query", text.to_string()),
        StatusCode::BAD_REQUEST => ("bad_request", said("the request is not valid HTTP for this endpoint")),
        StatusCode::NOT_FOUND => ("not_found", said("no such endpoint; the API is under /api/v1/ (see /api/v1/openapi.json)")),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            match allowed {
                Some(allowed) => format!("{method} is not allowed on {path}; allowed: {allowed}"),
                None => format!("{method} is not allowed on {path}; see /api/v1/openapi.json"),
            },
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", AppError::PayloadTooLarge.to_string()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE if encoding.is_some() => (
            "unsupported_encoding",
            format!(
                "the body's Content-Encoding `{}` is not supported; send it uncompressed, gzip or zstd",
                encoding.unwrap_or_default()
            ),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", said("the body's Content-Type is not supported by this endpoint")),
        StatusCode::UNPROCESSABLE_ENTITY => ("invalid_body", said("the body does not have the fields this endpoint needs")),
        StatusCode::REQUEST_TIMEOUT => ("timeout", "the request took too long to arrive; send it again".to_string()),
        StatusCode::TOO_MANY_REQUESTS => ("too_many_requests", "too many requests; wait a little and try again".to_string()),
        StatusCode::SERVICE_UNAVAILABLE => ("busy", "the server is busy; try again in a moment".to_string()),
        s if s.is_server_error() => (
            "internal",
            "the server could not complete the request; try again, and tell the administrator if it persists".to_string(),
        ),
        s => (
            "error",
            format!("{}: {}", s.canonical_reason().unwrap_or("error"), said("the request was refused")),
        ),
    };
    (code.to_string(), message)
}

// ---- the request log ----

/// Where the [`Caller`] extractor leaves the signed-in user's id for the
/// request log.
#[derive(Debug, Clone, Default)]
pub struct RequestUser(Arc<OnceLock<String>>);

/// Logs each request as one line: method, route template (never the path
/// or query as sent), status, latency, the signed-in user, and the code of
/// an error. 5xx at `error`, refusals of who may (401, 403, 429) at `warn`,
/// the rest at `info`.
async fn log_request(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string());
    let user = RequestUser::default();
    request.extensions_mut().insert(user.clone());
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let latency_ms = format!("{:.1}", started.elapsed().as_secs_f64() * 1000.0);
    let route = route.as_deref().unwrap_or("-");
    let user = user.0.get().map(tracing::field::display);
    let code = response.extensions().get::<ErrorCode>().map(|c| tracing::field::display(c.0.clone()));
    macro_rules! line {
        ($level:ident) => {
            tracing::$level!(method = %method, route = %route, status, latency_ms = %latency_ms, user, code, "request")
        };
    }
    match status {
        500.. => line!(error),
        401 | 403 | 429 => line!(warn),
        _ => line!(info),
    }
    response
}

/// Runs blocking store work on the blocking pool, where it drives its
/// database connections itself.
pub async fn blocking<T: Send + 'static>(app: &State, f: impl FnOnce(&App) -> AppResult<T> + Send + 'static) -> AppResult<T> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || crate::store::postgres::on_blocking_thread(|| f(&app)))
        .await
        .map_err(|e| AppError::Internal(format!("task failed: {e}")))?
}

/// The bearer token a request is sent with, not yet checked, and where the
/// request log learns who sent it.
pub struct BearerToken {
    pub token: String,
    log_user: Option<RequestUser>,
}

impl BearerToken {
    /// Tells the request log who the token signed in.
    pub fn signed_in(&self, caller: &Caller) {
        if let Some(slot) = &self.log_user {
            let _ = slot.0.set(caller.actor.user_id.clone());
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for BearerToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
        let token = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| AppError::Unauthorized {
                code: "not_signed_in",
                message: "sign in first: POST /api/v1/auth/login, then send `Authorization: Bearer <token>`".into(),
            })?;
        Ok(BearerToken {
            token: token.to_string(),
            log_user: parts.extensions.get::<RequestUser>().cloned(),
        })
    }
}

impl FromRequestParts<State> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &State) -> Result<Self, Self::Rejection> {
        let bearer = BearerToken::from_request_parts(parts, app).await?;
        let token = bearer.token.clone();
        let caller = blocking(app, move |app| app.authenticate(&token)).await?;
        bearer.signed_in(&caller);
        Ok(caller)
    }
}

/// A JSON body whose every rejection is a `{code, message}` 4xx.
pub struct Json<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::JsonDataError(e) => AppError::Unprocessable {
                    code: "invalid_body",
                    message: e.body_text(),
                    fields: vec![],
                },
                JsonRejection::JsonSyntaxError(e) => AppError::bad_request("malformed_json", e.body_text()),
                JsonRejection::MissingJsonContentType(_) => {
                    AppError::bad_request("content_type", "send the body as JSON with `Content-Type: application/json`")
                }
                JsonRejection::BytesRejection(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                other => AppError::bad_request("bad_body", other.body_text()),
            }),
        }
    }
}
