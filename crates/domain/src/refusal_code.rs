//! The workflow's refusal codes as a closed set: the `code` of every
//! [`Refusal`], which the server, the client and the UI pass on and the
//! front ends translate (ts-rs generates the TypeScript union).

use crate::workflow::Refusal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why the workflow refused an op, as a stable machine code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RefusalCode {
    WrongStatus,
    ForbiddenRole,
    NotRequester,
    NotOwner,
    NotInGroup,
    NotGroupLead,
    ForbiddenLine,
    MissingReason,
    EmptyText,
    SameValue,
    InvalidTarget,
    InvalidInput,
    NotApplicable,
    TooFewInfoRequests,
}

impl RefusalCode {
    pub const ALL: [RefusalCode; 14] = [
        RefusalCode::WrongStatus,
        RefusalCode::ForbiddenRole,
        RefusalCode::NotRequester,
        RefusalCode::NotOwner,
        RefusalCode::NotInGroup,
        RefusalCode::NotGroupLead,
        RefusalCode::ForbiddenLine,
        RefusalCode::MissingReason,
        RefusalCode::EmptyText,
        RefusalCode::SameValue,
        RefusalCode::InvalidTarget,
        RefusalCode::InvalidInput,
        RefusalCode::NotApplicable,
        RefusalCode::TooFewInfoRequests,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefusalCode::WrongStatus => "wrong_status",
            RefusalCode::ForbiddenRole => "forbidden_role",
            RefusalCode::NotRequester => "not_requester",
            RefusalCode::NotOwner => "not_owner",
            RefusalCode::NotInGroup => "not_in_group",
            RefusalCode::NotGroupLead => "not_group_lead",
            RefusalCode::ForbiddenLine => "forbidden_line",
            RefusalCode::MissingReason => "missing_reason",
            RefusalCode::EmptyText => "empty_text",
            RefusalCode::SameValue => "same_value",
            RefusalCode::InvalidTarget => "invalid_target",
            RefusalCode::InvalidInput => "invalid_input",
            RefusalCode::NotApplicable => "not_applicable",
            RefusalCode::TooFewInfoRequests => "too_few_info_requests",
        }
    }

    pub fn parse(code: &str) -> Option<RefusalCode> {
        RefusalCode::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

impl Refusal {
    /// [`Refusal::code`] as a [`RefusalCode`].
    pub fn refusal_code(&self) -> RefusalCode {
        RefusalCode::parse(self.code()).expect("every refusal code is a RefusalCode")
    }

    /// What the refusal names besides its code (the op, the ticket's
    /// status, the field…), for a front end to put into its own sentence.
    pub fn params(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut fields)) => {
                fields.remove("code");
                fields
            }
            _ => serde_json::Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RefusalCode;
    use crate::workflow::Refusal;

    #[test]
    fn the_codes_are_the_workflows_codes() {
        let ours: Vec<&str> = RefusalCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(ours, Refusal::CODES);
        for code in RefusalCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
