//! `--format json`: the contract of issue #3, versioned by `schema_version`.

use super::Summary;
use crate::check::FileReport;
use serde_json::{json, Value};

pub fn render(reports: &[FileReport], summary: &Summary) -> String {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            json!({
                "path": r.path,
                "diagnostics": r.diagnostics.iter().map(|d| json!({
                    "rule": d.rule,
                    "severity": d.severity.name(),
                    "message": d.message,
                    "line": d.line,
                    "column": d.column,
                    "span": {"start": d.span.start, "end": d.span.end},
                    "fix": d.fix.as_ref().map(|f| json!({
                        "description": f.description,
                        "replacement": f.replacement,
                        "span": {"start": f.span.start, "end": f.span.end},
                    })),
                    "fingerprint": d.fingerprint,
                })).collect::<Vec<_>>(),
                "error": r.error,
            })
        })
        .collect();
    let out = json!({
        "schema_version": "1",
        "files": files,
        "summary": summary,
    });
    serde_json::to_string_pretty(&out).expect("json serializes")
}
