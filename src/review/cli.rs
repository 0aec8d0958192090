//! `khlint review PLAN|DIR --against PROVINCE_PLAN`.

use super::{all, review_file, Review};
use crate::check::{Checker, FileReport, Settings};
use crate::cli::LimitArgs;
use crate::diagnostic::Severity;
use crate::i18n::Lang;
use crate::render::{self, Summary};
use clap::ValueEnum;
use serde_json::{json, Value};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ReviewArgs {
    /// A district plan, or a folder of district plans.
    pub path: PathBuf,
    /// The province's plan the districts implement.
    #[arg(long)]
    pub against: PathBuf,
    #[arg(long, value_enum, default_value_t = ReviewFormat::Full)]
    pub format: ReviewFormat,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Judge plans at this date (YYYY-MM-DD) instead of their own date.
    #[arg(long, value_parser = crate::cli::parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Lowest severity that makes the exit code 1 (default: warning).
    #[arg(long, value_enum)]
    pub fail_on: Option<Severity>,
    /// Exit 0 even when there are findings (read errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReviewFormat {
    /// Findings with source snippets, then the summary table.
    Full,
    /// One line per finding, then the summary table.
    Concise,
    Json,
    /// One self-contained HTML report.
    Html,
}

/// Whether a reviewed plan passes: readable, nothing at or above `fail_on`.
pub fn passes(r: &FileReport, fail_on: Severity) -> bool {
    r.error.is_none() && !r.diagnostics.iter().any(|d| d.severity >= fail_on)
}

/// Findings of one rule in a report.
pub fn count(r: &FileReport, rule: &str) -> usize {
    r.diagnostics.iter().filter(|d| d.rule == rule).count()
}

/// Findings of the single-document rules.
pub fn own_count(r: &FileReport) -> usize {
    r.diagnostics
        .iter()
        .filter(|d| crate::rules::by_name(d.rule).is_some())
        .count()
}

fn district(rv: &Review) -> String {
    rv.analysis
        .as_ref()
        .and_then(|a| a.district.as_ref())
        .map_or_else(|| "?".to_string(), |p| p.label.clone())
}

/// The batch summary table as text.
fn table(reviews: &[Review], fail_on: Severity, lang: Lang) -> String {
    let mut heads = vec![
        lang.pick("Huyện", "District").to_string(),
        lang.pick("Tệp", "File").to_string(),
        lang.pick("Kết quả", "Result").to_string(),
    ];
    heads.extend(all().iter().map(|r| r.name().to_string()));
    heads.push(lang.pick("kiểm tra", "check").to_string());
    let rows: Vec<Vec<String>> = reviews
        .iter()
        .map(|rv| {
            let r = &rv.report;
            let mut row = vec![
                district(rv),
                r.path.clone(),
                if r.error.is_some() {
                    lang.pick("LỖI ĐỌC", "READ ERROR").to_string()
                } else if passes(r, fail_on) {
                    lang.pick("ĐẠT", "PASS").to_string()
                } else {
                    lang.pick("KHÔNG ĐẠT", "FAIL").to_string()
                },
            ];
            row.extend(all().iter().map(|x| count(r, x.name()).to_string()));
            row.push(own_count(r).to_string());
            row
        })
        .collect();
    let width = |k: usize| {
        rows.iter()
            .map(|r| r[k].chars().count())
            .chain([heads[k].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..heads.len()).map(width).collect();
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (k, c) in cells.iter().enumerate() {
            let pad = widths[k] - c.chars().count();
            let _ = write!(s, "{c}{}  ", " ".repeat(pad));
        }
        s.trim_end().to_string()
    };
    let mut out = line(&heads);
    out.push('\n');
    for r in &rows {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

fn json_table(reviews: &[Review], fail_on: Severity, against: &str) -> Value {
    json!({
        "against": against,
        "plans": reviews.iter().map(|rv| {
            let r = &rv.report;
            let mut counts = serde_json::Map::new();
            for x in all() {
                counts.insert(x.name().to_string(), json!(count(r, x.name())));
            }
            json!({
                "path": r.path,
                "district": rv.analysis.as_ref().and_then(|a| a.district.as_ref()).map(|p| p.label.clone()),
                "pass": passes(r, fail_on),
                "cross_rules": counts,
                "check_findings": own_count(r),
            })
        }).collect::<Vec<_>>(),
    })
}

pub fn run(args: ReviewArgs, lang: Lang) -> ExitCode {
    let fail = |msg: String| {
        eprintln!("khlint: {msg}");
        ExitCode::from(2)
    };
    let checker = Checker::new(Settings {
        lang,
        limits: args.limits.limits(),
        config: None,
        as_of: args.as_of,
        review_date: chrono::Local::now().date_naive(),
        select: None,
        ignore: Vec::new(),
        keep_plans: true,
    });
    let setup = match checker.setup_for(&args.against) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string()),
    };
    let province = match crate::cli::analyze(
        &args.against,
        &setup.registry,
        &checker.settings().limits,
        lang,
    ) {
        Ok(p) => p,
        Err(msg) => return fail(msg),
    };
    let batch = args.path.is_dir();
    let collected = crate::walk::collect(
        std::slice::from_ref(&args.path),
        &crate::walk::Filter::default(),
    );
    if let Some(e) = collected.errors.first() {
        return fail(e.clone());
    }
    let files = collected.files;
    let same = |a: &PathBuf| {
        a.canonicalize()
            .ok()
            .is_some_and(|a| args.against.canonicalize().is_ok_and(|b| a == b))
    };
    let reviews: Vec<Review> = files
        .iter()
        .filter(|f| !same(f))
        .map(|f| review_file(&checker, f, &province, &setup.registry, &|_| true))
        .collect();
    let reports: Vec<&FileReport> = reviews.iter().map(|r| &r.report).collect();
    let summary = summary_of(&reports);
    let fail_on = args.fail_on.unwrap_or(Severity::Warning);
    let against = args.against.display().to_string();
    let out = match args.format {
        ReviewFormat::Full | ReviewFormat::Concise => {
            let style = render::terminal::Style::detect(args.format == ReviewFormat::Concise);
            let mut s = String::new();
            for r in &reports {
                s.push_str(&render::terminal::render(
                    std::slice::from_ref(*r),
                    lang,
                    &style,
                ));
            }
            if batch {
                s.push('\n');
                s.push_str(&table(&reviews, fail_on, lang));
            }
            s.push_str(&summary.line(lang));
            s.push('\n');
            s
        }
        ReviewFormat::Json => {
            let owned: Vec<FileReport> = reports.iter().map(|r| shallow(r)).collect();
            let mut v: Value = serde_json::from_str(&render::json::render(&owned, &summary))
                .expect("json renders valid json");
            v["review"] = json_table(&reviews, fail_on, &against);
            serde_json::to_string_pretty(&v).expect("json serializes")
        }
        ReviewFormat::Html => render::html::render(&render::html::Input {
            reviews: &reviews,
            province: &province,
            against: &against,
            registry: &setup.registry,
            review_date: checker.settings().review_date,
            as_of: args.as_of,
            fail_on,
        }),
    };
    match &args.output {
        Some(p) => {
            if let Err(e) = std::fs::write(p, &out) {
                return fail(format!("{}: {e}", p.display()));
            }
        }
        None => {
            print!("{out}");
            if !out.ends_with('\n') {
                println!();
            }
        }
    }
    if summary.files_failed > 0 {
        return ExitCode::from(2);
    }
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

/// The report without its plan (what the JSON renderer reads).
fn shallow(r: &FileReport) -> FileReport {
    FileReport {
        path: r.path.clone(),
        diagnostics: r.diagnostics.clone(),
        error: r.error.clone(),
        error_kind: r.error_kind,
        plan: None,
    }
}

fn summary_of(reports: &[&FileReport]) -> Summary {
    let owned: Vec<FileReport> = reports.iter().map(|r| shallow(r)).collect();
    Summary::of(&owned)
}
