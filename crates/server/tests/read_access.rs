//! Who reads a ticket (SPEC §5), decided on the whole ticket and on the
//! fields a pull page reads out of its stored JSON: both alike.

mod common;

use helpdesk_domain::ticket::register;
use helpdesk_domain::workflow::{Actor, Membership, Role};
use helpdesk_domain::Line;
use helpdesk_server::app::tickets::{can_read, ReadAccess};

fn actor(user_id: &str, role: Role, groups: &[&str]) -> Actor {
    Actor {
        user_id: user_id.into(),
        role,
        groups: groups
            .iter()
            .map(|g| Membership {
                group: g.to_string(),
                line: Line::L2,
            })
            .collect(),
        permissions: Default::default(),
    }
}

#[test]
fn the_access_read_from_the_stored_json_decides_as_the_whole_ticket() {
    let mut new = common::consultation("Як заповнити графу 44", "ЄАІС", "eais-l2");
    new.id = "t-1".into();
    new.number = "HD-2026-000001".into();
    new.line = Some(Line::L2);
    new.requester.user_id = Some("u-petro".into());
    let mut ticket = register(new, "olga", chrono::Utc::now()).unwrap().ticket;
    ticket.owner = Some("u-ana".into());
    ticket.co_executor_groups = vec!["network-l2".into()];
    let stored = serde_json::to_string(&ticket).unwrap();
    let access: ReadAccess = serde_json::from_str(&stored).unwrap();
    let readers = [
        (actor("u-admin", Role::Administrator, &[]), true),
        (actor("u-olga", Role::Analyst, &["eais-l2"]), true),
        (actor("u-ana", Role::Analyst, &[]), true),
        (actor("u-ivan", Role::Analyst, &["network-l2"]), true),
        (actor("u-taras", Role::Analyst, &["asd-l2"]), false),
        (actor("u-petro", Role::SelfService, &[]), true),
        (actor("u-other", Role::SelfService, &[]), false),
    ];
    for (reader, expected) in readers {
        assert_eq!(can_read(&reader, &ticket), expected, "{}", reader.user_id);
        assert_eq!(access.readable_by(&reader), expected, "{}", reader.user_id);
    }
}
