//! The command line: `khlint extract`, `khlint check`, `khlint rules`, ...

use crate::check::{Checker, FileReport, Settings};
use crate::diagnostic::Severity;
use crate::extract::Plan;
use crate::i18n::Lang;
use crate::ingest::{load::load, Limits};
use crate::registry::Registry;
use crate::render::{self, Summary};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "khlint",
    version,
    about = "Đọc và kiểm tra Kế hoạch của UBND (KH-UBND) / Read and check Vietnamese plan documents"
)]
pub struct Cli {
    /// Message language: vi (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = Lang::Vi)]
    pub lang: Lang,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract the structured content of a plan (header, citations, targets, ...).
    Extract {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
        format: ExtractFormat,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Check plans against the rule catalogue (files or folders).
    Check(CheckArgs),
    /// Review district plans against the province's plan they implement.
    Review(crate::review::cli::ReviewArgs),
    /// List the rules.
    Rules,
    /// Explain one rule.
    Rule { name: String },
    /// Print the JSON Schema of `extract --format json`.
    Schema,
    /// Language server (LSP over stdio) for editors.
    Lsp,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders (folders are searched recursively for .txt, .md, .docx, .pdf).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Full)]
    pub format: CheckFormat,
    /// Judge plans at this date (YYYY-MM-DD) instead of their own date.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Use this configuration file instead of looking for khlint.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Run only these rules (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Do not run these rules (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Lowest severity that makes the exit code 1 (default: the configuration's, else warning).
    #[arg(long, value_enum)]
    pub fail_on: Option<Severity>,
    /// Exit 0 even when there are findings (read errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    /// Findings with source snippets.
    Full,
    /// One line per finding.
    Concise,
    Json,
    Sarif,
    Github,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{s}: {e} (YYYY-MM-DD)"))
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExtractFormat {
    Text,
    Json,
}

/// Resource limits for one file (see README, "Limits").
#[derive(clap::Args, Debug, Clone)]
pub struct LimitArgs {
    /// Largest input file, in MiB.
    #[arg(long, default_value_t = 50)]
    pub max_file_size: u64,
    /// Largest inflated part of a .docx (document.xml, ...), in MiB.
    #[arg(long, default_value_t = 64)]
    pub max_docx_part: u64,
    /// Time allowed to read one PDF, in seconds.
    #[arg(long, default_value_t = 20)]
    pub pdf_timeout: u64,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.max_file_size << 20,
            max_part_bytes: self.max_docx_part << 20,
            pdf_timeout: std::time::Duration::from_secs(self.pdf_timeout),
        }
    }
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let lang = cli.lang;
    match cli.command {
        Command::Extract {
            file,
            format,
            limits,
        } => {
            let registry = Registry::embedded();
            match analyze(&file, &registry, &limits.limits(), lang) {
                Ok(plan) => {
                    match format {
                        ExtractFormat::Json => println!(
                            "{}",
                            serde_json::to_string_pretty(&plan.model).expect("model serializes")
                        ),
                        ExtractFormat::Text => {
                            print!("{}", crate::render::extract_text::render(&plan, lang))
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(msg) => {
                    eprintln!("khlint: {msg}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Check(args) => check(args, lang),
        Command::Review(args) => crate::review::cli::run(args, lang),
        Command::Lsp => crate::lsp::run(lang),
        Command::Rules => {
            let check = crate::rules::all().iter().map(|r| r.meta());
            for m in check.chain(crate::review::metas()) {
                println!(
                    "{:<28} {:<8} {}",
                    m.name,
                    m.severity.name(),
                    m.summary(lang)
                );
            }
            ExitCode::SUCCESS
        }
        Command::Rule { name } => {
            let found = crate::rules::by_name(&name)
                .map(|r| r.meta())
                .or_else(|| crate::review::metas().iter().find(|m| m.name == name));
            match found {
                Some(m) => {
                    println!(
                        "{}  ({}: {})\n",
                        m.name,
                        lang.pick("mức mặc định", "default severity"),
                        m.severity.name()
                    );
                    println!("{}\n\n{}\n", m.summary_vi, m.explanation_vi);
                    println!("{}\n\n{}", m.summary_en, m.explanation_en);
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "khlint: {} `{name}` ({})",
                        lang.pick("không có quy tắc", "no rule named"),
                        lang.pick("xem `khlint rules`", "see `khlint rules`")
                    );
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema => {
            let schema = schemars::schema_for!(crate::model::Extraction);
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).expect("schema serializes")
            );
            ExitCode::SUCCESS
        }
    }
}

/// Reads and analyses one file; the error message names the file.
pub fn analyze(
    path: &Path,
    registry: &Registry,
    limits: &Limits,
    lang: Lang,
) -> Result<Plan, String> {
    let loaded =
        load(path, limits).map_err(|e| format!("{}: {}", path.display(), e.message(lang)))?;
    Ok(Plan::from_text(
        &path.display().to_string(),
        loaded.text,
        loaded.format,
        registry,
    ))
}

fn check(args: CheckArgs, lang: Lang) -> ExitCode {
    for name in args.select.iter().flatten().chain(&args.ignore) {
        if crate::rules::by_name(name).is_none() {
            eprintln!(
                "khlint: {} `{name}` ({})",
                lang.pick("không có quy tắc", "no rule named"),
                lang.pick("xem `khlint rules`", "see `khlint rules`")
            );
            return ExitCode::from(2);
        }
    }
    let files = match crate::walk::collect(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("khlint: {e}");
            return ExitCode::from(2);
        }
    };
    let checker = Checker::new(Settings {
        lang,
        limits: args.limits.limits(),
        config: args.config.clone(),
        as_of: args.as_of,
        review_date: chrono::Local::now().date_naive(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        keep_plans: args.format == CheckFormat::Full,
    });
    let reports: Vec<FileReport> = files.iter().map(|f| checker.check_file(f)).collect();
    let summary = Summary::of(&reports);
    let out = match args.format {
        CheckFormat::Full | CheckFormat::Concise => {
            let style = render::terminal::Style::detect(args.format == CheckFormat::Concise);
            let mut s = render::terminal::render(&reports, lang, &style);
            s.push_str(&summary.line(lang));
            s.push('\n');
            s
        }
        CheckFormat::Json => render::json::render(&reports, &summary),
        CheckFormat::Sarif => render::sarif::render(&reports, lang),
        CheckFormat::Github => render::github::render(&reports, lang),
    };
    print!("{out}");
    if !out.ends_with('\n') {
        println!();
    }
    if summary.files_failed > 0 {
        return ExitCode::from(2);
    }
    let fail_on = args
        .fail_on
        .or_else(|| {
            args.paths
                .first()
                .and_then(|p| checker.setup_for(p).ok())
                .and_then(|s| s.config.fail_on)
        })
        .unwrap_or(Severity::Warning);
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= fail_on);
    if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
