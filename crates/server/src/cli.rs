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

/// Where the service's state lives: a data directory (embedded SQLite) or
/// a PostgreSQL database shared by any number of server processes.
#[derive(Args, Clone)]
pub(crate) struct DataDir {
    /// Directory of the embedded database and its attachments.
    #[arg(long, env = "HELPDESK_DATA_DIR", required_unless_present = "database_url")]
    data_dir: Option<PathBuf>,
    /// A PostgreSQL database instead of the data directory, e.g.
    /// postgres://helpdesk@db.example:5432/helpdesk; every replica of the
    /// service names the same one.
    #[arg(long, env = "HELPDESK_DATABASE_URL", value_name = "URL")]
    database_url: Option<String>,
    /// Connections this process keeps to PostgreSQL at most (requests
    /// beyond wait for one); on a small database machine fewer connections
    /// than cores × 4 keep its CPU on work rather than on switching.
    #[arg(long, env = "HELPDESK_DATABASE_POOL", value_name = "N", default_value_t = crate::store::DEFAULT_POOL_SIZE,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    database_pool: u32,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API; logs to standard error, one line per request
    /// (RUST_LOG filters, default `info`).
    Serve(Box<ServeArgs>),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage working groups.
    #[command(subcommand)]
    Group(GroupCommand),
    /// Manage SLA policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Fill an empty data directory or database with a realistic, deterministic dataset.
    DemoData(DemoArgs),
    /// The e-mail to requesters waiting in the outbox, sent or failed,
    /// with the last error of each; `--retry` queues failed ones again.
    MailOutbox(crate::mail::cli::OutboxArgs),
    /// What the mail intake took in from the IMAP mailbox: each message's
    /// outcome (registered, answered, commented, ignored, refused) and ticket.
    MailInbox(crate::mail::cli::InboxArgs),
    /// Copy everything of a data directory's SQLite database into a new,
    /// empty PostgreSQL database, verified table by table (counts and
    /// checksums). The data directory is only read.
    Migrate(MigrateArgs),
}

#[derive(Args)]
struct MigrateArgs {
    /// The data directory of the SQLite deployment.
    #[arg(long, value_name = "DATA_DIR")]
    from: PathBuf,
    /// The PostgreSQL database to fill, e.g. postgres://helpdesk@db.example:5432/helpdesk.
    #[arg(long, env = "HELPDESK_DATABASE_URL", value_name = "URL")]
    database_url: String,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    data: DataDir,
    /// Address to listen on, e.g. 127.0.0.1:8080.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Fill an empty data directory or database with demo data and print the demo accounts.
    #[arg(long)]
    demo: bool,
    /// Create this administrator if there is none (password from HELPDESK_ADMIN_PASSWORD).
    #[arg(long, value_name = "USERNAME")]
    bootstrap_admin: Option<String>,
    /// TLS certificate chain (PEM); checked before the data directory is opened.
    #[arg(long, requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// TLS private key (PEM) of the certificate.
    #[arg(long, requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Serve plain HTTP on an address other than loopback (behind a TLS proxy).
    #[arg(long)]
    allow_plain_http: bool,
    /// A proxy (address or range, e.g. 10.0.0.0/8) whose X-Forwarded-For
    /// names the client: sign-in throttling then counts per client, not per
    /// proxy. Repeat it, or separate with commas.
    #[arg(long = "trusted-proxy", env = "HELPDESK_TRUSTED_PROXIES", value_name = "ADDRESS[/BITS]", value_delimiter = ',')]
    trusted_proxies: Vec<String>,
    /// Demo data: how many tickets.
    #[arg(long, default_value_t = 300)]
    demo_tickets: usize,
    #[command(flatten)]
    mail: crate::mail::cli::MailArgs,
    #[command(flatten)]
    registration: crate::cli_registration::RegistrationArgs,
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
    /// Set the language of a user's e-mail (uk, en, ru; `default` for the deployment's).
    Language {
        #[command(flatten)]
        data: DataDir,
        username: String,
        language: String,
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

fn open_app(data: &DataDir) -> Result<App, Failure> {
    let store = match (&data.database_url, &data.data_dir) {
        (Some(url), _) => Store::connect_with(url, data.database_pool)?,
        (None, Some(dir)) => Store::open(dir)?,
        (None, None) => return Err(usage("name a --data-dir or a --database-url")),
    };
    Ok(App::new(store, system_clock(), Config::default())?)
}

/// What to do when the store has no administrator yet, said for where
/// the state lives.
fn no_administrator(data: &DataDir) -> String {
    if data.database_url.is_some() {
        "this PostgreSQL database has no administrator: start one replica with --bootstrap-admin USER (password in HELPDESK_ADMIN_PASSWORD) or --demo, \
         or add one with `helpdesk-server user add --database-url URL USER --name NAME --role administrator`; then start the replicas"
            .into()
    } else {
        "this data directory has no administrator: start with --bootstrap-admin USER (password in HELPDESK_ADMIN_PASSWORD) or --demo, \
         or add one with `helpdesk-server user add --data-dir DIR USER --name NAME --role administrator`"
            .into()
    }
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
        Command::Serve(args) => serve(*args),
        Command::User(UserCommand::Add {
            data,
            username,
            name,
            role,
            group_lead,
            kb_editor,
        }) => {
            let app = open_app(&data)?;
            let role: Role = serde_json::from_value(serde_json::Value::String(role)).map_err(|e| usage(e.to_string()))?;
            let password = password_from_env_or_stdin("HELPDESK_PASSWORD")?;
            let user = app.create_user(&username, &name, &password, role, Permissions { group_lead, kb_editor })?;
            println!("added user {} ({})", user.username, user.id);
            Ok(())
        }
        Command::User(UserCommand::Passwd { data, username }) => {
            let app = open_app(&data)?;
            let id = user_id(&app, &username)?;
            let password = password_from_env_or_stdin("HELPDESK_PASSWORD")?;
            app.set_password("command-line", &id, &password)?;
            println!("password of {username} changed; their sign-ins have ended");
            Ok(())
        }
        Command::User(UserCommand::Unlock { data, username }) => {
            let app = open_app(&data)?;
            let id = user_id(&app, &username)?;
            app.unlock_sign_in("command-line", &id)?;
            println!("{username} can sign in again at once");
            Ok(())
        }
        Command::User(UserCommand::Disable { data, username }) => {
            let app = open_app(&data)?;
            let id = user_id(&app, &username)?;
            app.store.write(|tx| users::set_disabled(tx, &id, true))?;
            println!("user {username} disabled");
            Ok(())
        }
        Command::Group(GroupCommand::Add { data, id, name, line }) => {
            let app = open_app(&data)?;
            let line: Line = line.parse().map_err(|e: helpdesk_domain::UnknownName| usage(e.to_string()))?;
            app.store
                .write(|tx| users::insert_group(tx, &id, &name, line))
                .map_err(|e| usage(format!("cannot add group `{id}`: {e}")))?;
            println!("added group {id}");
            Ok(())
        }
        Command::Group(GroupCommand::Member { data, group, username, remove }) => {
            let app = open_app(&data)?;
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
            let app = open_app(&data)?;
            let text = std::fs::read_to_string(&file).map_err(|e| usage(format!("cannot read {}: {e}", file.display())))?;
            let id = app.import_policy(&text)?;
            println!("imported policy {id}");
            Ok(())
        }
        Command::Migrate(args) => migrate(args),
        Command::MailOutbox(args) => {
            let app = open_app(&args.data)?;
            crate::mail::cli::outbox(&app, &args).map_err(usage)
        }
        Command::MailInbox(args) => {
            let app = open_app(&args.data)?;
            crate::mail::cli::inbox(&app, &args).map_err(usage)
        }
        Command::User(UserCommand::Language { data, username, language }) => {
            let app = open_app(&data)?;
            let id = user_id(&app, &username)?;
            let language = crate::mail::cli::language_choice(&language).map_err(usage)?;
            app.set_mail_language(&id, language)?;
            println!("{username}: e-mail in {}", language.map_or("the deployment's default language", |l| l.as_str()));
            Ok(())
        }
        Command::DemoData(args) => {
            let app = open_app(&args.data)?;
            let accounts = crate::demo::generate(&app, args.tickets, args.seed)?;
            print_accounts(&accounts);
            Ok(())
        }
    }
}

fn migrate(args: MigrateArgs) -> Result<(), Failure> {
    if !args.from.join("helpdesk.db").is_file() {
        return Err(usage(format!(
            "{} holds no helpdesk.db: name the data directory the server ran with",
            args.from.display()
        )));
    }
    let source = Store::open(&args.from)?;
    let target = Store::connect(&args.database_url)?;
    let copied = store::copy::sqlite_to_postgres(&source, &target)?;
    for t in &copied {
        println!("{:<20} {:>9} rows  sha256-xor {}", t.table, t.rows, t.checksum);
    }
    println!("copied and verified {} tables", copied.len());
    Ok(())
}

fn print_accounts(accounts: &[crate::demo::DemoAccount]) {
    println!("Demo accounts (user / password / role):");
    for a in accounts {
        println!("  {:<12} {:<16} {}", a.username, a.password, a.description);
    }
}

fn serve(args: ServeArgs) -> Result<(), Failure> {
    init_logging();
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(tls_config(cert, key)?),
        _ => None,
    };
    if tls.is_none() && !args.listen.ip().is_loopback() && !args.allow_plain_http {
        return Err(usage(format!(
            "{} is not a loopback address: serve with --tls-cert and --tls-key, or pass --allow-plain-http behind a TLS proxy",
            args.listen
        )));
    }
    let trusted_proxies = args
        .trusted_proxies
        .iter()
        .map(|range| range.parse().map_err(|e| usage(format!("--trusted-proxy: {e}"))))
        .collect::<Result<Vec<_>, _>>()
        .map(crate::http::forwarded::TrustedProxies)?;
    let registration = args.registration.defaults().map_err(usage)?;
    let mut app = open_app(&args.data)?;
    app.config.registration = registration;
    let mail_sender = crate::mail::cli::configure(&mut app, &args.mail).map_err(usage)?;
    let mail_intake = crate::mail::cli::imap(&args.mail).map_err(usage)?;
    if args.demo {
        let accounts = crate::demo::generate(&app, args.demo_tickets, 1)?;
        print_accounts(&accounts);
    }
    if let Some(username) = &args.bootstrap_admin {
        if app.store.read(users::count_administrators)? == 0 {
            let password = std::env::var("HELPDESK_ADMIN_PASSWORD").map_err(|_| usage("--bootstrap-admin needs the password in HELPDESK_ADMIN_PASSWORD"))?;
            // Replicas started together: one creates it, the others find it.
            if app.bootstrap_administrator(username, &password)? {
                println!("created administrator {username}");
            }
        }
    }
    if args.demo {
        // Another replica started with --demo may still be filling the database.
        for _ in 0..120 {
            if app.store.read(users::count_administrators)? > 0 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
    }
    if app.store.read(users::count_administrators)? == 0 {
        return Err(Failure {
            code: 1,
            message: no_administrator(&args.data),
        });
    }
    let listener = std::net::TcpListener::bind(args.listen).map_err(|e| Failure {
        code: 1,
        message: format!("cannot listen on {}: {e}", args.listen),
    })?;
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_else(|_| args.listen.to_string());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| Failure {
        code: 1,
        message: e.to_string(),
    })?;
    runtime.block_on(async move {
        let app = Arc::new(app);
        crate::jobs::spawn(app.clone());
        crate::app::kb_editorial::spawn_review_job(app.clone());
        if let Some(sender) = mail_sender {
            crate::mail::sender::spawn(app.clone(), sender);
        }
        if let Some((mailbox, period)) = mail_intake {
            crate::mail::imap_in::spawn(app.clone(), mailbox, period);
        }
        let router = crate::http::router(app).layer(axum::Extension(trusted_proxies));
        let scheme = if tls.is_some() { "https" } else { "http" };
        println!("helpdesk-server listening on {scheme}://{address}");
        tracing::info!(address = %address, scheme = %scheme, "serving");
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        crate::http::serve(listener, router, tls, shutdown).await.map_err(|e| Failure {
            code: 1,
            message: e.to_string(),
        })
    })
}

/// Logs to standard error, filtered by `RUST_LOG` (default `info`).
fn init_logging() {
    use std::io::IsTerminal;
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.trim().is_empty() => EnvFilter::try_new(&spec).unwrap_or_else(|e| {
            eprintln!("helpdesk-server: RUST_LOG `{spec}` is not a valid filter ({e}); logging at info");
            EnvFilter::new("info")
        }),
        _ => EnvFilter::new("info"),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// Reads and checks the TLS certificate chain and key (PEM) before anything
/// is written: a file that cannot be read or parsed, or a key that is not the
/// certificate's, is a usage error naming the file.
fn tls_config(cert: &Path, key: &Path) -> Result<axum_server::tls_rustls::RustlsConfig, Failure> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let read = |path: &Path, what: &str| std::fs::read(path).map_err(|e| usage(format!("cannot read the TLS {what} {}: {e}", path.display())));
    let cert_pem = read(cert, "certificate")?;
    let key_pem = read(key, "key")?;
    let chain = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| usage(format!("the TLS certificate {} is not valid PEM: {e}", cert.display())))?;
    if chain.is_empty() {
        return Err(usage(format!(
            "the TLS certificate {} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
            cert.display()
        )));
    }
    let private_key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| usage(format!("the TLS key {} holds no PEM private key ({e})", key.display())))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| usage(format!("TLS: {e}")))?
        .with_no_client_auth()
        .with_single_cert(chain, private_key)
        .map_err(|e| usage(format!("the TLS key {} does not fit the certificate {}: {e}", key.display(), cert.display())))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(config)))
}
