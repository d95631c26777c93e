//! The production transport: HTTPS (rustls) with reqwest, gzip/zstd
//! responses, connect and request timeouts.

mod api;
pub mod failure;

use crate::{Transport, TransportError};
use helpdesk_protocol::error_code::{ApiErrorCode, ServerErrorCode};
use helpdesk_protocol::{ApiError, Directory, LoginRequest, LoginResponse, PullRequest, PushRequest, PushResponse, SyncedPolicy};
use std::sync::RwLock;

pub struct HttpTransport {
    client: reqwest::Client,
    base: String,
    token: RwLock<Option<String>>,
}

impl HttpTransport {
    /// `server` like `https://helpdesk.customs.gov.ua` or `http://127.0.0.1:8080`.
    pub fn new(server: &str, token: Option<String>) -> Result<HttpTransport, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(failure::CONNECT_TIMEOUT)
            .read_timeout(failure::READ_TIMEOUT)
            .timeout(failure::REQUEST_TIMEOUT)
            .pool_idle_timeout(failure::POOL_IDLE_TIMEOUT)
            .gzip(true)
            .zstd(true)
            .build()
            .map_err(|e| {
                tracing::warn!(error = %e, "cannot start the HTTP client");
                TransportError::Offline(failure::Unreachable::new(failure::FailureKind::Other, server))
            })?;
        Ok(HttpTransport {
            client,
            base: server.trim_end_matches('/').to_string(),
            token: RwLock::new(token),
        })
    }

    /// Ends the sign-in on the server (the token stops working).
    pub async fn logout(&self) -> Result<(), TransportError> {
        let mut request = self.client.post(format!("{}/api/v1/auth/logout", self.base));
        if let Some(token) = self.token.read().unwrap_or_else(|p| p.into_inner()).clone() {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .await
            .map_err(|e| TransportError::Offline(failure::Unreachable::of(&e, &self.base)))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(TransportError::Refused {
                status: response.status().as_u16(),
                code: "logout".into(),
                message: "the server did not end the sign-in".into(),
            })
        }
    }

    pub fn set_token(&self, token: Option<String>) {
        *self.token.write().unwrap_or_else(|p| p.into_inner()) = token;
    }

    async fn post<Req: serde::Serialize, Resp: serde::de::DeserializeOwned>(&self, path: &str, body: &Req) -> Result<Resp, TransportError> {
        read_answer(&self.post_text(path, body).await?)
    }

    async fn post_text<Req: serde::Serialize>(&self, path: &str, body: &Req) -> Result<String, TransportError> {
        self.send_text(self.client.post(format!("{}/api/v1{path}", self.base)).json(body)).await
    }

    async fn get<Resp: serde::de::DeserializeOwned>(&self, path: &str) -> Result<Resp, TransportError> {
        read_answer(&self.send_text(self.client.get(format!("{}/api/v1{path}", self.base))).await?)
    }

    /// Sends with the bearer token; a success is the body's text, a failure
    /// the server's `{code, message}` as a `TransportError`.
    async fn send_text(&self, mut request: reqwest::RequestBuilder) -> Result<String, TransportError> {
        if let Some(token) = self.token.read().unwrap_or_else(|p| p.into_inner()).clone() {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .await
            .map_err(|e| TransportError::Offline(failure::Unreachable::of(&e, &self.base)))?;
        let status = response.status();
        let bytes = read_body(response)
            .await
            .map_err(|e| TransportError::Offline(failure::Unreachable::of(&e, &self.base)))?;
        if status.is_success() {
            return match simdutf8::compat::from_utf8(&bytes) {
                // SAFETY: just checked to be UTF-8.
                Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
                Err(e) => Err(TransportError::ServerError {
                    status: status.as_u16(),
                    message: format!("unreadable answer: {e}"),
                }),
            };
        }
        // Not our server's `{code, message}` (a proxy's page, a gateway's
        // error): say what the status means rather than quote the page.
        let error: ApiError = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
            ApiError::new(
                ApiErrorCode::Server(ServerErrorCode::Http),
                format!(
                    "{} answered HTTP {} ({}) without an explanation: check that the address is the HELP DESK server's, or try again later",
                    failure::host_of(&self.base),
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("unknown status")
                ),
            )
        });
        Err(match status.as_u16() {
            401 => TransportError::SignInRequired {
                code: error.code,
                message: error.message,
            },
            s if s >= 500 || s == 429 || s == 408 => TransportError::ServerError {
                status: s,
                message: error.message,
            },
            s => TransportError::Refused {
                status: s,
                code: error.code,
                message: error.message,
            },
        })
    }
}

/// The answer's body as it comes, chunk after chunk, into one buffer that
/// becomes the text without another copy (a page of a first replica is
/// megabytes: collecting it into one piece and then copying that into a
/// `String` cost two copies and as many fresh pages of memory).
async fn read_body(mut response: reqwest::Response) -> reqwest::Result<Vec<u8>> {
    let mut body = Vec::with_capacity(response.content_length().unwrap_or(0).min(64 << 20) as usize);
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

impl Transport for HttpTransport {
    async fn login(&self, username: &str, password: &str) -> Result<LoginResponse, TransportError> {
        let response: LoginResponse = self
            .post(
                "/auth/login",
                &LoginRequest {
                    username: username.into(),
                    password: password.into(),
                },
            )
            .await?;
        self.set_token(Some(response.token.clone()));
        Ok(response)
    }

    async fn push(&self, request: &PushRequest) -> Result<PushResponse, TransportError> {
        self.post("/sync/push", request).await
    }

    async fn pull(&self, request: &PullRequest) -> Result<String, TransportError> {
        self.post_text("/sync/pull", request).await
    }

    async fn ticket(&self, id: &str) -> Result<String, TransportError> {
        self.send_text(self.client.get(format!("{}/api/v1/tickets/{id}", self.base))).await
    }

    async fn directory(&self) -> Result<Directory, TransportError> {
        self.get("/directory").await
    }

    async fn policies(&self) -> Result<Vec<SyncedPolicy>, TransportError> {
        self.get("/policies").await
    }

    async fn registration_settings(&self) -> Result<helpdesk_domain::registration_defaults::RegistrationSettings, TransportError> {
        self.get("/registration/settings").await
    }
}

/// A successful answer's JSON as `Resp`; text that does not read is the
/// server's fault, not the network's.
fn read_answer<Resp: serde::de::DeserializeOwned>(text: &str) -> Result<Resp, TransportError> {
    serde_json::from_str(text).map_err(|e| TransportError::ServerError {
        status: 200,
        message: format!("unreadable answer: {e}"),
    })
}
