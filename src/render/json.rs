//! `--format json`: the contract of issue #3, versioned by `schema_version`.
//!
//! Written as a stream ([`JsonStream`]): one diagnostic at a time, so a run never holds
//! a document's value (about 6 KB per finding), not even one file's; the bytes are those
//! of `serde_json::to_string_pretty` of the whole document.

use super::Summary;
use crate::check::FileReport;
use crate::i18n::Lang;
use crate::rules::Diagnostic;
use serde_json::{json, Value};

/// The whole document as a value (what [`JsonStream`] writes, for callers that add to it).
pub fn value(reports: &[FileReport], summary: &Summary, lang: Lang) -> Value {
    json!({
        "files": reports.iter().map(|r| file_value(r, &r.diagnostics, lang)).collect::<Vec<_>>(),
        "schema_version": "1",
        "summary": summary,
    })
}

/// The JSON document in pieces: [`begin`](Self::begin), one [`file`](Self::file) per
/// report, [`end`](Self::end) with the summary.
#[derive(Debug)]
pub struct JsonStream {
    files: usize,
    lang: Lang,
}

impl JsonStream {
    pub fn new(lang: Lang) -> JsonStream {
        JsonStream { files: 0, lang }
    }

    pub fn begin(&mut self) -> String {
        "{\n  \"files\": [".to_string()
    }

    /// One file's object, given to `emit` a diagnostic at a time: the object without its
    /// diagnostics is printed, and they are written into its empty array.
    pub fn file(&mut self, r: &FileReport, mut emit: impl FnMut(&str)) {
        let sep = if self.files == 0 { "\n" } else { ",\n" };
        self.files += 1;
        let shell = indent(&pretty(&file_value(r, &[], self.lang)), 4);
        // the key at the object's own depth: string values cannot hold a raw newline
        const EMPTY: &str = "\n      \"diagnostics\": []";
        let close = shell.find(EMPTY).expect("a file object has diagnostics") + EMPTY.len() - 1;
        emit(sep);
        emit(&shell[..close]);
        for (i, d) in r.diagnostics.iter().enumerate() {
            let sep = if i == 0 { "\n" } else { ",\n" };
            let value = diagnostic_value(d, self.lang);
            emit(&format!("{sep}{}", indent(&pretty(&value), 8)));
        }
        if !r.diagnostics.is_empty() {
            emit("\n      ");
        }
        emit(&shell[close..]);
    }

    pub fn end(&mut self, summary: &Summary) -> String {
        let close = if self.files == 0 { "]" } else { "\n  ]" };
        let summary = indent(&pretty(&json!(summary)), 2);
        format!(
            "{close},\n  \"schema_version\": \"1\",\n  \"summary\": {}\n}}",
            summary.trim_start()
        )
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("json serializes")
}

fn indent(s: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    s.lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn file_value(r: &FileReport, diagnostics: &[Diagnostic], lang: Lang) -> Value {
    json!({
        "path": r.path,
        "diagnostics": diagnostics.iter().map(|d| diagnostic_value(d, lang)).collect::<Vec<_>>(),
        "error": r.error,
        "document_type": r.document_type,
        "skipped": r.skipped.as_ref().map(|k| json!({"reason": k.code(), "note": k.note(lang)})),
        "omitted": r.omitted.iter().map(|o| json!({
            "rule": o.rule.name(),
            "count": o.count,
            "note": o.note(lang),
        })).collect::<Vec<_>>(),
    })
}

fn diagnostic_value(d: &Diagnostic, lang: Lang) -> Value {
    json!({
        "rule": d.rule(),
        "severity": d.severity.name(),
        "message": d.message(lang),
        "facts": d.finding,
        "line": d.line,
        "column": d.column,
        "span": {"start": d.span.start, "end": d.span.end},
        "fix": d.fix.as_ref().map(|f| json!({
            "description": d.fix_title(lang),
            "replacement": f.replacement,
            "applicability": f.applicability,
            "span": {"start": f.span.start, "end": f.span.end},
        })),
        "fingerprint": d.fingerprint,
        "docx": d.docx,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Checker, Settings};

    #[test]
    fn the_stream_writes_the_bytes_of_the_whole_document() {
        let checker = Checker::new(Settings::new(
            Lang::Vi,
            crate::ingest::Limits::default(),
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        ));
        for files in [
            &[][..],
            &["fixtures/plans/dak-rlap-2024.txt"][..],
            &["fixtures/bad/empty.txt", "fixtures/clean/yen-the-2024.txt"][..],
        ] {
            let reports: Vec<FileReport> = files
                .iter()
                .map(|f| checker.check_file(std::path::Path::new(f)))
                .collect();
            let summary = Summary::of(&reports);
            let mut stream = JsonStream::new(Lang::Vi);
            let mut streamed = stream.begin();
            for r in &reports {
                stream.file(r, |s| streamed.push_str(s));
            }
            streamed.push_str(&stream.end(&summary));
            assert_eq!(streamed, pretty(&value(&reports, &summary, Lang::Vi)));
        }
    }
}
