//! Quantities (targets): "20-30 sản phẩm mới", "ít nhất 50%", "tối thiểu 8 sản phẩm đạt
//! 3 sao trở lên", "từ 8 đến 10 tổ chức kinh tế", "01 điểm bán". Grammar:
//! grammars/quantity.ebnf.

use std::sync::LazyLock;

use crate::grammar::WordRegex;
use serde::Serialize;

use super::{
    citation::find_citations, collapse_ws, date::find_dates, money::find_amounts, next_char,
    parse_vn_number, prev_char,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum QuantityKind {
    Exact,
    Range,
    AtLeast,
    AtMost,
    /// An exact percentage ("100%"); bounded percentages are AtLeast/AtMost/Range with
    /// unit "%".
    Percent,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Span of the whole quantity: bound word, number(s), unit and qualifier.
    pub start: usize,
    pub end: usize,
    pub kind: QuantityKind,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The counted object: "sản phẩm mới", "sản phẩm 4 sao", "%".
    pub unit: Option<String>,
    /// A condition on the object: "đạt 3 sao trở lên".
    pub qualifier: Option<String>,
}

const NUM: &str = r"\d+(?:[.,]\d+)*";

static QTY: LazyLock<WordRegex> = LazyLock::new(|| {
    let bound = r"ít\s+nhất|tối\s+thiểu|không\s+dưới|không\s+ít\s+hơn|trên|hơn|tối\s+đa|không\s+quá|không\s+vượt\s+quá|dưới|nhiều\s+nhất|khoảng|từ";
    WordRegex::new(&format!(
        r"(?i)(?:\b({bound})\s+)?({NUM})(?:\s*(?:-|–|đến|tới)\s*({NUM}))?(\s*%)?"
    ))
    .expect("quantity regex")
});

/// Words that end a unit phrase.
const UNIT_STOP: [&str; 46] = [
    "hay", "các", "những", "đảm", "nhằm", "gắn", "và", "hoặc", "trong", "của", "tại", "trên",
    "cho", "với", "để", "theo", "từ", "đến", "vào", "được", "đạt", "có", "trở", "là", "thì",
    "nhằm", "gồm", "bao", "như", "sau", "trước", "khi", "đã", "sẽ", "đang", "năm", "mỗi", "thuộc",
    "ở", "do", "bằng", "tham", "tiếp", "phấn", "tăng", "giảm",
];
/// Words that start a qualifier after the unit.
const QUALIFIER_START: [&str; 5] = ["đạt", "trở", "được", "có", "từ"];
/// Units that make the number something other than a target.
const TIME_UNITS: [&str; 10] = [
    "tháng",
    "năm",
    "ngày",
    "quý",
    "tuần",
    "giờ",
    "phút",
    "lần/năm",
    "đợt",
    "kỳ",
];
/// Words before a number that make it a label, not a quantity.
const LABEL_BEFORE: [&str; 22] = [
    "điều",
    "khoản",
    "mục",
    "điểm",
    "phụ lục",
    "số",
    "biểu",
    "mẫu",
    "chương",
    "phần",
    "thứ",
    "quý",
    "tháng",
    "ngày",
    "năm",
    "đợt",
    "đoạn",
    "kỳ",
    "khóa",
    "lần thứ",
    "stt",
    "bảng",
];

fn words_after(text: &str, i: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut j = i;
    loop {
        while let Some(c) = next_char(text, j) {
            // a tab is a table cell boundary: the unit never crosses it
            if c == ' ' || c == '\n' || c == '\r' {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let s = j;
        while let Some(c) = next_char(text, j) {
            if c.is_alphanumeric() || c == '&' || c == '-' && j > s {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        if j == s {
            break;
        }
        out.push((s, j));
        if out.len() >= 12 {
            break;
        }
        // stop at punctuation
        match next_char(text, j) {
            Some(c) if c.is_whitespace() => {}
            _ => break,
        }
    }
    out
}

fn is_number_word(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
}

/// Unit (up to 6 words; a number is kept only before "sao") and qualifier.
/// A phrase and the offset where it ends.
type Phrase = Option<(usize, String)>;

fn unit_and_qualifier(text: &str, i: usize) -> (Phrase, Phrase) {
    let ws = words_after(text, i);
    let mut unit_end = None;
    let mut k = 0;
    while k < ws.len() && k < 6 {
        let w = &text[ws[k].0..ws[k].1];
        let lw = w.to_lowercase();
        if is_number_word(w) {
            // "sản phẩm 4 sao"
            let next = ws.get(k + 1).map(|&(a, b)| text[a..b].to_lowercase());
            if k > 0 && next.as_deref() == Some("sao") {
                k += 2;
                unit_end = Some(ws[k - 1].1);
                continue;
            }
            break;
        }
        if UNIT_STOP.contains(&lw.as_str()) || !w.chars().next().is_some_and(char::is_alphabetic) {
            break;
        }
        k += 1;
        unit_end = Some(ws[k - 1].1);
    }
    let unit = unit_end.map(|e| (e, collapse_ws(&text[i..e])));
    let qstart = k;
    let mut qual = None;
    if let Some(&(qs, _)) = ws.get(qstart) {
        let lw = text[ws[qstart].0..ws[qstart].1].to_lowercase();
        let contiguous = unit_end.is_none_or(|e| text[e..qs].trim().is_empty());
        if contiguous && QUALIFIER_START.contains(&lw.as_str()) {
            let last = (qstart + 6).min(ws.len());
            // up to "trở lên" / "trở xuống" when present
            let mut qe = ws[last - 1].1;
            for j in qstart..last {
                let w = text[ws[j].0..ws[j].1].to_lowercase();
                if (w == "lên" || w == "xuống") && j > qstart {
                    qe = ws[j].1;
                    break;
                }
            }
            qual = Some((qe, collapse_ws(&text[qs..qe])));
        }
    }
    (unit, qual)
}

fn label_before(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end().to_lowercase();
    LABEL_BEFORE.iter().any(|l| {
        before.ends_with(l)
            && before[..before.len() - l.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn is_year(num: &str) -> bool {
    num.len() == 4
        && num.chars().all(|c| c.is_ascii_digit())
        && num.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// All quantities in a paragraph.
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    // Numbers of dates, citations and amounts are not quantities; those grammars only run
    // once a number is seen (most paragraphs have none).
    let excluded = std::cell::OnceCell::new();
    let overlaps = |s: usize, e: usize| {
        excluded
            .get_or_init(|| {
                find_dates(text)
                    .iter()
                    .map(|d| (d.start, d.end))
                    .chain(
                        find_citations(text)
                            .iter()
                            .map(|c| (c.number_start, c.number_end)),
                    )
                    .chain(find_amounts(text).iter().map(|a| (a.start, a.end)))
                    .collect::<Vec<(usize, usize)>>()
            })
            .iter()
            .any(|&(a, b)| s < b && a < e)
    };
    let mut out: Vec<Quantity> = Vec::new();
    for c in QTY.captures_iter(text) {
        let (Some(m), Some(n1)) = (c.get(0), c.get(2)) else {
            continue;
        };
        if out.last().is_some_and(|q| m.start() < q.end) {
            continue;
        }
        if prev_char(text, n1.start())
            .is_some_and(|p| p.is_alphanumeric() || matches!(p, '/' | '.' | ',' | '-' | '&'))
        {
            continue;
        }
        let mut end = m.end();
        // glued to a following letter or a "/" (document number, "lần/năm")
        if let Some(nc) = next_char(text, end) {
            if nc.is_alphanumeric() || nc == '/' {
                continue;
            }
        }
        if overlaps(n1.start(), end) {
            continue;
        }
        let bound = c.get(1).map(|b| collapse_ws(&b.as_str().to_lowercase()));
        let n2 = c.get(3);
        let percent = c.get(4).is_some();
        if is_year(n1.as_str()) || n2.is_some_and(|x| is_year(x.as_str())) {
            continue;
        }
        if bound.is_none() && label_before(text, n1.start()) {
            continue;
        }
        // a heading number at the start: "1. ", "2) "
        if bound.is_none()
            && n2.is_none()
            && !percent
            && text[..n1.start()].trim().is_empty()
            && matches!(next_char(text, end), Some('.') | Some(')'))
        {
            continue;
        }
        let (Some(v1), v2) = (
            parse_vn_number(n1.as_str()),
            n2.and_then(|x| parse_vn_number(x.as_str())),
        ) else {
            continue;
        };
        if n2.is_some() && v2.is_none() {
            continue;
        }
        let (unit, qualifier) = if percent {
            (Some((end, "%".to_string())), None)
        } else {
            unit_and_qualifier(text, end)
        };
        if let Some((_, u)) = &unit {
            let lu = u.to_lowercase();
            let first = lu.split_whitespace().next().unwrap_or("");
            if first == "sao" || TIME_UNITS.contains(&first) {
                continue;
            }
            // "5 lần/năm" is a frequency
            if let Some((ue, _)) = &unit {
                if next_char(text, *ue) == Some('/') {
                    continue;
                }
            }
        }
        let (kind, min, max) = match (bound.as_deref(), v2) {
            (Some("từ"), Some(v2)) | (None, Some(v2)) | (Some("khoảng"), Some(v2)) => {
                (QuantityKind::Range, Some(v1), Some(v2))
            }
            (Some(b), _)
                if b.starts_with("tối đa")
                    || b.contains("quá")
                    || b == "dưới"
                    || b == "nhiều nhất" =>
            {
                (QuantityKind::AtMost, None, Some(v2.unwrap_or(v1)))
            }
            (Some("khoảng"), None) | (None, None) => {
                if percent {
                    (QuantityKind::Percent, Some(v1), Some(v1))
                } else {
                    (QuantityKind::Exact, Some(v1), Some(v1))
                }
            }
            (Some(_), _) => (QuantityKind::AtLeast, Some(v1), None),
        };
        // a bare number needs an object to be a target
        if unit.is_none() && bound.is_none() && !percent && n2.is_none() {
            continue;
        }
        // "từ 5" with no unit and no range is too vague ("từ 5 đến" was a range)
        if unit.is_none() && bound.as_deref() == Some("từ") {
            continue;
        }
        if let Some((ue, _)) = &unit {
            end = end.max(*ue);
        }
        if let Some((qe, _)) = &qualifier {
            end = end.max(*qe);
        }
        // "5 sản phẩm trở lên"
        let kind = if kind == QuantityKind::Exact
            && unit.is_some()
            && qualifier.as_ref().is_some_and(|(_, q)| q == "trở lên")
        {
            QuantityKind::AtLeast
        } else {
            kind
        };
        let (min, max) = if kind == QuantityKind::AtLeast {
            (min, None)
        } else {
            (min, max)
        };
        out.push(Quantity {
            start: m.start(),
            end,
            kind,
            min,
            max,
            unit: unit.map(|(_, u)| u),
            qualifier: qualifier.map(|(_, q)| q),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuantityKind::*;

    #[allow(clippy::type_complexity)]
    #[test]
    fn quantities_table() {
        let cases: Vec<(
            &str,
            QuantityKind,
            Option<f64>,
            Option<f64>,
            Option<&str>,
            Option<&str>,
        )> = vec![
            (
                "Phấn đấu có 20-30 sản phẩm mới được công nhận",
                Range,
                Some(20.0),
                Some(30.0),
                Some("sản phẩm mới"),
                Some("được công nhận"),
            ),
            (
                "02-05 sản phẩm 4 sao",
                Range,
                Some(2.0),
                Some(5.0),
                Some("sản phẩm 4 sao"),
                None,
            ),
            (
                "ít nhất 50% số xã",
                AtLeast,
                Some(50.0),
                None,
                Some("%"),
                None,
            ),
            (
                "tối thiểu 8 sản phẩm đạt 3 sao trở lên",
                AtLeast,
                Some(8.0),
                None,
                Some("sản phẩm"),
                Some("đạt 3 sao trở lên"),
            ),
            (
                "từ 8 đến 10 tổ chức kinh tế",
                Range,
                Some(8.0),
                Some(10.0),
                Some("tổ chức kinh tế"),
                None,
            ),
            (
                "xây dựng 01 điểm bán",
                Exact,
                Some(1.0),
                Some(1.0),
                Some("điểm bán"),
                None,
            ),
            (
                "thu hút trên 300 lượt người",
                AtLeast,
                Some(300.0),
                None,
                Some("lượt người"),
                None,
            ),
            ("không quá 5", AtMost, None, Some(5.0), None, None),
            (
                "đạt 100%",
                Percent,
                Some(100.0),
                Some(100.0),
                Some("%"),
                None,
            ),
            (
                "tối đa 3 hội chợ",
                AtMost,
                None,
                Some(3.0),
                Some("hội chợ"),
                None,
            ),
            (
                "có 15 sản phẩm; trong đó",
                Exact,
                Some(15.0),
                Some(15.0),
                Some("sản phẩm"),
                None,
            ),
            (
                "5 sản phẩm trở lên",
                AtLeast,
                Some(5.0),
                None,
                Some("sản phẩm"),
                Some("trở lên"),
            ),
            (
                "1.000 sản phẩm",
                Exact,
                Some(1000.0),
                Some(1000.0),
                Some("sản phẩm"),
                None,
            ),
            (
                "đạt 20 - 30%",
                Range,
                Some(20.0),
                Some(30.0),
                Some("%"),
                None,
            ),
        ];
        for (text, kind, min, max, unit, qual) in cases {
            let q = find_quantities(text);
            assert_eq!(q.len(), 1, "{text}: {q:#?}");
            let q = &q[0];
            assert_eq!(q.kind, kind, "{text}");
            assert_eq!((q.min, q.max), (min, max), "{text}");
            assert_eq!(q.unit.as_deref(), unit, "{text}");
            assert_eq!(q.qualifier.as_deref(), qual, "{text}");
        }
    }

    #[test]
    fn not_quantities() {
        for t in [
            "năm 2024",
            "giai đoạn 2021-2025",
            "ngày 01/8/2022",
            "Quyết định số 919/QĐ-TTg",
            "Kế hoạch 706/KH-UBND",
            "1. Mục đích",
            "Điều 13",
            "đạt 3 sao",
            "6 tháng đầu năm",
            "02 lần/năm",
            "kinh phí 200 triệu đồng",
            "Quý II/2022",
            "biểu mẫu số 3",
            "1\tKhảo sát nhu cầu\tTháng 01/2022",
            "",
        ] {
            let q = find_quantities(t);
            assert!(q.is_empty(), "{t}: {q:#?}");
        }
    }

    #[test]
    fn several_in_a_sentence() {
        let t = "Phấn đấu năm 2024 có 20-30 sản phẩm mới, trong đó ít nhất 50% đạt 4 sao; tối thiểu 8 sản phẩm đạt 3 sao trở lên.";
        let q = find_quantities(t);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert_eq!(q[2].qualifier.as_deref(), Some("đạt 3 sao trở lên"));
    }
}
