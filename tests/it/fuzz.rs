//! Property tests (fuzzing in CI): the grammars, the readers and the whole pipeline never
//! panic on arbitrary or damaged input, and every span they give is inside the text and
//! on character boundaries. Case counts keep this file under a minute or two in CI;
//! `PROPTEST_CASES=N cargo test --release --test fuzz` runs longer campaigns.

use khlint::grammar;
use khlint::ingest::{load::load_bytes, Limits};
use khlint::model::{Format, Plan};
use khlint::registry::Registry;
use khlint::rules::{self, RunOptions};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Pieces of plan text the grammars look for, glued at random into "Vietnamese-ish" text.
const FRAGMENTS: &[&str] = &[
    "Quyết định số ",
    "/QĐ-TTg",
    "/KH-UBND",
    "Nghị quyết ",
    "/2023/NQ-HĐND",
    "17-NQ/HU",
    "Căn cứ ",
    "Thực hiện ",
    "ngày ",
    " tháng ",
    " năm ",
    "ngày   tháng",
    "/8/2022",
    "Quý II/2022",
    "Quý II, III, IV/",
    "Tháng 5-6/",
    "Trước ngày 15/6/2024",
    "Thường xuyên",
    "Liên tục trong năm",
    "hàng năm",
    "giai đoạn 2021-2025",
    "I. ",
    "II. ",
    "1. ",
    "1.1. ",
    "a) ",
    "- ",
    "+ ",
    "• ",
    "Một là, ",
    "Phần thứ nhất",
    "PHẦN II",
    "MỤC TIÊU",
    "KINH PHÍ",
    "TỔ CHỨC THỰC HIỆN",
    "ít nhất ",
    "tối thiểu ",
    "từ 8 đến 10 ",
    "20-30 sản phẩm",
    " sao",
    "50%",
    " triệu đồng",
    "1.000.000.000 đồng",
    " tỷ đồng/năm",
    "UBND huyện ",
    "Sở NN&PTNT",
    "chủ trì",
    "phối hợp",
    "Nơi nhận:",
    "Lưu: VT",
    "KT. CHỦ TỊCH",
    "| ",
    " |",
    "\t",
    "\n",
    "\n\n",
    "**",
    "#",
    "<sup>",
    "[^1]",
    "...",
    "…",
    "Ã",
    "Ä‘",
    "Số: ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "\u{301}",
    "\u{323}",
    "o\u{302}\u{301}",
    "\r\n",
    "\u{feff}",
    "X",
    "x",
    "0",
    "02",
    "2024",
];

/// The number of cases: `default`, or `PROPTEST_CASES` for a longer campaign.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn vietnamese_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "[0-9]{1,5}",
        2 => "[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ ]{1,12}",
        1 => any::<char>().prop_map(String::from),
        1 => "[/.,:;()\\-–%]{1,3}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// A window of a real plan with random fragments spliced in.
fn damaged_plan() -> impl Strategy<Value = String> {
    const PLANS: [&str; 5] = [
        include_str!("../../fixtures/plans/dak-rlap-2024.txt"),
        include_str!("../../fixtures/plans/lang-giang-2024.txt"),
        include_str!("../../fixtures/plans/ninh-thuan-2024.txt"),
        include_str!("../../fixtures/plans/dak-doa-2022.md"),
        include_str!("../../fixtures/plans/vinh-cuu-2020.md"),
    ];
    (
        proptest::sample::select(&PLANS[..]),
        any::<proptest::sample::Index>(),
        any::<proptest::sample::Index>(),
        proptest::collection::vec((any::<proptest::sample::Index>(), vietnamese_ish()), 0..4),
    )
        .prop_map(|(plan, a, b, splices)| {
            let chars: Vec<char> = plan.chars().collect();
            let (x, y) = (a.index(chars.len()), b.index(chars.len()));
            let mut window: Vec<char> = chars[x.min(y)..x.max(y)].to_vec();
            for (at, s) in splices {
                let i = at.index(window.len() + 1);
                window.splice(i..i, s.chars());
            }
            window.into_iter().collect()
        })
}

fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside 0..{} in {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} not on char boundaries in {text:?}"
    );
}

fn check_grammars(text: &str) {
    for c in grammar::find_citations(text) {
        check_span(text, c.start, c.end, "citation");
        check_span(text, c.number_start, c.number_end, "citation number");
    }
    for d in grammar::find_dates(text) {
        check_span(text, d.start, d.end, "date");
    }
    for (s, e, _) in grammar::find_timelines(text, Some(2024)) {
        check_span(text, s, e, "timeline");
    }
    for (s, e, _) in grammar::find_timelines(text, None) {
        check_span(text, s, e, "timeline without year");
    }
    for q in grammar::find_quantities(text) {
        check_span(text, q.start, q.end, "quantity");
    }
    for a in grammar::find_amounts(text) {
        check_span(text, a.start, a.end, "amount");
    }
    for line in text.lines() {
        if let Some(h) = grammar::parse_marker(line) {
            check_span(line, 0, h.marker_text_end, "heading marker");
        }
    }
}

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(Registry::embedded)
}

fn check_pipeline(text: String, format: Format) {
    let plan = Plan::from_text("fuzz.txt", text, format, registry());
    let options = RunOptions {
        as_of: None,
        review_date: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
    };
    let original = &plan.source.original;
    for d in rules::run(&plan, registry(), &options, None, &|_| true).diagnostics {
        check_span(original, d.span.start, d.span.end, d.rule().name());
        if let Some(f) = &d.fix {
            check_span(original, f.span.start, f.span.end, "fix");
        }
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn grammars_on_vietnamese_ish_text(text in vietnamese_ish()) {
        check_grammars(&text);
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), ..ProptestConfig::default() })]

    #[test]
    fn grammars_on_damaged_plans(text in damaged_plan()) {
        check_grammars(&text);
    }

    #[test]
    fn the_pipeline_on_vietnamese_ish_text(text in vietnamese_ish(), md in any::<bool>()) {
        check_pipeline(text, if md { Format::Md } else { Format::Txt });
    }

    #[test]
    fn the_pipeline_on_damaged_plans(text in damaged_plan()) {
        check_pipeline(text, Format::Txt);
    }
}

/// Bit flips and a truncation of a fixture's bytes.
fn mutated(bytes: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::vec((any::<proptest::sample::Index>(), 0u8..8), 0..16),
        proptest::option::of(any::<proptest::sample::Index>()),
    )
        .prop_map(move |(flips, cut)| {
            let mut b = bytes.to_vec();
            for (i, bit) in flips {
                let i = i.index(b.len());
                b[i] ^= 1 << bit;
            }
            if let Some(c) = cut {
                b.truncate(c.index(b.len() + 1));
            }
            b
        })
}

fn limits() -> Limits {
    Limits {
        pdf_timeout: std::time::Duration::from_secs(3),
        max_part_bytes: 8 << 20,
        ..crate::common::limits()
    }
}

fn check_load(bytes: &[u8], ext: &str) {
    // any error is fine; a panic is not; a text must go through the pipeline too
    if let Ok(loaded) = load_bytes(bytes, ext, &limits()) {
        check_pipeline(loaded.text, loaded.format);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn docx_reader_on_damaged_packages(
        b in prop_oneof![
            mutated(include_bytes!("../../fixtures/docx/auto-numbered.docx")),
            mutated(include_bytes!("../../fixtures/docx/dak-rlap-2024.docx")),
        ]
    ) {
        check_load(&b, "docx");
    }

    #[test]
    fn text_reader_on_damaged_bytes(
        b in prop_oneof![
            mutated(include_bytes!("../../fixtures/plans/dak-rlap-2024.txt")),
            mutated(include_bytes!("../../fixtures/legacy/plan.tcvn3.txt")),
            mutated(include_bytes!("../../fixtures/legacy/plan.vni.txt")),
        ]
    ) {
        check_load(&b, "txt");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(12), ..ProptestConfig::default() })]

    #[test]
    fn pdf_reader_on_damaged_files(b in mutated(include_bytes!("../../fixtures/pdf/dak-rlap-2024.pdf"))) {
        check_load(&b, "pdf");
    }
}

// ---------------------------------------------------------------- size-dependent input
//
// Bugs that only show at size: quadratic joins and lookups, text that grows past its
// source, readers that recurse or allocate per page. These strategies build large inputs
// from small seeds (a line, a unit, a count); few cases by default, many in a campaign.

/// Units a hostile file repeats: control and combining characters, markup, table pipes,
/// headings, citations, footnote references.
const UNITS: &[&str] = &[
    "x\n",
    "\u{1c}",
    "a\u{1b}[2J",
    "\u{301}",
    "a\u{306}\u{301}",
    "|",
    "| 1 | a |\n",
    "**",
    "<b>",
    "1.\n",
    "Quyết định số 1/QĐ-TTg, ",
    "ngày 31/4/2024 ",
    "chuyên đổi số ",
    "Số: /KH-UBND ngày   tháng   năm ...... ",
    "x[^1]\n",
    "\u{202e}",
    "\u{FFFD}",
    "Ã¡",
];

/// A large text: a unit or a line of plan text repeated, or a real plan with its
/// newlines replaced by spaces (one line of many kilobytes), or both spliced.
fn large_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (proptest::sample::select(UNITS), 1_000usize..60_000).prop_map(|(u, n)| u.repeat(n)),
        (vietnamese_ish(), 100usize..3_000, any::<bool>()).prop_map(|(line, n, wrap)| {
            let sep = if wrap { "\n" } else { " " };
            format!("{line}{sep}").repeat(n)
        }),
        (damaged_plan(), 1usize..20)
            .prop_map(|(plan, n)| (plan.replace('\n', " ") + " ").repeat(n)),
    ]
}

/// The encodings a text file may come in, with their byte order marks.
fn encoded(text: &str, encoding: u8) -> Vec<u8> {
    match encoding {
        0 => text.as_bytes().to_vec(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        3 => [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        4 => [0xFF, 0xFE, 0, 0]
            .into_iter()
            .chain(text.chars().flat_map(|c| (c as u32).to_le_bytes()))
            .collect(),
        _ => [0, 0, 0xFE, 0xFF]
            .into_iter()
            .chain(text.chars().flat_map(|c| (c as u32).to_be_bytes()))
            .collect(),
    }
}

/// A minimal .docx: `paragraphs` paragraphs numbered with a `marker_len`-byte numbering
/// text, each with a footnote reference to one of `notes` notes.
fn docx_package(paragraphs: usize, marker_len: usize, notes: usize) -> Vec<u8> {
    use std::io::Write;
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let mut doc = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>"#);
    for i in 0..paragraphs {
        doc.push_str(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Nhiệm vụ</w:t></w:r>"#);
        if notes > 0 {
            doc.push_str(&format!(
                r#"<w:r><w:footnoteReference w:id="{}"/></w:r>"#,
                i % notes
            ));
        }
        doc.push_str("</w:p>");
    }
    doc.push_str("</w:body></w:document>");
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{}%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        "X".repeat(marker_len)
    );
    let mut footnotes = format!("<w:footnotes {W}>");
    for i in 0..notes {
        footnotes.push_str(&format!(
            r#"<w:footnote w:id="{i}"><w:p><w:r><w:t>chú thích {i}</w:t></w:r></w:p></w:footnote>"#
        ));
    }
    footnotes.push_str("</w:footnotes>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("word/document.xml", doc),
        ("word/numbering.xml", numbering),
        ("word/footnotes.xml", footnotes),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A PDF of `pages` pages whose page draws a form XObject; the form draws itself when
/// `recursive`, or the next form twice when `fanout` levels are asked for.
fn pdf_document(pages: usize, recursive: bool, fanout: usize) -> Vec<u8> {
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
    let text = "BT /F1 12 Tf 72 720 Td (KE HOACH so 1/KH-UBND) Tj ET";
    let stream = |data: &str, extra: &str| {
        format!(
            "<< /Length {}{extra} >>\nstream\n{data}\nendstream",
            data.len()
        )
    };
    let form = |next: Option<usize>, body: &str| {
        let xobject = next.map_or(String::new(), |n| format!("/XObject << /X {n} 0 R >>"));
        stream(
            body,
            &format!(" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> {xobject} >>"),
        )
    };
    let first_form = 4 + 2 * pages;
    let mut objs: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages)
                .map(|i| format!("{} 0 R", 4 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        font.into(),
    ];
    for i in 0..pages {
        objs.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /X {first_form} 0 R >> >> /Contents {} 0 R >>", 5 + 2 * i));
        objs.push(stream(&format!("{text} /X Do"), ""));
    }
    if recursive {
        objs.push(form(Some(first_form), &format!("{text} /X Do")));
    } else {
        for level in 0..=fanout {
            let next = (level < fanout).then_some(first_form + level + 1);
            let body = if next.is_some() { "/X Do /X Do" } else { text };
            objs.push(form(next, body));
        }
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Limits small enough that a size-dependent case reaches them quickly.
fn small_limits() -> Limits {
    Limits {
        max_text_bytes: 4 << 20,
        pdf_timeout: std::time::Duration::from_secs(5),
        pdf_memory_bytes: 512 << 20,
        pdf_reader: khlint::ingest::PdfReader::Builtin,
        ..limits()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(6), ..ProptestConfig::default() })]

    #[test]
    fn the_pipeline_on_large_text(text in large_text(), md in any::<bool>()) {
        check_pipeline(text, if md { Format::Md } else { Format::Txt });
    }

    /// Every encoding with a byte order mark decodes to the text, and a few bytes of
    /// damage never refuse a UTF-8 file whole.
    #[test]
    fn text_reader_on_large_encoded_text(
        text in large_text(),
        encoding in 0u8..6,
        damage in proptest::collection::vec((any::<proptest::sample::Index>(), 0x80u8..0xFF), 0..4),
    ) {
        let bytes = encoded(&text, encoding);
        match load_bytes(&bytes, "txt", &limits()) {
            Ok(loaded) if !text.contains('\u{FFFD}') => {
                // only the file's first BOM is one: the text's own U+FEFF stays after ours
                let expected = match encoding {
                    0 => text.strip_prefix('\u{feff}').unwrap_or(&text),
                    _ => &text,
                };
                prop_assert_eq!(loaded.text.as_str(), expected);
            }
            Ok(_) => {}
            Err(e) => prop_assert!(text.trim().is_empty() || text.contains('\0'), "{e:?}"),
        }
        if encoding <= 1 && !damage.is_empty() {
            let mut damaged = bytes.clone();
            for (at, b) in &damage {
                let i = at.index(damaged.len());
                damaged[i] = *b;
            }
            if let Ok(loaded) = load_bytes(&damaged, "txt", &limits()) {
                check_pipeline(loaded.text, loaded.format);
            } else {
                // refused only as binary (too many bad bytes) or empty
                let err = load_bytes(&damaged, "txt", &limits()).unwrap_err();
                prop_assert!(matches!(err, khlint::ingest::IngestError::Binary | khlint::ingest::IngestError::Empty), "{err:?}");
            }
        }
    }

    /// The rendered text of a .docx stays within the text budget, however the numbering
    /// text and the paragraph count multiply.
    #[test]
    fn docx_reader_on_large_packages(
        paragraphs in 1usize..5_000,
        marker_len in prop_oneof![0usize..64, 1_000usize..200_000],
        notes in 0usize..2_000,
    ) {
        let bytes = docx_package(paragraphs, marker_len, notes);
        let limits = small_limits();
        match load_bytes(&bytes, "docx", &limits) {
            Ok(loaded) => {
                prop_assert!(loaded.text.len() as u64 <= limits.max_text_bytes);
                prop_assert!(loaded.text.matches("Nhiệm vụ").count() == paragraphs);
                check_pipeline(loaded.text, loaded.format);
            }
            Err(e) => prop_assert!(
                matches!(e, khlint::ingest::IngestError::TextTooLarge { .. })
                    && (paragraphs as u64) * (marker_len as u64) > limits.max_text_bytes / 2,
                "{e:?}"
            ),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(3), ..ProptestConfig::default() })]

    /// The built-in PDF reader answers within its budget, whatever the page count or the
    /// form recursion: text, or a typed error naming why.
    #[test]
    fn builtin_pdf_reader_on_large_and_recursive_files(
        pages in 1usize..400,
        recursive in any::<bool>(),
        fanout in 0usize..24,
    ) {
        let bytes = pdf_document(pages, recursive, fanout);
        match load_bytes(&bytes, "pdf", &small_limits()) {
            Ok(loaded) => {
                prop_assert!(!recursive, "a self-drawing form cannot be read");
                prop_assert!(loaded.text.contains("KE HOACH"));
            }
            Err(khlint::ingest::IngestError::Timeout { .. }) => {}
            Err(khlint::ingest::IngestError::Pdf(detail)) => {
                prop_assert!(recursive, "{detail} for {pages} pages, fanout {fanout}");
            }
            Err(e) => prop_assert!(
                matches!(e, khlint::ingest::IngestError::TextTooLarge { .. }) && fanout >= 8,
                "{e:?} for {pages} pages, recursive {recursive}, fanout {fanout}"
            ),
        }
    }
}
