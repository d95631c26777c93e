//! The central HELP DESK service: it registers tickets and routes them to
//! working groups, enforces the workflow and roles with `helpdesk-domain`,
//! computes SLA, keeps the knowledge base and an audit trail, and serves the
//! sync API the desktop app and the `helpdesk` CLI use.
//!
//! Layers, one way: `http` (axum handlers, thin) → `app` (behaviour) →
//! `store` (all SQL; embedded SQLite by default). Handlers hold no rule
//! and no SQL; `app` holds no SQL; no rule of the workflow or the SLA is
//! written here that the domain should decide (the server must never
//! accept what an offline laptop would refuse, nor the other way round).
//! It depends on no client crate.

pub mod app;
pub mod cli;
pub mod cli_registration;
pub mod demo;
pub mod error;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod store;

pub use app::{App, Clock, Config};
