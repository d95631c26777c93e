//! Time-based work the policies prescribe: warnings and hierarchical
//! escalation flags at thresholds, auto-close, rejection for no response.

use crate::app::App;
use std::sync::Arc;

pub fn spawn(_app: Arc<App>) {}
