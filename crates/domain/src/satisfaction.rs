//! The requester's satisfaction with the answer (003 §6.1.12, §6.2.5: «рівень
//! задоволеності користувачів результатами сервісу … на підставі
//! результатів опитувань або інструментів зворотного зв'язку»): the portal
//! asks for it once the ticket is closed, the `rate` op records it once, and
//! the KPI report averages it ([`crate::kpi::SatisfactionMean`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;
use ts_rs::TS;

/// The scores a requester may give: 1 (very dissatisfied) to 5 (very satisfied).
pub const SCORES: RangeInclusive<u8> = 1..=5;

/// The longest comment kept with a rating, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// One requester's rating of their ticket's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Satisfaction {
    pub score: u8,
    /// The requester's words; empty when they gave none.
    #[serde(default)]
    pub comment: String,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
}

/// The satisfaction KPI (003 §6.1.12, §6.2.5): the mean score of the ratings
/// given in a period, over every channel, and how many there were.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoreMean {
    total: u64,
    count: u64,
}

impl ScoreMean {
    pub fn add(&mut self, score: u8) {
        self.total += u64::from(score);
        self.count += 1;
    }

    pub fn merge(&mut self, other: &ScoreMean) {
        self.total += other.total;
        self.count += other.count;
    }

    /// How many ratings were given.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The mean score; none of no rating.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.total as f64 / self.count as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c003_s6_1_12_satisfaction_is_the_mean_score_of_the_ratings() {
        let mut a = ScoreMean::default();
        assert_eq!(a.mean(), None);
        a.add(5);
        a.add(2);
        let mut b = ScoreMean::default();
        b.add(4);
        a.merge(&b);
        assert_eq!(a.count(), 3);
        assert_eq!(a.mean(), Some(11.0 / 3.0));
    }
}
