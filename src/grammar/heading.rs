//! Heading and list markers at the start of a line: "Phần thứ nhất", "II.", "1.",
//! "1.1.", "a)", "-", "Một là,". Grammar: grammars/heading.ebnf.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Marker {
    /// "Phần thứ nhất", "PHẦN I", "Phần 1".
    Part(u32),
    /// "I.", "II.", "IV -".
    Roman(u32),
    /// "1.", "1/", "2)".
    Arabic(u32),
    /// "1.1.", "1.1", "2.3.1.".
    Dotted(Vec<u32>),
    /// "a)", "b.", "đ)".
    Letter(char),
    /// "-", "+", "*", "•", "–".
    Bullet(char),
    /// "Một là,", "Hai là:".
    Ordinal(u32),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadingMatch {
    pub marker: Marker,
    /// Byte offset where the marker, its punctuation and the following spaces end.
    pub marker_text_end: usize,
}

const LETTERS: [char; 23] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

/// Position in the Vietnamese letter sequence a b c d đ e g h i k l m n o p q r s t u v x y
/// (a = 1, đ = 5, g = 7). Upper case counts as lower case.
pub fn letter_index(c: char) -> Option<u32> {
    let l = c.to_lowercase().next()?;
    LETTERS.iter().position(|&x| x == l).map(|p| p as u32 + 1)
}

const NUMBER_WORDS: [&str; 10] = [
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
];

fn number_word(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    match w.as_str() {
        "nhất" => Some(1),
        "tư" => Some(4),
        "mười một" => Some(11),
        "mười hai" => Some(12),
        _ => NUMBER_WORDS
            .iter()
            .position(|&x| x == w)
            .map(|p| p as u32 + 1),
    }
}

/// Strict Roman numeral value (I..=XXXIX and L, C forms): "IIII" and "IIV" are rejected.
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 8 {
        return None;
    }
    let val = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let vals: Option<Vec<u32>> = s.chars().map(val).collect();
    let vals = vals?;
    let mut total: i64 = 0;
    for (i, &v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|&n| n > v) {
            total -= i64::from(v);
        } else {
            total += i64::from(v);
        }
    }
    let total = u32::try_from(total).ok()?;
    // canonical form check: re-render and compare
    (to_roman(total) == s).then_some(total)
}

/// Roman numeral of `n` (1..4000): "IV", "XII".
pub fn to_roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Spaces after `i`; the offset of the first non-space.
fn skip_ws(line: &str, mut i: usize) -> usize {
    while let Some(c) = line.get(i..).and_then(|s| s.chars().next()) {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

fn at(line: &str, i: usize) -> Option<char> {
    line.get(i..).and_then(|s| s.chars().next())
}

/// The end of a marker at `i`: requires whitespace or the end of the line there, and
/// moves past the whitespace.
fn end_after(line: &str, i: usize) -> Option<usize> {
    match at(line, i) {
        None => Some(i),
        Some(c) if c.is_whitespace() => Some(skip_ws(line, i)),
        _ => None,
    }
}

fn digits_at(line: &str, i: usize) -> usize {
    line.get(i..)
        .map_or(0, |s| s.chars().take_while(|c| c.is_ascii_digit()).count())
}

fn part(line: &str, s: usize) -> Option<HeadingMatch> {
    let rest = &line[s..];
    let kw = rest.get(..6)?; // "Phần" / "PHẦN" are 6 bytes
    if kw != "Phần" && kw != "PHẦN" {
        return None;
    }
    let mut i = skip_ws(line, s + 6);
    if i == s + 6 {
        return None;
    }
    let word_end = |i: usize| {
        i + line[i..]
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .map(char::len_utf8)
            .sum::<usize>()
    };
    let mut e = word_end(i);
    let mut w = &line[i..e];
    if w.eq_ignore_ascii_case("thứ") || w == "THỨ" {
        i = skip_ws(line, e);
        e = word_end(i);
        w = &line[i..e];
    }
    let n = number_word(w).or_else(|| roman_value(w)).or_else(|| {
        (!w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    })?;
    let mut j = e;
    if let Some(c) = at(line, j) {
        if matches!(c, '.' | ':' | '-' | '–' | ',') {
            j += c.len_utf8();
        } else if !c.is_whitespace() {
            return None;
        }
    }
    let j = skip_ws(line, j);
    // a dash after spaces: "PHẦN I - KẾT QUẢ"
    let j = match at(line, j) {
        Some(c @ ('-' | '–' | ':')) => skip_ws(line, j + c.len_utf8()),
        _ => j,
    };
    Some(HeadingMatch {
        marker: Marker::Part(n),
        marker_text_end: j,
    })
}

fn ordinal(line: &str, s: usize) -> Option<HeadingMatch> {
    let rest = &line[s..];
    let wend = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(k, _)| k);
    let first = &rest[..wend];
    let n = number_word(first)?;
    if !first.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let i = skip_ws(line, s + wend);
    let la = line.get(i..)?;
    let la_end = if la.starts_with("là") || la.starts_with("LÀ") {
        i + "là".len()
    } else {
        return None;
    };
    let p = at(line, la_end)?;
    if !matches!(p, ',' | ':') {
        return None;
    }
    Some(HeadingMatch {
        marker: Marker::Ordinal(n),
        marker_text_end: skip_ws(line, la_end + 1),
    })
}

fn roman(line: &str, s: usize) -> Option<HeadingMatch> {
    let rest = &line[s..];
    let n = rest
        .chars()
        .take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
        .count();
    if n == 0 {
        return None;
    }
    let v = roman_value(&rest[..n])?;
    let mut i = skip_ws(line, s + n);
    let p = at(line, i)?;
    if !matches!(p, '.' | '-' | '–' | ')' | '/' | ':') {
        return None;
    }
    // "I." directly, or "IV -" with spaces before a dash
    if i != s + n && !matches!(p, '-' | '–') {
        return None;
    }
    i += p.len_utf8();
    let end = end_after(line, i)?;
    Some(HeadingMatch {
        marker: Marker::Roman(v),
        marker_text_end: end,
    })
}

fn numbered(line: &str, s: usize) -> Option<HeadingMatch> {
    let mut nums = Vec::new();
    let mut i = s;
    loop {
        let n = digits_at(line, i);
        if n == 0 || n > 3 || (!nums.is_empty() && n > 2) {
            return None;
        }
        nums.push(line[i..i + n].parse::<u32>().ok()?);
        i += n;
        match at(line, i) {
            Some('.') if digits_at(line, i + 1) > 0 => {
                i += 1;
                continue;
            }
            _ => break,
        }
    }
    if nums.len() > 1 {
        // "1.1", "1.1.", "2.3.1." ; not "1.000"
        if nums.len() > 4 {
            return None;
        }
        if at(line, i) == Some('.') {
            i += 1;
        }
        let end = end_after(line, i)?;
        return Some(HeadingMatch {
            marker: Marker::Dotted(nums),
            marker_text_end: end,
        });
    }
    let p = at(line, i)?;
    if !matches!(p, '.' | '/' | ')') {
        return None;
    }
    let end = end_after(line, i + 1)?;
    // "2024." alone is a year, not an item number
    if digits_at(line, s) > 3 {
        return None;
    }
    Some(HeadingMatch {
        marker: Marker::Arabic(nums[0]),
        marker_text_end: end,
    })
}

fn letter(line: &str, s: usize) -> Option<HeadingMatch> {
    let c = at(line, s)?;
    if !c.is_lowercase() || letter_index(c).is_none() {
        return None;
    }
    let i = s + c.len_utf8();
    let p = at(line, i)?;
    if !matches!(p, ')' | '.') {
        return None;
    }
    let end = end_after(line, i + 1)?;
    // "a. m." style abbreviations are rare; require text after the marker
    Some(HeadingMatch {
        marker: Marker::Letter(c),
        marker_text_end: end,
    })
}

fn bullet(line: &str, s: usize) -> Option<HeadingMatch> {
    let mut i = s;
    if line[s..].starts_with("\\*") {
        i += 1;
    }
    let c = at(line, i)?;
    if !matches!(c, '-' | '+' | '*' | '•' | '–' | '·' | '●' | '○' | '▪') {
        return None;
    }
    let j = i + c.len_utf8();
    match at(line, j) {
        None => {}
        Some(n) if n.is_whitespace() => {}
        // "-Tổ chức": a dash glued to a word
        Some(n) if n.is_alphabetic() && !matches!(c, '*') => {}
        _ => return None,
    }
    Some(HeadingMatch {
        marker: Marker::Bullet(c),
        marker_text_end: skip_ws(line, j),
    })
}

/// Parses the marker at the start of a line (markdown `#`/`**` already stripped).
/// Leading whitespace is skipped; offsets are into `line`.
pub fn parse_marker(line: &str) -> Option<HeadingMatch> {
    let s = skip_ws(line, 0);
    if s >= line.len() {
        return None;
    }
    part(line, s)
        .or_else(|| ordinal(line, s))
        .or_else(|| roman(line, s))
        .or_else(|| numbered(line, s))
        .or_else(|| letter(line, s))
        .or_else(|| bullet(line, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Marker::*;

    #[test]
    fn markers_table() {
        let cases: Vec<(&str, Marker, &str)> = vec![
            ("I. MỤC ĐÍCH, YÊU CẦU", Roman(1), "MỤC ĐÍCH, YÊU CẦU"),
            ("V. TỔ CHỨC THỰC HIỆN", Roman(5), "TỔ CHỨC THỰC HIỆN"),
            ("IV - KINH PHÍ", Roman(4), "KINH PHÍ"),
            ("IX. Khác", Roman(9), "Khác"),
            ("1. Mục đích", Arabic(1), "Mục đích"),
            ("10/ Ủy ban", Arabic(10), "Ủy ban"),
            ("2) Yêu cầu", Arabic(2), "Yêu cầu"),
            ("1.1. Mục tiêu", Dotted(vec![1, 1]), "Mục tiêu"),
            ("2.3.1. Chi tiết", Dotted(vec![2, 3, 1]), "Chi tiết"),
            ("1.2 Nội dung", Dotted(vec![1, 2]), "Nội dung"),
            ("a) Công tác", Letter('a'), "Công tác"),
            ("đ) Công tác", Letter('đ'), "Công tác"),
            ("b. Nội dung", Letter('b'), "Nội dung"),
            ("- Tuyên truyền", Bullet('-'), "Tuyên truyền"),
            ("+ Xây dựng", Bullet('+'), "Xây dựng"),
            ("• Mục", Bullet('•'), "Mục"),
            (
                "\\* Thời gian: Liên tục",
                Bullet('*'),
                "Thời gian: Liên tục",
            ),
            ("-Tổ chức", Bullet('-'), "Tổ chức"),
            ("Phần thứ nhất", Part(1), ""),
            ("Phần thứ hai: KẾ HOẠCH", Part(2), "KẾ HOẠCH"),
            ("PHẦN I. KẾT QUẢ", Part(1), "KẾT QUẢ"),
            ("PHẦN II - NHIỆM VỤ", Part(2), "NHIỆM VỤ"),
            ("Phần 1 Kết quả", Part(1), "Kết quả"),
            ("Một là, tăng cường", Ordinal(1), "tăng cường"),
            ("Hai là: đẩy mạnh", Ordinal(2), "đẩy mạnh"),
            ("  2. Thụt lề", Arabic(2), "Thụt lề"),
        ];
        for (line, want, rest) in cases {
            let m = parse_marker(line).unwrap_or_else(|| panic!("no marker in {line:?}"));
            assert_eq!(m.marker, want, "{line}");
            assert_eq!(&line[m.marker_text_end..], rest, "{line}");
        }
    }

    #[test]
    fn not_markers() {
        for line in [
            "1.000 sản phẩm",
            "X",
            "I am",
            "Ít nhất",
            "Ủy ban nhân dân",
            "01/8/2022",
            "2024. Năm",
            "Phần lớn sản phẩm",
            "IIII. sai",
            "Ví dụ",
            "15 sản phẩm",
            "",
            "   ",
            "a",
            "Một số nội dung",
            "12.5%",
            "1,5 tỷ",
        ] {
            assert_eq!(parse_marker(line), None, "{line:?}");
        }
    }

    #[test]
    fn letters() {
        assert_eq!(letter_index('a'), Some(1));
        assert_eq!(letter_index('đ'), Some(5));
        assert_eq!(letter_index('e'), Some(6));
        assert_eq!(letter_index('g'), Some(7));
        assert_eq!(letter_index('y'), Some(23));
        assert_eq!(letter_index('Đ'), Some(5));
        assert_eq!(letter_index('f'), None);
        assert_eq!(letter_index('w'), None);
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIV"), None);
    }
}
