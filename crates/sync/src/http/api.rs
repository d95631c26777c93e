//! Online calls of the HTTP API beyond sync, for what is done on the server
//! only (the knowledge base's editorial cycle, reports): JSON in and out,
//! with the same token and error mapping as the sync calls.

use super::HttpTransport;
use crate::TransportError;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn unreadable(e: serde_json::Error) -> TransportError {
    TransportError::ServerError {
        status: 200,
        message: format!("unreadable answer: {e}"),
    }
}

impl HttpTransport {
    /// `GET /api/v1{path}` as JSON.
    pub async fn api_get<Resp: DeserializeOwned>(&self, path: &str) -> Result<Resp, TransportError> {
        self.get(path).await
    }

    /// `GET /api/v1{path}` as text (e.g. CSV).
    pub async fn api_get_text(&self, path: &str) -> Result<String, TransportError> {
        self.send_text(self.client.get(format!("{}/api/v1{path}", self.base))).await
    }

    /// `POST /api/v1{path}` with a JSON body.
    pub async fn api_post<Req: Serialize, Resp: DeserializeOwned>(&self, path: &str, body: &Req) -> Result<Resp, TransportError> {
        self.post(path, body).await
    }

    /// `PUT /api/v1{path}` with a JSON body.
    pub async fn api_put<Req: Serialize, Resp: DeserializeOwned>(&self, path: &str, body: &Req) -> Result<Resp, TransportError> {
        let text = self.send_text(self.client.put(format!("{}/api/v1{path}", self.base)).json(body)).await?;
        serde_json::from_str(&text).map_err(unreadable)
    }
}
