//! Priority: the impact × urgency matrix of 000 §13 (1 highest, 5 lowest),
//! and the named levels some regulations use instead (002 Appendix 1 Table 1),
//! which a policy maps onto these numbers.

use crate::model::named_enum;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

named_enum!(
    /// How much of the service is affected (000 §13: «вплив»).
    Impact {
        High => "high",
        Medium => "medium",
        Low => "low",
    }
);

named_enum!(
    /// How soon the requester needs it (000 §13: «терміновість»).
    Urgency {
        High => "high",
        Medium => "medium",
        Low => "low",
    }
);

/// A priority of the engine: 1 is the highest, 5 the lowest (000 §13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(try_from = "u8", into = "u8")]
#[ts(type = "number")]
pub struct Priority(u8);

impl Priority {
    pub const HIGHEST: Priority = Priority(1);
    pub const LOWEST: Priority = Priority(5);

    pub fn new(value: u8) -> Result<Priority, crate::UnknownName> {
        if (1..=5).contains(&value) {
            Ok(Priority(value))
        } else {
            Err(crate::UnknownName {
                what: "Priority",
                given: value.to_string(),
                allowed: "1, 2, 3, 4, 5".into(),
            })
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// 000 §13: the priority follows from impact and urgency.
    pub fn from_matrix(impact: Impact, urgency: Urgency) -> Priority {
        use Impact as I;
        use Urgency as U;
        Priority(match (urgency, impact) {
            (U::High, I::High) => 1,
            (U::High, I::Medium) => 2,
            (U::High, I::Low) => 3,
            (U::Medium, I::High) => 3,
            (U::Medium, I::Medium) => 4,
            (U::Medium, I::Low) => 5,
            (U::Low, I::High) => 4,
            (U::Low, I::Medium) => 5,
            (U::Low, I::Low) => 5,
        })
    }

    /// A lower number is more urgent: `P1.is_higher_than(P3)`.
    pub fn is_higher_than(self, other: Priority) -> bool {
        self.0 < other.0
    }
}

impl TryFrom<u8> for Priority {
    type Error = crate::UnknownName;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Priority::new(value)
    }
}

impl From<Priority> for u8 {
    fn from(p: Priority) -> u8 {
        p.0
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "P{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 000 §13: every cell of the impact × urgency table.
    #[test]
    fn matrix_of_000_s13() {
        let table = [(Urgency::High, [1, 2, 3]), (Urgency::Medium, [3, 4, 5]), (Urgency::Low, [4, 5, 5])];
        for (urgency, row) in table {
            for (impact, expected) in [Impact::High, Impact::Medium, Impact::Low].into_iter().zip(row) {
                assert_eq!(Priority::from_matrix(impact, urgency).value(), expected, "{impact} × {urgency}");
            }
        }
    }

    #[test]
    fn out_of_range_priority_is_refused_with_the_allowed_values() {
        let err = Priority::new(6).unwrap_err();
        assert!(err.to_string().contains("1, 2, 3, 4, 5"), "{err}");
        assert!(Priority::new(0).is_err());
    }
}
