//! `serve`'s registration settings: what a desk registration gets for a
//! field it leaves out. Each has a flag (and an environment variable); the
//! value `none` gives that field no default, so a registration must name it.

use clap::Args;
use helpdesk_domain::registration_defaults::RegistrationDefaults;
use std::str::FromStr;

#[derive(Args, Clone, Debug)]
pub struct RegistrationArgs {
    /// The channel of a desk registration that names none (phone, email,
    /// paper, chat_bot, portal), or `none`.
    #[arg(long, env = "HELPDESK_DEFAULT_CHANNEL", value_name = "CHANNEL", default_value = "phone")]
    pub default_channel: String,
    /// The kind of requester of a desk registration that names none
    /// (legal_entity, entrepreneur, official, employee, citizen), or `none`.
    #[arg(long, env = "HELPDESK_DEFAULT_REQUESTER_KIND", value_name = "KIND", default_value = "citizen")]
    pub default_requester_kind: String,
    /// The service of a desk registration that names none, or `none`.
    #[arg(long, env = "HELPDESK_DEFAULT_SERVICE", value_name = "SERVICE", default_value = "general")]
    pub default_service: String,
    /// The impact of a desk registration that gives none (high, medium, low), or `none`.
    #[arg(long, env = "HELPDESK_DEFAULT_IMPACT", value_name = "LEVEL", default_value = "medium")]
    pub default_impact: String,
    /// The urgency of a desk registration that gives none (high, medium, low), or `none`.
    #[arg(long, env = "HELPDESK_DEFAULT_URGENCY", value_name = "LEVEL", default_value = "medium")]
    pub default_urgency: String,
}

fn setting<T: FromStr<Err = helpdesk_domain::UnknownName>>(flag: &str, text: &str) -> Result<Option<T>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|e: helpdesk_domain::UnknownName| format!("{flag} `{text}` is unknown: give one of {}, or none", e.allowed))
}

impl RegistrationArgs {
    /// The defaults the flags set, or what is wrong with one.
    pub fn defaults(&self) -> Result<RegistrationDefaults, String> {
        let service = self.default_service.trim();
        Ok(RegistrationDefaults {
            channel: setting("--default-channel", &self.default_channel)?,
            requester_kind: setting("--default-requester-kind", &self.default_requester_kind)?,
            service: (!service.is_empty() && !service.eq_ignore_ascii_case("none")).then(|| service.to_string()),
            impact: setting("--default-impact", &self.default_impact)?,
            urgency: setting("--default-urgency", &self.default_urgency)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Serve {
        #[command(flatten)]
        registration: RegistrationArgs,
    }

    #[test]
    fn without_flags_the_defaults_are_the_built_in_ones() {
        let serve = Serve::try_parse_from(["serve"]).unwrap();
        assert_eq!(serve.registration.defaults().unwrap(), RegistrationDefaults::default());
    }

    #[test]
    fn none_leaves_a_field_without_a_default_and_a_wrong_name_is_refused() {
        let serve = Serve::try_parse_from(["serve", "--default-service", "none", "--default-impact", "high"]).unwrap();
        let defaults = serve.registration.defaults().unwrap();
        assert_eq!(defaults.service, None);
        assert_eq!(defaults.impact, Some(helpdesk_domain::Impact::High));
        let wrong = Serve::try_parse_from(["serve", "--default-channel", "fax"]).unwrap();
        let message = wrong.registration.defaults().unwrap_err();
        assert!(message.contains("--default-channel `fax`") && message.contains("phone"), "{message}");
    }
}
