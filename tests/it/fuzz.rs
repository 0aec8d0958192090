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
    for d in rules::run(&plan, registry(), &options, None, &|_| true) {
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
        ..Limits::default()
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
