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
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            s.files_failed += usize::from(r.error.is_some());
            s.errors += r.count(Severity::Error);
            s.warnings += r.count(Severity::Warning);
            s.infos += r.count(Severity::Info);
            for d in &r.diagnostics {
                *s.by_rule.entry(d.rule().name().to_string()).or_default() += 1;
            }
        }
        s
    }

    pub fn line(&self, lang: crate::i18n::Lang) -> String {
        format!(
            "{}: {} {}, {} {}, {} {}, {} {}{}",
            lang.pick("Tổng kết", "Summary"),
            self.files,
            lang.pick("tệp", "files"),
            self.errors,
            lang.pick("lỗi", "errors"),
            self.warnings,
            lang.pick("cảnh báo", "warnings"),
            self.infos,
            lang.pick("thông tin", "infos"),
            if self.files_failed > 0 {
                format!(
                    ", {} {}",
                    self.files_failed,
                    lang.pick("tệp không đọc được", "unreadable files")
                )
            } else {
                String::new()
            }
        )
    }
}
