//! Citations: every document a plan refers to, with its role.

use super::{squash, Context};
use crate::grammar::citation::find_citations;
use crate::model::{Citation, CitationRole, DateParts};
use crate::structure::Zone;
use crate::vocab::Vocab;

/// The legal-basis section key of the profiles ("CƠ SỞ PHÁP LÝ").
const LEGAL_BASIS_KEY: &str = "legal_basis";

pub(super) fn extract(cx: &Context, own_number: Option<&str>) -> Vec<Citation> {
    let text = cx.text();
    let v = Vocab::get();
    let mut out = Vec::new();
    for (i, s, e) in cx.doc.text_units() {
        let zone = cx.doc.zones[i];
        let para = &text[s..e];
        // The archive's metadata footer describes the plan itself.
        if zone == Zone::Scraped && v.is_metadata_line(para) {
            continue;
        }
        let role = match zone {
            Zone::Scraped => CitationRole::Related,
            Zone::Preamble => CitationRole::LegalBasis,
            _ if cx.key(i) == Some(LEGAL_BASIS_KEY) => CitationRole::LegalBasis,
            _ => CitationRole::Reference,
        };
        let found = find_citations(para);
        for (k, m) in found.iter().enumerate() {
            if own_number.is_some_and(|n| n.eq_ignore_ascii_case(&m.number)) {
                continue;
            }
            // A document named in another's subject ("Kế hoạch ... triển khai Chỉ thị số
            // 46-CT/TU") is referred to, not relied on.
            let nested = found[..k]
                .iter()
                .any(|o| o.start <= m.start && m.end <= o.end);
            let role = if nested && role == CitationRole::LegalBasis {
                CitationRole::Reference
            } else {
                role
            };
            let loc = cx.location(s + m.start, s + m.end);
            out.push(Citation {
                kind: m.kind.clone(),
                number: m.number.clone(),
                date: m
                    .date
                    .as_ref()
                    .and_then(|d| d.date.to_naive())
                    .map(|d| d.format("%Y-%m-%d").to_string()),
                date_parts: m.date.as_ref().map(|d| DateParts {
                    year: d.date.year,
                    month: d.date.month,
                    day: d.date.day,
                }),
                issuer: m.issuer.clone(),
                subject: m.subject.clone(),
                role,
                section: cx.key(i).map(str::to_string),
                line: loc.line,
                column: loc.column,
                span: loc.span,
                number_span: cx.source.span(s + m.number_start, s + m.number_end),
                date_span: m
                    .date
                    .as_ref()
                    .map(|d| cx.source.span(s + d.start, s + d.end)),
                text: squash(&para[m.start..m.end]),
            });
        }
    }
    out
}
