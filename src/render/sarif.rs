//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.

use crate::check::FileReport;
use crate::i18n::Lang;
use crate::rules::{RuleId, Severity};
use serde_json::{json, Value};

/// Writes the SARIF document to `emit`, one result at a time: the document's value would
/// take about 23 KB per finding. The bytes are those of `serde_json::to_string_pretty`
/// of the whole document (keys sorted, as `serde_json` writes them).
pub fn render(reports: &[FileReport], lang: Lang, mut emit: impl FnMut(&str)) {
    let notification = |r: &FileReport, level: &str, text: String| {
        json!({
            "level": level,
            "message": {"text": format!("{}: {text}", r.path)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(r)}}}],
        })
    };
    let notifications: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            let error = r
                .error
                .as_ref()
                .map(|e| notification(r, "error", e.clone()));
            let skipped = r
                .skipped
                .as_ref()
                .map(|s| notification(r, "note", s.note(lang)));
            let omitted = r
                .omitted
                .iter()
                .map(|o| notification(r, "warning", o.note(lang)));
            error.into_iter().chain(skipped).chain(omitted)
        })
        .collect();
    let invocations = json!([{
        // Notes (a file skipped, findings left out) are not failures.
        "executionSuccessful": !reports.iter().any(|r| r.error.is_some()),
        "toolExecutionNotifications": notifications,
    }]);
    emit(&format!(
        "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [\n    {{\n      \"invocations\": {},\n      \"results\": [",
        indent(&pretty(&invocations), 6).trim_start()
    ));
    let mut first = true;
    for r in reports {
        for d in &r.diagnostics {
            let sep = if first { "\n" } else { ",\n" };
            first = false;
            emit(&format!("{sep}{}", indent(&pretty(&result(r, d, lang)), 8)));
        }
    }
    let close = if first { "]" } else { "\n      ]" };
    emit(&format!(
        "{close},\n      \"tool\": {}\n    }}\n  ],\n  \"version\": \"2.1.0\"\n}}",
        indent(&pretty(&tool(lang)), 6).trim_start()
    ));
}

fn uri(r: &FileReport) -> String {
    r.path.replace('\\', "/")
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("sarif serializes")
}

fn indent(s: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    s.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn tool(lang: Lang) -> Value {
    let rules: Vec<Value> = RuleId::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": r.name(),
                "name": r.name(),
                "shortDescription": {"text": m.summary(lang)},
                "fullDescription": {"text": m.explanation(lang)},
                "defaultConfiguration": {"level": level(m.severity)},
                "help": {"text": m.explanation(lang)},
            })
        })
        .collect();
    json!({"driver": {
        "name": "khlint",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    }})
}

fn result(r: &FileReport, d: &crate::rules::Diagnostic, lang: Lang) -> Value {
    let uri = uri(r);
    let mut result = json!({
        "ruleId": d.rule(),
        "level": level(d.severity),
        "message": {"text": d.message(lang)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": d.line,
                    "startColumn": d.column,
                    "byteOffset": d.span.start,
                    "byteLength": d.span.end - d.span.start,
                }
            }
        }],
        "partialFingerprints": {"khlint/v1": d.fingerprint},
        "ruleIndex": d.rule() as usize,
    });
    if let Some(loc) = &d.docx {
        result["locations"][0]["message"] = json!({"text": super::docx_place(loc, lang)});
    }
    if let Some(f) = &d.fix {
        result["fixes"] = json!([{
            "description": {"text": d.fix_title(lang)},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{
                    "deletedRegion": {"byteOffset": f.span.start, "byteLength": f.span.end - f.span.start},
                    "insertedContent": {"text": f.replacement},
                }]
            }]
        }]);
    }
    result
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Checker, Settings};

    /// The stream writes exactly what `serde_json` writes for the document it makes.
    #[test]
    fn the_stream_writes_the_bytes_of_the_whole_document() {
        let checker = Checker::new(Settings::new(
            Lang::Vi,
            crate::ingest::Limits::default(),
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        ));
        for files in [
            &[][..],
            &["fixtures/clean/yen-the-2024.txt"][..],
            &["fixtures/plans/dak-rlap-2024.txt", "fixtures/bad/empty.txt"][..],
        ] {
            let reports: Vec<FileReport> = files
                .iter()
                .map(|f| checker.check_file(std::path::Path::new(f)))
                .collect();
            let mut streamed = String::new();
            render(&reports, Lang::Vi, |s| streamed.push_str(s));
            let v: Value = serde_json::from_str(&streamed).unwrap();
            assert_eq!(streamed, pretty(&v));
            let results = v["runs"][0]["results"].as_array().unwrap();
            let findings: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
            assert_eq!(results.len(), findings);
        }
    }
}
