//! Extraction acceptance: golden files for the seeds (reviewed by hand against the text),
//! the same plan through .docx and .pdf, and normalization invariance (NFD, CRLF,
//! wrapped citations).

use khlint::ingest::{load::load, Limits};
use khlint::model::CitationRole;
use khlint::model::{Format, Plan};
use khlint::registry::Registry;
use serde_json::{json, Value};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

fn plan_of(path: &str) -> Plan {
    let loaded = load(Path::new(path), &Limits::default()).unwrap();
    Plan::from_text(path, loaded.text, loaded.format, &Registry::embedded())
}

/// What the golden files pin: the header and the legal bases.
fn projection(p: &Plan) -> Value {
    let h = &p.model.header;
    json!({
        "header": {
            "issuer": h.issuer, "level": h.level, "number": h.number, "symbol": h.symbol,
            "place": h.place, "date": h.date, "date_parts": h.date_parts, "doc_type": h.doc_type,
            "title": h.title, "year": h.year, "period": h.period, "signer": h.signer,
        },
        "legal_bases": p.model.citations.iter()
            .filter(|c| c.role == CitationRole::LegalBasis)
            .map(|c| json!({"kind": c.kind, "number": c.number, "date": c.date, "issuer": c.issuer, "line": c.line}))
            .collect::<Vec<_>>(),
    })
}

const SEEDS: &[&str] = &[
    "dak-rlap-2024.txt",
    "ninh-thuan-2024.txt",
    "dak-doa-2022.md",
    "lang-giang-2024.txt",
    "vinh-cuu-2020.md",
];

#[test]
fn seeds_match_their_golden_files() {
    for seed in SEEDS {
        let got = projection(&plan_of(&format!("fixtures/plans/{seed}")));
        let golden = format!("tests/golden/{seed}.json");
        if std::env::var_os("KHLINT_UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
        }
        let want: Value = serde_json::from_str(&std::fs::read_to_string(&golden).unwrap()).unwrap();
        assert_eq!(
            got, want,
            "{seed}: run with KHLINT_UPDATE_GOLDEN=1 and review the diff"
        );
    }
}

#[test]
fn scraped_lists_and_footer_are_not_legal_bases() {
    let p = plan_of("fixtures/plans/ninh-thuan-2024.txt");
    let related: Vec<&str> = p
        .model
        .citations
        .iter()
        .filter(|c| c.role == CitationRole::Related)
        .map(|c| c.number.as_str())
        .collect();
    assert!(
        related.contains(&"2279/QĐ-UBND") && related.contains(&"1765/QĐ-UBND"),
        "{related:?}"
    );
    // 4056/KH-UBND is both a basis (preamble, line 7) and in the related list (line 1).
    let bases: Vec<usize> = p
        .model
        .citations
        .iter()
        .filter(|c| c.number == "4056/KH-UBND" && c.role == CitationRole::LegalBasis)
        .map(|c| c.line)
        .collect();
    assert_eq!(bases, vec![7]);
    // The footer's "Số hiệu: 706/KH-UBND" is the plan itself.
    assert!(p.model.citations.iter().all(|c| c.number != "706/KH-UBND"));
    assert!(p
        .model
        .citations
        .iter()
        .all(|c| c.role != CitationRole::LegalBasis || c.line < 10));
}

fn header_and_citations(p: &Plan) -> (Value, Vec<(String, String, Option<String>)>) {
    let mut v = projection(p);
    v["header"]["signer"] = Value::Null; // a PDF page footer can sit next to the name
    let cites = p
        .model
        .citations
        .iter()
        .filter(|c| c.role != CitationRole::Related)
        .map(|c| (c.kind.clone(), c.number.clone(), c.date.clone()))
        .collect();
    (v["header"].clone(), cites)
}

#[test]
fn docx_and_pdf_give_the_text_sources_header_and_citations() {
    for name in ["dak-rlap-2024", "lang-giang-2024"] {
        let text = plan_of(&format!("fixtures/plans/{name}.txt"));
        let (h, c) = header_and_citations(&text);
        for other in [
            format!("fixtures/docx/{name}.docx"),
            format!("fixtures/pdf/{name}.pdf"),
        ] {
            let p = plan_of(&other);
            let (h2, c2) = header_and_citations(&p);
            assert_eq!(h2, h, "{other}: header");
            assert_eq!(c2, c, "{other}: citations");
        }
    }
}

#[test]
fn nfd_crlf_and_wrapped_citations_extract_identically() {
    let original = std::fs::read_to_string("fixtures/plans/dak-rlap-2024.txt").unwrap();
    let reg = Registry::embedded();
    let base = Plan::from_text("a.txt", original.clone(), Format::Txt, &reg);
    let cites = |p: &Plan| {
        p.model
            .citations
            .iter()
            .map(|c| {
                (
                    c.kind.clone(),
                    c.number.clone(),
                    c.date.clone(),
                    c.issuer.clone(),
                    c.role,
                )
            })
            .collect::<Vec<_>>()
    };
    let nfd: String = original.nfd().collect();
    let crlf = original.replace('\n', "\r\n");
    // Wrap every citation line after "ngày" and after "số", as Word does in narrow columns.
    let wrapped = original
        .replace("ngày 01/8/2022 của", "ngày\n01/8/2022 của")
        .replace("Quyết định số 148/QĐ-TTg", "Quyết định số\n148/QĐ-TTg")
        .replace(
            "653/KH-UBND ngày 11/11/2022 của Ủy ban nhân dân tỉnh",
            "653/KH-UBND ngày 11/11/2022 của Ủy ban\nnhân dân tỉnh",
        );
    assert_ne!(wrapped, original);
    for (name, text) in [("nfd", nfd), ("crlf", crlf), ("wrapped", wrapped)] {
        let p = Plan::from_text("a.txt", text, Format::Txt, &reg);
        assert_eq!(cites(&p), cites(&base), "{name}");
        assert_eq!(
            projection(&p)["header"],
            projection(&base)["header"],
            "{name}"
        );
        // Spans still point at the same words in each variant's own text.
        for c in &p.model.citations {
            let s: String = p.source.original[c.number_span.start..c.number_span.end]
                .nfc()
                .collect::<String>()
                .split_whitespace()
                .collect();
            assert_eq!(s, c.number, "{name}");
        }
    }
}
