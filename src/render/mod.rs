//! Renderers: how extracted plans and diagnostics are shown.

pub mod extract_text;
pub mod github;
pub mod json;
pub mod sarif;
pub mod summary;
pub mod terminal;

use crate::check::FileReport;
use crate::rules::Severity;
use serde::Serialize;
use std::collections::BTreeMap;

/// Totals of a run, shown after the findings and in machine formats.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    pub files: usize,
    pub files_failed: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub by_rule: BTreeMap<String, usize>,
    /// Readable files the rules did not read (not plans, not documents).
    pub files_skipped: usize,
    /// Readable files by what they are: the document type ("Kế hoạch", "Quyết định"...),
    /// or the keys `NOT_A_DOCUMENT` and `UNKNOWN_TYPE`.
    pub by_type: BTreeMap<String, usize>,
}

/// `Summary::by_type` key of a text that is not an administrative document.
pub const NOT_A_DOCUMENT: &str = "not-a-document";
/// `Summary::by_type` key of a document whose type cannot be told (checked as a plan).
pub const UNKNOWN_TYPE: &str = "unknown";

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            s.files_failed += usize::from(r.error.is_some());
            s.add_counts(r);
        }
        s
    }

    /// Counts a report's findings and what the file is (not the file itself).
    pub fn add_counts(&mut self, r: &FileReport) {
        self.errors += r.count(Severity::Error);
        self.warnings += r.count(Severity::Warning);
        self.infos += r.count(Severity::Info);
        for d in &r.diagnostics {
            *self.by_rule.entry(d.rule().name().to_string()).or_default() += 1;
        }
        self.files_skipped += usize::from(r.skipped.is_some());
        if let Some(t) = &r.document_type {
            let key = match (&t.name, t.is_document) {
                (_, false) => NOT_A_DOCUMENT,
                (Some(name), true) => name.as_str(),
                (None, true) => UNKNOWN_TYPE,
            };
            *self.by_type.entry(key.to_string()).or_default() += 1;
        }
    }

    pub fn line(&self, lang: crate::i18n::Lang) -> String {
        let mut line = format!(
            "{}: {} {}, {} {}, {} {}, {} {}",
            lang.pick("Tổng kết", "Summary"),
            self.files,
            lang.pick("tệp", "files"),
            self.errors,
            lang.pick("lỗi", "errors"),
            self.warnings,
            lang.pick("cảnh báo", "warnings"),
            self.infos,
            lang.pick("thông tin", "infos"),
        );
        let unread = lang.pick("tệp không đọc được", "unreadable files");
        let unchecked = lang.pick(
            "tệp không kiểm tra (không phải kế hoạch)",
            "files not checked (not plans)",
        );
        for (n, what) in [(self.files_failed, unread), (self.files_skipped, unchecked)] {
            if n > 0 {
                line.push_str(&format!(", {n} {what}"));
            }
        }
        line
    }
}

/// Where a finding of a .docx is in Word: "đoạn 12, bảng 2, hàng 3, ô 2: “quote”".
pub fn docx_place(loc: &crate::model::DocxLocation, lang: crate::i18n::Lang) -> String {
    let mut parts = Vec::new();
    let mut part = |n: Option<usize>, vi: &str, en: &str| {
        if let Some(n) = n {
            parts.push(format!("{} {n}", lang.pick(vi, en)));
        }
    };
    part(loc.paragraph, "đoạn", "paragraph");
    part(loc.table, "bảng", "table");
    part(loc.row, "hàng", "row");
    part(loc.cell, "ô", "cell");
    format!(
        "{} {}: “{}”",
        lang.pick("trong Word:", "in Word:"),
        parts.join(", "),
        loc.quote
    )
}

#[cfg(test)]
mod docx_place_tests {
    use super::docx_place;
    use crate::i18n::Lang;
    use crate::model::DocxLocation;

    #[test]
    fn a_word_place_in_both_languages() {
        let loc = DocxLocation {
            paragraph: None,
            table: Some(2),
            row: Some(3),
            cell: Some(1),
            quote: "Phòng NN&PTNT".into(),
        };
        assert_eq!(
            docx_place(&loc, Lang::Vi),
            "trong Word: bảng 2, hàng 3, ô 1: “Phòng NN&PTNT”"
        );
        let loc = DocxLocation {
            paragraph: Some(25),
            table: None,
            row: None,
            cell: None,
            quote: "1. Mục tiêu cụ thể".into(),
        };
        assert_eq!(
            docx_place(&loc, Lang::En),
            "in Word: paragraph 25: “1. Mục tiêu cụ thể”"
        );
    }
}
