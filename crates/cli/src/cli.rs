//! The command line: `helpdesk [--profile DIR] <command>`. `sla …` checks
//! policies and explains deadlines; the analyst's commands (login, sync,
//! queue, show, every workflow action, kb, attention) live in `analyst`.

use crate::error::Failure;
use crate::fargs;
use crate::i18n::{Lang, Texts};
use crate::{explain, output, replay, Env};
use clap::{Args, Parser, Subcommand};
use helpdesk_domain::policy::{Policy, PRESET_NAMES};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(name = "helpdesk", version, about = "HELP DESK of the State Customs Service: the client core without a window")]
pub struct Cli {
    #[command(flatten)]
    pub profile: crate::analyst::ProfileArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// SLA policies and deadlines, as the regulations set them.
    #[command(subcommand)]
    Sla(SlaCommand),
    #[command(flatten)]
    Analyst(crate::analyst::AnalystCommand),
}

#[derive(Debug, Subcommand)]
pub enum SlaCommand {
    /// Replay a ticket's clock events under a policy and print each
    /// metric's deadline and state as JSON (or, with --explain, in words).
    Replay(ReplayArgs),
    /// List the built-in policies (name, then title, then the metrics whose
    /// figures are placeholders, not the regulation's).
    Presets,
    /// Print a built-in policy as TOML.
    Policy {
        /// A name listed by `helpdesk sla presets`.
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The case as JSON: {policy, holidays?, working_days?, ticket, events, now?}; `-` reads stdin.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// Explain each deadline step by step in words instead of printing JSON.
    #[arg(long)]
    pub explain: bool,
    /// Language of --explain and of the messages about bad input; by default from LC_ALL, LC_MESSAGES or LANG, else the OS's (Windows, macOS), else Ukrainian.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

/// A run that ends before any command: help, version, or a usage error.
pub struct Early {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Parses the command line; `--help` ends with the exit codes in `lang`.
pub fn parse(args: impl IntoIterator<Item = OsString>, lang: Lang) -> Result<Cli, Early> {
    use clap::{CommandFactory, FromArgMatches};
    let texts = Texts::new(lang);
    let command = crate::help_texts::localize(Cli::command(), &texts).after_help(texts.plain("exit-codes"));
    let args = crate::help_texts::help_command_as_flag(args.into_iter().collect());
    command
        .clone()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| {
            use clap::error::ErrorKind;
            match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Early {
                    code: 0,
                    stdout: crate::help_texts::placeholders(&e.render().to_string(), &texts),
                    stderr: String::new(),
                },
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Early {
                    code: 2,
                    stdout: String::new(),
                    stderr: crate::help_texts::placeholders(&e.render().to_string(), &texts),
                },
                _ => Early {
                    code: 2,
                    stdout: String::new(),
                    stderr: format!("helpdesk: {}\n", crate::usage_errors::sentence(&e, &command, &args, &texts)),
                },
            }
        })
}

pub fn execute(cli: Cli, env: Env<'_>, out: &mut String) -> Result<(), Failure> {
    match cli.command {
        Command::Sla(command) => execute_sla(command, env, out),
        Command::Analyst(command) => crate::analyst::execute(command, cli.profile.profile, env, out),
    }
}

fn execute_sla(command: SlaCommand, env: Env<'_>, out: &mut String) -> Result<(), Failure> {
    match command {
        SlaCommand::Presets => {
            let texts = Texts::new(Lang::from_env(env.var));
            for name in PRESET_NAMES {
                let Ok(policy) = Policy::preset(name) else { continue };
                let _ = write!(out, "{name}\t{}", policy.name);
                let placeholders = policy.placeholders();
                if !placeholders.is_empty() {
                    let metrics: Vec<&str> = placeholders.iter().map(|(metric, _)| *metric).collect();
                    let args = fargs! { "metrics" => metrics.join(", "), "why" => placeholders[0].1 };
                    let _ = write!(out, "\t{}", texts.get("presets-placeholders", &args));
                }
                out.push('\n');
            }
            Ok(())
        }
        SlaCommand::Policy { name } => {
            let texts = Texts::new(Lang::from_env(env.var));
            let source = Policy::preset_source(&name).map_err(|_| {
                let args = fargs! { "given" => name.clone(), "presets" => PRESET_NAMES.join(", ") };
                Failure::input("NAME", texts.get("policy-unknown", &args))
            })?;
            out.push_str(source);
            Ok(())
        }
        SlaCommand::Replay(args) => replay_command(args, env, out),
    }
}

fn replay_command(args: ReplayArgs, env: Env<'_>, out: &mut String) -> Result<(), Failure> {
    let texts = Texts::new(args.lang.unwrap_or_else(|| Lang::from_env(env.var)));
    let (json, base_dir) = read_case(&args.file, env.stdin, &texts)?;
    let case = replay::parse(&texts, &json, base_dir.as_deref(), chrono::Utc::now())?;
    let report = case.evaluate(&texts)?;
    if args.explain {
        out.push_str(&explain::render(&case, &report, &texts));
    } else {
        out.push_str(&output::to_json(&case, &report));
        out.push('\n');
    }
    Ok(())
}

/// The case's JSON from `file` (`-` for stdin), and the directory a
/// relative policy path is looked up in.
fn read_case(file: &Path, stdin: &mut dyn Read, texts: &Texts) -> Result<(String, Option<PathBuf>), Failure> {
    if file.as_os_str() == "-" {
        let mut json = String::new();
        stdin
            .read_to_string(&mut json)
            .map_err(|e| Failure::input("stdin", texts.get("replay-read-stdin", &fargs! { "reason" => e.to_string() })))?;
        return Ok((json, None));
    }
    let json = std::fs::read_to_string(file).map_err(|e| {
        Failure::input(
            "FILE",
            texts.get("replay-read-file", &fargs! { "file" => file.display().to_string(), "reason" => e.to_string() }),
        )
    })?;
    Ok((json, file.parent().map(Path::to_path_buf)))
}
