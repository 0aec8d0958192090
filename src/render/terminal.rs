//! The terminal format: miette reports with source snippets (color only on a terminal,
//! and never when NO_COLOR is set), then a one-line summary per run.

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};
use std::fmt::Write;

pub struct Style {
    pub color: bool,
    /// One line per finding instead of snippets.
    pub concise: bool,
}

impl Style {
    /// Color when stdout is a terminal and NO_COLOR is unset or empty.
    pub fn detect(concise: bool) -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: std::io::stdout().is_terminal() && !no_color,
            concise,
        }
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn report(d: &Diagnostic, source: &NamedSource<String>, lang: Lang) -> Report {
    let mut m = MietteDiagnostic::new(d.message.clone())
        .with_code(d.rule)
        .with_severity(miette_severity(d.severity))
        .with_label(LabeledSpan::at(
            d.span.start..d.span.end,
            d.severity.label(lang),
        ));
    if let Some(f) = &d.fix {
        m = m.with_help(format!("{}: “{}”", f.description, f.replacement));
    }
    Report::new(m).with_source_code(source.clone())
}

pub fn render(reports: &[FileReport], lang: Lang, style: &Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for r in reports {
        if let Some(e) = &r.error {
            let _ = writeln!(
                out,
                "{}: {}: {e}",
                r.path,
                lang.pick("lỗi đọc tệp", "read error")
            );
            continue;
        }
        let source = r
            .plan
            .as_ref()
            .map(|p| NamedSource::new(&r.path, p.source.original.clone()));
        for d in &r.diagnostics {
            match (&source, style.concise) {
                (Some(src), false) => {
                    let _ = handler.render_report(&mut out, report(d, src, lang).as_ref());
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "{}:{}:{}: {} [{}] {}",
                        r.path,
                        d.line,
                        d.column,
                        d.severity.label(lang),
                        d.rule,
                        d.message
                    );
                }
            }
        }
    }
    out
}
