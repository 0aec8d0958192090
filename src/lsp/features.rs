//! Answers computed from one analysis: code actions, hover, outline, go to definition.

use super::analysis::Analysis;
use super::convert::{self, offset, overlaps, range};
use crate::i18n::Lang;
use crate::model::{Citation, CitationRole, SectionNode};
use crate::registry::{fold_document_number, DocumentStatus};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, DocumentSymbol,
    GotoDefinitionResponse, Hover, HoverContents, Location, MarkupContent, MarkupKind, Position,
    Range, SymbolKind, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::json;
use std::collections::HashMap;

/// The command the "silence this finding" action runs (arguments: uri, rule, fingerprint).
pub(crate) const SUPPRESS_COMMAND: &str = "khlint.suppress";

/// Quick fixes and "silence this finding" for the findings touching `at`.
pub(crate) fn code_actions(
    a: &Analysis,
    uri: &Uri,
    at: Range,
    only: Option<&[CodeActionKind]>,
    lang: Lang,
) -> Vec<CodeActionOrCommand> {
    if only.is_some_and(|k| !k.iter().any(|k| k.as_str().starts_with("quickfix"))) {
        return Vec::new();
    }
    let mut fixes = Vec::new();
    let mut silences = Vec::new();
    for (d, lsp) in a.diagnostics.iter().zip(&a.lsp) {
        if !overlaps(lsp.range, at) {
            continue;
        }
        if let Some(fix) = &d.fix {
            let edit = TextEdit::new(range(&a.plan.source, fix.span), fix.replacement.clone());
            fixes.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: d.fix_title(lang).unwrap_or_default(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        let title = format!(
            "{} [{}]",
            lang.pick(
                "Bỏ qua lỗi này (khlint.toml)",
                "Ignore this finding (khlint.toml)"
            ),
            d.rule()
        );
        silences.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp.clone()]),
            command: Some(Command {
                title,
                command: SUPPRESS_COMMAND.to_string(),
                arguments: Some(vec![json!({
                    "uri": uri,
                    "rule": d.rule(),
                    "fingerprint": d.fingerprint,
                })]),
            }),
            ..Default::default()
        }));
    }
    fixes.extend(silences);
    fixes
}

fn citation_at(a: &Analysis, at: Position) -> Option<&Citation> {
    let off = offset(&a.plan.source, at);
    a.plan
        .model
        .citations
        .iter()
        .find(|c| c.span.start <= off && off <= c.span.end)
}

/// What the registry knows about the citation under the cursor, and the documentation of
/// the rules whose findings are there.
pub(crate) fn hover(a: &Analysis, at: Position, lang: Lang) -> Option<Hover> {
    let mut parts = Vec::new();
    let mut span = None;
    if let Some(c) = citation_at(a, at) {
        parts.push(describe_citation(a, c, lang));
        span = Some(range(&a.plan.source, c.span));
    }
    let touching = a
        .diagnostics
        .iter()
        .zip(&a.lsp)
        .filter(|(_, l)| overlaps(l.range, Range::new(at, at)));
    let mut rules = Vec::new();
    for (d, l) in touching {
        if rules.contains(&d.rule()) {
            continue;
        }
        rules.push(d.rule());
        span.get_or_insert(l.range);
        let m = d.rule().meta();
        parts.push(format!(
            "**{}** — {}\n\n{}",
            d.rule(),
            m.summary(lang),
            m.explanation(lang)
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: span,
    })
}

fn describe_citation(a: &Analysis, c: &Citation, lang: Lang) -> String {
    let t = |vi, en| lang.pick(vi, en);
    let role = match c.role {
        CitationRole::LegalBasis => t("căn cứ pháp lý", "legal basis"),
        CitationRole::Reference => t("viện dẫn trong nội dung", "reference in the body"),
        CitationRole::Related => t("văn bản liên quan", "related document"),
    };
    let mut lines = vec![format!("**{} {}** ({role})", c.kind, c.number)];
    let registry = &a.setup.registry;
    let Some(entry) = registry.document(&c.number) else {
        lines.push(
            t(
                "Không có trong danh mục văn bản của khlint.",
                "Not in khlint's document registry.",
            )
            .to_string(),
        );
        return lines.join("\n\n");
    };
    if !entry.title.is_empty() {
        lines.push(format!("{}: {}", t("Trích yếu", "Title"), entry.title));
    }
    if !entry.issuer.is_empty() {
        lines.push(format!(
            "{}: {}",
            t("Cơ quan ban hành", "Issuer"),
            entry.issuer
        ));
    }
    if let Some(d) = entry.date {
        lines.push(format!(
            "{}: {}",
            t("Ngày ban hành", "Signed on"),
            crate::i18n::dmy(d)
        ));
    }
    let at = a.date.earliest;
    let status = match registry.document_status(&c.number, at) {
        Some(DocumentStatus::InForce) | None => t("còn hiệu lực", "in force").to_string(),
        Some(DocumentStatus::Replaced { by, on }) => format!(
            "{} {by} {} {}",
            t("đã được thay thế bằng", "replaced by"),
            t("từ ngày", "from"),
            crate::i18n::dmy(on)
        ),
        Some(DocumentStatus::Expired { on, successor }) => {
            let mut s = format!(
                "{} {}",
                t("hết hiệu lực sau ngày", "expired after"),
                crate::i18n::dmy(on)
            );
            if let Some(next) = successor {
                s.push_str(&format!("; {} {next}", t("văn bản kế tiếp:", "successor:")));
            }
            s
        }
        Some(DocumentStatus::Amended { by, on }) => format!(
            "{} {by} {} {}",
            t("còn hiệu lực, được sửa đổi bởi", "in force, amended by"),
            t("từ ngày", "from"),
            crate::i18n::dmy(on)
        ),
    };
    lines.push(format!(
        "{} ({}): {status}",
        t("Tình trạng", "Status"),
        a.date.describe(lang)
    ));
    let later = [
        (&entry.replaced_by, t("Văn bản thay thế", "Replaced by")),
        (&entry.successor, t("Văn bản kế tiếp", "Successor")),
        (&entry.amended_by, t("Văn bản sửa đổi", "Amended by")),
    ];
    for (label, r) in later
        .into_iter()
        .filter_map(|(n, label)| Some((label, registry.document(n.as_deref()?)?)))
    {
        let mut s = format!("{label}: {}", r.id);
        if let Some(d) = r.date {
            s.push_str(&format!(" {} {}", t("ngày", "of"), crate::i18n::dmy(d)));
        }
        if !r.title.is_empty() {
            s.push_str(&format!(" — {}", r.title));
        }
        lines.push(s);
    }
    lines.join("\n\n")
}

/// The section outline (Phần / I. / 1. / a)) as nested symbols.
pub(crate) fn symbols(a: &Analysis) -> Vec<DocumentSymbol> {
    let text = &a.plan.source.original;
    outline(a, &a.plan.model.sections, text.trim_end().len())
}

fn outline(a: &Analysis, nodes: &[SectionNode], end: usize) -> Vec<DocumentSymbol> {
    let text = &a.plan.source.original;
    nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let next = nodes.get(i + 1).map_or(end, |m| m.location.span.start);
            let stop = text
                .get(..next)
                .map_or(next, |s| s.trim_end().len())
                .max(n.location.span.end);
            let name = match &n.marker {
                Some(m) => format!("{m} {}", n.title),
                None => n.title.clone(),
            };
            #[allow(deprecated)] // `deprecated` is a required field of the struct
            DocumentSymbol {
                name: if name.trim().is_empty() {
                    "…".into()
                } else {
                    name
                },
                detail: n.key.clone(),
                kind: if n.children.is_empty() {
                    SymbolKind::FIELD
                } else {
                    SymbolKind::NAMESPACE
                },
                tags: None,
                deprecated: None,
                range: range(
                    &a.plan.source,
                    crate::source::Span {
                        start: n.location.span.start,
                        end: stop,
                    },
                ),
                selection_range: range(&a.plan.source, n.location.span),
                children: Some(outline(a, &n.children, stop)),
            }
        })
        .collect()
}

/// From a citation to where the same document is cited among the legal bases.
pub(crate) fn definition(a: &Analysis, uri: &Uri, at: Position) -> Option<GotoDefinitionResponse> {
    let c = citation_at(a, at)?;
    let number = fold_document_number(&c.number);
    let targets: Vec<Location> = a
        .plan
        .model
        .citations
        .iter()
        .filter(|b| b.role == CitationRole::LegalBasis && b.span != c.span)
        .filter(|b| fold_document_number(&b.number) == number)
        .map(|b| Location::new(uri.clone(), convert::range(&a.plan.source, b.number_span)))
        .collect();
    match targets.len() {
        0 => None,
        1 => targets
            .into_iter()
            .next()
            .map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(targets)),
    }
}
