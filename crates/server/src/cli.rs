//! `helpdesk-server`: serve the API, and the administrators' commands on a
//! data directory (users, groups, policies, demo data).

use crate::app::{system_clock, App, Config};
use crate::error::AppError;
use crate::store::{self, users, Store};
use clap::{Args, Parser, Subcommand};
use helpdesk_domain::workflow::{Permissions, Role};
use helpdesk_domain::Line;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(name = "helpdesk-server", version, about = "The central HELP DESK service")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DataDir {
    /// Directory of the database and attachments.
    #[arg(long, env = "HELPDESK_DATA_DIR")]
    data_dir: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API.
    Serve(ServeArgs),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage working groups.
    #[command(subcommand)]
    Group(GroupCommand),
    /// Manage SLA policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Fill an empty data directory with a realistic, deterministic dataset.
    DemoData(DemoArgs),
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    data: DataDir,
    /// Address to listen on, e.g. 127.0.0.1:8080.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Fill an empty data directory with demo data and print the demo accounts.
    #[arg(long)]
    demo: bool,
    /// Create this administrator if there is none (password from HELPDESK_ADMIN_PASSWORD).
    #[arg(long, value_name = "USERNAME")]
    bootstrap_admin: Option<String>,
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Serve plain HTTP on an address other than loopback (behind a TLS proxy).
    #[arg(long)]
    allow_plain_http: bool,
    /// Demo data: how many tickets.
    #[arg(long, default_value_t = 300)]
    demo_tickets: usize,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user; the password comes from HELPDESK_PASSWORD or standard input.
    Add {
        #[command(flatten)]
        data: DataDir,
        username: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["self_service", "analyst", "administrator"])]
        role: String,
        #[arg(long)]
        group_lead: bool,
        #[arg(long)]
        kb_editor: bool,
    },
    /// Set a user's password (HELPDESK_PASSWORD or standard input) and end their sign-ins.
    Passwd {
        #[command(flatten)]
        data: DataDir,
        username: String,
    },
    /// Let a user whose sign-ins are throttled after failed attempts sign in again at once.
    Unlock {
        #[command(flatten)]
        data: DataDir,
        username: String,
    },
    /// Disable a user and end their sign-ins.
    Disable {
        #[command(flatten)]
        data: DataDir,
        username: String,
    },
}

#[derive(Subcommand)]
enum GroupCommand {
    /// Add a working group.
    Add {
        #[command(flatten)]
        data: DataDir,
        id: String,
        #[arg(long)]
        name: String,
        /// L1, L2, L3 or L4.
        #[arg(long)]
        line: String,
    },
    /// Add a user to a group (or remove with --remove).
    Member {
        #[command(flatten)]
        data: DataDir,
        group: String,
        username: String,
        #[arg(long)]
        remove: bool,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Import or replace a policy from a TOML file.
    Import {
        #[command(flatten)]
        data: DataDir,
        file: PathBuf,
    },
}

#[derive(Args)]
struct DemoArgs {
    #[command(flatten)]
    data: DataDir,
    #[arg(long, default_value_t = 300)]
    tickets: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

/// A failure of a command: exit 1 when a rule refused, 2 for bad usage.
struct Failure {
    code: u8,
    message: String,
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        let code = if e.status().is_server_error() { 1 } else { 2 };
        Failure { code, message: e.to_string() }
    }
}

impl From<store::StoreError> for Failure {
    fn from(e: store::StoreError) -> Self {
        Failure {
            code: 1,
            message: e.to_string(),
        }
    }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: message.into(),
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("helpdesk-server: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn open_app(dir: &Path) -> Result<App, Failure> {
    let store = Store::open(dir)?;
    Ok(App::new(store, system_clock(), Config::default())?)
}

fn password_from_env_or_stdin(var: &str) -> Result<String, Failure> {
    if let Ok(p) = std::env::var(var) {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| usage(format!("cannot read the password from standard input: {e}")))?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err(usage(format!("no password: set {var} or type it on standard input")));
    }
    Ok(password)
}

fn user_id(app: &App, username: &str) -> Result<String, Failure> {
    let name = crate::app::usernames::normalise(username)?;
    app.store
        .read(|conn| users::user_by_login(conn, &name, username.trim()))?
        .map(|u| u.id)
        .ok_or_else(|| usage(format!("no user `{username}`")))
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Serve(args) => serve(args),
        Command::User(UserCommand::Add {
            data,
            username,
            name,
            role,
            group_lead,
            kb_editor,
        }) => {
            let app = open_app(&data.data_dir)?;
            let role: Role = serde_json::from_value(serde_json::Value::String(role)).map_err(|e| usage(e.to_string()))?;
            let password = password_from_env_or_stdin("HELPDESK_PASSWORD")?;
            let user = app.create_user(&username, &name, &password, role, Permissions { group_lead, kb_editor })?;
            println!("added user {} ({})", user.username, user.id);
            Ok(())
        }
        Command::User(UserCommand::Passwd { data, username }) => {
            let app = open_app(&data.data_dir)?;
            let id = user_id(&app, &username)?;
            let password = password_from_env_or_stdin("HELPDESK_PASSWORD")?;
            app.set_password("command-line", &id, &password)?;
            println!("password of {username} changed; their sign-ins have ended");
            Ok(())
        }
        Command::User(UserCommand::Unlock { data, username }) => {
            let app = open_app(&data.data_dir)?;
            let id = user_id(&app, &username)?;
            app.unlock_sign_in("command-line", &id)?;
            println!("{username} can sign in again at once");
            Ok(())
        }
        Command::User(UserCommand::Disable { data, username }) => {
            let app = open_app(&data.data_dir)?;
            let id = user_id(&app, &username)?;
            app.store.write(|tx| users::set_disabled(tx, &id, true))?;
            println!("user {username} disabled");
            Ok(())
        }
        Command::Group(GroupCommand::Add { data, id, name, line }) => {
            let app = open_app(&data.data_dir)?;
            let line: Line = line.parse().map_err(|e: helpdesk_domain::UnknownName| usage(e.to_string()))?;
            app.store
                .write(|tx| users::insert_group(tx, &id, &name, line))
                .map_err(|e| usage(format!("cannot add group `{id}`: {e}")))?;
            println!("added group {id}");
            Ok(())
        }
        Command::Group(GroupCommand::Member { data, group, username, remove }) => {
            let app = open_app(&data.data_dir)?;
            let uid = user_id(&app, &username)?;
            if app.store.read(|conn| users::group(conn, &group))?.is_none() {
                return Err(usage(format!("no group `{group}`")));
            }
            if remove {
                app.store.write(|tx| users::remove_member(tx, &group, &uid))?;
                println!("{username} left {group}");
            } else {
                app.store.write(|tx| users::add_member(tx, &group, &uid))?;
                println!("{username} joined {group}");
            }
            Ok(())
        }
        Command::Policy(PolicyCommand::Import { data, file }) => {
            let app = open_app(&data.data_dir)?;
            let text = std::fs::read_to_string(&file).map_err(|e| usage(format!("cannot read {}: {e}", file.display())))?;
            let id = app.import_policy(&text)?;
            println!("imported policy {id}");
            Ok(())
        }
        Command::DemoData(args) => {
            let app = open_app(&args.data.data_dir)?;
            let accounts = crate::demo::generate(&app, args.tickets, args.seed)?;
            print_accounts(&accounts);
            Ok(())
        }
    }
}

fn print_accounts(accounts: &[crate::demo::DemoAccount]) {
    println!("Demo accounts (user / password / role):");
    for a in accounts {
        println!("  {:<12} {:<16} {}", a.username, a.password, a.description);
    }
}

fn serve(args: ServeArgs) -> Result<(), Failure> {
    let tls = args.tls_cert.clone().zip(args.tls_key.clone());
    if tls.is_none() && !args.listen.ip().is_loopback() && !args.allow_plain_http {
        return Err(usage(format!(
            "{} is not a loopback address: serve with --tls-cert and --tls-key, or pass --allow-plain-http behind a TLS proxy",
            args.listen
        )));
    }
    let app = open_app(&args.data.data_dir)?;
    if args.demo {
        let accounts = crate::demo::generate(&app, args.demo_tickets, 1)?;
        print_accounts(&accounts);
    }
    if let Some(username) = &args.bootstrap_admin {
        if app.store.read(users::count_administrators)? == 0 {
            let password = std::env::var("HELPDESK_ADMIN_PASSWORD").map_err(|_| usage("--bootstrap-admin needs the password in HELPDESK_ADMIN_PASSWORD"))?;
            app.create_user(username, username, &password, Role::Administrator, Permissions::default())?;
            println!("created administrator {username}");
        }
    }
    if app.store.read(users::count_administrators)? == 0 {
        return Err(Failure {
            code: 1,
            message: "this data directory has no administrator: start with --bootstrap-admin USER (password in HELPDESK_ADMIN_PASSWORD) or --demo".into(),
        });
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| Failure {
        code: 1,
        message: e.to_string(),
    })?;
    runtime.block_on(async move {
        let app = Arc::new(app);
        crate::jobs::spawn(app.clone());
        let router = crate::http::router(app);
        match tls {
            Some((cert, key)) => {
                let _ = rustls::crypto::ring::default_provider().install_default();
                let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
                    .await
                    .map_err(|e| usage(format!("cannot load the TLS certificate or key: {e}")))?;
                println!("helpdesk-server listening on https://{}", args.listen);
                axum_server::bind_rustls(args.listen, config)
                    .serve(router.into_make_service_with_connect_info::<SocketAddr>())
                    .await
                    .map_err(|e| Failure {
                        code: 1,
                        message: e.to_string(),
                    })
            }
            None => {
                let listener = tokio::net::TcpListener::bind(args.listen).await.map_err(|e| Failure {
                    code: 1,
                    message: format!("cannot listen on {}: {e}", args.listen),
                })?;
                println!(
                    "helpdesk-server listening on http://{}",
                    listener.local_addr().map(|a| a.to_string()).unwrap_or_default()
                );
                axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
                    .with_graceful_shutdown(async {
                        let _ = tokio::signal::ctrl_c().await;
                    })
                    .await
                    .map_err(|e| Failure {
                        code: 1,
                        message: e.to_string(),
                    })
            }
        }
    })
}
