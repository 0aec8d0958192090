//! `khlint review PLAN|DIR --against PROVINCE_PLAN`.

use super::{Failure, Outcome, RunArgs};
use crate::check::FileReport;
use crate::i18n::Lang;
use crate::render::{self, Summary};
use crate::review::{review_file, Review};
use crate::rules::{RuleId, Scope, Severity};
use clap::ValueEnum;
use serde_json::{json, Value};
use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ReviewArgs {
    /// A district or commune plan, or a folder of them.
    pub path: PathBuf,
    /// The province's plan they implement.
    #[arg(long)]
    pub against: PathBuf,
    #[arg(long, value_enum, default_value_t = ReviewFormat::Full)]
    pub format: ReviewFormat,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
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

/// The batch summary table as text.
fn table(reviews: &[Review], fail_on: Severity, lang: Lang) -> String {
    let mut heads = vec![
        lang.pick("Huyện", "District").to_string(),
        lang.pick("Tệp", "File").to_string(),
        lang.pick("Kết quả", "Result").to_string(),
    ];
    heads.extend(RuleId::of_scope(Scope::Review).map(|r| r.name().to_string()));
    heads.push(lang.pick("kiểm tra", "check").to_string());
    let rows: Vec<Vec<String>> = reviews
        .iter()
        .map(|rv| {
            let r = &rv.report;
            let mut row = vec![
                rv.district().unwrap_or_else(|| "?".to_string()),
                r.path.clone(),
                if r.error.is_some() {
                    lang.pick("LỖI ĐỌC", "READ ERROR").to_string()
                } else if r.passes(fail_on) {
                    lang.pick("ĐẠT", "PASS").to_string()
                } else {
                    lang.pick("KHÔNG ĐẠT", "FAIL").to_string()
                },
            ];
            row.extend(RuleId::of_scope(Scope::Review).map(|x| r.count_rule(x).to_string()));
            row.push(r.plan_rule_count().to_string());
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
            for x in RuleId::of_scope(Scope::Review) {
                counts.insert(x.name().to_string(), json!(r.count_rule(x)));
            }
            json!({
                "path": r.path,
                "district": rv.district(),
                "pass": r.passes(fail_on),
                "cross_rules": counts,
                "check_findings": r.plan_rule_count(),
            })
        }).collect::<Vec<_>>(),
    })
}

pub fn run(args: ReviewArgs, lang: Lang) -> Outcome {
    let checker = args.run.checker(lang, true);
    let setup = checker
        .setup_for(&args.against)
        .map_err(|e| Failure(e.to_string()))?;
    let province =
        crate::check::analyze(&args.against, &setup.registry, &checker.settings().limits)
            .map_err(|e| Failure(format!("{}: {}", args.against.display(), e.message(lang))))?;
    let batch = args.path.is_dir();
    let collected = crate::walk::collect(
        std::slice::from_ref(&args.path),
        &crate::walk::Filter::default(),
    );
    if let Some(e) = collected.errors.first() {
        return Err(Failure(e.clone()));
    }
    let same = |a: &PathBuf| {
        a.canonicalize()
            .ok()
            .is_some_and(|a| args.against.canonicalize().is_ok_and(|b| a == b))
    };
    let reviews: Vec<Review> = collected
        .files
        .iter()
        .filter(|f| !same(f))
        .map(|f| review_file(&checker, f, &province))
        .collect();
    let reports: Vec<FileReport> = reviews.iter().map(|r| r.report.without_plan()).collect();
    let summary = Summary::of(&reports);
    let fail_on = args.run.fail_on(&checker, Some(&args.path));
    let against = args.against.display().to_string();
    let out = match args.format {
        ReviewFormat::Full | ReviewFormat::Concise => {
            let style = render::terminal::Style::detect(args.format == ReviewFormat::Concise);
            let mut s = String::new();
            for rv in &reviews {
                s.push_str(&render::terminal::render(
                    std::slice::from_ref(&rv.report),
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
            let mut v = render::json::value(&reports, &summary, lang);
            v["review"] = json_table(&reviews, fail_on, &against);
            serde_json::to_string_pretty(&v).expect("json serializes")
        }
        ReviewFormat::Html => crate::review::html::render(&crate::review::html::Input {
            reviews: &reviews,
            province: &province,
            against: &against,
            registry: &setup.registry,
            review_date: checker.settings().review_date,
            as_of: args.run.as_of,
            fail_on,
        }),
    };
    match &args.output {
        Some(p) => std::fs::write(p, &out).map_err(|e| Failure(format!("{}: {e}", p.display())))?,
        None if out.ends_with('\n') => super::print_stdout(&out, lang)?,
        None => super::print_stdout(&format!("{out}\n"), lang)?,
    }
    if summary.files_failed > 0 {
        return Ok(ExitCode::from(2));
    }
    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= fail_on);
    Ok(args.run.exit_code(failing))
}
