//! Clients that hold a connection without sending: a request whose head
//! has not arrived [`HEADER_READ_TIMEOUT`] after the connection was opened
//! or its last answer was sent (an idle keep-alive connection too) is
//! closed by hyper; a body that sends nothing for [`BODY_IDLE_TIMEOUT`] is
//! given up on with `408 {code: "timeout"}`. A slow network that keeps
//! sending is never cut: only silence counts.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use http_body::Frame;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Instant, Sleep};

/// How long a connection may take to send a request's head.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a request's body may send nothing before it is given up on.
pub const BODY_IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether a request's body fell silent for too long.
#[derive(Clone, Default)]
pub struct BodySilence(Arc<AtomicBool>);

impl BodySilence {
    pub fn timed_out(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// `request` with its body given up on after [`BODY_IDLE_TIMEOUT`] of
/// silence, and what tells that it was.
pub fn watch_body(request: Request) -> (Request, BodySilence) {
    watch_body_for(request, BODY_IDLE_TIMEOUT)
}

fn watch_body_for(request: Request, idle: Duration) -> (Request, BodySilence) {
    let silence = BodySilence::default();
    if http_body::Body::is_end_stream(request.body()) {
        // Nothing to wait for (most GETs): no timer.
        return (request, silence);
    }
    let (parts, body) = request.into_parts();
    let body = IdleTimeoutBody {
        inner: body,
        idle,
        silent_until: Box::pin(tokio::time::sleep(idle)),
        silence: silence.clone(),
    };
    (Request::from_parts(parts, Body::new(body)), silence)
}

struct IdleTimeoutBody {
    inner: Body,
    idle: Duration,
    silent_until: Pin<Box<Sleep>>,
    silence: BodySilence,
}

impl http_body::Body for IdleTimeoutBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                let next = Instant::now() + this.idle;
                this.silent_until.as_mut().reset(next);
                Poll::Ready(frame)
            }
            Poll::Pending => match this.silent_until.as_mut().poll(cx) {
                Poll::Ready(()) => {
                    this.silence.0.store(true, Ordering::Relaxed);
                    Poll::Ready(Some(Err(axum::Error::new(format!("the body sent nothing for {} s", this.idle.as_secs())))))
                }
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::HttpBody;

    async fn read_all(request: Request) -> Result<Vec<u8>, axum::Error> {
        axum::body::to_bytes(request.into_body(), 1 << 20).await.map(|b| b.to_vec())
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_keeps_sending_is_read_whole_however_slow() {
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<Frame<Bytes>, axum::Error>>(1);
        let body = Body::new(channel_body(rx));
        let (request, silence) = watch_body_for(Request::new(body), Duration::from_secs(10));
        let sender = tokio::spawn(async move {
            for chunk in ["one ", "two ", "three"] {
                tokio::time::sleep(Duration::from_secs(9)).await;
                tx.send(Ok(Frame::data(Bytes::from(chunk)))).await.unwrap();
            }
        });
        assert_eq!(read_all(request).await.unwrap(), b"one two three");
        sender.await.unwrap();
        assert!(!silence.timed_out());
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_falls_silent_is_given_up_on() {
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<Frame<Bytes>, axum::Error>>(1);
        let (request, silence) = watch_body_for(Request::new(Body::new(channel_body(rx))), Duration::from_secs(10));
        tx.send(Ok(Frame::data(Bytes::from("start")))).await.unwrap();
        let started = Instant::now();
        let read = read_all(request).await;
        assert!(read.is_err(), "{read:?}");
        assert!(silence.timed_out());
        assert_eq!(started.elapsed().as_secs(), 10);
        drop(tx);
    }

    /// A body whose frames come from a channel.
    fn channel_body(rx: tokio::sync::mpsc::Receiver<Result<Frame<Bytes>, axum::Error>>) -> impl HttpBody<Data = Bytes, Error = axum::Error> + Send + 'static {
        struct Channel(tokio::sync::mpsc::Receiver<Result<Frame<Bytes>, axum::Error>>);
        impl http_body::Body for Channel {
            type Data = Bytes;
            type Error = axum::Error;
            fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
                self.0.poll_recv(cx)
            }
        }
        Channel(rx)
    }
}
