//! The command line: `khlint extract`, `khlint check`, `khlint rules`, ... The only module
//! that knows clap: the library's types are converted here. Every command returns a
//! `Result`; [`run`] alone prints errors, in the user's language, and maps them to exit 2.

mod review;

use crate::check::{Checker, FileReport, Settings};
use crate::i18n::Lang;
use crate::ingest::{Limits, PdfReader};
use crate::render::{self, summary::BatchSummary};
use crate::rules::{RuleId, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// A command that could not do its work: what to tell the user (exit code 2).
#[derive(Debug)]
pub struct Failure(String);

type Outcome = Result<ExitCode, Failure>;

/// Mirrors a library enum as a clap value, so the library need not know clap.
macro_rules! value_enum {
    ($arg:ident => $lib:ty { $($(#[$doc:meta])* $v:ident,)* }) => {
        #[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
        pub enum $arg { $($(#[$doc])* $v,)* }
        impl From<$arg> for $lib {
            fn from(a: $arg) -> $lib {
                match a { $($arg::$v => <$lib>::$v,)* }
            }
        }
    };
}

value_enum!(LangArg => Lang { Vi, En, });
value_enum!(SeverityArg => Severity { Info, Warning, Error, });
value_enum!(PdfReaderArg => PdfReader {
    /// Poppler's `pdftotext` when it is installed, else the built-in reader.
    Auto,
    /// pdf-extract, inside the khlint process.
    Builtin,
    /// Poppler's `pdftotext` (an error for every PDF when it is not installed).
    Poppler,
});

/// `--select missing-section,misspelling`: any rule of the table.
fn parse_rule(name: &str) -> Result<RuleId, String> {
    RuleId::from_name(name).ok_or_else(|| format!("no rule named `{name}` (see `khlint rules`)"))
}

#[derive(Parser, Debug)]
#[command(
    name = "khlint",
    version,
    about = "Đọc và kiểm tra Kế hoạch của UBND (KH-UBND) / Read and check Vietnamese plan documents"
)]
pub struct Cli {
    /// Message language: vi (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
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
    Review(review::ReviewArgs),
    /// List the rules.
    Rules,
    /// Explain one rule.
    Rule { name: String },
    /// Print the JSON Schema of `extract --format json`.
    Schema,
    /// Language server (LSP over stdio) for editors.
    Lsp,
    /// The built-in PDF reader, run by khlint itself in a child process: PDF on stdin,
    /// text on stdout.
    #[command(name = crate::ingest::pdf::CHILD_COMMAND, hide = true)]
    ReadPdf,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders (folders are searched recursively for .txt, .md, .docx, .pdf).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Full)]
    pub format: CheckFormat,
    #[command(flatten)]
    pub run: RunArgs,
    /// In folders, check only files matching this glob (repeatable; gitignore syntax,
    /// relative to the folder named, e.g. `2024/**` or `*.docx`).
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    pub globs: Vec<String>,
    /// In folders, skip files and folders matching this glob (repeatable).
    #[arg(long = "exclude", value_name = "GLOB")]
    pub excludes: Vec<String>,
    /// Files checked at once (default: one per core; at most 64).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// Never show the progress bar (shown only when stdout and stderr are terminals
    /// and the format is full or concise).
    #[arg(long)]
    pub no_progress: bool,
    /// Also write the run's summary (counts, rules, read failures, the files with the
    /// most errors) in this format, to stderr or to `--summary-file`.
    #[arg(long, value_enum)]
    pub summary_format: Option<SummaryFormat>,
    /// Write the `--summary-format` summary to this file instead of stderr.
    #[arg(long, value_name = "PATH", requires = "summary_format")]
    pub summary_file: Option<PathBuf>,
}

/// What `check` and `review` share: which rules, at which date, what fails the run.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Judge plans at this date (YYYY-MM-DD) instead of their own date.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Use this configuration file instead of looking for khlint.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Run only these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_rule)]
    pub select: Option<Vec<RuleId>>,
    /// Do not run these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_parser = parse_rule)]
    pub ignore: Vec<RuleId>,
    /// Lowest severity that makes the exit code 1 (default: the configuration's, else warning).
    #[arg(long, value_enum)]
    pub fail_on: Option<SeverityArg>,
    /// Exit 0 even when there are findings (read errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Check documents of every type, not only plans: a Quyết định, Nghị quyết, Công văn...
    /// gets the rules that hold for every administrative document (header, placeholders,
    /// citations, agencies, signature, recipients). Without it they are counted and skipped.
    #[arg(long)]
    pub all_documents: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

impl RunArgs {
    /// The checker these arguments describe.
    fn checker(&self, lang: Lang, keep_plans: bool) -> Checker {
        Checker::new(Settings {
            lang,
            limits: self.limits.limits(),
            config: self.config.clone(),
            as_of: self.as_of,
            review_date: chrono::Local::now().date_naive(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            keep_plans,
            all_documents: self.all_documents,
        })
    }

    /// `--fail-on`, else the configuration's (of the first path), else warning.
    fn fail_on(&self, checker: &Checker, first: Option<&std::path::Path>) -> Severity {
        self.fail_on
            .map(Severity::from)
            .or_else(|| {
                first
                    .and_then(|p| checker.setup_for(p).ok())
                    .and_then(|s| s.config.fail_on)
            })
            .unwrap_or(Severity::Warning)
    }

    /// 1 when a finding reaches `fail_on` (unless `--exit-zero`), else 0.
    fn exit_code(&self, failing: bool) -> ExitCode {
        if failing && !self.exit_zero {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    /// `section,key,count` rows.
    Csv,
    Json,
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

/// `--as-of YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
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
    /// Largest input file, in MiB; larger files are refused unread.
    #[arg(long, default_value_t = 50)]
    pub max_file_size: u64,
    /// Largest inflated part of a .docx (document.xml, ...), in MiB.
    #[arg(long, default_value_t = 64)]
    pub max_docx_part: u64,
    /// Largest text read out of one file, in MiB, whatever its format (a small .docx can
    /// render to gigabytes).
    #[arg(long, default_value_t = 64)]
    pub max_text_size: u64,
    /// Time allowed to read one PDF, in seconds (both readers run in a child process that
    /// is killed when the time is up).
    #[arg(long, default_value_t = 20)]
    pub pdf_timeout: u64,
    /// Memory (address space) allowed to the built-in PDF reader's child process, in MiB.
    #[arg(long, default_value_t = 768)]
    pub pdf_memory: u64,
    /// How PDFs are read: Poppler's pdftotext when installed (auto), the built-in reader,
    /// or pdftotext only.
    #[arg(long, value_enum, default_value = "auto")]
    pub pdf_reader: PdfReaderArg,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        // MiB to bytes; an absurd value means no limit rather than an overflow
        let mib = |n: u64| n.saturating_mul(1 << 20);
        Limits {
            max_file_bytes: mib(self.max_file_size),
            max_part_bytes: mib(self.max_docx_part),
            max_text_bytes: mib(self.max_text_size),
            pdf_timeout: std::time::Duration::from_secs(self.pdf_timeout),
            pdf_reader: self.pdf_reader.into(),
            pdf_memory_bytes: mib(self.pdf_memory),
            pdf_helper: None,
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
    let lang = cli.lang.into();
    let outcome = match cli.command {
        Command::Extract {
            file,
            format,
            limits,
        } => extract(&file, format, &limits, lang),
        Command::Check(args) => check(args, lang),
        Command::Review(args) => review::run(args, lang),
        Command::Lsp => Ok(crate::lsp::run(lang)),
        Command::ReadPdf => crate::ingest::pdf::serve_child(std::io::stdin(), std::io::stdout())
            .map(|()| ExitCode::SUCCESS)
            .map_err(|e| Failure(e.to_string())),
        Command::Rules => {
            let mut text = String::new();
            for &r in RuleId::ALL {
                let m = r.meta();
                text.push_str(&format!(
                    "{:<28} {:<8} {}\n",
                    r.name(),
                    m.severity.name(),
                    m.summary(lang)
                ));
            }
            print_stdout(&text, lang).map(|()| ExitCode::SUCCESS)
        }
        Command::Rule { name } => explain_rule(&name, lang),
        Command::Schema => {
            let schema = schemars::schema_for!(crate::model::Extraction);
            let text = serde_json::to_string_pretty(&schema).expect("schema serializes");
            print_stdout(&format!("{text}\n"), lang).map(|()| ExitCode::SUCCESS)
        }
    };
    match outcome {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("khlint: {message}");
            ExitCode::from(2)
        }
    }
}

fn explain_rule(name: &str, lang: Lang) -> Outcome {
    let Some(rule) = RuleId::from_name(name) else {
        return Err(Failure(format!(
            "{} `{name}` ({})",
            lang.pick("không có quy tắc", "no rule named"),
            lang.pick("xem `khlint rules`", "see `khlint rules`")
        )));
    };
    let m = rule.meta();
    let text = format!(
        "{}  ({}: {})\n\n{}\n\n{}\n\n{}\n\n{}\n",
        m.name,
        lang.pick("mức mặc định", "default severity"),
        m.severity.name(),
        m.summary_vi,
        m.explanation_vi,
        m.summary_en,
        m.explanation_en
    );
    print_stdout(&text, lang).map(|()| ExitCode::SUCCESS)
}

/// Writes a command's output: a closed pipe (`khlint rules | head -1`) ends it quietly,
/// any other write error (a full disk) is the command's failure.
pub(crate) fn print_stdout(text: &str, lang: Lang) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(write_failure(&e, lang)),
        _ => Ok(()),
    }
}

fn write_failure(e: &std::io::Error, lang: Lang) -> Failure {
    Failure(format!(
        "{}: {e}",
        lang.pick("không ghi được kết quả", "cannot write the output")
    ))
}

/// `khlint extract`: the same configuration (and extra registries) as `check`.
fn extract(
    file: &std::path::Path,
    format: ExtractFormat,
    limits: &LimitArgs,
    lang: Lang,
) -> Outcome {
    let today = chrono::Local::now().date_naive();
    let checker = Checker::new(Settings::new(lang, limits.limits(), today));
    let setup = checker
        .setup_for(file)
        .map_err(|e| Failure(e.to_string()))?;
    let plan = crate::check::analyze(file, &setup.registry, &checker.settings().limits)
        .map_err(|e| Failure(format!("{}: {}", file.display(), e.message(lang))))?;
    let text = match format {
        ExtractFormat::Json => {
            serde_json::to_string_pretty(&plan.model).expect("model serializes") + "\n"
        }
        ExtractFormat::Text => crate::render::extract_text::render(&plan, lang),
    };
    print_stdout(&text, lang).map(|()| ExitCode::SUCCESS)
}

fn check(args: CheckArgs, lang: Lang) -> Outcome {
    let filter = crate::walk::Filter {
        globs: args.globs.clone(),
        excludes: args.excludes.clone(),
    };
    let collected = crate::walk::collect(&args.paths, &filter);
    for e in &collected.errors {
        eprintln!("khlint: {e}");
    }
    let files = collected.files;
    let checker = args.run.checker(lang, args.format == CheckFormat::Full);
    let fail_on = args
        .run
        .fail_on(&checker, args.paths.first().map(PathBuf::as_path));

    let progress = progress_bar(&args, files.len());
    let mut out = Output::new(progress.clone());
    let threads = jobs(args.jobs, lang);
    let style = render::terminal::Style::detect(args.format == CheckFormat::Concise);
    let mut summary = BatchSummary::default();
    let mut failing = false;
    // SARIF is one document: its reports (without plans) wait for the end.
    let mut kept: Vec<FileReport> = Vec::new();
    let mut json = render::json::JsonStream::new(lang);
    if args.format == CheckFormat::Json {
        out.write(&json.begin());
    }
    {
        let _quiet = crate::batch::QuietPanics::install();
        crate::batch::run_ordered(
            &files,
            threads,
            threads * 8,
            |f| crate::batch::check_isolated(&checker, f),
            |_, report| {
                summary.add(&report);
                failing |= report.diagnostics.iter().any(|d| d.severity >= fail_on);
                match args.format {
                    CheckFormat::Full | CheckFormat::Concise => out.write(
                        &render::terminal::render(std::slice::from_ref(&report), lang, &style),
                    ),
                    CheckFormat::Github => {
                        out.write(&render::github::render(std::slice::from_ref(&report), lang))
                    }
                    CheckFormat::Json => json.file(&report, |s| out.write(s)),
                    CheckFormat::Sarif => kept.push(report),
                }
                if let Some(p) = &progress {
                    p.inc(1);
                }
            },
        );
    }
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    match args.format {
        CheckFormat::Full | CheckFormat::Concise => out.write(&summary.text(lang)),
        CheckFormat::Json => {
            out.write(&json.end(&summary.totals));
            out.write("\n");
        }
        CheckFormat::Sarif => {
            render::sarif::render(&kept, lang, |s| out.write(s));
            out.write("\n");
        }
        CheckFormat::Github => {}
    }
    out.flush();
    if let Some(e) = &out.error {
        return Err(write_failure(e, lang));
    }
    if let Some(format) = args.summary_format {
        let text = match format {
            SummaryFormat::Csv => summary.csv(),
            SummaryFormat::Json => summary.json(),
        };
        match &args.summary_file {
            Some(path) => std::fs::write(path, text)
                .map_err(|e| Failure(format!("{}: {e}", path.display())))?,
            None => eprint!("{text}"),
        }
    }
    if summary.totals.files_failed > 0 || !collected.errors.is_empty() {
        Ok(ExitCode::from(2))
    } else {
        Ok(args.run.exit_code(failing))
    }
}

/// The progress bar on stderr: only for people watching a terminal (stdout and stderr
/// both terminals), for the terminal formats, with more than one file.
fn progress_bar(args: &CheckArgs, files: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    let wanted = !args.no_progress
        && files > 1
        && matches!(args.format, CheckFormat::Full | CheckFormat::Concise)
        && std::io::stderr().is_terminal()
        && std::io::stdout().is_terminal();
    wanted.then(|| {
        let style = indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} {per_sec:.dim} ETA {eta} {wide_msg}",
        )
        .expect("valid template");
        indicatif::ProgressBar::with_draw_target(
            Some(files as u64),
            indicatif::ProgressDrawTarget::stderr(),
        )
        .with_style(style)
    })
}

/// Most files checked at once: each holds a file's text and analysis, and threads beyond
/// this only add memory.
pub const MAX_JOBS: usize = 64;

/// `-j`: 0 is one per core; more than [`MAX_JOBS`] is clamped, saying so.
fn jobs(asked: usize, lang: Lang) -> usize {
    match asked {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n if n > MAX_JOBS => {
            eprintln!(
                "khlint: -j {n}: {} {MAX_JOBS}",
                lang.pick("giới hạn là", "more than the limit, using")
            );
            MAX_JOBS
        }
        n => n,
    }
}

/// Standard output of a batch run: buffered, printed around the progress bar when there
/// is one, and silent after a write error: a closed pipe ends the output quietly, any
/// other error is kept for the end of the run (exit 2).
struct Output {
    stdout: std::io::BufWriter<std::io::Stdout>,
    progress: Option<indicatif::ProgressBar>,
    broken: bool,
    /// The first write error other than a closed pipe.
    error: Option<std::io::Error>,
}

impl Output {
    fn new(progress: Option<indicatif::ProgressBar>) -> Output {
        Output {
            stdout: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()),
            progress,
            broken: false,
            error: None,
        }
    }

    fn write(&mut self, s: &str) {
        use std::io::Write;
        if self.broken || s.is_empty() {
            return;
        }
        let stdout = &mut self.stdout;
        let result = match &self.progress {
            Some(p) => p.suspend(|| stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush())),
            None => stdout.write_all(s.as_bytes()),
        };
        self.failed(result);
    }

    fn flush(&mut self) {
        use std::io::Write;
        if !self.broken {
            let result = self.stdout.flush();
            self.failed(result);
        }
    }

    fn failed(&mut self, result: std::io::Result<()>) {
        if let Err(e) = result {
            self.broken = true;
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                self.error.get_or_insert(e);
            }
        }
    }
}
