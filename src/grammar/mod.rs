//! Small grammars for the pieces of text a plan is made of: dates, citations of other
//! documents, heading markers, timelines, quantities (targets) and money amounts.
//!
//! Every parser works on the text of one paragraph (NFC). Any whitespace run, including
//! `\n` from wrapped lines, counts as one space. Positions are byte offsets into the
//! given `&str`. No parser panics, whatever the input. The readable grammars are in
//! `grammars/*.ebnf`; their `# examples:` are checked by the tests below.

pub mod citation;
pub mod date;
pub mod heading;
pub mod money;
pub mod quantity;
pub mod timeline;

pub use citation::{find_citations, CitationMatch};
pub use date::{find_dates, parse_date, DateMatch, PartialDate};
pub use heading::{letter_index, parse_marker, HeadingMatch, Marker};
pub use money::{find_amounts, Amount};
pub use quantity::{find_quantities, Quantity, QuantityKind};
pub use timeline::{find_timelines, parse_timeline, Timeline};

use regex::{Captures, Match, Regex};

/// The char just before byte offset `i` (None at the start or off a boundary).
pub(crate) fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// The char at byte offset `i` (None at the end or off a boundary).
pub(crate) fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Byte length of the start of `text` that spells `word` ignoring case, if it does.
///
/// Compared char by char: the callers test every line or paragraph against word lists,
/// and a lowercase copy of each would cost more than the whole comparison.
pub(crate) fn prefix_len_ignore_case(text: &str, word: &str) -> Option<usize> {
    let mut text_chars = text.char_indices();
    let mut end = 0;
    for w in word.chars() {
        let (i, c) = text_chars.next()?;
        let same = if c.is_ascii() && w.is_ascii() {
            c.eq_ignore_ascii_case(&w)
        } else {
            c == w || c.to_lowercase().eq(w.to_lowercase())
        };
        if !same {
            return None;
        }
        end = i + c.len_utf8();
    }
    Some(end)
}

/// Collapses every whitespace run into one space and trims.
pub(crate) fn collapse_ws(s: &str) -> String {
    // Called on most paragraphs: one pass, one allocation.
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() {
            gap = !out.is_empty();
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
    out
}

/// A character `\w` matches: what a Unicode `\b` separates from the rest.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A regex with Unicode word boundaries (`\b`) that stays fast on Vietnamese text.
///
/// The regex crate's fast engines give up on Unicode `\b` at the first non-ASCII byte,
/// that is in almost every Vietnamese word, and a backtracker then reads the whole text.
/// The same pattern without its `\b`s matches a superset of the text on the fast engines,
/// so the exact regex only runs from where that one finds something: the matches are
/// those of the exact regex, found in a fraction of the time. (`\b` must not follow an
/// escaped backslash in the pattern.)
#[derive(Debug, Clone)]
pub(crate) struct WordRegex {
    exact: Regex,
    /// None when the pattern has no `\b`.
    hint: Option<Regex>,
}

impl WordRegex {
    pub fn new(pattern: &str) -> Result<WordRegex, regex::Error> {
        let hint = match pattern.contains(r"\b") {
            true => Some(Regex::new(&pattern.replace(r"\b", ""))?),
            false => None,
        };
        Ok(WordRegex {
            exact: Regex::new(pattern)?,
            hint,
        })
    }

    /// Where the exact regex may match first at or after `at`, if anywhere.
    fn first_candidate(&self, text: &str, at: usize) -> Option<usize> {
        match &self.hint {
            _ if at > text.len() => None,
            Some(h) => h.find_at(text, at).map(|m| m.start()),
            None => Some(at),
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_iter(text).next().is_some()
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.captures_iter(text).next()
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.find_iter(text).next()
    }

    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        let mut next = NextSearch::default();
        std::iter::from_fn(move || loop {
            let from = self.first_candidate(text, next.at)?;
            let caps = self.exact.captures_at(text, from)?;
            if next.take(text, caps.get(0)?) {
                return Some(caps);
            }
        })
    }

    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        let mut next = NextSearch::default();
        std::iter::from_fn(move || loop {
            let from = self.first_candidate(text, next.at)?;
            let m = self.exact.find_at(text, from)?;
            if next.take(text, m) {
                return Some(m);
            }
        })
    }
}

/// Where the next search starts, with the regex crate's rule for empty matches: one
/// that ends where the previous match ended is skipped.
#[derive(Default)]
struct NextSearch {
    at: usize,
    last_end: Option<usize>,
}

impl NextSearch {
    /// Moves past `m`; false when `m` is an empty match to skip.
    fn take(&mut self, text: &str, m: Match) -> bool {
        self.at = match m.is_empty() {
            true => m.end() + next_char(text, m.end()).map_or(1, char::len_utf8),
            false => m.end(),
        };
        let skip = m.is_empty() && self.last_end == Some(m.end());
        self.last_end = Some(m.end());
        !skip
    }
}

/// Parses a Vietnamese-style number: `.` groups thousands, `,` marks decimals
/// ("1.000.000" = 1e6, "1,5" = 1.5, "2.350" = 2350). Also accepts "1.5" (decimal)
/// and "1,000,000" (thousands) when the grouping makes it unambiguous.
pub(crate) fn parse_vn_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let groups_of_3 = |sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let cleaned: String = if dots > 0 && commas > 0 {
        let last_dot = s.rfind('.')?;
        let last_comma = s.rfind(',')?;
        if last_comma > last_dot {
            s.replace('.', "").replace(',', ".")
        } else {
            s.replace(',', "")
        }
    } else if dots > 0 {
        if groups_of_3('.') {
            s.replace('.', "")
        } else if dots == 1 {
            s.to_string()
        } else {
            return None;
        }
    } else if commas > 0 {
        if commas > 1 && groups_of_3(',') {
            s.replace(',', "")
        } else if commas == 1 {
            s.replace(',', ".")
        } else {
            return None;
        }
    } else {
        s.to_string()
    };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines after `# examples:` that start with `#   ` (until the first other line).
    fn examples(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut on = false;
        for line in src.lines() {
            if line.trim_start().starts_with("# examples:") {
                on = true;
                continue;
            }
            if on {
                if let Some(ex) = line.strip_prefix("#   ") {
                    let ex = ex.trim();
                    if !ex.is_empty() {
                        out.push(ex.to_string());
                    }
                } else {
                    on = false;
                }
            }
        }
        out
    }

    fn check(name: &str, src: &str, ok: impl Fn(&str) -> bool) {
        let exs = examples(src);
        assert!(!exs.is_empty(), "{name}: no examples");
        for ex in exs {
            assert!(ok(&ex), "{name}: example does not parse: {ex:?}");
        }
    }

    #[test]
    fn ebnf_examples_parse() {
        check("date", include_str!("../../grammars/date.ebnf"), |e| {
            parse_date(e).is_some_and(|m| m.end == e.len())
        });
        check(
            "citation",
            include_str!("../../grammars/citation.ebnf"),
            |e| !find_citations(e).is_empty(),
        );
        check(
            "heading",
            include_str!("../../grammars/heading.ebnf"),
            |e| parse_marker(e).is_some(),
        );
        check(
            "timeline",
            include_str!("../../grammars/timeline.ebnf"),
            |e| parse_timeline(e, Some(2024)).is_some(),
        );
        check(
            "quantity",
            include_str!("../../grammars/quantity.ebnf"),
            |e| !find_quantities(e).is_empty(),
        );
        check("money", include_str!("../../grammars/money.ebnf"), |e| {
            !find_amounts(e).is_empty()
        });
    }

    #[test]
    fn vn_numbers() {
        assert_eq!(parse_vn_number("1.000.000.000"), Some(1e9));
        assert_eq!(parse_vn_number("1,5"), Some(1.5));
        assert_eq!(parse_vn_number("2.350"), Some(2350.0));
        assert_eq!(parse_vn_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_vn_number("1.5"), Some(1.5));
        assert_eq!(parse_vn_number("02"), Some(2.0));
        assert_eq!(parse_vn_number(""), None);
        assert_eq!(parse_vn_number("1.2.3"), None);
    }

    /// A tiny deterministic generator so the no-panic test needs no extra crate.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
    }

    fn run_all(s: &str) {
        let _ = find_dates(s);
        let _ = parse_date(s);
        let _ = find_citations(s);
        let _ = parse_marker(s);
        let _ = parse_timeline(s, Some(2024));
        let _ = parse_timeline(s, None);
        let _ = find_timelines(s, Some(2024));
        let _ = find_quantities(s);
        let _ = find_amounts(s);
    }

    #[test]
    fn prefix_ignoring_case_gives_the_length_in_the_text() {
        let text = "THỜI GIAN: Quý II";
        assert_eq!(
            prefix_len_ignore_case(text, "thời gian"),
            Some("THỜI GIAN".len())
        );
        assert_eq!(
            prefix_len_ignore_case(text, "Thời Gian:"),
            Some("THỜI GIAN:".len())
        );
        assert_eq!(prefix_len_ignore_case(text, "thời hạn"), None);
        assert_eq!(prefix_len_ignore_case("THỜI", "thời gian"), None);
        assert_eq!(prefix_len_ignore_case("Đơn vị", "đơn"), Some("Đơn".len()));
    }

    /// `WordRegex` finds exactly what the plain regex finds, word edges included.
    #[test]
    fn word_regex_matches_like_the_plain_regex() {
        let patterns = [
            r"(?i)\bnăm\s+(\d{4})\b",
            r"(?i)\bquý\s+(IV|I{1,3}|[1-4])\b((?:\s*(?:,|và)\s*(?:IV|I{1,3}|[1-4])\b)*)",
            r"(?i)(?:\b(trên|từ)\s+)?(\d+)(\s*%)?",
            r"(?i)(\d+)\s*(đồng|đ)\b",
            r"(?:^|\b)(?:Đăk R'Lấp|BCD)(?:\b|$)",
            r"(?i)\b(?:hàng|hằng)\s+(năm|quý)\b|x*",
        ];
        let pieces = [
            "năm",
            "Năm",
            " ",
            "\n",
            "2024",
            "20245",
            "quý",
            "II",
            "IV",
            "I",
            "và",
            ",",
            "%",
            "trên",
            "từ",
            "đồng",
            "đ",
            "đi",
            "Đăk R'Lấp",
            "BCD",
            "BCDx",
            "_",
            "x",
            "hàng",
            "ế",
            "5",
            ".",
        ];
        let mut rng = Lcg(7);
        for pattern in patterns {
            let plain = Regex::new(pattern).unwrap();
            let word = WordRegex::new(pattern).unwrap();
            for _ in 0..2000 {
                let n = 1 + rng.next() as usize % 12;
                let s: String = (0..n)
                    .map(|_| pieces[rng.next() as usize % pieces.len()])
                    .collect();
                let spans =
                    |it: &mut dyn Iterator<Item = Captures>| -> Vec<Vec<Option<(usize, usize)>>> {
                        it.map(|c| c.iter().map(|g| g.map(|g| (g.start(), g.end()))).collect())
                            .collect()
                    };
                assert_eq!(
                    spans(&mut word.captures_iter(&s)),
                    spans(&mut plain.captures_iter(&s)),
                    "{pattern} on {s:?}"
                );
                assert_eq!(word.is_match(&s), plain.is_match(&s), "{pattern} on {s:?}");
            }
        }
    }

    #[test]
    fn no_panic_on_random_input() {
        let pieces = [
            "ngày",
            " ",
            "\n",
            "tháng",
            "năm",
            "/",
            "-",
            ".",
            ",",
            ";",
            ":",
            "0",
            "1",
            "2",
            "12",
            "2024",
            "31",
            "số",
            "Quyết định",
            "QĐ",
            "KH-UBND",
            "TTg",
            "của",
            "về",
            "về việc",
            "Quý",
            "II",
            "IV",
            "Từ",
            "đến",
            "trước",
            "%",
            "đồng",
            "triệu",
            "tỷ",
            "sản phẩm",
            "ít nhất",
            "tối đa",
            "I.",
            "a)",
            "đ)",
            "-",
            "•",
            "Một là,",
            "Phần thứ",
            "…",
            "(",
            ")",
            "Đ",
            "ẫ",
            "Luật",
            "hằng",
            "lần",
            "giai đoạn",
            "3 sao",
            "trở lên",
            "&",
            "\t",
            "x",
            "X",
            "\u{0301}",
        ];
        let mut rng = Lcg(42);
        for _ in 0..3000 {
            let n = (rng.next() % 14) as usize;
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(pieces[(rng.next() as usize) % pieces.len()]);
            }
            run_all(&s);
        }
        // arbitrary bytes, lossily decoded
        for _ in 0..3000 {
            let n = (rng.next() % 40) as usize;
            let bytes: Vec<u8> = (0..n).map(|_| (rng.next() & 0xff) as u8).collect();
            let s = String::from_utf8_lossy(&bytes);
            run_all(&s);
        }
        // every seed paragraph, if the seeds are around
        for f in [
            "000_81945d3527738762.txt",
            "001_4c0adb04e3585471.txt",
            "002_abdb2cfe654c8fd9.txt",
            "003_ffe4850c18d5b9c6.txt",
            "004_25fc866458392336.txt",
        ] {
            if let Ok(text) = std::fs::read_to_string(format!("/work/shared/seeds/{f}")) {
                for para in text.split("\n\n") {
                    run_all(para);
                }
            }
        }
    }
}
