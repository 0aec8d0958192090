//! Document readers: .docx and .pdf fixtures, bad files, generated documents.

use std::collections::HashSet;
use std::io::{Cursor, Write};
use std::path::Path;
use std::time::Duration;

use khlint::i18n::Lang;
use khlint::ingest::load::load_bytes;
use khlint::ingest::{
    docx_to_text, pdf_to_text, pdf_to_text_poppler, pdftotext_available, IngestError, Limits,
};
use unicode_normalization::UnicodeNormalization;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

fn docx(path: &str) -> String {
    docx_to_text(&read(path), &Limits::default()).unwrap()
}

// ------------------------------------------------------------------ hand-built docx

#[test]
fn auto_numbered_docx_renders_word_numbering() {
    let text = docx("fixtures/docx/auto-numbered.docx");
    let lines: Vec<&str> = text.lines().collect();
    for expected in [
        "I. MỤC ĐÍCH, YÊU CẦU", // numbering from the paragraph style
        "1. Mục đích",
        "a) Phát triển sản phẩm OCOP có lợi thế.",
        "b) Nâng cao thu nhập cho người dân.",
        "2. Yêu cầu", // style basedOn chain: numId from Muc1, ilvl from Muc2
        "- Bám sát mục tiêu của Chương trình.",
        "II. MỤC TIÊU",
        "1. Mục tiêu chung", // deeper level restarted
        "2. Mục tiêu cụ thể",
        "a) Công nhận mới từ 8 đến 10 sản phẩm OCOP đạt 3 sao trở lên.",
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "IV. KINH PHÍ THỰC HIỆN",
        "V. TỔ CHỨC THỰC HIỆN",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn auto_numbered_docx_flattens_the_header_table() {
    let text = docx("fixtures/docx/auto-numbered.docx");
    let head: Vec<&str> = text.lines().take(8).collect();
    assert_eq!(
        head,
        [
            "ỦY BAN NHÂN DÂN",
            "HUYỆN VĨNH CỬU",
            "Số: 15/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Vĩnh Cửu, ngày 10 tháng 3 năm 2025",
            "KẾ HOẠCH",
            "Thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2025",
        ]
    );
}

#[test]
fn auto_numbered_docx_body_table_as_rows() {
    let text = docx("fixtures/docx/auto-numbered.docx");
    let lines: Vec<&str> = text.lines().collect();
    for row in [
        "| STT | Nội dung | Đơn vị chủ trì | Thời gian |",
        "| 1 | Tuyên truyền về Chương trình OCOP | Phòng NN&PTNT; UBND các xã | Quý II/2025 |",
        // gridSpan 2: the spanned column is left empty
        "| 2 | Đánh giá, phân hạng sản phẩm |  | Tháng 10/2025 |",
        // vMerge continuation: empty cell
        "| 3 | Hội chợ OCOP | Phòng Kinh tế |  |",
    ] {
        assert!(lines.contains(&row), "missing {row:?} in\n{text}");
    }
}

#[test]
fn auto_numbered_docx_footnote() {
    let text = docx("fixtures/docx/auto-numbered.docx");
    assert!(text
        .contains("Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ[^1];"));
    assert_eq!(
        text.lines().last().unwrap(),
        "[^1]: Quyết định số 919/QĐ-TTg phê duyệt Chương trình OCOP giai đoạn 2021 - 2025."
    );
}

// ------------------------------------------------------------------ pandoc docx

#[test]
fn pandoc_docx_keeps_the_citation_lines() {
    let original = String::from_utf8(read("fixtures/plans/dak-rlap-2024.txt")).unwrap();
    let text = docx("fixtures/docx/dak-rlap-2024.docx");
    let lines: HashSet<&str> = text.lines().map(str::trim).collect();
    let citations: Vec<&str> = original
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("Căn cứ") || l.starts_with("Thực hiện Quyết định"))
        .collect();
    assert!(citations.len() >= 6);
    for c in citations {
        assert!(lines.contains(c), "missing citation line {c:?}");
    }
    assert!(text.contains("Quyết định số 919/QĐ-TTg ngày 01/8/2022"));
}

#[test]
fn pandoc_docx_numbering_matches_the_typed_numbers() {
    // pandoc turned the typed "1." / "-" lines into Word lists; rendering them must give
    // back (almost) every line of the original text.
    let original = String::from_utf8(read("fixtures/plans/dak-rlap-2024.txt")).unwrap();
    let text = docx("fixtures/docx/dak-rlap-2024.docx");
    let lines: HashSet<&str> = text.lines().map(str::trim).collect();
    let orig: Vec<&str> = original
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let found = orig.iter().filter(|l| lines.contains(*l)).count();
    assert!(
        found * 100 >= orig.len() * 90,
        "only {found}/{} lines found",
        orig.len()
    );
    for l in ["II. MỤC TIÊU", "1. Mục tiêu chung", "V. TỔ CHỨC THỰC HIỆN"] {
        assert!(lines.contains(l), "missing {l:?}");
    }
}

#[test]
fn lang_giang_docx_reads() {
    let text = docx("fixtures/docx/lang-giang-2024.docx");
    assert!(nfc(&text).contains(&nfc("Lạng Giang")));
}

// ------------------------------------------------------------------ PDFs

/// Share of the PDF's words (NFC) that are words of the original text: diacritics lost
/// or mangled would produce words the original does not have.
fn intact_ratio(pdf_text: &str, original: &str) -> f64 {
    let split = |s: &str| -> Vec<String> {
        nfc(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_ascii())
            .map(str::to_lowercase)
            .collect()
    };
    let vocab: HashSet<String> = split(original).into_iter().collect();
    let words = split(pdf_text);
    assert!(
        words.len() > 500,
        "too few Vietnamese words: {}",
        words.len()
    );
    words.iter().filter(|w| vocab.contains(*w)).count() as f64 / words.len() as f64
}

fn check_pdf_text(text: &str, original: &str, must: &[&str]) {
    let t = nfc(text);
    for m in must {
        assert!(t.contains(&nfc(m)), "missing {m:?}");
    }
    let ratio = intact_ratio(text, original);
    assert!(ratio > 0.97, "Vietnamese words intact: {ratio}");
}

#[test]
fn pdfs_keep_vietnamese_text_pdf_extract() {
    for (pdf, txt, must) in [
        (
            "fixtures/pdf/dak-rlap-2024.pdf",
            "fixtures/plans/dak-rlap-2024.txt",
            &[
                "Quyết định số 919/QĐ-TTg ngày 01/8/2022",
                "MỤC ĐÍCH, YÊU CẦU",
                "Đắk R'Lấp",
            ][..],
        ),
        (
            "fixtures/pdf/lang-giang-2024.pdf",
            "fixtures/plans/lang-giang-2024.txt",
            &["Lạng Giang"][..],
        ),
    ] {
        let text = pdf_to_text(&read(pdf), &crate::common::limits()).unwrap();
        let original = String::from_utf8(read(txt)).unwrap();
        check_pdf_text(&text, &original, must);
    }
}

#[test]
fn pdfs_keep_vietnamese_text_poppler() {
    if !pdftotext_available() {
        eprintln!("pdftotext not installed: skipped");
        return;
    }
    for (pdf, txt) in [
        (
            "fixtures/pdf/dak-rlap-2024.pdf",
            "fixtures/plans/dak-rlap-2024.txt",
        ),
        (
            "fixtures/pdf/lang-giang-2024.pdf",
            "fixtures/plans/lang-giang-2024.txt",
        ),
    ] {
        let text = pdf_to_text_poppler(&read(pdf), &Limits::default()).unwrap();
        assert!(!text.contains('\u{c}'), "form feeds normalized");
        let original = String::from_utf8(read(txt)).unwrap();
        check_pdf_text(&text, &original, &["UBND", "Kế hoạch"]);
    }
    let text =
        pdf_to_text_poppler(&read("fixtures/pdf/dak-rlap-2024.pdf"), &Limits::default()).unwrap();
    assert!(nfc(&text).contains("Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022"));
}

// ------------------------------------------------------------------ bad files

fn small_limits() -> Limits {
    Limits {
        max_file_bytes: 10 * 1024 * 1024,
        max_part_bytes: 1024 * 1024,
        pdf_timeout: Duration::from_secs(20),
        ..crate::common::limits()
    }
}

#[test]
fn bad_truncated_docx() {
    let err = docx_to_text(&read("fixtures/bad/truncated.docx"), &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::NotAZip(_)), "{err:?}");
}

#[test]
fn bad_random_bin() {
    let bytes = read("fixtures/bad/random.bin");
    let err = load_bytes(&bytes, "txt", &Limits::default())
        .map(|l| l.text)
        .unwrap_err();
    assert!(matches!(err, IngestError::Binary), "{err:?}");
    let err = docx_to_text(&bytes, &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::NotAZip(_)), "{err:?}");
    let err = pdf_to_text(&bytes, &crate::common::limits()).unwrap_err();
    assert!(matches!(err, IngestError::Pdf(_)), "{err:?}");
}

#[test]
fn bad_empty() {
    let bytes = read("fixtures/bad/empty.txt");
    assert!(bytes.is_empty());
    for r in [
        load_bytes(&bytes, "txt", &Limits::default()).map(|l| l.text),
        docx_to_text(&bytes, &Limits::default()),
        pdf_to_text(&bytes, &crate::common::limits()),
    ] {
        assert!(matches!(r, Err(IngestError::Empty)), "{r:?}");
    }
}

#[test]
fn bad_image_only_pdf() {
    let err = pdf_to_text(
        &read("fixtures/bad/image-only.pdf"),
        &crate::common::limits(),
    )
    .unwrap_err();
    assert!(
        matches!(err, IngestError::NoTextLayer { pages: 1 }),
        "{err:?}"
    );
    let msg = err.message(Lang::Vi);
    assert!(msg.contains("OCR") && msg.contains("ocrmypdf"), "{msg}");
    if pdftotext_available() {
        let err = pdf_to_text_poppler(&read("fixtures/bad/image-only.pdf"), &Limits::default())
            .unwrap_err();
        assert!(
            matches!(err, IngestError::NoTextLayer { pages: 1 }),
            "{err:?}"
        );
    }
}

#[test]
fn bad_encrypted_pdf() {
    let err = pdf_to_text(
        &read("fixtures/bad/encrypted.pdf"),
        &crate::common::limits(),
    )
    .unwrap_err();
    assert!(matches!(err, IngestError::Encrypted), "{err:?}");
    if pdftotext_available() {
        let err = pdf_to_text_poppler(&read("fixtures/bad/encrypted.pdf"), &Limits::default())
            .unwrap_err();
        assert!(matches!(err, IngestError::Encrypted), "{err:?}");
    }
}

#[test]
fn bad_legacy_doc() {
    let bytes = read("fixtures/bad/legacy.doc");
    for r in [
        docx_to_text(&bytes, &Limits::default()),
        load_bytes(&bytes, "txt", &Limits::default()).map(|l| l.text),
    ] {
        assert!(matches!(r, Err(IngestError::LegacyDoc)), "{r:?}");
    }
    let msg = IngestError::LegacyDoc.message(Lang::Vi);
    assert!(
        msg.contains("libreoffice --headless --convert-to docx"),
        "{msg}"
    );
}

#[test]
fn encrypted_ooxml_in_ole2() {
    // An encrypted Word file is an OLE2 container with an "EncryptionInfo" stream.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    bytes.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(2048, 0);
    let err = docx_to_text(&bytes, &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::Encrypted), "{err:?}");
}

#[test]
fn bad_zip_bomb() {
    let bytes = read("fixtures/bad/zip-bomb.docx");
    assert!(bytes.len() < 200 * 1024);
    let start = std::time::Instant::now();
    let err = docx_to_text(&bytes, &small_limits()).unwrap_err();
    assert!(
        matches!(&err, IngestError::PartTooLarge { part, limit } if part == "word/document.xml" && *limit == 1024 * 1024),
        "{err:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(5));
    // also past the default limit
    let err = docx_to_text(&bytes, &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::PartTooLarge { .. }), "{err:?}");
}

#[test]
fn bad_deep_nesting() {
    let err =
        docx_to_text(&read("fixtures/bad/deep-nesting.docx"), &Limits::default()).unwrap_err();
    assert!(
        matches!(&err, IngestError::Xml { part, message } if part == "word/document.xml" && message.contains("256")),
        "{err:?}"
    );
}

#[test]
fn too_large_file() {
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let err = docx_to_text(&read("fixtures/docx/auto-numbered.docx"), &limits).unwrap_err();
    assert!(
        matches!(err, IngestError::TooLarge { limit: 100, .. }),
        "{err:?}"
    );
}

#[test]
fn pdf_timeouts() {
    let limits = Limits {
        pdf_timeout: Duration::ZERO,
        ..crate::common::limits()
    };
    let err = pdf_to_text(&read("fixtures/pdf/lang-giang-2024.pdf"), &limits).unwrap_err();
    assert!(matches!(err, IngestError::Timeout { .. }), "{err:?}");
    if pdftotext_available() {
        let err =
            pdf_to_text_poppler(&read("fixtures/pdf/lang-giang-2024.pdf"), &limits).unwrap_err();
        assert!(matches!(err, IngestError::Timeout { .. }), "{err:?}");
    }
}

#[test]
fn every_error_has_messages_in_both_languages() {
    let errors = [
        IngestError::Io(std::io::Error::other("x")),
        IngestError::TooLarge {
            size: 60 << 20,
            limit: 50 << 20,
        },
        IngestError::Empty,
        IngestError::Binary,
        IngestError::NotAZip("x".into()),
        IngestError::MissingPart("word/document.xml".into()),
        IngestError::PartTooLarge {
            part: "word/document.xml".into(),
            limit: 64 << 20,
        },
        IngestError::Xml {
            part: "word/document.xml".into(),
            message: "x".into(),
        },
        IngestError::LegacyDoc,
        IngestError::Encrypted,
        IngestError::NoTextLayer { pages: 3 },
        IngestError::Pdf("x".into()),
        IngestError::Timeout { seconds: 20 },
        IngestError::Panic("x".into()),
    ];
    for e in errors {
        let vi = e.message(Lang::Vi);
        let en = e.message(Lang::En);
        assert!(!vi.is_empty() && !en.is_empty() && vi != en);
        assert_eq!(e.to_string(), en);
    }
}

// ------------------------------------------------------------------ synthetic packages

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in parts {
            z.start_file(*name, opts).unwrap();
            z.write_all(data.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

fn para(text: &str, num: Option<(u32, u32)>) -> String {
    let numpr = num
        .map(|(n, l)| {
            format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{n}"/></w:numPr></w:pPr>"#
            )
        })
        .unwrap_or_default();
    format!("<w:p>{numpr}<w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn doc(body: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
}

#[test]
fn start_override_and_formats() {
    let numbering = format!(
        r#"<w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Phần thứ %1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"#
    );
    let body = [
        para("Kết quả", Some((1, 0))),
        para("Mục", Some((1, 1))),
        para("i", Some((1, 2))),
        para("ii", Some((1, 2))),
        para("Mục", Some((1, 1))),
        para("Kế hoạch", Some((1, 0))),
        para("Mục", Some((1, 1))),
        para("Một", Some((2, 0))),
        para("Hai", Some((2, 0))),
        para("Năm", Some((3, 0))),
        para("Sáu", Some((3, 0))),
        para("Bảy", Some((2, 0))), // numId 2 shares the abstract list: continues
        para("không số", Some((0, 0))),
        para("A", Some((4, 0))),
        para("B", Some((4, 0))),
    ]
    .concat();
    let bytes = package(&[
        ("word/document.xml", &doc(&body)),
        ("word/numbering.xml", &numbering),
    ]);
    let text = docx_to_text(&bytes, &Limits::default()).unwrap();
    assert_eq!(
        text,
        "Phần thứ 1 Kết quả\n1.1. Mục\ni) i\nii) ii\n1.2. Mục\nPhần thứ 2 Kế hoạch\n2.1. Mục\n\
         01. Một\n02. Hai\n05. Năm\n06. Sáu\n07. Bảy\nkhông số\nA. A\nB. B"
    );
}

#[test]
fn runs_tabs_breaks_and_hyphens() {
    let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
<w:r><w:t>a</w:t><w:tab/><w:t xml:space="preserve">b </w:t></w:r><w:r><w:t>c</w:t><w:br/><w:t>d</w:t><w:noBreakHyphen/><w:t>e &amp; f</w:t></w:r>
<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>
<w:r><w:instrText> PAGE </w:instrText></w:r></w:p><w:p/><w:p><w:r><w:t>x</w:t></w:r></w:p>"#;
    let bytes = package(&[("word/document.xml", &doc(body))]);
    let text = docx_to_text(&bytes, &Limits::default()).unwrap();
    assert_eq!(text, "a\tb c\nd-e & f\n\nx");
}

#[test]
fn empty_and_missing_parts() {
    let bytes = package(&[(
        "word/document.xml",
        &doc("<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"),
    )]);
    let err = docx_to_text(&bytes, &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::Empty), "{err:?}");

    let bytes = package(&[("word/styles.xml", "<x/>")]);
    let err = docx_to_text(&bytes, &Limits::default()).unwrap_err();
    assert!(
        matches!(&err, IngestError::MissingPart(p) if p == "word/document.xml"),
        "{err:?}"
    );

    let bytes = package(&[("word/document.xml", "<w:document><w:body><w:p>")]);
    let err = docx_to_text(&bytes, &Limits::default()).unwrap_err();
    assert!(matches!(err, IngestError::Xml { .. }), "{err:?}");
}

#[test]
fn table_after_body_without_motto_is_rows_and_motto_table_is_flattened() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", para(t, None));
    let table = |a: &str, b: &str| format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell(a), cell(b));
    let body = [
        para("Căn cứ", None),
        table("a", "b"),
        table("Số: 1/KH-UBND", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ]
    .concat();
    let bytes = package(&[("word/document.xml", &doc(&body))]);
    let text = docx_to_text(&bytes, &Limits::default()).unwrap();
    assert_eq!(
        text,
        "Căn cứ\n| a | b |\nSố: 1/KH-UBND\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    );
}

// ------------------------------------------------------------------ docx-rs generated

#[test]
fn docx_rs_numbered_list() {
    use docx_rs::*;
    let level = |i: usize, fmt: &str, text: &str| {
        Level::new(
            i,
            Start::new(1),
            NumberFormat::new(fmt),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let p = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let cell = |lines: &[&str]| {
        lines
            .iter()
            .fold(TableCell::new(), |c, l| c.add_paragraph(p(l)))
    };
    let header = Table::new(vec![TableRow::new(vec![
        cell(&["ỦY BAN NHÂN DÂN", "HUYỆN ĐẮK R'LẤP", "Số: /KH-UBND"]),
        cell(&[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        ]),
    ])]);
    let docx = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(5)
                .add_level(level(0, "upperRoman", "%1."))
                .add_level(level(1, "decimal", "%2."))
                .add_level(level(2, "lowerLetter", "%3)")),
        )
        .add_numbering(Numbering::new(7, 5))
        .add_table(header)
        .add_paragraph(p("KẾ HOẠCH"))
        .add_paragraph(p("MỤC ĐÍCH, YÊU CẦU").numbering(NumberingId::new(7), IndentLevel::new(0)))
        .add_paragraph(p("Mục đích").numbering(NumberingId::new(7), IndentLevel::new(1)))
        .add_paragraph(p("Phát triển").numbering(NumberingId::new(7), IndentLevel::new(2)))
        .add_paragraph(p("Yêu cầu").numbering(NumberingId::new(7), IndentLevel::new(1)))
        .add_paragraph(p("MỤC TIÊU").numbering(NumberingId::new(7), IndentLevel::new(0)))
        .add_paragraph(p("Mục tiêu chung").numbering(NumberingId::new(7), IndentLevel::new(1)));
    let mut buf = Cursor::new(Vec::new());
    docx.build().pack(&mut buf).unwrap();
    let text = docx_to_text(&buf.into_inner(), &Limits::default()).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines,
        [
            "ỦY BAN NHÂN DÂN",
            "HUYỆN ĐẮK R'LẤP",
            "Số: /KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "KẾ HOẠCH",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "a) Phát triển",
            "2. Yêu cầu",
            "II. MỤC TIÊU",
            "1. Mục tiêu chung",
        ]
    );
}

/// The closing of the ND30 template, a two-column table, reads as a .txt closing; a data
/// table whose cell happens to open with an authority word ("TL.") stays a table.
#[test]
fn docx_rs_closing_table_and_a_data_table() {
    use docx_rs::*;
    let p = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let cell = |lines: &[&str]| {
        lines
            .iter()
            .fold(TableCell::new(), |c, l| c.add_paragraph(p(l)))
    };
    let closing = Table::new(vec![TableRow::new(vec![
        cell(&["Nơi nhận:", "- Sở Tài chính;", "- Lưu: VT."]),
        cell(&["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Lê Văn An"]),
    ])]);
    let row = |a: &str, b: &str, c: &str| TableRow::new(vec![cell(&[a]), cell(&[b]), cell(&[c])]);
    let data = Table::new(vec![
        row("STT", "Nội dung", "Ghi chú"),
        row("1", "TL. chuyên đề", "Quý II"),
    ]);
    let docx = Docx::new()
        .add_paragraph(p("Căn cứ Luật Tổ chức chính quyền địa phương;"))
        .add_table(data)
        .add_paragraph(p("Trên đây là Kế hoạch."))
        .add_table(closing);
    let mut buf = Cursor::new(Vec::new());
    docx.build().pack(&mut buf).unwrap();
    let text = docx_to_text(&buf.into_inner(), &Limits::default()).unwrap();
    assert_eq!(
        text,
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n\
         | STT | Nội dung | Ghi chú |\n\
         | 1 | TL. chuyên đề | Quý II |\n\
         Trên đây là Kế hoạch.\n\
         Nơi nhận:\n- Sở Tài chính;\n- Lưu: VT.\n\n\
         KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn An"
    );
}
