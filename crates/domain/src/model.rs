//! The small vocabulary every other module speaks: ticket types, statuses,
//! support lines, complexity, channels (SPEC §2).

/// Declares a closed, string-named enum with a stable snake_case JSON form,
/// `as_str`, `ALL`, `Display` and a `FromStr` whose error lists what is allowed.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize, ::ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
                pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.as_str()) }
        }

        impl ::std::str::FromStr for $name {
            type Err = crate::UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(s.trim())).ok_or_else(|| crate::UnknownName {
                    what: stringify!($name),
                    given: s.to_string(),
                    allowed: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }
    };
}
pub(crate) use named_enum;

named_enum!(
    /// SPEC §2: one model covers the types of all five regulations.
    TicketType {
        Incident => "incident",
        ServiceRequest => "service_request",
        Consultation => "consultation",
        ChangeRequest => "change_request",
    }
);

named_enum!(
    /// SPEC §2.1: the union of the statuses of 001 §III.9, 002 §14, 004 §2.4/§3.
    Status {
        New => "new",
        InProgress => "in_progress",
        AwaitingInfo => "awaiting_info",
        Postponed => "postponed",
        Resolved => "resolved",
        Closed => "closed",
    }
);

impl Status {
    /// SPEC §2.1 / §3.3: the SLA clock does not run in these statuses.
    pub fn pauses_clock(self) -> bool {
        matches!(self, Status::AwaitingInfo | Status::Postponed)
    }

    /// The clock has stopped: a solution was given or the ticket is closed.
    pub fn stops_clock(self) -> bool {
        matches!(self, Status::Resolved | Status::Closed)
    }

    /// The statuses a ticket may move to from this one (SPEC §2.1): taken
    /// into work, waiting for the requester or postponed and back, resolved
    /// (also straight from `new`, answered from the knowledge base),
    /// reopened (000 §19; 002 §14.1), returned to `new` when escalated to
    /// another group or line, closed with a reason from any open status
    /// (002 §7.5; 004 §3.5). Nothing leaves `closed`.
    pub fn next_statuses(self) -> &'static [Status] {
        use Status::*;
        match self {
            New => &[InProgress, AwaitingInfo, Postponed, Resolved, Closed],
            InProgress => &[New, AwaitingInfo, Postponed, Resolved, Closed],
            AwaitingInfo => &[New, InProgress, Postponed, Resolved, Closed],
            Postponed => &[New, InProgress, AwaitingInfo, Resolved, Closed],
            Resolved => &[InProgress, Closed],
            Closed => &[],
        }
    }

    pub fn can_change_to(self, to: Status) -> bool {
        self.next_statuses().contains(&to)
    }
}

named_enum!(
    /// Support lines (000 §10; 002 §3.5 has a fourth).
    Line {
        #[serde(rename = "L1")]
        L1 => "L1",
        #[serde(rename = "L2")]
        L2 => "L2",
        #[serde(rename = "L3")]
        L3 => "L3",
        #[serde(rename = "L4")]
        L4 => "L4",
    }
);

named_enum!(
    /// 003 §4.10: the complexity of a request decides its resolution term.
    Complexity {
        Simple => "simple",
        Medium => "medium",
        Complex => "complex",
    }
);

named_enum!(
    /// How a request reached the service desk (000 §18–19; 003 §4.1).
    Channel {
        Portal => "portal",
        Phone => "phone",
        Email => "email",
        ChatBot => "chat_bot",
        Paper => "paper",
        Monitoring => "monitoring",
    }
);
