//! The terminal format: miette reports with source snippets (color only on a terminal,
//! and never when NO_COLOR is set), then a one-line summary per run.

use super::docx_place;
use crate::check::FileReport;
use crate::i18n::Lang;
use crate::rules::{Diagnostic, Severity};
use crate::source::neutralize;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, Report, SourceCode, SourceSpan, SpanContents,
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

/// Plans have paragraphs of a thousand characters on one line; a snippet shows at most
/// this many characters on each side of the finding.
const SNIPPET_CHARS: usize = 70;

/// The text miette shows for one finding. miette would put the column of the snippet's
/// bytes in the `[file:line:column]` header; this reports the finding's own line and column
/// (in characters, in the uncut line), as every other format does.
struct Snippet {
    name: String,
    /// The finding's line and the lines around it, not the whole file (a copy of the file
    /// per finding is quadratic).
    text: String,
    /// Lines of the file before `text`.
    lines_before: usize,
    label: SourceSpan,
    line: usize,
    column: usize,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let (line, column) = if *span == self.label && before == 0 && after == 0 {
            (self.line - 1, self.column - 1)
        } else {
            (inner.line() + self.lines_before, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

/// Lines of context miette shows around a finding's line.
const CONTEXT_LINES: usize = 1;

/// The source to show for a finding: its line and [`CONTEXT_LINES`] around it, the
/// finding's line cut down to a window around the finding when it is long, control
/// characters shown visibly (line numbers stay right).
fn snippet_source(path: &str, text: &str, d: &Diagnostic) -> (Snippet, std::ops::Range<usize>) {
    let start = d.span.start.min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = d.span.end.clamp(start, line_end);
    let mut context_start = line_start;
    let mut lines_before = d.line - 1;
    for _ in 0..CONTEXT_LINES {
        if context_start == 0 {
            break;
        }
        context_start = text[..context_start - 1].rfind('\n').map_or(0, |i| i + 1);
        lines_before -= 1;
    }
    let mut context_end = line_end;
    for _ in 0..CONTEXT_LINES {
        if context_end < text.len() {
            context_end = text[context_end + 1..]
                .find('\n')
                .map_or(text.len(), |i| context_end + 1 + i);
        }
    }
    let (from, to) = if text[line_start..line_end].chars().count() <= 2 * SNIPPET_CHARS {
        (line_start, line_end)
    } else {
        let from = text[line_start..start]
            .char_indices()
            .rev()
            .nth(SNIPPET_CHARS)
            .map_or(line_start, |(i, _)| line_start + i);
        let to = text[end..line_end]
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(line_end, |(i, _)| end + i);
        (from, to)
    };
    let lead = if from > line_start { "…" } else { "" };
    let tail = if to < line_end { "…" } else { "" };
    let shown = |r: std::ops::Range<usize>| crate::source::neutralize(&text[r]).into_owned();
    let before = format!(
        "{}{lead}{}",
        shown(context_start..line_start),
        shown(from..start)
    );
    let label = shown(start..end);
    let cut = format!(
        "{before}{label}{}{tail}{}",
        shown(end..to),
        shown(line_end..context_end)
    );
    let range = before.len()..before.len() + label.len();
    let snippet = Snippet {
        name: crate::source::neutralize(path).into_owned(),
        text: cut,
        lines_before,
        label: SourceSpan::from(range.clone()),
        line: d.line,
        column: d.column,
    };
    (snippet, range)
}

fn report(d: &Diagnostic, path: &str, text: &str, lang: Lang) -> Report {
    let (source, range) = snippet_source(path, text, d);
    let message = d.message(lang);
    let mut m = MietteDiagnostic::new(neutralize(&message))
        .with_code(d.rule().name())
        .with_severity(miette_severity(d.severity))
        .with_label(LabeledSpan::at(range, d.severity.label(lang)));
    let help: Vec<String> = d
        .fix_title(lang)
        .into_iter()
        .chain(d.docx.as_ref().map(|loc| docx_place(loc, lang)))
        .collect();
    if !help.is_empty() {
        m = m.with_help(neutralize(&help.join("\n")));
    }
    Report::new(m).with_source_code(source)
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
        let path = neutralize(&r.path);
        if let Some(e) = &r.error {
            let _ = writeln!(
                out,
                "{path}: {}: {}",
                lang.pick("lỗi đọc tệp", "read error"),
                neutralize(e)
            );
            continue;
        }
        if let Some(skipped) = &r.skipped {
            let note = lang.pick("ghi chú", "note");
            let _ = writeln!(out, "{path}: {note}: {}", skipped.note(lang));
            continue;
        }
        let source = r.plan.as_ref().map(|p| p.source.original.as_str());
        for d in &r.diagnostics {
            match (source, style.concise) {
                (Some(text), false) => {
                    let report = report(d, &r.path, text, lang);
                    let _ = handler.render_report(&mut out, report.as_ref());
                }
                _ => {
                    let _ = write!(
                        out,
                        "{path}:{}:{}: {} [{}] {}",
                        d.line,
                        d.column,
                        d.severity.label(lang),
                        d.rule(),
                        neutralize(&d.message(lang))
                    );
                    match &d.docx {
                        Some(loc) => {
                            let _ = writeln!(out, " ({})", docx_place(loc, lang));
                        }
                        None => out.push('\n'),
                    }
                }
            }
        }
        for o in &r.omitted {
            let note = lang.pick("ghi chú", "note");
            let _ = writeln!(out, "{path}: {note}: {}", o.note(lang));
        }
    }
    out
}
