//! One plan, three forms: the plain text, the Word file laid out with the template of Nghị
//! định 30/2020 (header and closing tables, Word numbering, running header, page numbers)
//! and the PDF printed from it (fixtures/nd30, made by fixtures/nd30/make.py). Each form
//! must give the same header fields, legal bases, outline and findings. Findings are
//! compared by rule, severity and facts, without the facts that say where (lines differ
//! between forms by construction).

use std::path::Path;

use chrono::NaiveDate;
use khlint::check::{Checker, Settings};
use khlint::i18n::Lang;
use khlint::ingest::{Limits, PdfReader};
use khlint::model::{CitationRole, Plan, SectionNode};
use serde_json::{json, Value};

/// (fixture name, its plain-text source).
const PLANS: &[(&str, &str)] = &[
    ("bac-giang-2024", "fixtures/clean/bac-giang-2024.txt"),
    ("yen-the-2024", "fixtures/clean/yen-the-2024.txt"),
    ("dak-rlap-2024", "fixtures/plans/dak-rlap-2024.txt"),
];

/// What must be equal across the forms of one plan.
#[derive(Debug, PartialEq)]
struct View {
    header: Value,
    bases: Vec<Value>,
    outline: Vec<String>,
    findings: Vec<String>,
}

fn checker(reader: PdfReader) -> Checker {
    let limits = Limits {
        pdf_reader: reader,
        ..Limits::default()
    };
    let mut settings = Settings::new(
        Lang::Vi,
        limits,
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
    );
    settings.keep_plans = true;
    Checker::new(settings)
}

/// Facts without the fields that only say where something is (as fingerprints do).
fn without_places(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| k != "line" && !k.ends_with("_line") && k != "locations")
                .map(|(k, v)| (k, without_places(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_places).collect()),
        v => v,
    }
}

fn outline(nodes: &[SectionNode], depth: usize, out: &mut Vec<String>) {
    for n in nodes {
        let marker = n.marker.as_deref().unwrap_or("");
        out.push(format!("{}{marker} {}", "  ".repeat(depth), n.title));
        outline(&n.children, depth + 1, out);
    }
}

fn view(checker: &Checker, path: &str) -> View {
    let report = checker.check_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path));
    assert!(report.error.is_none(), "{path}: {:?}", report.error);
    let plan: &Plan = report.plan.as_ref().expect("plan kept");
    let mut header = without_places(serde_json::to_value(&plan.model.header).unwrap());
    // where the issuer was read from (header or preamble) is provenance, not a field
    header.as_object_mut().unwrap().remove("issuer_from");
    let bases = plan
        .model
        .citations
        .iter()
        .filter(|c| c.role == CitationRole::LegalBasis)
        .map(|c| json!([c.kind, c.number, c.date, c.issuer]))
        .collect();
    let mut sections = Vec::new();
    outline(&plan.model.sections, 0, &mut sections);
    let mut findings: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let facts = without_places(serde_json::to_value(&d.finding).unwrap());
            format!("{} {} {facts}", d.rule().name(), d.severity.name())
        })
        .collect();
    findings.sort();
    View {
        header,
        bases,
        outline: sections,
        findings,
    }
}

/// Differences the forms carry by nature, each with its reason: removes from the text's
/// findings what the other forms cannot have.
fn inherent(name: &str, text: &mut View) {
    if name == "dak-rlap-2024" {
        // The .txt holds the Markdown bold markers of the Word file it was copied from
        // ("**KT. CHỦ TỊCH / PHÓ CHỦ TỊCH**"); the .docx holds that bold as formatting,
        // and the PDF prints it: there is no "**" left to report.
        let before = text.findings.len();
        text.findings.retain(|f| !f.starts_with("stray-artifact "));
        // one finding for the mark, with the count of its other places
        assert_eq!(before - text.findings.len(), 1, "{name}: the “**” marks");
    }
}

fn assert_same(name: &str, form: &str, text: &View, other: &View) {
    assert_eq!(other.header, text.header, "{name} {form}: header");
    assert_eq!(other.bases, text.bases, "{name} {form}: legal bases");
    assert_eq!(other.outline, text.outline, "{name} {form}: outline");
    assert_eq!(other.findings, text.findings, "{name} {form}: findings");
}

#[test]
fn nd30_docx_reads_as_its_text() {
    let c = checker(PdfReader::Auto);
    for (name, source) in PLANS {
        let mut text = view(&c, source);
        inherent(name, &mut text);
        let docx = view(&c, &format!("fixtures/nd30/{name}.docx"));
        assert_same(name, "docx", &text, &docx);
    }
}

#[test]
fn word_printed_pdf_reads_as_its_text() {
    if crate::common::program("pdftotext", "apt-get install poppler-utils").is_none() {
        return;
    }
    let c = checker(PdfReader::Poppler);
    for (name, source) in PLANS {
        let mut text = view(&c, source);
        inherent(name, &mut text);
        let pdf = view(&c, &format!("fixtures/nd30/{name}.pdf"));
        assert_same(name, "pdf", &text, &pdf);
    }
}

/// The fixtures hold what the readers must undo: a header table and a closing table, Word
/// numbering, a running header and page numbers.
#[test]
fn nd30_fixtures_are_laid_out_as_the_template() {
    for (name, _) in PLANS {
        let bytes = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/nd30/{name}.docx")),
        )
        .unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut part = |p: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(p).unwrap(), &mut s).unwrap();
            s
        };
        let doc = part("word/document.xml");
        assert!(
            doc.matches("<w:tbl>").count() >= 2,
            "{name}: header and closing tables"
        );
        assert!(doc.contains("<w:numPr>"), "{name}: Word numbering");
        assert!(
            doc.contains("<w:titlePg/>"),
            "{name}: no page number on page 1"
        );
        assert!(
            part("word/header1.xml").contains(" PAGE "),
            "{name}: page number"
        );
        assert!(
            part("word/footer1.xml").contains(" PAGE "),
            "{name}: page number"
        );
        assert!(part("word/numbering.xml").contains("upperRoman"));
        if *name == "yen-the-2024" {
            assert!(
                doc.contains("<w:txbxContent>"),
                "{name}: the number in a text box"
            );
        }
    }
}

/// The .docx reader's text: the number in its text box once (the VML copy of the box is
/// not read again), the closing table as the .txt lays the closing out, and nothing of the
/// running header or the page-number fields.
#[test]
fn nd30_docx_text_box_closing_and_furniture() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nd30/yen-the-2024.docx"),
    )
    .unwrap();
    let text = khlint::ingest::docx_to_text(&bytes, &Limits::default()).unwrap();
    assert_eq!(text.matches("Số: 45/KH-UBND").count(), 1, "{text}");
    assert!(
        !text.contains("Kế hoạch 45/KH-UBND"),
        "running header read: {text}"
    );
    let closing = &text[text.find("Nơi nhận:").unwrap()..];
    assert_eq!(
        closing.lines().collect::<Vec<_>>(),
        [
            "Nơi nhận:",
            "- UBND tỉnh Bắc Giang (b/c);",
            "- Sở Nông nghiệp và PTNT;",
            "- Các cơ quan, đơn vị thuộc huyện;",
            "- UBND các xã, thị trấn;",
            "- Lưu: VT, NN.",
            "",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "",
            "Nguyễn Văn Hùng",
        ]
    );
}

/// A finding in a .docx is located as a Word user finds it: the paragraph (or the table,
/// row and cell) and a quote to search for, without the automatic number Word draws.
#[test]
fn docx_findings_are_located_by_paragraph_cell_and_quote() {
    let c = checker(PdfReader::Auto);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let report = c.check_file(&root.join("fixtures/nd30/dak-rlap-2024.docx"));
    let place = |rule: &str, needle: &str| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.rule().name() == rule)
            .find(|d| d.docx.as_ref().is_some_and(|l| l.quote.contains(needle)))
            .and_then(|d| d.docx.clone())
            .unwrap_or_else(|| panic!("{rule} at {needle:?}: {:#?}", report.diagnostics))
    };
    // typed by hand, so "1." is text Word holds; the 25th non-empty paragraph
    let heading = place("heading-numbering", "Mục tiêu cụ thể");
    assert_eq!((heading.paragraph, heading.table), (Some(25), None));
    assert_eq!(heading.quote, "1. Mục tiêu cụ thể");
    // the date in the right cell of the header table
    let date = place("placeholder", "ngày tháng");
    assert_eq!(
        (date.table, date.row, date.cell),
        (Some(1), Some(1), Some(2))
    );

    // a body table row: the cell from the column, one paragraph of it quoted
    let report = c.check_file(&root.join("fixtures/docx/auto-numbered.docx"));
    let agency = report
        .diagnostics
        .iter()
        .find(|d| d.rule().name() == "defunct-agency")
        .and_then(|d| d.docx.clone())
        .expect("defunct-agency in the table");
    assert_eq!(
        (agency.paragraph, agency.table, agency.row, agency.cell),
        (None, Some(2), Some(2), Some(3))
    );
    assert_eq!(agency.quote, "Phòng NN&PTNT");

    // an auto-numbered heading: the quote starts after "II. "
    let plan = khlint::check::analyze(
        &root.join("fixtures/nd30/bac-giang-2024.docx"),
        &khlint::registry::Registry::embedded(),
        &Limits::default(),
    )
    .unwrap();
    let at = plan.source.original.find("II. MỤC TIÊU").unwrap();
    let loc = plan.docx_location(at).unwrap();
    assert_eq!(loc.quote, "MỤC TIÊU");
    assert!(loc.paragraph.is_some() && loc.table.is_none());
    // the .txt has no Word places
    let txt = c.check_file(&root.join("fixtures/plans/dak-rlap-2024.txt"));
    assert!(txt.diagnostics.iter().all(|d| d.docx.is_none()));
}
