//! `helpdesk kb …` for the knowledge base's editors, reviewers and approvers
//! (003 §1.5.10, §4.16, §5.1) and `helpdesk report` for group leads
//! (000 §13.6; 003 §6.2). Both are online: the server decides (who may
//! approve what, the report over every ticket of the groups); offline, the
//! command says so and exits 1 with nothing saved.

use crate::error::Failure;
use clap::{Args, Subcommand};
use helpdesk_client::kb_review::KbEdit;
use helpdesk_client::reports::ReportRequest;
use helpdesk_client::{Client, ClientError};
use helpdesk_domain::kb_review::ArticleStatus;
use helpdesk_domain::kpi::ReportPeriod;
use helpdesk_protocol::{Article, ArticleInput, KpiRow};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum KbEditorialCommand {
    /// The articles in the given statuses (comma-separated; all by default), as editors see them.
    List {
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        query: Option<String>,
    },
    /// Write a draft: the body from a file (`-` for standard input).
    Create(ArticleArgs),
    /// Edit an article; a published one gets a revision that goes through review.
    Edit {
        id: String,
        #[command(flatten)]
        article: ArticleArgs,
        /// The version the edit was made on (a later one is a conflict).
        #[arg(long)]
        base_version: Option<u64>,
    },
    /// Move an article: review, approved, published, draft, archived.
    Move {
        id: String,
        to: String,
        #[arg(long)]
        comment: Option<String>,
    },
    /// The pending revision of a published article.
    Revision { id: String },
    /// Move the revision: review, approved, published (replaces the text), draft, archived (withdraws it).
    ReviseMove {
        id: String,
        to: String,
        #[arg(long)]
        comment: Option<String>,
    },
    /// The article was checked for relevance: the review date moves (a year on by default).
    Reviewed {
        id: String,
        #[arg(long)]
        next: Option<String>,
        #[arg(long)]
        comment: Option<String>,
    },
    /// Published articles past their review date.
    Due {
        /// Only the articles I own.
        #[arg(long)]
        mine: bool,
    },
    /// Remarks on an article; with TEXT, add one.
    Remarks { id: String, text: Option<String> },
    /// Views, links from tickets and remarks of an article.
    Usage { id: String },
}

#[derive(Debug, Args)]
pub struct ArticleArgs {
    #[arg(long)]
    pub title: String,
    /// A file with the body, or `-` for standard input.
    #[arg(long)]
    pub body: PathBuf,
    #[arg(long, default_value = "")]
    pub category: String,
    #[arg(long)]
    pub tag: Vec<String>,
    #[arg(long, default_value = "uk")]
    pub language: String,
    /// Readable by Self Service users once published.
    #[arg(long)]
    pub public: bool,
    /// The periodic review date, YYYY-MM-DD.
    #[arg(long)]
    pub review_due: Option<String>,
}

/// `helpdesk report`: the KPIs of the user's groups.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day, YYYY-MM-DD (default: 12 weeks before `--to`).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD, included (default: today).
    #[arg(long)]
    pub to: Option<String>,
    /// day, week or month.
    #[arg(long, default_value = "week")]
    pub period: String,
    /// One working group (default: all of mine).
    #[arg(long)]
    pub group: Option<String>,
    /// Save as CSV into this folder instead of printing.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

fn failure(e: ClientError) -> Failure {
    if e.code() == "invalid_input" {
        Failure::usage(e.message)
    } else {
        Failure::refused(e.message)
    }
}

fn status(field: &str, text: &str) -> Result<ArticleStatus, Failure> {
    text.parse().map_err(|e: helpdesk_domain::UnknownName| Failure::input(field, e))
}

fn date(field: &str, text: &str) -> Result<chrono::NaiveDate, Failure> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Failure::input(field, format!("`{text}` is not a date YYYY-MM-DD")))
}

fn read_body(path: &PathBuf, stdin: &mut dyn std::io::Read) -> Result<String, Failure> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        stdin
            .read_to_string(&mut text)
            .map_err(|e| Failure::input("--body", format!("cannot read standard input: {e}")))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| Failure::input("--body", format!("cannot read `{}`: {e}", path.display())))
    }
}

fn input(args: ArticleArgs, stdin: &mut dyn std::io::Read) -> Result<ArticleInput, Failure> {
    Ok(ArticleInput {
        body: read_body(&args.body, stdin)?,
        title: args.title,
        category: args.category,
        tags: args.tag,
        language: args.language,
        public: args.public,
        review_due: args.review_due.as_deref().map(|d| date("--review-due", d)).transpose()?,
    })
}

fn line(article: &Article) -> String {
    let due = article.review_due.map(|d| format!("  review {d}")).unwrap_or_default();
    format!("{}  v{}  {}  {}{due}", article.id, article.version, article.status, article.title)
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::refused(format!("cannot start: {e}")))
}

/// Runs an editorial command against the profile's server.
pub fn run(client: &Client, command: KbEditorialCommand, stdin: &mut dyn std::io::Read, out: &mut String) -> Result<(), Failure> {
    use KbEditorialCommand as C;
    let rt = runtime()?;
    match command {
        C::List { status: statuses, query } => {
            let statuses = statuses
                .as_deref()
                .unwrap_or("")
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| status("--status", s))
                .collect::<Result<Vec<_>, _>>()?;
            let items = rt.block_on(client.kb_editorial_list(&statuses, query.as_deref())).map_err(failure)?;
            for item in &items {
                let _ = writeln!(out, "{}  links {}", line(&item.article), item.links);
            }
            if items.is_empty() {
                out.push_str("no articles\n");
            }
        }
        C::Create(args) => {
            let article = rt.block_on(client.kb_create(&input(args, stdin)?)).map_err(failure)?;
            let _ = writeln!(out, "{}", line(&article));
        }
        C::Edit { id, article, base_version } => match rt.block_on(client.kb_edit(&id, &input(article, stdin)?, base_version)).map_err(failure)? {
            KbEdit::Article(a) => {
                let _ = writeln!(out, "{}", line(&a));
            }
            KbEdit::Revision(r) => {
                let _ = writeln!(
                    out,
                    "{id}: saved as a revision ({}) of version {}; the published text stays until the revision is approved and published",
                    r.status, r.base_version
                );
            }
        },
        C::Move { id, to, comment } => {
            let article = rt.block_on(client.kb_move(&id, status("TO", &to)?, comment)).map_err(failure)?;
            let _ = writeln!(out, "{}", line(&article));
        }
        C::Revision { id } => match rt.block_on(client.kb_revision(&id)).map_err(failure)? {
            Some(view) => {
                let r = &view.revision;
                let moves: Vec<&str> = view.moves.iter().map(|m| m.as_str()).collect();
                let _ = writeln!(
                    out,
                    "{id}: revision {} by {} of version {} (you may move it to: {})\n{}\n\n{}",
                    r.status,
                    r.author,
                    r.base_version,
                    if moves.is_empty() { "nothing".into() } else { moves.join(", ") },
                    r.title,
                    r.body
                );
            }
            None => {
                let _ = writeln!(out, "{id}: no pending revision");
            }
        },
        C::ReviseMove { id, to, comment } => {
            let outcome = rt.block_on(client.kb_revision_move(&id, status("TO", &to)?, comment)).map_err(failure)?;
            match outcome.revision {
                Some(r) => {
                    let _ = writeln!(out, "{id}: revision {}", r.status);
                }
                None => {
                    let _ = writeln!(out, "{}", line(&outcome.article));
                }
            }
        }
        C::Reviewed { id, next, comment } => {
            let next = next.as_deref().map(|d| date("--next", d)).transpose()?;
            let article = rt.block_on(client.kb_reviewed(&id, next, comment)).map_err(failure)?;
            let _ = writeln!(out, "{}", line(&article));
        }
        C::Due { mine } => {
            let due = rt.block_on(client.kb_review_due(mine)).map_err(failure)?;
            for d in &due {
                let _ = writeln!(out, "{}  overdue {} d  owner {}", line(&d.article), d.overdue_days, d.article.author);
            }
            if due.is_empty() {
                out.push_str("no article is past its review date\n");
            }
        }
        C::Remarks { id, text: Some(text) } => {
            let c = rt.block_on(client.kb_comment(&id, &text)).map_err(failure)?;
            let _ = writeln!(out, "{id}: remark #{} saved", c.id);
        }
        C::Remarks { id, text: None } => {
            for c in rt.block_on(client.kb_comments(&id)).map_err(failure)? {
                let _ = writeln!(out, "[{}] {}: {}", c.at.to_rfc3339(), c.author, c.text);
            }
        }
        C::Usage { id } => {
            let u = rt.block_on(client.kb_usage(&id)).map_err(failure)?;
            let _ = writeln!(out, "{id}: views {}, tickets {}, remarks {}", u.views, u.tickets, u.comments);
        }
    }
    Ok(())
}

fn figure(v: Option<f64>, scale: f64, unit: &str) -> String {
    v.map(|x| format!("{:.1}{unit}", x * scale)).unwrap_or_else(|| "—".into())
}

fn row_line(period: &str, r: &KpiRow) -> String {
    format!(
        "{period}  {:<12} tickets {:>4}  within SLA {:>6}  breaches {:>3}  MTTR {:>7}  incidents {:>3}  MTBF {:>7}  answered {:>3} ({:>6} from KB)  mean answer {:>7}",
        r.group,
        r.tickets,
        figure(r.share_within_sla, 100.0, "%"),
        r.breached,
        figure(r.mttr_seconds, 1.0 / 3600.0, " h"),
        r.incidents,
        figure(r.mtbf_seconds, 1.0 / 3600.0, " h"),
        r.answered,
        figure(r.share_answered_from_kb, 100.0, "%"),
        figure(r.mean_answer_seconds, 1.0 / 3600.0, " h"),
    )
}

/// `helpdesk report`.
pub fn report(client: &Client, args: ReportArgs, out: &mut String) -> Result<(), Failure> {
    let request = ReportRequest {
        from: args.from.as_deref().map(|d| date("--from", d)).transpose()?,
        to: args.to.as_deref().map(|d| date("--to", d)).transpose()?,
        period: ReportPeriod::parse(&args.period).ok_or_else(|| Failure::input("--period", format!("`{}` is not one of day, week, month", args.period)))?,
        group: args.group,
    };
    let rt = runtime()?;
    if let Some(dir) = args.csv {
        let path = rt.block_on(client.kpi_export_csv(&request, Some(&dir))).map_err(failure)?;
        let _ = writeln!(out, "saved {}", path.display());
        return Ok(());
    }
    let series = rt.block_on(client.kpi_series(&request)).map_err(failure)?;
    if args.json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&series).expect("a report serialises"));
        return Ok(());
    }
    let tz: chrono_tz::Tz = series.time_zone.parse().unwrap_or(chrono_tz::Europe::Kyiv);
    for p in &series.periods {
        let label = p.from.with_timezone(&tz).format("%Y-%m-%d").to_string();
        for r in p.rows.iter().chain(std::iter::once(&p.total)) {
            let _ = writeln!(out, "{}", row_line(&label, r));
        }
    }
    let _ = writeln!(out, "{}", row_line("overall   ", &series.overall.total));
    Ok(())
}
