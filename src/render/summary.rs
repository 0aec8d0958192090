//! The summary of a batch run, built one report at a time (nothing else is kept): counts,
//! read failures by kind, diagnostics per rule, the files with the most errors; shown
//! after the findings, and as CSV or JSON for a spreadsheet or a dashboard.

use super::Summary;
use crate::check::FileReport;
use crate::i18n::Lang;
use crate::rules::Severity;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// How many files the "most errors" list keeps.
pub const TOP_FILES: usize = 10;

/// One file of the "most errors" list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FileCount {
    pub path: String,
    pub errors: usize,
    pub warnings: usize,
}

/// Totals of a batch run.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct BatchSummary {
    #[serde(flatten)]
    pub totals: Summary,
    /// Files that could not be read, per error kind (`IngestError::kind`, `panic`,
    /// `config`).
    pub failed_by_kind: BTreeMap<String, usize>,
    /// The files with the most errors (then warnings), most first; ties in input order.
    pub top_files: Vec<FileCount>,
}

impl BatchSummary {
    /// Counts one file's report.
    pub fn add(&mut self, r: &FileReport) {
        let t = &mut self.totals;
        t.files += 1;
        if r.error.is_some() {
            t.files_failed += 1;
            let kind = r.error_kind.unwrap_or("io");
            *self.failed_by_kind.entry(kind.to_string()).or_default() += 1;
        }
        t.add_counts(r);
        let (errors, warnings) = (r.count(Severity::Error), r.count(Severity::Warning));
        if errors == 0 && warnings == 0 {
            return;
        }
        let key = |f: &FileCount| (f.errors, f.warnings);
        // insert after every file with at least as many: earlier files win ties
        let at = self
            .top_files
            .iter()
            .position(|f| key(f) < (errors, warnings))
            .unwrap_or(self.top_files.len());
        if at < TOP_FILES {
            self.top_files.insert(
                at,
                FileCount {
                    path: r.path.clone(),
                    errors,
                    warnings,
                },
            );
            self.top_files.truncate(TOP_FILES);
        }
    }

    /// The human summary: the totals line, then (for more than one file) the rules, the
    /// read failures and the files with the most errors.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = self.totals.line(lang);
        out.push('\n');
        if self.totals.files < 2 {
            return out;
        }
        if !self.totals.by_rule.is_empty() {
            let _ = writeln!(out, "{}:", lang.pick("Theo quy tắc", "By rule"));
            let mut rules: Vec<_> = self.totals.by_rule.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (rule, n) in rules {
                let _ = writeln!(out, "  {n:>7}  {rule}");
            }
        }
        if self.totals.by_type.len() > 1 || self.totals.files_skipped > 0 {
            let _ = writeln!(
                out,
                "{}:",
                lang.pick("Theo loại văn bản", "By document type")
            );
            let mut types: Vec<_> = self.totals.by_type.iter().collect();
            types.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (name, n) in types {
                let shown = match name.as_str() {
                    super::NOT_A_DOCUMENT => {
                        lang.pick("không phải văn bản hành chính", "not a document")
                    }
                    super::UNKNOWN_TYPE => lang.pick(
                        "không rõ loại (kiểm tra như kế hoạch)",
                        "type unknown (checked as a plan)",
                    ),
                    name => name,
                };
                let _ = writeln!(out, "  {n:>7}  {shown}");
            }
        }
        if !self.failed_by_kind.is_empty() {
            let _ = writeln!(
                out,
                "{}:",
                lang.pick(
                    "Tệp không đọc được, theo loại lỗi",
                    "Unreadable files by kind"
                )
            );
            for (kind, n) in &self.failed_by_kind {
                let _ = writeln!(out, "  {n:>7}  {kind}");
            }
        }
        if !self.top_files.is_empty() {
            let _ = writeln!(
                out,
                "{}:",
                lang.pick("Tệp có nhiều lỗi nhất", "Files with the most errors")
            );
            for f in &self.top_files {
                let _ = writeln!(
                    out,
                    "  {:>4} {} {:>4} {}  {}",
                    f.errors,
                    lang.pick("lỗi", "errors"),
                    f.warnings,
                    lang.pick("cảnh báo", "warnings"),
                    f.path
                );
            }
        }
        out
    }

    /// `--summary-format json`: this struct, versioned.
    pub fn json(&self) -> String {
        let mut v = serde_json::to_value(self).expect("summary serializes");
        v["schema_version"] = "1".into();
        serde_json::to_string_pretty(&v).expect("summary serializes") + "\n"
    }

    /// `--summary-format csv`: one `section,key,count` row per figure, for a
    /// spreadsheet: `total` rows (files, files_failed, errors, warnings, infos), `rule`
    /// rows, `failed` rows (read failures by kind), `top_errors` and `top_warnings` rows
    /// (the files with the most errors, most first).
    pub fn csv(&self) -> String {
        let t = &self.totals;
        let mut out = String::from("section,key,count\n");
        for (k, n) in [
            ("files", t.files),
            ("files_failed", t.files_failed),
            ("errors", t.errors),
            ("warnings", t.warnings),
            ("infos", t.infos),
        ] {
            let _ = writeln!(out, "total,{k},{n}");
        }
        for (rule, n) in &t.by_rule {
            let _ = writeln!(out, "rule,{rule},{n}");
        }
        for (kind, n) in &self.failed_by_kind {
            let _ = writeln!(out, "failed,{kind},{n}");
        }
        for f in &self.top_files {
            let _ = writeln!(out, "top_errors,{},{}", csv_field(&f.path), f.errors);
            let _ = writeln!(out, "top_warnings,{},{}", csv_field(&f.path), f.warnings);
        }
        out
    }
}

/// RFC 4180 quoting when needed.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Diagnostic;
    use crate::source::Span;

    fn report(path: &str, errors: usize, error: Option<&'static str>) -> FileReport {
        let finding = crate::rules::Finding::Misspelling(crate::rules::Misspelling {
            found: "chuyên đổi số".into(),
            correction: "chuyển đổi số".into(),
        });
        let d = Diagnostic {
            finding,
            severity: Severity::Error,
            line: 1,
            column: 1,
            span: Span { start: 0, end: 1 },
            fix: None,
            fingerprint: "f".into(),
            docx: None,
        };
        let mut r = FileReport::failed(path.into(), String::new(), "");
        r.diagnostics = vec![d; errors];
        r.error = error.map(|k| format!("cannot read ({k})"));
        r.error_kind = error;
        r
    }

    #[test]
    fn top_files_keep_the_ten_worst_in_input_order_on_ties() {
        let mut s = BatchSummary::default();
        for i in 0..30 {
            s.add(&report(&format!("f{i:02}"), i % 4, None));
        }
        s.add(&report("bad, \"quoted\".docx", 0, Some("not-a-zip")));
        assert_eq!(s.top_files.len(), TOP_FILES);
        let top: Vec<&str> = s.top_files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            top,
            ["f03", "f07", "f11", "f15", "f19", "f23", "f27", "f02", "f06", "f10"]
        );
        assert_eq!(s.totals.files, 31);
        assert_eq!(s.totals.files_failed, 1);
        assert_eq!(s.failed_by_kind["not-a-zip"], 1);
        assert_eq!(s.totals.by_rule["misspelling"], s.totals.errors);
        let csv = s.csv();
        assert!(
            csv.starts_with("section,key,count\ntotal,files,31\n"),
            "{csv}"
        );
        assert!(csv.contains("\nfailed,not-a-zip,1\n"), "{csv}");
        assert!(csv.contains("\ntop_errors,f03,3\n"), "{csv}");
        let v: serde_json::Value = serde_json::from_str(&s.json()).unwrap();
        assert_eq!(v["files"], 31);
        assert_eq!(v["top_files"][0]["path"], "f03");
        assert_eq!(v["failed_by_kind"]["not-a-zip"], 1);
        assert!(s.text(Lang::En).contains("Files with the most errors"));
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
