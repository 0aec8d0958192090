//! Money amounts: "1.000.000.000 đồng", "200 triệu đồng/năm", "1,5 tỷ đồng",
//! "500.000 đ", "15.000.000 VNĐ", "2.350 triệu đồng". Grammar: grammars/money.ebnf.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::{collapse_ws, parse_vn_number, prev_char, WordRegex};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    pub start: usize,
    pub end: usize,
    /// The amount in đồng.
    pub vnd: f64,
    /// What the amount is per: "năm", "sản phẩm", "người/tháng".
    pub per: Option<String>,
}

static MONEY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"(?i)(\d+(?:[.,]\d+)*)\s*(?:(nghìn\s+tỷ|tỷ|tỉ|triệu|nghìn|ngàn)\s*)?(đồng|vnđ|vnd|đ)\b|(\d+(?:[.,]\d+)*)\s*(tỷ|tỉ)(?:\s|$|[.,;)])",
    )
    .expect("money regex")
});

static PER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*/\s*([\p{L}]+(?:\s+[\p{L}]+)?(?:\s*/\s*[\p{L}]+)?)").expect("per regex")
});

const PER_STOP: [&str; 12] = [
    "và", "để", "cho", "từ", "của", "trong", "với", "theo", "tại", "được", "là", "hoặc",
];

fn multiplier(w: &str) -> f64 {
    match w
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .as_str()
    {
        "nghìn tỷ" => 1e12,
        "tỷ" | "tỉ" => 1e9,
        "triệu" => 1e6,
        "nghìn" | "ngàn" => 1e3,
        _ => 1.0,
    }
}

/// All money amounts in a paragraph.
pub fn find_amounts(text: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    for c in MONEY.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if prev_char(text, m.start())
            .is_some_and(|p| p.is_alphanumeric() || matches!(p, '/' | '.' | ','))
        {
            continue;
        }
        let (num, mult, mut end) = if let Some(n) = c.get(1) {
            let mult = c.get(2).map_or(1.0, |x| multiplier(x.as_str()));
            (n.as_str(), mult, m.end())
        } else if let (Some(n), Some(u)) = (c.get(4), c.get(5)) {
            (n.as_str(), multiplier(u.as_str()), u.end())
        } else {
            continue;
        };
        let Some(v) = parse_vn_number(num) else {
            continue;
        };
        let mut per = None;
        if let Some(p) = PER.captures(&text[end..]) {
            if let (Some(all), Some(w)) = (p.get(0), p.get(1)) {
                let mut words: Vec<&str> = w.as_str().split_whitespace().collect();
                if words.len() == 2 && PER_STOP.contains(&words[1]) {
                    words.pop();
                }
                let phrase = words.join(" ");
                let used = if words.len() == 1 {
                    all.as_str()
                        .find(words[0])
                        .map_or(all.end(), |i| i + words[0].len())
                } else {
                    all.end()
                };
                per = Some(collapse_ws(&phrase));
                end += used;
            }
        }
        out.push(Amount {
            start: m.start(),
            end,
            vnd: v * mult,
            per,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_table() {
        let cases: Vec<(&str, &str, f64, Option<&str>)> = vec![
            (
                "kinh phí 1.000.000.000 đồng.",
                "1.000.000.000 đồng",
                1e9,
                None,
            ),
            (
                "hỗ trợ 200 triệu đồng/năm cho",
                "200 triệu đồng/năm",
                2e8,
                Some("năm"),
            ),
            ("tổng 1,5 tỷ đồng", "1,5 tỷ đồng", 1.5e9, None),
            ("mức 500.000 đ mỗi", "500.000 đ", 5e5, None),
            ("15.000.000 VNĐ", "15.000.000 VNĐ", 1.5e7, None),
            ("2.350 triệu đồng", "2.350 triệu đồng", 2.35e9, None),
            (
                "50 triệu đồng/sản phẩm.",
                "50 triệu đồng/sản phẩm",
                5e7,
                Some("sản phẩm"),
            ),
            ("dự toán 3 tỷ.", "3 tỷ", 3e9, None),
            (
                "100 nghìn đồng/người/tháng",
                "100 nghìn đồng/người/tháng",
                1e5,
                Some("người/tháng"),
            ),
        ];
        for (text, span, vnd, per) in cases {
            let a = find_amounts(text);
            assert_eq!(a.len(), 1, "{text}: {a:?}");
            assert_eq!(&text[a[0].start..a[0].end], span, "{text}");
            assert!((a[0].vnd - vnd).abs() < 1e-3, "{text}: {}", a[0].vnd);
            assert_eq!(a[0].per.as_deref(), per, "{text}");
        }
    }

    #[test]
    fn not_amounts() {
        for t in [
            "20 sản phẩm",
            "Quyết định số 919/QĐ-TTg",
            "năm 2024",
            "đồng bộ",
            "100% sản phẩm",
            "cộng đồng",
            "3 đơn vị",
        ] {
            assert!(find_amounts(t).is_empty(), "{t}");
        }
    }
}
