//! Citations of other documents: "Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng
//! Chính phủ về việc ...". Grammar: grammars/citation.ebnf.
//!
//! A citation head is `kind [số[:]] number [,] [date] [, của issuer]`; then an optional
//! subject introduced by "về việc", "về", "v/v" or a verb ("phê duyệt", "ban hành", ...).
//! A bare number ("148/QĐ-TTg") is a citation too, its kind inferred from the symbol.
//! Citations nested in another one's subject are reported as well (their spans overlap).

use serde::Deserialize;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::date::{parse_date, DateMatch, PartialDate};
use super::{collapse_ws, is_word_char, next_char, prefix_len_ignore_case, prev_char};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationMatch {
    /// Whole citation span (byte offsets).
    pub start: usize,
    pub end: usize,
    /// Canonical kind: "Quyết định", "Nghị quyết", "Kế hoạch", "Thông tư", "Nghị định",
    /// "Chỉ thị", "Văn bản", "Công văn", "Luật", "Thông báo", "Hướng dẫn",
    /// "Chương trình", "Công điện", "Đề án".
    pub kind: String,
    /// Identifier without spaces ("919/QĐ-TTg"); for a law cited by name, the name
    /// ("Luật Tổ chức chính quyền địa phương"); a draft's blank number starts with "/".
    pub number: String,
    pub number_start: usize,
    pub number_end: usize,
    pub date: Option<DateMatch>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
}

/// One kind of cited document (`grammars/citation.toml`).
#[derive(Debug, Deserialize)]
pub struct Kind {
    pub name: String,
    pub heads: Vec<String>,
    pub symbols: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct Kinds {
    pub default: String,
    pub kind: Vec<Kind>,
    pub words: Words,
}

/// The words that end or introduce the parts of a citation (`grammars/citation.toml`).
#[derive(Debug, Deserialize)]
pub struct Words {
    pub subject_intro: Vec<String>,
    pub verbs: Vec<String>,
    pub issuer_stop: Vec<String>,
    pub law_name_stop: Vec<String>,
}

/// The kinds of cited documents, from `grammars/citation.toml`.
pub fn kinds() -> &'static Kinds {
    static KINDS: LazyLock<Kinds> = LazyLock::new(|| {
        toml::from_str(include_str!("../../grammars/citation.toml"))
            .expect("grammars/citation.toml is valid (tested)")
    });
    &KINDS
}

/// The kind names, case-insensitive with any spacing ("quyết\s+định"), then the head
/// abbreviations, case-sensitive.
static KIND_RE: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = kinds()
        .kind
        .iter()
        .map(|k| {
            k.name
                .split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    let heads: Vec<String> = kinds()
        .kind
        .iter()
        .flat_map(|k| k.heads.iter().map(|h| regex::escape(h)))
        .collect();
    // No `\b`: it would keep the regex off its fast engines (see `WordRegex`); the word
    // edges are checked in `find_heads`.
    Regex::new(&format!("(?i:{})|{}", words.join("|"), heads.join("|"))).expect("kind regex")
});

/// The kind spelled by `words` in any case and spacing ("KẾ  HOẠCH" -> "Kế hoạch").
fn canonical_kind(words: &str) -> Option<&'static str> {
    kinds().kind.iter().map(|k| k.name.as_str()).find(|k| {
        let mut w = words.split_whitespace();
        k.split(' ').all(|part| {
            w.next()
                .is_some_and(|x| prefix_len_ignore_case(x, part) == Some(x.len()))
        }) && w.next().is_none()
    })
}

/// The kind a head abbreviation or a number's symbol stands for, else the default.
fn abbrev_kind(a: &str) -> &'static str {
    let k = kinds();
    k.kind
        .iter()
        .find(|k| k.heads.iter().chain(&k.symbols).any(|h| h == a))
        .map_or(k.default.as_str(), |k| k.name.as_str())
}

/// Kind inferred from a number's first symbol part ("17-NQ/HU" -> Nghị quyết).
pub fn kind_from_number(number: &str) -> &'static str {
    number
        .split(['/', '-'])
        .find(|p| p.chars().any(char::is_alphabetic))
        .map(abbrev_kind)
        .unwrap_or(kinds().default.as_str())
}

fn skip_ws(text: &str, mut i: usize) -> usize {
    while let Some(c) = next_char(text, i) {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// If `text[i..]` starts with `word` (case-insensitive, inner spaces matching any
/// whitespace run) and the word ends there, the end offset.
fn starts_word(text: &str, i: usize, word: &str) -> Option<usize> {
    let rest = text.get(i..)?;
    let mut it = rest.char_indices().peekable();
    for w in word.chars() {
        if w == ' ' {
            let mut n = 0;
            while let Some(&(_, c)) = it.peek() {
                if c.is_whitespace() {
                    it.next();
                    n += 1;
                } else {
                    break;
                }
            }
            if n == 0 {
                return None;
            }
            continue;
        }
        let (_, c) = it.next()?;
        if !c.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
    }
    let end = it.peek().map(|&(j, _)| i + j).unwrap_or(text.len());
    let last_alpha = word.chars().last().is_some_and(char::is_alphanumeric);
    if last_alpha && next_char(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(end)
}

fn starts_any(text: &str, i: usize, words: &[&str]) -> Option<usize> {
    words.iter().find_map(|w| starts_word(text, i, w))
}

/// One symbol part: "QĐ", "TTg", "HĐND", "PTNT&QLCL", "QH15". Starts with an uppercase
/// letter; a trailing lowercase letter is allowed after two uppercase ones ("TTg").
fn symbol_part(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let first = rest.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let mut end = i;
    let (mut upper, mut lower) = (0, 0);
    for c in rest.chars() {
        if c.is_alphanumeric() || c == '&' {
            if c.is_uppercase() {
                if lower > 0 {
                    return None;
                }
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            } else if c.is_alphabetic() {
                return None;
            }
            end += c.len_utf8();
        } else {
            break;
        }
    }
    if lower > 1 || (lower == 1 && upper < 2) {
        return None;
    }
    Some(end)
}

fn norm_part(s: &str) -> String {
    s.replace('Ð', "Đ")
}

/// Parses a document number at `i`: digits, optional "/year", then symbol parts joined
/// by "/" or "-" (spaces allowed around the joints). `allow_blank` accepts a draft's
/// missing digits ("/KH-UBND", ".../KH-UBND"). Returns (start, end, normalized).
fn parse_number(text: &str, i: usize, allow_blank: bool) -> Option<(usize, usize, String)> {
    let rest = text.get(i..)?;
    let nd = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::new();
    let mut j = i + nd;
    if nd == 0 {
        if !allow_blank {
            return None;
        }
        // dots or nothing, then "/"
        let nb = rest
            .chars()
            .take_while(|c| matches!(c, '.' | '…' | '_' | ' '))
            .map(char::len_utf8)
            .sum::<usize>();
        j = i + nb;
        if next_char(text, j) != Some('/') {
            return None;
        }
    } else if nd > 6 {
        return None;
    } else {
        out.push_str(&rest[..nd]);
    }
    let mut parts = 0;
    let mut year_done = false;
    let mut first = true;
    loop {
        let k = skip_ws(text, j);
        let sep = match next_char(text, k) {
            Some('/') => '/',
            Some('-') | Some('–') => '-',
            _ => break,
        };
        let k2 = skip_ws(text, k + next_char(text, k).map_or(1, char::len_utf8));
        // "/2023/" year part right after the digits
        if first && !year_done && sep == '/' {
            let yd = text
                .get(k2..)
                .map_or(0, |s| s.chars().take_while(|c| c.is_ascii_digit()).count());
            if yd == 4 {
                let after = skip_ws(text, k2 + 4);
                if matches!(next_char(text, after), Some('/') | Some('-')) {
                    out.push('/');
                    out.push_str(&text[k2..k2 + 4]);
                    year_done = true;
                    j = k2 + 4;
                    continue;
                }
            }
        }
        first = false;
        match symbol_part(text, k2) {
            Some(e) => {
                out.push(sep);
                out.push_str(&norm_part(&text[k2..e]));
                parts += 1;
                j = e;
            }
            None => break,
        }
    }
    if parts == 0 {
        return None;
    }
    Some((i, j, out))
}

/// The word lists of `grammars/citation.toml` `[words]`, as the scanners take them.
struct WordLists {
    subject_intro: Vec<&'static str>,
    verbs: Vec<&'static str>,
    issuer_stop: Vec<&'static str>,
    law_name_stop: Vec<&'static str>,
}

fn words() -> &'static WordLists {
    static WORDS: LazyLock<WordLists> = LazyLock::new(|| {
        let w = &kinds().words;
        let list = |v: &'static [String]| v.iter().map(String::as_str).collect();
        WordLists {
            subject_intro: list(&w.subject_intro),
            verbs: list(&w.verbs),
            issuer_stop: list(&w.issuer_stop),
            law_name_stop: list(&w.law_name_stop),
        }
    });
    &WORDS
}

/// True when a citation kind followed by a number starts at `i`.
fn head_starts_at(heads: &[Head], i: usize) -> bool {
    heads.iter().any(|h| h.start == i)
}

/// End of a phrase starting at `i`: stops at ";", unbalanced ")", a sentence-ending ".",
/// any of `stop_chars`, and (when `stop_words`) before a stop word; also before a chained
/// head (one preceded by "," or "và").
fn phrase_end(
    text: &str,
    i: usize,
    stop_chars: &[char],
    stop_words: &[&[&str]],
    heads: &[Head],
    max_words: usize,
) -> usize {
    let mut depth = 0i32;
    let mut j = i;
    let mut last_word_end = i;
    let mut words = 0;
    let mut at_word_start = true;
    while let Some(c) = next_char(text, j) {
        if at_word_start && !c.is_whitespace() && j > i {
            // a new word starts at j
            for list in stop_words {
                if starts_any(text, j, list).is_some() {
                    return last_word_end;
                }
            }
            if head_starts_at(heads, j) {
                let before = text[i..j].trim_end();
                if before.ends_with(',') || before.ends_with(" và") || before.ends_with("\nvà") {
                    let b = before.trim_end_matches(',');
                    let b = b.strip_suffix("và").unwrap_or(b).trim_end();
                    return i + b.len();
                }
            }
            words += 1;
            if words >= max_words {
                return last_word_end;
            }
        }
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return last_word_end.max(trim_end_at(text, i, j));
                }
            }
            ';' => return trim_end_at(text, i, j),
            '.' | '…' => {
                let n = next_char(text, j + c.len_utf8());
                let n2 = next_char(text, skip_ws(text, j + c.len_utf8()));
                let sentence_end = n.is_none()
                    || (n.is_some_and(char::is_whitespace)
                        && n2.is_none_or(|x| x.is_uppercase() || x == '-' || x == '+'));
                if sentence_end {
                    return trim_end_at(text, i, j);
                }
            }
            _ => {}
        }
        if stop_chars.contains(&c) && depth == 0 {
            return trim_end_at(text, i, j);
        }
        j += c.len_utf8();
        if c.is_whitespace() {
            at_word_start = true;
        } else {
            at_word_start = false;
            last_word_end = j;
        }
    }
    trim_end_at(text, i, j)
}

/// `j` moved back over trailing whitespace, not before `i`.
fn trim_end_at(text: &str, i: usize, j: usize) -> usize {
    i + text[i..j].trim_end().len()
}

#[derive(Debug, Clone)]
struct Head {
    start: usize,
    kind: &'static str,
    /// Where the kind ends (for "Luật <name>" with no number).
    after_kind: usize,
    number: Option<(usize, usize, String)>,
}

fn find_heads(text: &str) -> Vec<Head> {
    let mut heads = Vec::new();
    let mut from = 0;
    while let Some(m) = KIND_RE.find_at(text, from) {
        // A rejected match may hide one starting inside it: go on from its next char.
        from = m.start() + next_char(text, m.start()).map_or(1, char::len_utf8);
        // Abbreviations ("QĐ") are at most 3 bytes, kind words ("luật") at least 4.
        let (kind, is_abbrev) = match m.len() <= 3 {
            true => (abbrev_kind(m.as_str()), true),
            false => match canonical_kind(m.as_str()) {
                Some(k) => (k, false),
                None => continue,
            },
        };
        // A kind may follow a digit glued to it by a scraper ("- 1Kế hoạch"), not a letter;
        // an abbreviation stands alone.
        let glued = match prev_char(text, m.start()) {
            Some(c) if is_abbrev => is_word_char(c),
            Some(c) => c.is_alphabetic(),
            None => false,
        };
        if glued || next_char(text, m.end()).is_some_and(is_word_char) {
            continue;
        }
        from = m.end();
        let mut i = skip_ws(text, m.end());
        let mut has_so = false;
        if let Some(e) = starts_word(text, i, "số") {
            has_so = true;
            i = e;
            while let Some(c) = next_char(text, i) {
                if c.is_whitespace() || c == ':' || c == '.' && !has_digit_at(text, i + 1) {
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
        } else if next_char(text, i) == Some(':') {
            i = skip_ws(text, i + 1);
        }
        let number = parse_number(text, i, has_so && !is_abbrev);
        if number.is_none() {
            if is_abbrev || !has_so && kind != "Luật" {
                continue;
            }
            if kind != "Luật" {
                continue;
            }
        }
        heads.push(Head {
            start: m.start(),
            kind,
            after_kind: m.end(),
            number,
        });
    }
    heads
}

fn has_digit_at(text: &str, i: usize) -> bool {
    next_char(text, i).is_some_and(|c| c.is_ascii_digit())
}

/// "Luật Tổ chức chính quyền địa phương": the law's name, up to a date, "của", punctuation.
fn law_name(text: &str, h: &Head) -> Option<(usize, usize, String)> {
    if !text[h.start..].starts_with('L') {
        return None;
    }
    let i = skip_ws(text, h.after_kind);
    if !next_char(text, i).is_some_and(char::is_uppercase) {
        return None;
    }
    let end = phrase_end(
        text,
        i,
        &[',', ':', '(', '"', '“', '”'],
        &[&words().law_name_stop],
        &[],
        10,
    );
    if end <= i {
        return None;
    }
    Some((h.start, end, collapse_ws(&text[h.start..end])))
}

fn year_of_number(number: &str) -> Option<i32> {
    // "67/2023/NQ-HĐND": the second part, when it is a year
    let p = number.split('/').nth(1)?;
    (p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()))
        .then(|| p.parse().ok())
        .flatten()
}

/// A date right after the number: "ngày 01/8/2022", ", ngày 24 tháng 02 năm 2023",
/// "01/8/2022", or the year alone "năm 2022".
fn date_after(text: &str, j: usize, number: &str) -> Option<DateMatch> {
    let mut k = skip_ws(text, j);
    if next_char(text, k) == Some(',') {
        k = skip_ws(text, k + 1);
    }
    let rest = text.get(k..)?;
    if starts_word(text, k, "ngày").is_some() || rest.starts_with(|c: char| c.is_ascii_digit()) {
        let m = parse_date(rest)?;
        return Some(DateMatch {
            start: k + m.start,
            end: k + m.end,
            date: m.date,
        });
    }
    if let Some(e) = starts_word(text, k, "năm") {
        let y0 = skip_ws(text, e);
        let yd = text[y0..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if yd != 4 {
            return None;
        }
        let after = next_char(text, y0 + 4);
        if matches!(after, Some('-') | Some('–') | Some('/')) {
            return None;
        }
        let after2 = next_char(text, skip_ws(text, y0 + 4));
        if matches!(after2, Some('-') | Some('–')) {
            return None;
        }
        let y: i32 = text[y0..y0 + 4].parse().ok()?;
        if year_of_number(number).is_some_and(|ny| ny != y) {
            return None;
        }
        return Some(DateMatch {
            start: k,
            end: y0 + 4,
            date: PartialDate {
                year: Some(y),
                month: None,
                day: None,
            },
        });
    }
    None
}

/// All citations in a paragraph, ordered by start.
pub fn find_citations(text: &str) -> Vec<CitationMatch> {
    let heads = find_heads(text);
    let mut out = Vec::new();
    for h in &heads {
        let (ns, ne, number) = match &h.number {
            Some(n) => n.clone(),
            None => match law_name(text, h) {
                Some(n) => n,
                None => continue,
            },
        };
        let cm = finish(text, h.start, h.kind, ns, ne, number, &heads);
        out.push(cm);
    }
    // bare numbers: "148/QĐ-TTg" with no kind word before
    let taken: Vec<(usize, usize)> = out.iter().map(|c| (c.start, c.number_end)).collect();
    let mut bare = Vec::new();
    // Digits are ASCII, so every digit byte starts a char: walk the bytes.
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        if !bytes[pos].is_ascii_digit() {
            pos += 1;
            continue;
        }
        let boundary = prev_char(text, pos).is_none_or(|p| {
            !(p.is_alphanumeric() || matches!(p, '/' | '.' | ',' | '-' | '&' | '_'))
        });
        if boundary && !taken.iter().any(|&(s, e)| pos >= s && pos < e) {
            if let Some((ns, ne, number)) = parse_number(text, pos, false) {
                let kind = kind_from_number(&number);
                bare.push(finish(text, ns, kind, ns, ne, number, &heads));
                pos = ne;
                continue;
            }
        }
        pos += 1;
    }
    out.extend(bare);
    out.sort_by_key(|c| (c.start, c.end));
    out
}

fn finish(
    text: &str,
    start: usize,
    kind: &str,
    ns: usize,
    ne: usize,
    number: String,
    heads: &[Head],
) -> CitationMatch {
    let date = date_after(text, ne, &number);
    let mut end = date.as_ref().map_or(ne, |d| d.end);
    // issuer: ", của X"
    let mut issuer = None;
    let mut k = skip_ws(text, end);
    if next_char(text, k) == Some(',') {
        k = skip_ws(text, k + 1);
    }
    if let Some(e) = starts_word(text, k, "của") {
        let is = skip_ws(text, e);
        let w = words();
        let ie = phrase_end(
            text,
            is,
            &[',', ':', '(', '“', '"'],
            &[&w.issuer_stop, &w.verbs, &w.subject_intro],
            heads,
            16,
        );
        if ie > is {
            issuer = Some(collapse_ws(&text[is..ie]));
            end = ie;
        }
    }
    // subject: after "về việc" / "về" / "v/v", or from a verb
    let mut subject = None;
    let mut k = skip_ws(text, end);
    if next_char(text, k) == Some(',') {
        k = skip_ws(text, k + 1);
    }
    let mut ss = None;
    if let Some(e) = starts_any(text, k, &words().subject_intro) {
        let mut e = e;
        if next_char(text, e) == Some(':') {
            e += 1;
        }
        ss = Some(skip_ws(text, e));
    } else if starts_any(text, k, &words().verbs).is_some() {
        ss = Some(k);
    }
    if let Some(ss) = ss {
        let se = phrase_end(text, ss, &[], &[], heads, usize::MAX);
        if se > ss {
            let s = collapse_ws(&text[ss..se]);
            let s = s.trim_end_matches([',', ' ']).to_string();
            if !s.is_empty() {
                subject = Some(s);
                end = se;
            }
        }
    }
    CitationMatch {
        start,
        end,
        kind: kind.to_string(),
        number,
        number_start: ns,
        number_end: ne,
        date,
        issuer,
        subject,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quoted alternatives of the production `name = ... ;` in an EBNF file.
    fn production(ebnf: &str, name: &str) -> Vec<String> {
        let start = ebnf
            .lines()
            .position(|l| l.split('=').next().is_some_and(|n| n.trim() == name))
            .unwrap_or_else(|| panic!("production {name}"));
        let mut out = Vec::new();
        for line in ebnf.lines().skip(start) {
            let code = line.split("(*").next().unwrap();
            out.extend(code.split('"').skip(1).step_by(2).map(str::to_string));
            if code.contains(';') {
                break;
            }
        }
        out
    }

    #[test]
    fn the_ebnf_names_the_kinds_of_the_data() {
        let ebnf = include_str!("../../grammars/citation.ebnf");
        let names: Vec<String> = kinds().kind.iter().map(|k| k.name.clone()).collect();
        let heads: Vec<String> = kinds().kind.iter().flat_map(|k| k.heads.clone()).collect();
        assert_eq!(
            production(ebnf, "kind"),
            names,
            "citation.ebnf `kind` = citation.toml names"
        );
        assert_eq!(
            production(ebnf, "abbrev"),
            heads,
            "citation.ebnf `abbrev` = citation.toml heads"
        );
    }

    struct Want {
        kind: &'static str,
        number: &'static str,
        date: Option<(Option<i32>, Option<u32>, Option<u32>)>,
        issuer: Option<&'static str>,
        subject: Option<&'static str>,
    }

    fn w(
        kind: &'static str,
        number: &'static str,
        date: Option<(i32, u32, u32)>,
        issuer: Option<&'static str>,
        subject: Option<&'static str>,
    ) -> Want {
        Want {
            kind,
            number,
            date: date.map(|(y, m, d)| (Some(y), Some(m), Some(d))),
            issuer,
            subject,
        }
    }

    fn check(text: &str, want: &[Want]) {
        let got = find_citations(text);
        assert_eq!(
            got.len(),
            want.len(),
            "count in {text:?}: {:#?}",
            got.iter().map(|c| &c.number).collect::<Vec<_>>()
        );
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.kind, w.kind, "kind in {text:?}");
            assert_eq!(g.number, w.number, "number in {text:?}");
            let gd = g
                .date
                .as_ref()
                .map(|d| (d.date.year, d.date.month, d.date.day));
            assert_eq!(gd, w.date, "date in {text:?}");
            assert_eq!(g.issuer.as_deref(), w.issuer, "issuer in {text:?}");
            assert_eq!(g.subject.as_deref(), w.subject, "subject in {text:?}");
            assert!(g.start <= g.number_start && g.number_end <= g.end);
            assert!(text.is_char_boundary(g.start) && text.is_char_boundary(g.end));
        }
    }

    #[test]
    fn citations_table() {
        let qd = "Quyết định";
        let kh = "Kế hoạch";
        let nq = "Nghị quyết";
        let ttcp = Some("Thủ tướng Chính phủ");
        check(
            "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ về việc phê duyệt Chương trình mỗi xã một sản phẩm (OCOP) giai đoạn 2021 - 2025;",
            &[w(qd, "919/QĐ-TTg", Some((2022, 8, 1)), ttcp, Some("phê duyệt Chương trình mỗi xã một sản phẩm (OCOP) giai đoạn 2021 - 2025"))],
        );
        // no "số"
        check(
            "Căn cứ Kế hoạch 653/KH-UBND ngày 11/11/2022 của Ủy ban nhân dân tỉnh Đắk Nông về thực hiện Chương trình OCOP;",
            &[w(kh, "653/KH-UBND", Some((2022, 11, 11)), Some("Ủy ban nhân dân tỉnh Đắk Nông"), Some("thực hiện Chương trình OCOP"))],
        );
        // chained with ";"
        check(
            "Căn cứ Nghị quyết số 17-NQ/HU ngày 02/01/2024 của Huyện ủy Đắk R'Lấp về thực hiện nhiệm vụ năm 2024; Nghị quyết số 37/NQ-HĐND ngày 22/12/2023 của Hội đồng nhân dân huyện Đắk R'Lấp về việc thông qua Kế hoạch phát triển kinh tế - xã hội năm 2024;",
            &[
                w(nq, "17-NQ/HU", Some((2024, 1, 2)), Some("Huyện ủy Đắk R'Lấp"), Some("thực hiện nhiệm vụ năm 2024")),
                w(nq, "37/NQ-HĐND", Some((2023, 12, 22)), Some("Hội đồng nhân dân huyện Đắk R'Lấp"), Some("thông qua Kế hoạch phát triển kinh tế - xã hội năm 2024")),
            ],
        );
        // chained with "và", shared issuer on the second
        check(
            "theo quy định tại Quyết định số 1048/QĐ-TTg ngày 21/8/2019 và Quyết định số 781/QĐ-TTg ngày 08/6/2020 của Thủ tướng Chính phủ;",
            &[
                w(qd, "1048/QĐ-TTg", Some((2019, 8, 21)), None, None),
                w(qd, "781/QĐ-TTg", Some((2020, 6, 8)), ttcp, None),
            ],
        );
        // wrapped across lines, even after "số" and inside the kind
        check(
            "Căn cứ Quyết\nđịnh số\n148/QĐ-TTg ngày\n24/02/2023 của Thủ tướng\nChính phủ về việc ban hành Bộ Tiêu chí.",
            &[w(qd, "148/QĐ-TTg", Some((2023, 2, 24)), ttcp, Some("ban hành Bộ Tiêu chí"))],
        );
        // odd spacing
        check(
            "Kế hoạch số 1578 /KH-UBND ngày 05/3/2024 của UBND tỉnh",
            &[w(
                kh,
                "1578/KH-UBND",
                Some((2024, 3, 5)),
                Some("UBND tỉnh"),
                None,
            )],
        );
        check(
            "Kế hoạch số 1578/ KH-UBND; Quyết định số 12/QĐ - TTg",
            &[
                w(kh, "1578/KH-UBND", None, None, None),
                w(qd, "12/QĐ-TTg", None, None, None),
            ],
        );
        check(
            "Căn cứ Nghị quyết số 01- NQ/HU ngày 12/8/2020 của BCH Đảng bộ huyện lần thứ XI nhiệm kỳ 2020 – 2025.",
            &[w(nq, "01-NQ/HU", Some((2020, 8, 12)), Some("BCH Đảng bộ huyện lần thứ XI nhiệm kỳ 2020 – 2025"), None)],
        );
        // "số:" and upper case kind
        check(
            "QUYẾT ĐỊNH số: 36/QĐ-UBND ngày 12/01/2024 của Ủy ban nhân dân tỉnh về ban hành Kế hoạch",
            &[w(qd, "36/QĐ-UBND", Some((2024, 1, 12)), Some("Ủy ban nhân dân tỉnh"), Some("ban hành Kế hoạch"))],
        );
        // sector code, &
        check(
            "Thực hiện Văn bản số 3692/SNN-PTNT&QLCL ngày 31/8/2020 của Sở Nông nghiệp và PTNT về việc đề nghị xây dựng kế hoạch;",
            &[w("Văn bản", "3692/SNN-PTNT&QLCL", Some((2020, 8, 31)), Some("Sở Nông nghiệp và PTNT"), Some("đề nghị xây dựng kế hoạch"))],
        );
        // year in number, other province, subject by verb after issuer
        check(
            "Thông tư số 55/2023/TT-BTC ngày 15/8/2023 của Bộ Tài chính Quy định quản lý kinh phí; Nghị quyết số 67/2023/NQ-HĐND ngày 13/12/2023 của HĐND tỉnh Bắc Giang",
            &[
                w("Thông tư", "55/2023/TT-BTC", Some((2023, 8, 15)), Some("Bộ Tài chính"), Some("Quy định quản lý kinh phí")),
                w(nq, "67/2023/NQ-HĐND", Some((2023, 12, 13)), Some("HĐND tỉnh Bắc Giang"), None),
            ],
        );
        // abbreviation kind
        check(
            "QĐ số 148/QĐ-TTg và NĐ 30/2020/NĐ-CP",
            &[
                w(qd, "148/QĐ-TTg", None, None, None),
                w("Nghị định", "30/2020/NĐ-CP", None, None, None),
            ],
        );
        // lower case kind, Chỉ thị with dash form
        check(
            "thông tư 53/2022/TT-BTC Quy định quản lý; chỉ thị số 46-CT/TU ngày 27/6/2019 của Ban Thường vụ Tỉnh uỷ về tăng cường công tác lãnh đạo.",
            &[
                w("Thông tư", "53/2022/TT-BTC", None, None, Some("Quy định quản lý")),
                w("Chỉ thị", "46-CT/TU", Some((2019, 6, 27)), Some("Ban Thường vụ Tỉnh uỷ"), Some("tăng cường công tác lãnh đạo")),
            ],
        );
        // Luật with a number, and by name
        check(
            "Căn cứ Luật số 72/2025/QH15 ngày 16/6/2025; Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
            &[
                w("Luật", "72/2025/QH15", Some((2025, 6, 16)), None, None),
                w("Luật", "Luật Tổ chức chính quyền địa phương", Some((2015, 6, 19)), None, None),
            ],
        );
        // bare numbers, kind inferred
        check(
            "Hướng dẫn theo 148/QĐ-TTg, 17-NQ/HU và 6384/BNN-VPĐP.",
            &[
                w(qd, "148/QĐ-TTg", None, None, None),
                w(nq, "17-NQ/HU", None, None, None),
                w("Văn bản", "6384/BNN-VPĐP", None, None, None),
            ],
        );
        // scraped list item: "năm 2022" as the year, verb subject
        let c = find_citations(
            "- 1Kế hoạch 4056/KH-UBND năm 2022 thực hiện Chương trình mỗi xã một sản phẩm (OCOP)",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].number, "4056/KH-UBND");
        assert_eq!(c[0].date.as_ref().map(|d| d.date.year), Some(Some(2022)));
        assert_eq!(
            c[0].subject.as_deref(),
            Some("thực hiện Chương trình mỗi xã một sản phẩm (OCOP)")
        );
        // in parentheses
        check(
            "trên địa bàn tỉnh Bắc Giang (Quyết định số 121/QĐ-UBND ngày 30/01/2023 của UBND tỉnh).",
            &[w(qd, "121/QĐ-UBND", Some((2023, 1, 30)), Some("UBND tỉnh"), None)],
        );
        // draft blank number
        check(
            "(Kèm theo Kế hoạch số      /KH-UBND ngày     /   /2024 của UBND huyện)",
            &[Want {
                kind: kh,
                number: "/KH-UBND",
                date: Some((Some(2024), None, None)),
                issuer: Some("UBND huyện"),
                subject: None,
            }],
        );
        // nested citation in the subject is reported too
        let t = "Kế hoạch số 10946/KH-UBND ngày 24/9/2019 của UBND tỉnh về việc triển khai thực hiện Chỉ thị số 46-CT/TU ngày 27/6/2019 của Ban Thường vụ Tỉnh uỷ.";
        let c = find_citations(t);
        assert_eq!(c.len(), 2);
        assert!(c[0]
            .subject
            .as_deref()
            .unwrap()
            .starts_with("triển khai thực hiện Chỉ thị số 46-CT/TU"));
        assert_eq!(c[1].number, "46-CT/TU");
        // issuer stops before "và các ..."
        let c = find_citations("Nghị quyết số 67/2023/NQ-HĐND ngày 13/12/2023 của HĐND tỉnh Bắc Giang và các chính sách có liên quan");
        assert_eq!(c[0].issuer.as_deref(), Some("HĐND tỉnh Bắc Giang"));
        // comma before the date
        let c = find_citations("Quyết định số 1698/QĐ-UBND, ngày 05/6/2020 của UBND tỉnh");
        assert_eq!(
            c[0].date.as_ref().and_then(|d| d.date.to_naive()),
            chrono::NaiveDate::from_ymd_opt(2020, 6, 5)
        );
    }

    #[test]
    fn citations_negative() {
        for t in [
            "ngày 01/8/2022",
            "01/8/2022",
            "tỷ lệ 1/2 và 3/4",
            "kinh phí 1.000.000 đồng",
            "Kế hoạch phát triển kinh tế - xã hội năm 2024",
            "giai đoạn 2021-2025",
            "2 lần/năm",
            "Quyết định số tiền hỗ trợ",
            "theo luật ngân sách",
            "Điều 13, khoản 2",
            "",
        ] {
            let c = find_citations(t);
            assert!(c.is_empty(), "{t:?}: {c:#?}");
        }
    }
}
