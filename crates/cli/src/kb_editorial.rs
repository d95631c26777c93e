//! `helpdesk kb …` for the knowledge base's editors, reviewers and approvers
//! (003 §1.5.10, §4.16, §5.1) and `helpdesk report` for group leads
//! (000 §13.6; 003 §6.2). Both are online: the server decides (who may
//! approve what, the report over every ticket of the groups); offline, the
//! command says so and exits 1 with nothing saved.

use crate::error::Failure;
use crate::fargs;
use crate::i18n::Texts;
use crate::wording::About;
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

/// A client-core error in the user's language: bad input exits 2, any
/// other (offline too: nothing was saved) 1.
fn failure(texts: &Texts, e: ClientError, about: About<'_>) -> Failure {
    let message = crate::wording::client_error(texts, &e, about);
    if e.code() == "invalid_input" {
        Failure::usage(message)
    } else {
        Failure::refused(message)
    }
}

fn status(texts: &Texts, field: &str, text: &str) -> Result<ArticleStatus, Failure> {
    crate::analyst::parse(texts, field, text)
}

fn date(texts: &Texts, field: &str, text: &str) -> Result<chrono::NaiveDate, Failure> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Failure::input(field, texts.get("input-not-a-date", &fargs! { "text" => text.to_string() })))
}

fn read_body(texts: &Texts, path: &PathBuf, stdin: &mut dyn std::io::Read) -> Result<String, Failure> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        stdin
            .read_to_string(&mut text)
            .map_err(|e| Failure::input("--body", texts.get("input-read-stdin", &fargs! { "reason" => e.to_string() })))?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(|e| {
            Failure::input(
                "--body",
                texts.get("input-read-file", &fargs! { "file" => path.display().to_string(), "reason" => e.to_string() }),
            )
        })
    }
}

fn input(texts: &Texts, args: ArticleArgs, stdin: &mut dyn std::io::Read) -> Result<ArticleInput, Failure> {
    Ok(ArticleInput {
        body: read_body(texts, &args.body, stdin)?,
        title: args.title,
        category: args.category,
        tags: args.tag,
        language: args.language,
        public: args.public,
        review_due: args.review_due.as_deref().map(|d| date(texts, "--review-due", d)).transpose()?,
    })
}

fn line(texts: &Texts, article: &Article) -> String {
    let due = article
        .review_due
        .map(|d| format!("  {}", texts.get("kb-review-due", &fargs! { "date" => d.to_string() })))
        .unwrap_or_default();
    format!("{}  v{}  {}  {}{due}", article.id, article.version, article.status, article.title)
}

/// Runs an editorial command against the profile's server; what it prints
/// is in `texts`' language.
pub fn run(client: &Client, texts: &Texts, command: KbEditorialCommand, stdin: &mut dyn std::io::Read, out: &mut String) -> Result<(), Failure> {
    use KbEditorialCommand as C;
    let line = |article: &Article| line(texts, article);
    let rt = crate::analyst::runtime(texts.lang())?;
    match command {
        C::List { status: statuses, query } => {
            let statuses = statuses
                .as_deref()
                .unwrap_or("")
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| status(texts, "--status", s))
                .collect::<Result<Vec<_>, _>>()?;
            let items = rt
                .block_on(client.kb_editorial_list(&statuses, query.as_deref()))
                .map_err(|e| failure(texts, e, About::Nothing))?;
            for item in &items {
                let links = texts.get("kb-links", &fargs! { "count" => item.links });
                let _ = writeln!(out, "{}  {links}", line(&item.article));
            }
            if items.is_empty() {
                let _ = writeln!(out, "{}", texts.plain("kb-no-articles"));
            }
        }
        C::Create(args) => {
            let article = rt
                .block_on(client.kb_create(&input(texts, args, stdin)?))
                .map_err(|e| failure(texts, e, About::Nothing))?;
            let _ = writeln!(out, "{}", line(&article));
        }
        C::Edit { id, article, base_version } => match rt
            .block_on(client.kb_edit(&id, &input(texts, article, stdin)?, base_version))
            .map_err(|e| failure(texts, e, About::Nothing))?
        {
            KbEdit::Article(a) => {
                let _ = writeln!(out, "{}", line(&a));
            }
            KbEdit::Revision(r) => {
                let args = fargs! { "id" => id.clone(), "status" => r.status.to_string(), "version" => r.base_version };
                let _ = writeln!(out, "{}", texts.get("kb-saved-as-revision", &args));
            }
        },
        C::Move { id, to, comment } => {
            let article = rt
                .block_on(client.kb_move(&id, status(texts, "TO", &to)?, comment))
                .map_err(|e| failure(texts, e, About::Nothing))?;
            let _ = writeln!(out, "{}", line(&article));
        }
        C::Revision { id } => match rt.block_on(client.kb_revision(&id)).map_err(|e| failure(texts, e, About::Nothing))? {
            Some(view) => {
                let r = &view.revision;
                let moves: Vec<&str> = view.moves.iter().map(|m| m.as_str()).collect();
                let moves = if moves.is_empty() { texts.plain("kb-moves-none") } else { moves.join(", ") };
                let args = fargs! {
                    "id" => id.clone(),
                    "status" => r.status.to_string(),
                    "author" => r.author.clone(),
                    "version" => r.base_version,
                    "moves" => moves,
                };
                let _ = writeln!(out, "{}\n{}\n\n{}", texts.get("kb-revision", &args), r.title, r.body);
            }
            None => {
                let _ = writeln!(out, "{}", texts.get("kb-no-revision", &fargs! { "id" => id }));
            }
        },
        C::ReviseMove { id, to, comment } => {
            let outcome = rt
                .block_on(client.kb_revision_move(&id, status(texts, "TO", &to)?, comment))
                .map_err(|e| failure(texts, e, About::Nothing))?;
            match outcome.revision {
                Some(r) => {
                    let args = fargs! { "id" => id, "status" => r.status.to_string() };
                    let _ = writeln!(out, "{}", texts.get("kb-revision-moved", &args));
                }
                None => {
                    let _ = writeln!(out, "{}", line(&outcome.article));
                }
            }
        }
        C::Reviewed { id, next, comment } => {
            let next = next.as_deref().map(|d| date(texts, "--next", d)).transpose()?;
            let article = rt
                .block_on(client.kb_reviewed(&id, next, comment))
                .map_err(|e| failure(texts, e, About::Nothing))?;
            let _ = writeln!(out, "{}", line(&article));
        }
        C::Due { mine } => {
            let due = rt.block_on(client.kb_review_due(mine)).map_err(|e| failure(texts, e, About::Nothing))?;
            for d in &due {
                let args = fargs! { "days" => d.overdue_days, "owner" => d.article.author.clone() };
                let _ = writeln!(out, "{}  {}", line(&d.article), texts.get("kb-overdue", &args));
            }
            if due.is_empty() {
                let _ = writeln!(out, "{}", texts.plain("kb-none-due"));
            }
        }
        C::Remarks { id, text: Some(text) } => {
            let c = rt.block_on(client.kb_comment(&id, &text)).map_err(|e| failure(texts, e, About::Nothing))?;
            let _ = writeln!(out, "{}", texts.get("kb-remark-saved", &fargs! { "id" => id, "remark" => c.id }));
        }
        C::Remarks { id, text: None } => {
            for c in rt.block_on(client.kb_comments(&id)).map_err(|e| failure(texts, e, About::Nothing))? {
                let _ = writeln!(out, "[{}] {}: {}", c.at.to_rfc3339(), c.author, c.text);
            }
        }
        C::Usage { id } => {
            let u = rt.block_on(client.kb_usage(&id)).map_err(|e| failure(texts, e, About::Nothing))?;
            let args = fargs! { "id" => id, "views" => u.views, "tickets" => u.tickets, "remarks" => u.comments };
            let _ = writeln!(out, "{}", texts.get("kb-usage", &args));
        }
    }
    Ok(())
}

fn figure(v: Option<f64>, scale: f64, unit: &str) -> String {
    v.map(|x| format!("{:.1}{unit}", x * scale)).unwrap_or_else(|| "—".into())
}

/// One row of the report: the figures right-aligned in their columns, the
/// words around them from the catalogue (`report-row`).
fn row_line(texts: &Texts, period: &str, r: &KpiRow) -> String {
    let hours = format!(" {}", texts.plain("report-hours"));
    let args = fargs! {
        "period" => period.to_string(),
        "group" => format!("{:<12}", r.group),
        "tickets" => format!("{:>4}", r.tickets),
        "within_sla" => format!("{:>6}", figure(r.share_within_sla, 100.0, "%")),
        "breaches" => format!("{:>3}", r.breached),
        "mttr" => format!("{:>7}", figure(r.mttr_seconds, 1.0 / 3600.0, &hours)),
        "incidents" => format!("{:>3}", r.incidents),
        "mtbf" => format!("{:>7}", figure(r.mtbf_seconds, 1.0 / 3600.0, &hours)),
        "answered" => format!("{:>3}", r.answered),
        "from_kb" => format!("{:>6}", figure(r.share_answered_from_kb, 100.0, "%")),
        "mean_answer" => format!("{:>7}", figure(r.mean_answer_seconds, 1.0 / 3600.0, &hours)),
    };
    texts.get("report-row", &args)
}

/// `helpdesk report`, in `texts`' language.
pub fn report(client: &Client, texts: &Texts, args: ReportArgs, out: &mut String) -> Result<(), Failure> {
    let periods = || ReportPeriod::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ");
    let request = ReportRequest {
        from: args.from.as_deref().map(|d| date(texts, "--from", d)).transpose()?,
        to: args.to.as_deref().map(|d| date(texts, "--to", d)).transpose()?,
        period: ReportPeriod::parse(&args.period).ok_or_else(|| {
            let args = fargs! { "value" => args.period.clone(), "allowed" => periods() };
            Failure::input("--period", texts.get("report-unknown-period", &args))
        })?,
        group: args.group,
    };
    let rt = crate::analyst::runtime(texts.lang())?;
    if let Some(dir) = args.csv {
        let path = rt
            .block_on(client.kpi_export_csv(&request, Some(&dir)))
            .map_err(|e| failure(texts, e, About::Folder(&dir)))?;
        let _ = writeln!(out, "{}", texts.get("report-saved", &fargs! { "path" => path.display().to_string() }));
        return Ok(());
    }
    let series = rt.block_on(client.kpi_series(&request)).map_err(|e| failure(texts, e, About::Nothing))?;
    if args.json {
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&series).expect("a report serialises"));
        return Ok(());
    }
    let tz: chrono_tz::Tz = series.time_zone.parse().unwrap_or(chrono_tz::Europe::Kyiv);
    for p in &series.periods {
        let label = p.from.with_timezone(&tz).format("%Y-%m-%d").to_string();
        for r in p.rows.iter().chain(std::iter::once(&p.total)) {
            let _ = writeln!(out, "{}", row_line(texts, &label, r));
        }
    }
    // The label takes the width of a period's date (YYYY-MM-DD).
    let overall = format!("{:<10}", texts.plain("report-overall"));
    let _ = writeln!(out, "{}", row_line(texts, &overall, &series.overall.total));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn row() -> KpiRow {
        serde_json::from_value(serde_json::json!({
            "group": "l2-customs", "tickets": 12, "resolved": 10, "within_sla": 9, "breached": 1,
            "share_within_sla": 0.75, "breach_rate": 0.083, "mttr_seconds": 5400.0, "incidents": 3,
            "mtbf_seconds": null, "answered": 4, "mean_answer_seconds": 1800.0, "share_answered_from_kb": 0.5
        }))
        .unwrap()
    }

    /// The English row is the one printed before the catalogue had it, to the blank.
    #[test]
    fn the_english_report_row_is_unchanged() {
        let r = row();
        let before = format!(
            "{}  {:<12} tickets {:>4}  within SLA {:>6}  breaches {:>3}  MTTR {:>7}  incidents {:>3}  MTBF {:>7}  answered {:>3} ({:>6} from KB)  mean answer {:>7}",
            "overall   ", r.group, r.tickets, "75.0%", r.breached, "1.5 h", r.incidents, "—", r.answered, "50.0%", "0.5 h",
        );
        let en = Texts::new(Lang::En);
        assert_eq!(row_line(&en, &format!("{:<10}", en.plain("report-overall")), &r), before);
        let uk = Texts::new(Lang::Uk);
        let line = row_line(&uk, "2026-11-02", &r);
        assert!(
            line.contains("звернень   12") && line.contains("1.5 год") && line.contains("з бази знань"),
            "{line}"
        );
        assert!(!line.contains("tickets") && !line.contains(" h "), "{line}");
    }

    #[test]
    fn counted_words_agree_with_their_number() {
        let usage = |lang: Lang, views: u64, tickets: u64, remarks: u64| {
            Texts::new(lang).get(
                "kb-usage",
                &fargs! { "id" => "kb-7", "views" => views, "tickets" => tickets, "remarks" => remarks },
            )
        };
        assert_eq!(usage(Lang::En, 1, 3, 5), "kb-7: views 1, tickets 3, remarks 5");
        assert_eq!(usage(Lang::Uk, 1, 3, 5), "kb-7: 1 перегляд, 3 звернення, 5 зауважень");
        assert_eq!(usage(Lang::Uk, 22, 11, 21), "kb-7: 22 перегляди, 11 звернень, 21 зауваження");
        assert_eq!(usage(Lang::Ru, 2, 1, 12), "kb-7: 2 просмотра, 1 обращение, 12 замечаний");
        let overdue = |lang: Lang, days: i64| Texts::new(lang).get("kb-overdue", &fargs! { "days" => days, "owner" => "olga" });
        assert_eq!(overdue(Lang::En, 3), "overdue 3 d  owner olga");
        assert_eq!(overdue(Lang::Uk, 1), "прострочено на 1 день  власник olga");
        assert_eq!(overdue(Lang::Uk, 4), "прострочено на 4 дні  власник olga");
        assert_eq!(overdue(Lang::Ru, 25), "просрочено на 25 дней  владелец olga");
        let links = |lang: Lang, n: u64| Texts::new(lang).get("kb-links", &fargs! { "count" => n });
        assert_eq!(links(Lang::En, 2), "links 2");
        assert_eq!(links(Lang::Uk, 5), "5 посилань");
        assert_eq!(links(Lang::Ru, 3), "3 ссылки");
    }
}
