//! Variants written for khlint (not seeds): another province and year with citations
//! wrapped across lines and long-form dates; a commune plan of 2025 with a "CƠ SỞ PHÁP LÝ"
//! section; a .docx whose headings come only from Word's automatic numbering.

use khlint::ingest::{load::load, Limits};
use khlint::model::Plan;
use khlint::model::{CitationRole, Level};
use khlint::registry::Registry;
use std::path::Path;

fn plan_of(path: &str) -> Plan {
    let loaded = load(Path::new(path), &Limits::default()).unwrap();
    Plan::from_text(path, loaded.text, loaded.format, &Registry::embedded())
}

fn bases(p: &Plan) -> Vec<(String, Option<String>)> {
    p.model
        .citations
        .iter()
        .filter(|c| c.role == CitationRole::LegalBasis)
        .map(|c| (c.number.clone(), c.date.clone()))
        .collect()
}

fn s(a: &str, d: &str) -> (String, Option<String>) {
    (a.to_string(), Some(d.to_string()))
}

#[test]
fn wrapped_citations_and_long_dates_in_another_province() {
    let p = plan_of("fixtures/variants/quang-ninh-2023-wrapped.txt");
    let h = &p.model.header;
    assert_eq!(h.issuer.as_deref(), Some("UBND tỉnh Quảng Ninh"));
    assert_eq!(h.level, Some(Level::Province));
    assert_eq!(
        h.number.as_deref(),
        Some("12/KH-UBND"),
        "spaced number is normalized"
    );
    assert_eq!(h.date.as_deref(), Some("2023-01-10"));
    assert_eq!(h.year, Some(2023));
    assert_eq!(
        bases(&p),
        vec![
            s("919/QĐ-TTg", "2022-08-01"),
            s("1048/QĐ-TTg", "2019-08-21"),
            s("67/2022/NQ-HĐND", "2022-12-09"),
            s("3692/SNN-PTNT&QLCL", "2022-12-05"),
        ]
    );
    let c = &p.model.citations[0];
    assert_eq!(
        c.issuer.as_deref(),
        Some("Thủ tướng Chính phủ"),
        "issuer wrapped across lines"
    );
    assert_eq!(
        p.model
            .targets
            .iter()
            .filter(|t| t.unit.as_deref().is_some_and(|u| u.contains("sản phẩm")))
            .count(),
        2
    );
    assert!(p
        .model
        .funding
        .iter()
        .any(|f| f.amount_vnd == Some(2_500_000_000.0)));
    let t: Vec<&str> = p
        .model
        .timelines
        .iter()
        .map(|t| t.to.as_deref().unwrap_or(""))
        .collect();
    assert!(
        t.contains(&"2023-09-30") && t.contains(&"2023-12-15"),
        "{t:?}"
    );
}

#[test]
fn a_legal_basis_section_in_a_commune_plan() {
    let p = plan_of("fixtures/variants/xa-hoa-binh-2025-co-so-phap-ly.txt");
    assert_eq!(p.model.header.level, Some(Level::Commune));
    assert_eq!(p.model.sections[0].key.as_deref(), Some("legal_basis"));
    assert_eq!(
        bases(&p),
        vec![
            s("919/QĐ-TTg", "2022-08-01"),
            s("148/QĐ-TTg", "2023-02-24"),
            s("1489/QĐ-TTg", "2025-07-06")
        ]
    );
}

#[test]
fn word_auto_numbering_gives_the_section_tree() {
    let p = plan_of("fixtures/docx/auto-numbered.docx");
    let markers: Vec<String> = p
        .model
        .sections
        .iter()
        .filter_map(|s| s.marker.clone())
        .collect();
    assert!(
        markers.len() >= 3 && markers[0] == "I." && markers[1] == "II.",
        "{markers:?}"
    );
    assert!(p
        .model
        .sections
        .iter()
        .any(|s| s.children.iter().any(|c| c.marker.as_deref() == Some("1."))));
    assert!(
        p.model.header.number.is_some(),
        "number from the header table"
    );
    assert_eq!(
        p.model.tables.len(),
        1,
        "the body table, not the layout table"
    );
}

#[test]
fn roles_come_from_the_organization_section() {
    use khlint::model::AgencyRole;
    let p = plan_of("fixtures/clean/yen-the-2024.txt");
    let role = |name: &str| {
        p.model
            .assignments
            .iter()
            .find(|a| a.agency.starts_with(name))
            .map(|a| a.role)
    };
    assert_eq!(role("Phòng Nông nghiệp"), Some(AgencyRole::Standing));
    assert_eq!(role("Phòng Tài chính"), Some(AgencyRole::Advise));
    assert_eq!(role("UBND các xã"), Some(AgencyRole::Responsible));
    let q = plan_of("fixtures/variants/quang-ninh-2023-wrapped.txt");
    assert!(q
        .model
        .assignments
        .iter()
        .any(|a| a.agency.starts_with("Sở Nông nghiệp") && a.role == AgencyRole::Lead));
    assert!(q
        .model
        .assignments
        .iter()
        .any(|a| a.agency.starts_with("Sở Công Thương") && a.role == AgencyRole::Support));
}
