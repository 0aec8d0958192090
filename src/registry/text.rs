//! Text normalization for registry lookups: NFC clusters with offsets, tokens, tone-mark
//! placement, abbreviation expansion, localities, document numbers and headings.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::Registry;

/// A token of the normalized text, with its byte span in the original text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tok {
    /// Lower case, NFC, tone placement unified; separators "&", "-" read as "và".
    pub lower: String,
    /// As written (NFC, tone placement unified).
    pub cased: String,
    pub start: usize,
    pub end: usize,
}

/// Grapheme-ish clusters (a base char and its combining marks), composed to NFC:
/// (original start, original end, composed text). Only clusters with marks are copied:
/// this runs over every paragraph, and almost all of them are NFC already.
fn clusters(text: &str) -> Vec<(usize, usize, Cow<'_, str>)> {
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 2);
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        match spans.last_mut() {
            Some(last) if is_combining_mark(c) => last.1 = end,
            _ => spans.push((i, end)),
        }
    }
    spans
        .into_iter()
        .map(|(s, e)| {
            let raw = &text[s..e];
            let composed = match raw.chars().nth(1) {
                Some(_) => Cow::Owned(raw.nfc().collect()),
                None => Cow::Borrowed(raw),
            };
            (s, e, composed)
        })
        .collect()
}

/// Maps byte offsets of an NFC copy back to the original text.
pub(crate) struct OffsetMap {
    /// (nfc start, orig start, orig end) per cluster; empty when the text was already NFC.
    spans: Vec<(usize, usize, usize)>,
    orig_len: usize,
}

impl OffsetMap {
    pub fn orig(&self, nfc: usize) -> usize {
        if self.spans.is_empty() {
            return nfc;
        }
        match self.spans.binary_search_by_key(&nfc, |s| s.0) {
            Ok(i) => self.spans[i].1,
            Err(0) => 0,
            Err(i) => self.spans[i - 1].1,
        }
    }

    pub fn orig_end(&self, nfc_end: usize) -> usize {
        if self.spans.is_empty() {
            return nfc_end;
        }
        match self.spans.binary_search_by_key(&nfc_end, |s| s.0) {
            Ok(0) | Err(0) => 0,
            Ok(i) => self.spans[i - 1].2,
            Err(i) if i >= self.spans.len() => self.orig_len,
            Err(i) => self.spans[i - 1].2,
        }
    }
}

/// The NFC form of a text and a map back to the original offsets.
pub(crate) fn nfc_with_map(text: &str) -> (Cow<'_, str>, OffsetMap) {
    if crate::source::is_nfc(text) {
        return (
            Cow::Borrowed(text),
            OffsetMap {
                spans: Vec::new(),
                orig_len: text.len(),
            },
        );
    }
    let mut s = String::with_capacity(text.len());
    let mut spans = Vec::new();
    for (a, b, c) in clusters(text) {
        spans.push((s.len(), a, b));
        s.push_str(&c);
    }
    (
        Cow::Owned(s),
        OffsetMap {
            spans,
            orig_len: text.len(),
        },
    )
}

const TONED: [(char, [char; 5]); 10] = [
    ('a', ['à', 'á', 'ả', 'ã', 'ạ']),
    ('A', ['À', 'Á', 'Ả', 'Ã', 'Ạ']),
    ('e', ['è', 'é', 'ẻ', 'ẽ', 'ẹ']),
    ('E', ['È', 'É', 'Ẻ', 'Ẽ', 'Ẹ']),
    ('y', ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ']),
    ('Y', ['Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ']),
    ('o', ['ò', 'ó', 'ỏ', 'õ', 'ọ']),
    ('O', ['Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ']),
    ('u', ['ù', 'ú', 'ủ', 'ũ', 'ụ']),
    ('U', ['Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ']),
];

fn tone_of(c: char) -> Option<(char, usize)> {
    TONED
        .iter()
        .find_map(|(base, v)| v.iter().position(|&x| x == c).map(|i| (*base, i)))
}

fn with_tone(base: char, tone: usize) -> Option<char> {
    TONED.iter().find(|(b, _)| *b == base).map(|(_, v)| v[tone])
}

/// Unify old and new tone-mark placement in open syllables: "hoà" -> "hòa", "Uỷ" -> "Ủy",
/// "khoẻ" -> "khỏe" ("quý" stays). Both placements are accepted spellings.
pub(crate) fn unify_tone(word: &str) -> String {
    let mut rev = word.chars().rev();
    let (Some(v2), Some(v1)) = (rev.next(), rev.next()) else {
        return word.to_string();
    };
    let Some((base2, tone)) = tone_of(v2) else {
        return word.to_string();
    };
    let ok = match (v1, base2.to_ascii_lowercase()) {
        ('o' | 'O', 'a' | 'e') => true,
        ('u' | 'U', 'y') => !matches!(rev.next(), Some('q' | 'Q')),
        _ => false,
    };
    match with_tone(v1, tone).filter(|_| ok) {
        Some(t1) => {
            let mut out = word[..word.len() - v1.len_utf8() - v2.len_utf8()].to_string();
            out.push(t1);
            out.push(base2);
            out
        }
        None => word.to_string(),
    }
}

fn fold_char(c: char) -> char {
    match c {
        'Ð' => 'Đ',
        'ð' => 'đ',
        '’' | 'ʼ' | '‘' => '\'',
        _ => c,
    }
}

fn is_dash_or_amp(c: char) -> bool {
    matches!(c, '&' | '-' | '–' | '—' | '−' | '‐' | '‑')
}

/// Tokenize: words (letters, digits, inner apostrophes), separators ("&" and dashes, read as
/// "và"), and single punctuation tokens. Markdown emphasis and heading marks are ignored; a tab
/// (table cell boundary) becomes a "|" token.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let cl = clusters(text);
    let mut out = Vec::new();
    let mut word = String::new();
    let mut wstart = 0;
    let mut wend = 0;
    let flush = |word: &mut String, out: &mut Vec<Tok>, s: usize, e: usize| {
        if !word.is_empty() {
            let cased = unify_tone(word);
            out.push(Tok {
                lower: cased.to_lowercase(),
                cased,
                start: s,
                end: e,
            });
            word.clear();
        }
    };
    for (k, (s, e, c)) in cl.iter().enumerate() {
        let first = c.chars().next().map(fold_char).unwrap_or(' ');
        if first.is_alphanumeric() {
            if word.is_empty() {
                wstart = *s;
            }
            word.extend(c.chars().map(fold_char));
            wend = *e;
        } else if first == '\''
            && !word.is_empty()
            && cl
                .get(k + 1)
                .and_then(|n| n.2.chars().next())
                .is_some_and(|n| n.is_alphanumeric())
        {
            word.push('\'');
            wend = *e;
        } else {
            flush(&mut word, &mut out, wstart, wend);
            if first == '\t' || first == '|' {
                out.push(Tok {
                    lower: "|".into(),
                    cased: "|".into(),
                    start: *s,
                    end: *e,
                });
            } else if first.is_whitespace() || matches!(first, '*' | '#' | '_' | '\\' | '`') {
                continue;
            } else if is_dash_or_amp(first) {
                out.push(Tok {
                    lower: "và".into(),
                    cased: first.to_string(),
                    start: *s,
                    end: *e,
                });
            } else {
                out.push(Tok {
                    lower: first.to_string(),
                    cased: first.to_string(),
                    start: *s,
                    end: *e,
                });
            }
        }
    }
    flush(&mut word, &mut out, wstart, wend);
    out
}

pub(crate) fn is_sep(s: &str) -> bool {
    s == "và" || s == ","
}

/// Token equality where "và", "&", "-" and "," are interchangeable.
pub(crate) fn soft_eq(a: &str, b: &str) -> bool {
    a == b || (is_sep(a) && is_sep(b))
}

/// Replace abbreviations (longest first) by their expansion; expanded tokens carry the span of
/// the abbreviation.
pub(crate) fn expand_abbreviations(toks: Vec<Tok>, reg: &Registry) -> Vec<Tok> {
    let ix = &reg.index.abbreviations;
    if ix.is_empty() {
        return toks;
    }
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let hit = ix.get(&toks[i].lower).and_then(|cands| {
            cands.iter().find(|(key, idx)| {
                key.len() <= toks.len() - i
                    && key
                        .iter()
                        .zip(&toks[i..])
                        .all(|(k, t)| soft_eq(k, &t.lower))
                    && {
                        let only = &reg.abbreviations[*idx].only_after;
                        only.is_empty() || {
                            let prev = toks[..i].iter().rev().find(|t| !is_sep(&t.lower));
                            prev.is_some_and(|p| only.iter().any(|o| o.to_lowercase() == p.lower))
                        }
                    }
            })
        });
        match hit {
            Some((key, idx)) => {
                let (s, e) = (toks[i].start, toks[i + key.len() - 1].end);
                for t in tokenize(&reg.abbreviations[*idx].long) {
                    out.push(Tok {
                        start: s,
                        end: e,
                        ..t
                    });
                }
                i += key.len();
            }
            None => {
                out.push(toks[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// A locality qualifying an agency mention.
pub(crate) struct Loc {
    /// Token range of the locality (keyword and name).
    pub start: usize,
    pub end: usize,
    /// Index into `Registry::localities`.
    pub word: usize,
    /// The agency entry whose name is exactly the locality, if any.
    pub entry: Option<usize>,
}

fn locality_key_at(toks: &[Tok], i: usize, reg: &Registry) -> Option<(usize, usize)> {
    reg.index.localities.iter().find_map(|(key, li)| {
        (i + key.len() <= toks.len() && key.iter().zip(&toks[i..]).all(|(k, t)| *k == t.lower))
            .then_some((key.len(), *li))
    })
}

fn is_name_token(t: &Tok) -> bool {
    t.cased
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The locality of a mention spanning tokens `s..e`: either its own last word ("UBND huyện")
/// or a following keyword, plus a capitalized place name.
pub(crate) fn locality_at(toks: &[Tok], s: usize, e: usize, reg: &Registry) -> Option<Loc> {
    let mut own = None;
    for (key, li) in &reg.index.localities {
        let k = key.len();
        if e - s > k && toks[e - k..e].iter().zip(key).all(|(t, w)| t.lower == *w) {
            own = Some((e - k, *li));
            break;
        }
    }
    let (start, after, word) = match own {
        Some((st, li)) => (st, e, li),
        None => {
            let (k, li) = locality_key_at(toks, e, reg)?;
            (e, e + k, li)
        }
    };
    let mut names = 0;
    while names < 4 && after + names < toks.len() && is_name_token(&toks[after + names]) {
        names += 1;
    }
    // A lone capitalized word followed by a lower-case word is the start of a sentence
    // ("UBND huyện Kế hoạch", "HĐND tỉnh Quy định"), not a place name.
    if names == 1
        && toks
            .get(after + 1)
            .is_some_and(|t| t.cased.chars().next().is_some_and(|c| c.is_lowercase()))
    {
        names = 0;
    }
    let mut chosen = names;
    let mut entry = None;
    for k in (1..=names).rev() {
        if let Some(idx) = reg.exact_alias(&toks[start..after + k]) {
            chosen = k;
            entry = Some(idx);
            break;
        }
    }
    if entry.is_none() {
        chosen = names.min(3);
    }
    Some(Loc {
        start,
        end: after + chosen,
        word,
        entry,
    })
}

/// Fold a document number for lookup: NFC, no spaces, upper case, Đ -> D, dashes unified,
/// a leading "Số" dropped, leading zeros of the first number dropped.
pub fn fold_document_number(s: &str) -> String {
    let (nfc, _) = nfc_with_map(s);
    let mut out = String::new();
    for c in nfc.chars() {
        let c = fold_char(c);
        if c.is_whitespace() {
            continue;
        }
        match c {
            'Đ' | 'đ' => out.push('D'),
            c if is_dash_or_amp(c) && c != '&' => out.push('-'),
            c => out.extend(c.to_uppercase()),
        }
    }
    let mut rest = out.as_str();
    for p in ["SỐ:", "SỐ", "SO:"] {
        if let Some(r) = rest.strip_prefix(p) {
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                rest = r;
                break;
            }
        }
    }
    let trimmed = rest.trim_start_matches('0');
    if trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        trimmed.to_string()
    } else {
        rest.to_string()
    }
}

/// Fold a heading for pattern matching: NFC, tone placement unified, upper case, single spaces,
/// markup and trailing punctuation removed.
pub(crate) fn fold_heading(s: &str) -> String {
    let (nfc, _) = nfc_with_map(s);
    let words: Vec<String> = nfc
        .split(|c: char| c.is_whitespace() || matches!(c, '*' | '#' | '_' | '`' | '\\'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let core_end = w
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_alphanumeric())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let (core, tail) = w.split_at(core_end);
            let core: String = core.chars().map(fold_char).collect();
            format!("{}{}", unify_tone(&core), tail).to_uppercase()
        })
        .collect();
    let joined = words.join(" ");
    joined
        .trim_end_matches([':', '.', ';', ',', ' '])
        .to_string()
}

/// Strip numbering markers from a heading: "Phần thứ hai", "PHẦN I", "II.", "1.1.", "a)".
pub(crate) fn strip_heading_marker(s: &str) -> String {
    static MARKERS: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = MARKERS.get_or_init(|| {
        [
            r"^(?i:phần)\s+(?:(?i:thứ)\s+\S+|[IVXLC]+|\d+)\s*[:.\-–]?\s*",
            r"^[IVXLC]+\s*[.:)\-–]\s*",
            r"^\d+(?:\.\d+)*\s*[.:)\-–]?\s+",
            r"^[a-zđ]\s*[).]\s+",
        ]
        .iter()
        .map(|p| Regex::new(p).expect("marker regex"))
        .collect()
    });
    let (nfc, _) = nfc_with_map(s);
    let mut cur = nfc
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#' | '_' | '\\'))
        .to_string();
    loop {
        let before = cur.len();
        for re in res {
            if let Some(m) = re.find(&cur) {
                cur = cur[m.end()..]
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#'))
                    .to_string();
            }
        }
        if cur.len() == before {
            break;
        }
    }
    cur
}
