//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.

use crate::check::FileReport;
use crate::i18n::Lang;
use crate::rules::{RuleId, Severity};
use serde_json::{json, Value};

pub fn render(reports: &[FileReport], lang: Lang) -> String {
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
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in reports {
        let uri = r.path.replace('\\', "/");
        if let Some(e) = &r.error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": format!("{}: {e}", r.path)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
            }));
        }
        if let Some(skipped) = &r.skipped {
            notifications.push(json!({
                "level": "note",
                "message": {"text": format!("{}: {}", r.path, skipped.note(lang))},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
            }));
        }
        for d in &r.diagnostics {
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
            results.push(result);
        }
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "khlint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
        }]
    });
    serde_json::to_string_pretty(&sarif).expect("sarif serializes")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
