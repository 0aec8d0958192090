//! `--format github`: workflow commands that GitHub Actions shows as annotations.

use crate::check::FileReport;
use crate::i18n::Lang;
use crate::rules::Severity;
use std::fmt::Write;

/// GitHub's escaping of workflow command data and properties.
fn escape(s: &str, property: bool) -> String {
    let s = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s.replace(':', "%3A").replace(',', "%2C")
    } else {
        s
    }
}

pub fn render(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        if let Some(e) = &r.error {
            let _ = writeln!(
                out,
                "::error file={},title={}::{}",
                escape(&r.path, true),
                escape(
                    lang.pick("không đọc được tệp", "file could not be read"),
                    true
                ),
                escape(e, false)
            );
        }
        let notes = r.skipped.iter().map(|s| s.note(lang));
        for note in notes.chain(r.omitted.iter().map(|o| o.note(lang))) {
            let _ = writeln!(
                out,
                "::notice file={}::{}",
                escape(&r.path, true),
                escape(&note, false)
            );
        }
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let _ = writeln!(
                out,
                "::{level} file={},line={},col={},title={}::{}",
                escape(&r.path, true),
                d.line,
                d.column,
                escape(d.rule().name(), true),
                escape(&d.message(lang), false)
            );
        }
    }
    out
}
