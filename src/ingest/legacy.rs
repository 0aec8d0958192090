//! Legacy Vietnamese encodings and mojibake.
//!
//! Old provincial archives hold plain text in three pre-Unicode forms:
//!
//! * **TCVN3** (ABC, TCVN 5712:1993 VN3, the `.VnTime` fonts): one byte per letter,
//!   lowercase precomposed letters in 0xA8..=0xFE, `Ă Â Ê Ô Ơ Ư Đ` in 0xA1..=0xA7 and a few
//!   uppercase letters in the gaps. The uppercase fonts (`.VnTimeH`) draw uppercase glyphs
//!   for the *lowercase* codes, so such text decodes to lowercase; [`decode_legacy`] restores
//!   uppercase for words and lines that are otherwise all caps, but a capital initial with a
//!   diacritic (`Ủy` typed in `.VnTimeH`) comes back lowercase.
//! * **VNI** (VNI-Windows, `VNI-Times`): base letter followed by a mark byte (`a` + `ù` = `á`),
//!   plus single bytes for `đ ơ ư` and the `i` family.
//! * **Windows-1258**: Latin-1 precomposed letters plus combining tone marks.
//!
//! and Unicode files carrying mojibake: UTF-8 read as Windows-1252 (`Káº¿ hoáº¡ch`), or
//! TCVN3 / VNI bytes shown through Windows-1252 (`KÕ ho¹ch`, `Keá hoaïch`), see
//! [`find_mojibake`].
//!
//! Both functions judge a candidate by the share of words that are well-formed Vietnamese
//! syllables (onset + glide + nucleus + coda, one tone at most, on a vowel, and only the
//! acute or dot-below tone before a stop coda).

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------
// Code-page tables
// ---------------------------------------------------------------------------------------

/// Windows-1252 0x80..=0x9F. Undefined positions map to the C1 control of the same value.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// TCVN3 (TCVN 5712:1993 VN3) 0xA0..=0xFF. 0xB0..=0xB4 are the combining tone marks.
/// Below 0xA0 the files are what Windows saved: ASCII and Windows-1252 punctuation.
const TCVN3_HIGH: [char; 96] = [
    // 0xA0
    '\u{A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
    // 0xB0
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ',
    'ẵ', 'ắ', 'Ẵ', // 0xC0
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ',
    // 0xD0
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò',
    // 0xE0
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù',
    // 0xF0
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
];

/// VNI single-byte letters (lowercase; the uppercase byte is 0x20 lower).
const VNI_SINGLE: [(u8, char); 9] = [
    (0xF1, 'đ'),
    (0xF4, 'ơ'),
    (0xF6, 'ư'),
    (0xED, 'í'),
    (0xEC, 'ì'),
    (0xE6, 'ỉ'),
    (0xF3, 'ĩ'),
    (0xF2, 'ị'),
    (0xEE, 'ỵ'),
];

const ACUTE: char = '\u{301}';
const GRAVE: char = '\u{300}';
const HOOK: char = '\u{309}';
const TILDE: char = '\u{303}';
const DOT: char = '\u{323}';
const CIRC: char = '\u{302}';
const BREVE: char = '\u{306}';

/// What a VNI mark byte adds: (vowel modifier, tone). Lowercase mark bytes; uppercase ones
/// are 0x20 lower.
const VNI_MARKS: [(u8, Option<char>, Option<char>); 17] = [
    (0xF9, None, Some(ACUTE)),
    (0xF8, None, Some(GRAVE)),
    (0xFB, None, Some(HOOK)),
    (0xF5, None, Some(TILDE)),
    (0xEF, None, Some(DOT)),
    (0xE2, Some(CIRC), None),
    (0xE1, Some(CIRC), Some(ACUTE)),
    (0xE0, Some(CIRC), Some(GRAVE)),
    (0xE5, Some(CIRC), Some(HOOK)),
    (0xE3, Some(CIRC), Some(TILDE)),
    (0xE4, Some(CIRC), Some(DOT)),
    (0xEA, Some(BREVE), None),
    (0xE9, Some(BREVE), Some(ACUTE)),
    (0xE8, Some(BREVE), Some(GRAVE)),
    (0xFA, Some(BREVE), Some(HOOK)),
    (0xFC, Some(BREVE), Some(TILDE)),
    (0xEB, Some(BREVE), Some(DOT)),
];

/// Windows-1258 positions that differ from Windows-1252.
const CP1258_DIFF: [(u8, char); 18] = [
    (0x8A, '\u{8A}'),
    (0x8E, '\u{8E}'),
    (0x9A, '\u{9A}'),
    (0x9E, '\u{9E}'),
    (0xC3, 'Ă'),
    (0xCC, '\u{300}'),
    (0xD0, 'Đ'),
    (0xD2, '\u{309}'),
    (0xD5, 'Ơ'),
    (0xDD, 'Ư'),
    (0xDE, '\u{303}'),
    (0xE3, 'ă'),
    (0xEC, '\u{301}'),
    (0xF0, 'đ'),
    (0xF2, '\u{323}'),
    (0xF5, 'ơ'),
    (0xFD, 'ư'),
    (0xFE, '\u{20AB}'),
];

fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The Windows-1252 byte that shows as `c` (C1 controls count as their own byte).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == c)
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

fn tcvn3_char(b: u8) -> char {
    if b >= 0xA0 {
        TCVN3_HIGH[usize::from(b - 0xA0)]
    } else {
        cp1252_char(b)
    }
}

/// True for the TCVN3 codes of lowercase letters, which `.VnTimeH` also uses for capitals.
fn tcvn3_case_ambiguous(b: u8) -> bool {
    (0xA8..=0xFE).contains(&b) && TCVN3_HIGH[usize::from(b - 0xA0)].is_lowercase()
}

fn cp1258_char(b: u8) -> char {
    CP1258_DIFF
        .iter()
        .find(|(k, _)| *k == b)
        .map_or_else(|| cp1252_char(b), |(_, c)| *c)
}

fn vni_mark(b: u8) -> Option<(Option<char>, Option<char>)> {
    let lower = if (0xC0..=0xDF).contains(&b) {
        b + 0x20
    } else {
        b
    };
    VNI_MARKS
        .iter()
        .find(|(k, _, _)| *k == lower)
        .map(|(_, m, t)| (*m, *t))
}

fn vni_single(b: u8) -> Option<char> {
    if let Some((_, c)) = VNI_SINGLE.iter().find(|(k, _)| *k == b) {
        return Some(*c);
    }
    VNI_SINGLE
        .iter()
        .find(|(k, _)| *k - 0x20 == b)
        .and_then(|(_, c)| c.to_uppercase().next())
}

// ---------------------------------------------------------------------------------------
// Decoders (byte -> text), all return NFC
// ---------------------------------------------------------------------------------------

/// TCVN3 with case restoration for all-caps words and lines.
fn decode_tcvn3(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let line_caps = caps_context(line, 4);
        for word in line.split_inclusive(|b| b.is_ascii_whitespace()) {
            let upper = line_caps || caps_context(word, 2);
            for &b in word {
                let c = tcvn3_char(b);
                if upper && tcvn3_case_ambiguous(b) {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
            }
        }
    }
    out.nfc().collect()
}

/// True when the unambiguous cased letters of `bytes` (ASCII, TCVN3 0xA1..=0xA7) are all
/// uppercase and there are at least `min` of them.
fn caps_context(bytes: &[u8], min: usize) -> bool {
    let mut upper = 0usize;
    for &b in bytes {
        if b.is_ascii_lowercase() {
            return false;
        }
        if b.is_ascii_uppercase() || (0xA1..=0xA7).contains(&b) {
            upper += 1;
        }
    }
    upper >= min
}

fn decode_vni(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let base = match b {
            b'a' | b'e' | b'o' | b'u' | b'y' | b'A' | b'E' | b'O' | b'U' | b'Y' => {
                Some(char::from(b))
            }
            0xF4 | 0xF6 | 0xD4 | 0xD6 => vni_single(b),
            _ => None,
        };
        if let (Some(base), Some(&next)) = (base, bytes.get(i + 1)) {
            if let Some((modifier, tone)) = vni_mark(next) {
                let lower = base.to_lowercase().next().unwrap_or(base);
                let fits = match modifier {
                    None => matches!(lower, 'a' | 'e' | 'o' | 'u' | 'y' | 'ơ' | 'ư'),
                    Some(CIRC) => matches!(lower, 'a' | 'e' | 'o'),
                    Some(_) => lower == 'a',
                };
                if fits {
                    out.push(base);
                    out.extend(modifier);
                    out.extend(tone);
                    i += 2;
                    continue;
                }
            }
        }
        out.push(vni_single(b).unwrap_or_else(|| cp1252_char(b)));
        i += 1;
    }
    out.nfc().collect()
}

fn decode_cp1258(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| cp1258_char(b))
        .collect::<String>()
        .nfc()
        .collect()
}

// ---------------------------------------------------------------------------------------
// Vietnamese syllables
// ---------------------------------------------------------------------------------------

fn toned(base: char) -> String {
    let mut class = String::from("[");
    class.push(base);
    for tone in [GRAVE, ACUTE, HOOK, TILDE, DOT] {
        class.extend([base, tone].iter().collect::<String>().nfc());
    }
    class.push(']');
    class
}

static SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
    let v = |s: &str| s.chars().map(toned).collect::<String>();
    // Nuclei with their glide (o before a ă e, u before â ê y ơ yê ya).
    let nuclei = [
        "uyê", "uya", "oa", "oă", "oe", "uâ", "uê", "uy", "uơ", "iê", "yê", "uô", "ươ", "ia", "ua",
        "ưa", "oo", "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    ];
    let nucleus = nuclei.iter().map(|n| v(n)).collect::<Vec<_>>().join("|");
    // Coda k: highland place names (Đắk, Lắk).
    let pattern = format!(
        "^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?(?:{nucleus})(?:ch|ng|nh|[cmnptkiyou])?$"
    );
    Regex::new(&pattern).unwrap_or_else(|_| Regex::new("^$").unwrap_or_else(|_| unreachable!()))
});

/// Is `word` (any case, NFC) a well-formed Vietnamese syllable?
pub(crate) fn is_syllable(word: &str) -> bool {
    if word.is_empty() || word.chars().count() > 8 {
        return false;
    }
    thread_local! {
        static SEEN: WordVerdicts = WordVerdicts::default();
    }
    SEEN.with(|m| m.get_or(word, syllable_uncached))
}

/// Verdicts on words, remembered per thread: plans repeat a few thousand distinct words,
/// and every line of every file is read this way.
#[derive(Default)]
struct WordVerdicts(std::cell::RefCell<foldhash::HashMap<String, bool>>);

impl WordVerdicts {
    fn get_or(&self, word: &str, verdict: impl FnOnce(&str) -> bool) -> bool {
        if let Some(&v) = self.0.borrow().get(word) {
            return v;
        }
        let v = verdict(word);
        let mut m = self.0.borrow_mut();
        if m.len() > 100_000 {
            m.clear();
        }
        m.insert(word.to_string(), v);
        v
    }
}

fn syllable_uncached(word: &str) -> bool {
    let lower: String = word.to_lowercase().nfc().collect();
    if !SYLLABLE.is_match(&lower) {
        return false;
    }
    let tones: Vec<char> = lower
        .nfd()
        .filter(|c| matches!(*c, GRAVE | ACUTE | HOOK | TILDE | DOT))
        .collect();
    if tones.len() > 1 {
        return false;
    }
    // Tone on a coda semivowel (`keỏ`) is not Vietnamese: the last letter may carry the
    // tone only when it is the nucleus, i.e. the word has no other vowel before it.
    let stop = ["c", "ch", "p", "t", "k"]
        .iter()
        .any(|c| lower.ends_with(c));
    // Stop codas take the acute or dot-below tone; highland names also write "Đăk".
    let k_coda = lower.ends_with('k');
    if stop && !matches!(tones.first(), Some(&ACUTE) | Some(&DOT)) && !(k_coda && tones.is_empty())
    {
        return false;
    }
    // Letters without their tone (ơ stays ơ, ở becomes ơ).
    let letters: Vec<char> = lower
        .chars()
        .filter_map(|c| {
            c.nfd()
                .filter(|m| !matches!(*m, GRAVE | ACUTE | HOOK | TILDE | DOT))
                .nfc()
                .next()
        })
        .collect();
    // "qu" already holds the glide: no "quoa", "quoác".
    if letters.starts_with(&['q', 'u']) && matches!(letters.get(2), Some('o' | 'u')) {
        return false;
    }
    // Vowel + semivowel coda pairs that Vietnamese does not have ("míi", "kêi").
    if let [.., v, coda] = letters.as_slice() {
        const NO: [&str; 24] = [
            "ii", "iy", "yi", "yy", "ei", "ey", "êi", "êy", "uu", "oo", "ôo", "ơo", "uo", "ưo",
            "io", "yo", "âo", "ăo", "ăi", "ăy", "ău", "ôu", "ou", "eu",
        ];
        let pair: String = [*v, *coda].iter().collect();
        if NO.contains(&pair.as_str()) {
            return false;
        }
    }
    if tones.is_empty() {
        return true;
    }
    let marks_last = lower
        .chars()
        .last()
        .map(|c| {
            c.nfd()
                .any(|m| matches!(m, GRAVE | ACUTE | HOOK | TILDE | DOT))
        })
        .unwrap_or(false);
    if marks_last && letters.len() >= 2 {
        let before = letters[letters.len() - 2];
        let last = letters[letters.len() - 1];
        // "ia", "ua", "ưa", "oa" (hòa) and "uy" (thủy, quý) may end toned; a toned i/y/o/u
        // after another vowel (`keỏ`, `taì`) may not.
        let vowel = |c: char| "aăâeêioôơuưy".contains(c);
        if vowel(before) && matches!(last, 'i' | 'y' | 'o' | 'u') && !(before == 'u' && last == 'y')
        {
            return false;
        }
    }
    true
}

const EDGE_PUNCT: &[char] = &['“', '”', '‘', '’', '–', '—', '…', '•', '„', '‚'];

fn is_split(c: char) -> bool {
    c.is_ascii_whitespace() || c.is_ascii_punctuation() || (c.is_whitespace() && c != '\u{A0}')
}

/// Words that carry a non-ASCII character: (count, valid syllables, C0/C1 controls seen).
fn syllable_stats(text: &str) -> (usize, usize, usize) {
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    let (mut total, mut valid) = (0, 0);
    for word in text.split(is_split) {
        let word = word.trim_matches(EDGE_PUNCT);
        if word.is_ascii() || word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        total += 1;
        if is_syllable(word) {
            valid += 1;
        }
    }
    (total, valid, controls)
}

// ---------------------------------------------------------------------------------------
// decode_legacy
// ---------------------------------------------------------------------------------------

/// Decodes bytes that are not valid UTF-8 when they are Vietnamese text in TCVN3, VNI or
/// Windows-1258. Returns NFC text and the encoding's name (`"TCVN3"`, `"VNI"`,
/// `"Windows-1258"`). `None` for valid UTF-8 (nothing to do) and when no decoding gives
/// clearly Vietnamese text: the winner needs at least three Vietnamese words with diacritics,
/// 70% of its non-ASCII words must be valid syllables, it must beat the runner-up by 20
/// points, and the decoded text may hold almost no control characters.
///
/// TCVN3 `.VnTimeH` capitals share codes with lowercase letters; all-caps words and lines
/// come back uppercase, an initial capital with a diacritic comes back lowercase.
pub fn decode_legacy(bytes: &[u8]) -> Option<(String, &'static str)> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    // Vietnamese in any of the three is mostly ASCII letters and spaces (onsets, codas,
    // one space per syllable); random binary is not.
    let plain = bytes
        .iter()
        .filter(|b| b.is_ascii_alphabetic() || b.is_ascii_whitespace())
        .count();
    if plain * 2 < bytes.len() {
        return None;
    }
    let candidates = [
        (decode_tcvn3(bytes), "TCVN3"),
        (decode_vni(bytes), "VNI"),
        (decode_cp1258(bytes), "Windows-1258"),
    ];
    let mut scored: Vec<(f64, usize, usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, (text, _))| {
            let (total, valid, controls) = syllable_stats(text);
            let share = if total == 0 {
                0.0
            } else {
                valid as f64 / total as f64
            };
            (share, valid, controls, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    let (share, valid, controls, idx) = scored[0];
    let runner_up = scored[1].0;
    let chars = candidates[idx].0.chars().count().max(1);
    if valid < 3 || share < 0.7 || share - runner_up < 0.2 || controls * 100 > chars {
        return None;
    }
    candidates.into_iter().nth(idx)
}

// ---------------------------------------------------------------------------------------
// find_mojibake
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Utf8,
    Tcvn3,
    Vni,
}

#[derive(Debug)]
struct Hit {
    start: usize,
    end: usize,
    kind: Kind,
    strong: bool,
    repair: Option<String>,
    /// The other reading when VNI and TCVN3 both give Vietnamese; the line decides.
    alt: Option<(Kind, String)>,
    /// The repair has more small letters than the word (`KÕ` -> `Kế`): TCVN3 capitals
    /// showing lowercase letters.
    lowers: bool,
}

/// All pieces of `s` with non-ASCII letters are syllables or capital abbreviations
/// (`QĐ`, `HĐND`); ASCII pieces pass.
fn words_ok(s: &str) -> bool {
    s.split(|c: char| is_split(c) || c == '\u{A0}')
        .map(|w| {
            w.trim_matches(EDGE_PUNCT)
                .trim_matches(|c: char| c.is_ascii_digit())
        })
        .filter(|w| !w.is_ascii())
        .all(|w| {
            let abbreviation = w.chars().count() <= 8
                && w.chars().all(|c| c.is_ascii_uppercase() || c == 'Đ')
                && w.chars().any(|c| c.is_ascii_uppercase());
            abbreviation || (!w.chars().any(|c| c.is_ascii_digit()) && is_syllable(w))
        })
}

/// A capital after a small letter inside a word (`huyÖn`, `vÃ`): never Vietnamese spelling.
fn odd_case(word: &str) -> bool {
    let mut seen_lower = false;
    for c in word.chars() {
        if c.is_uppercase() && seen_lower {
            return true;
        }
        seen_lower |= c.is_lowercase();
    }
    false
}

fn to_cp1252_bytes(s: &str) -> Option<Vec<u8>> {
    s.chars().map(cp1252_byte).collect()
}

/// UTF-8 read as Windows-1252: Some((repair, complete)) when at least one multi-byte
/// sequence decodes to a non-ASCII letter.
fn unmangle_utf8(word: &str) -> Option<(String, bool)> {
    let mut bytes = Vec::with_capacity(word.len());
    for c in word.chars() {
        match cp1252_byte(c) {
            Some(b) => bytes.push(b),
            None => {
                let mut buf = [0u8; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    let decoded = String::from_utf8_lossy(&bytes);
    let complete = !decoded.contains('\u{FFFD}') || word.contains('\u{FFFD}');
    // Some original character (a letter or typographic punctuation) must have been
    // rebuilt from 2-3 mangled ones.
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let rebuilt = non_ascii(&decoded) < non_ascii(word)
        && decoded.chars().any(|c| {
            !c.is_ascii() && (c.is_alphabetic() || ('\u{2010}'..='\u{206F}').contains(&c))
        });
    rebuilt.then(|| (decoded.nfc().collect(), complete))
}

/// TCVN3 reading: (repair with capitals restored, plain table reading).
fn unmangle_tcvn3(word: &str) -> Option<(String, String)> {
    let bytes = to_cp1252_bytes(word)?;
    if !bytes.iter().any(|&b| b >= 0xA1) {
        return None;
    }
    let plain: String = bytes
        .iter()
        .map(|&b| tcvn3_char(b))
        .collect::<String>()
        .nfc()
        .collect();
    Some((decode_tcvn3(&bytes), plain))
}

fn unmangle_vni(word: &str) -> Option<String> {
    let bytes = to_cp1252_bytes(word)?;
    bytes.iter().any(|&b| b >= 0xC0).then(|| decode_vni(&bytes))
}

/// In valid Unicode text: runs that are mojibake, as (start, end, suggested repair), byte
/// offsets. Three kinds are found: UTF-8 read as Windows-1252 (`Káº¿ hoáº¡ch`), TCVN3 read
/// as Windows-1252 (`KÕ ho¹ch`), VNI read as Windows-1252 (`Keá hoaïch`, `Uûy ban`).
///
/// A word is a strong hit when it is not a Vietnamese syllable but its repair is; a word
/// whose repair is also a syllable but differs (`KÕ` -> `Kế`) is reported only on a line
/// that has a strong hit of the same kind. Adjacent hits on a line merge into one run.
/// Repair is `None` when bytes were lost (UTF-8 mojibake whose Windows-1252 undefined bytes
/// were dropped or replaced).
pub fn find_mojibake(text: &str) -> Vec<(usize, usize, Option<String>)> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        lines.push(scan_line(line, line_start));
        line_start += line.len();
    }
    // Words readable both as VNI and TCVN3 follow the line's unambiguous strong hits, or
    // the document's when the line has none.
    let doc_tcvn = tcvn_majority(lines.iter().flatten());
    let mut hits: Vec<Hit> = Vec::new();
    for line in lines {
        let tcvn = tcvn_majority(line.iter()).or(doc_tcvn).unwrap_or(false);
        hits.extend(accept(line, tcvn));
    }
    merge(text, hits)
}

/// Keeps strong hits, and chains of weak hits whose neighbours (the non-ASCII words just
/// before and after the chain) are strong hits of the same kind or the line's edge, with
/// at least one strong neighbour; one strong neighbour is enough when the chain's repair
/// lowers capitals (`KÕ` before `ho¹ch`). The line's words come as `None` (not a hit) or a hit.
fn tcvn_majority<'a>(words: impl Iterator<Item = &'a Option<Hit>>) -> Option<bool> {
    let (mut tcvn, mut vni) = (0, 0);
    for h in words.flatten().filter(|h| h.strong && h.alt.is_none()) {
        match h.kind {
            Kind::Tcvn3 => tcvn += 1,
            Kind::Vni => vni += 1,
            Kind::Utf8 => {}
        }
    }
    (tcvn + vni > 0).then_some(tcvn > vni)
}

fn accept(mut words: Vec<Option<Hit>>, tcvn_line: bool) -> Vec<Hit> {
    for h in words.iter_mut().flatten() {
        if let Some((kind, repair)) = h.alt.take() {
            if tcvn_line {
                h.kind = kind;
                h.repair = Some(repair);
            }
        }
    }
    let n = words.len();
    let mut keep = vec![false; n];
    let mut i = 0;
    while i < n {
        let Some(h) = &words[i] else {
            i += 1;
            continue;
        };
        if h.strong {
            keep[i] = true;
            i += 1;
            continue;
        }
        let kind = h.kind;
        let mut j = i;
        while j < n
            && words[j]
                .as_ref()
                .is_some_and(|w| !w.strong && w.kind == kind)
        {
            j += 1;
        }
        let strong_at = |k: usize| {
            words[k]
                .as_ref()
                .is_some_and(|w| w.strong && w.kind == kind)
        };
        let before = if i == 0 { None } else { Some(strong_at(i - 1)) };
        let after = if j == n { None } else { Some(strong_at(j)) };
        let lowering = words[i..j].iter().flatten().all(|w| w.lowers);
        let ok = match (before, after) {
            (Some(true), _) | (_, Some(true)) if lowering => true,
            (Some(false), _) | (_, Some(false)) | (None, None) => false,
            _ => true,
        };
        if ok {
            keep[i..j].iter_mut().for_each(|k| *k = true);
        }
        i = j;
    }
    words
        .into_iter()
        .zip(keep)
        .filter_map(|(w, k)| if k { w } else { None })
        .collect()
}

/// The non-ASCII words of a line, each with its mojibake reading if any.
fn scan_line(line: &str, offset: usize) -> Vec<Option<Hit>> {
    let mut hits = Vec::new();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if is_split(c) {
            if let Some(s) = start.take() {
                words.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push((s, line.len()));
    }
    // A line whose every word is Vietnamese as written has no strong hit, so nothing on it
    // is kept: most lines of a plan stop here, before the costly re-readings.
    thread_local! {
        static SUSPICIOUS: WordVerdicts = WordVerdicts::default();
    }
    let suspicious = words.iter().any(|&(s, e)| {
        let word = &line[s..e];
        !word.is_ascii()
            && SUSPICIOUS.with(|m| {
                m.get_or(word, |word| {
                    let core = word
                        .trim_matches(EDGE_PUNCT)
                        .trim_matches(|c: char| c.is_ascii_digit());
                    core.is_empty() || !words_ok(core) || odd_case(core)
                })
            })
    });
    if !suspicious {
        return hits;
    }
    for (s, mut e) in words {
        let mut word = &line[s..e];
        if word.is_ascii() {
            continue;
        }
        // "Ã " / "Æ " : à / Ơ whose no-break space became a plain space.
        if (word.ends_with('Ã') || word.ends_with('Æ')) && line[e..].starts_with(' ') {
            e += 1;
            word = &line[s..e];
        }
        let core = word
            .trim_matches(EDGE_PUNCT)
            .trim_end_matches(' ')
            .trim_matches(|c: char| c.is_ascii_digit());
        let orig_ok = !core.is_empty() && words_ok(core) && !odd_case(core);
        let reading = classify(line, s, e, orig_ok);
        // Valid words that VNI leaves as they are (`trình`) do not break a chain, like
        // ASCII words.
        if reading.is_none()
            && orig_ok
            && to_cp1252_bytes(word).is_some_and(|b| decode_vni(&b) == word)
        {
            continue;
        }
        hits.push(reading.map(|(kind, strong, repair, end, alt)| Hit {
            start: offset + s,
            end: offset + end,
            kind,
            strong,
            lowers: repair.as_deref().is_some_and(|r| lowers(&line[s..end], r)),
            repair,
            alt,
        }));
    }
    hits
}

/// A word's mojibake reading: kind, strong, repair, end, other reading.
type Reading = (Kind, bool, Option<String>, usize, Option<(Kind, String)>);

/// The mojibake reading of `line[s..e]`, if any.
fn classify(line: &str, s: usize, e: usize, orig_ok: bool) -> Option<Reading> {
    let word = &line[s..e];
    if let Some((repair, complete)) = unmangle_utf8(&word.replace(' ', "\u{A0}")) {
        if complete && words_ok(&repair) {
            return Some((Kind::Utf8, !orig_ok, Some(repair), e, None));
        }
        if !complete && !orig_ok && has_utf8_signature(word) {
            return Some((Kind::Utf8, true, None, e, None));
        }
    }
    let e = if word.ends_with(' ') { e - 1 } else { e };
    let word = &line[s..e];
    let plausible = |r: &String| r != word && words_ok(r) && !raises_case(word, r);
    let vni = unmangle_vni(word).filter(plausible);
    let tcvn = unmangle_tcvn3(word)
        .filter(|(r, plain)| r != word && words_ok(r) && !raises_case(word, plain))
        .map(|(r, _)| r);
    match (vni, tcvn) {
        (Some(r), None) => Some((Kind::Vni, !orig_ok, Some(r), e, None)),
        (None, Some(r)) => Some((Kind::Tcvn3, !orig_ok, Some(r), e, None)),
        (Some(v), Some(t)) => Some((Kind::Vni, !orig_ok, Some(v), e, Some((Kind::Tcvn3, t)))),
        (None, None) => None,
    }
}

fn lowers(orig: &str, repair: &str) -> bool {
    let small = |s: &str| s.chars().filter(|c| c.is_lowercase()).count();
    small(repair) > small(orig)
}

/// A repair that turns a lowercase letter into a capital (`và` -> `vỔ` through TCVN3's
/// capitals) is not the text's real reading. Both strings come from the same bytes.
fn raises_case(orig: &str, repair: &str) -> bool {
    let upper = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    let symbols = orig.chars().filter(|c| !c.is_alphabetic()).count();
    upper(repair) > upper(orig) + symbols
}

/// Lead pairs of UTF-8 Vietnamese letters seen through Windows-1252.
fn has_utf8_signature(word: &str) -> bool {
    ["áº", "á»", "Æ°", "Æ¡", "Ä‘", "Äƒ", "Ã"]
        .iter()
        .any(|p| word.contains(p))
}

fn merge(text: &str, hits: Vec<Hit>) -> Vec<(usize, usize, Option<String>)> {
    let mut out: Vec<(usize, usize, Option<String>)> = Vec::new();
    for h in hits {
        if let Some(last) = out.last_mut() {
            let gap = &text[last.1.min(h.start)..h.start];
            if last.1 <= h.start && !gap.contains('\n') && gap.chars().all(is_split) {
                last.2 = match (last.2.take(), h.repair) {
                    (Some(a), Some(b)) => Some(format!("{a}{gap}{b}")),
                    _ => None,
                };
                last.1 = h.end;
                continue;
            }
        }
        out.push((h.start, h.end, h.repair));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/legacy/");

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{FIX}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn fixture_text(name: &str) -> String {
        String::from_utf8(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    const TONE_MARKS: [char; 5] = [GRAVE, ACUTE, HOOK, TILDE, DOT];

    /// Splits an NFC letter into (base, modifier, tone).
    fn parts(c: char) -> (char, Option<char>, Option<char>) {
        let d: Vec<char> = c.nfd().collect();
        let modifier = d
            .iter()
            .copied()
            .find(|m| matches!(*m, CIRC | BREVE | '\u{31B}'));
        let tone = d.iter().copied().find(|m| TONE_MARKS.contains(m));
        (d[0], modifier, tone)
    }

    fn encode_tcvn3(s: &str) -> Vec<u8> {
        let code = |c: char| {
            TCVN3_HIGH
                .iter()
                .position(|&h| h == c)
                .and_then(|i| u8::try_from(0xA0 + i).ok())
        };
        let mut out = Vec::new();
        for c in s.nfc() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let b = if c.is_ascii() {
                Some(c as u8)
            } else if c.is_uppercase() && !"ĂÂÊÔƠƯĐ".contains(c) {
                code(lower) // .VnTimeH: capitals use the lowercase codes
            } else {
                code(c)
            };
            out.push(b.or_else(|| cp1252_byte(c)).unwrap_or(b'?'));
        }
        out
    }

    fn encode_vni(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for c in s.nfc() {
            if c.is_ascii() {
                out.push(c as u8);
                continue;
            }
            if let Some(b) = (0x80..=0xFFu8).find(|&b| vni_single(b) == Some(c)) {
                out.push(b);
                continue;
            }
            let (base, modifier, tone) = parts(c);
            let shift = if base.is_uppercase() { 0x20 } else { 0 };
            if modifier == Some('\u{31B}') {
                let horn: char = [base, '\u{31B}']
                    .iter()
                    .collect::<String>()
                    .nfc()
                    .next()
                    .unwrap_or(base);
                out.extend((0x80..=0xFFu8).find(|&b| vni_single(b) == Some(horn)));
            } else if "aeouyAEOUY".contains(base) {
                out.push(base as u8);
            } else {
                out.push(cp1252_byte(c).unwrap_or(b'?'));
                continue;
            }
            let modifier = modifier.filter(|m| *m != '\u{31B}');
            if modifier.is_some() || tone.is_some() {
                let (mark, _, _) = VNI_MARKS
                    .iter()
                    .find(|(_, m, t)| *m == modifier && *t == tone)
                    .unwrap_or_else(|| panic!("no VNI mark for {c}"));
                out.push(mark - shift);
            }
        }
        out
    }

    fn encode_cp1258(s: &str) -> Vec<u8> {
        let byte = |c: char| (0..=255u8).find(|&b| cp1258_char(b) == c);
        let mut out = Vec::new();
        for c in s.nfc() {
            if let Some(b) = byte(c) {
                out.push(b);
                continue;
            }
            let (base, modifier, tone) = parts(c);
            let body: String = [Some(base), modifier]
                .iter()
                .flatten()
                .collect::<String>()
                .nfc()
                .collect();
            let body = body.chars().next().and_then(byte);
            match (body, tone.and_then(byte)) {
                (Some(b), Some(t)) => out.extend([b, t]),
                _ => out.push(b'?'),
            }
        }
        out
    }

    fn words() -> Vec<String> {
        fixture_text("words.txt")
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn syllables() {
        for w in [
            "kế", "hoạch", "người", "Ủy", "quý", "thủy", "hòa", "hoà", "khỏe", "của", "giữa",
            "nghiêng", "chuyển", "thuở", "xoong", "gì", "Đắk", "năm", "được", "tỉnh",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "keỏ",
            "hoaïch",
            "uûy",
            "kõt",
            "cafe",
            "thàt",
            "ho¹ch",
            "ng\u{AD}êi",
            "áº¿",
            "tn",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    fn round_trip(name: &str, encode: fn(&str) -> Vec<u8>) -> (usize, usize) {
        let words = words();
        assert!(words.len() > 300);
        let text = words.join("\n");
        let (decoded, enc) = decode_legacy(&encode(&text)).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(enc, name);
        let got: Vec<&str> = decoded.lines().collect();
        assert_eq!(got.len(), words.len());
        let exact = words
            .iter()
            .zip(&got)
            .filter(|(w, g)| w.as_str() == **g)
            .count();
        for (w, g) in words.iter().zip(&got) {
            assert_eq!(w.to_lowercase(), g.to_lowercase(), "{name}");
        }
        (exact, words.len())
    }

    #[test]
    fn word_round_trips() {
        assert_eq!(
            round_trip("VNI", encode_vni),
            (words().len(), words().len())
        );
        assert_eq!(
            round_trip("Windows-1258", encode_cp1258),
            (words().len(), words().len())
        );
        let (exact, total) = round_trip("TCVN3", encode_tcvn3);
        // Only words with a capital carrying a diacritic (Ủy, Đắk is fine) may differ.
        let lower = words()
            .iter()
            .filter(|w| {
                !w.chars()
                    .any(|c| c.is_uppercase() && !c.is_ascii() && !"ĂÂÊÔƠƯĐ".contains(c))
            })
            .count();
        assert!(
            exact >= lower,
            "TCVN3 exact {exact}/{total}, lowercase-safe {lower}"
        );
        eprintln!("TCVN3 word round trip: {exact}/{total} exact, all equal ignoring case");
    }

    #[test]
    fn python_fixtures_match_rust_tables() {
        let source = fixture_text("source.txt");
        assert_eq!(encode_vni(&source), fixture("plan.vni.txt"));
        assert_eq!(encode_cp1258(&source), fixture("plan.cp1258.txt"));
        assert_eq!(encode_tcvn3(&source), fixture("plan.tcvn3.txt"));
    }

    #[test]
    fn decode_fixtures() {
        let source = fixture_text("source.txt");
        for (file, name) in [
            ("plan.vni.txt", "VNI"),
            ("plan.cp1258.txt", "Windows-1258"),
            ("plan.tcvn3.txt", "TCVN3"),
        ] {
            let (text, enc) = decode_legacy(&fixture(file)).unwrap_or_else(|| panic!("{file}"));
            assert_eq!(enc, name);
            if name == "TCVN3" {
                assert_eq!(text.to_lowercase(), source.to_lowercase());
                let lines = source.lines().count();
                let exact = text
                    .lines()
                    .zip(source.lines())
                    .filter(|(a, b)| a == b)
                    .count();
                eprintln!("TCVN3 plan excerpt: {exact}/{lines} lines exact");
                assert!(text.contains("KẾ HOẠCH"));
            } else {
                assert_eq!(text, source, "{file}");
            }
        }
    }

    #[test]
    fn rejects_non_vietnamese() {
        assert_eq!(decode_legacy(&fixture("random.bin")), None);
        assert_eq!(decode_legacy(&fixture("french.cp1252.txt")), None);
        assert_eq!(decode_legacy("Kế hoạch".as_bytes()), None);
        assert_eq!(decode_legacy(b""), None);
        assert_eq!(decode_legacy(&[0xFF]), None);
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for len in [1usize, 2, 3, 7, 64, 1000, 5000] {
            for _ in 0..30 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        (state >> 24) as u8
                    })
                    .collect();
                assert_eq!(decode_legacy(&bytes), None);
                let lossy = String::from_utf8_lossy(&bytes);
                let _ = find_mojibake(&lossy);
                let latin: String = bytes.iter().map(|&b| cp1252_char(b)).collect();
                let _ = find_mojibake(&latin);
            }
        }
    }

    #[test]
    fn mojibake_examples() {
        let hits = find_mojibake("Căn cứ Káº¿ hoáº¡ch số 130");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].2.as_deref(), Some("Kế hoạch"));
        let hits = find_mojibake("Căn cứ KÕ ho¹ch số 130");
        assert_eq!(hits[0].2.as_deref(), Some("Kế hoạch"));
        let hits = find_mojibake("Căn cứ Keá hoaïch cuûa Uûy ban");
        // "ban" is ASCII: the run stops before it.
        assert_eq!(hits[0].2.as_deref(), Some("Kế hoạch của Ủy"));
        let t = "Khu di tích lịch sử Chiếñ Khu Đ, Nhà nước, Đảo Ó, Đèo, “Hà Nội”, hoà, ôi";
        assert!(find_mojibake(t).is_empty());
    }

    fn apply(text: &str, hits: &[(usize, usize, Option<String>)]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (s, e, r) in hits {
            out.push_str(&text[at..*s]);
            out.push_str(r.as_deref().unwrap_or(&text[*s..*e]));
            at = *e;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn clean_text_has_no_mojibake() {
        for name in ["source.txt", "mojibake.orig.txt", "words.txt"] {
            let text = fixture_text(name);
            let hits = find_mojibake(&text);
            let shown: Vec<&str> = hits.iter().map(|(s, e, _)| &text[*s..*e]).collect();
            assert!(hits.is_empty(), "{name}: {shown:?}");
        }
        // The seed plans, when present.
        let Ok(dir) = std::fs::read_dir("/work/shared/seeds") else {
            return;
        };
        for entry in dir.flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let hits = find_mojibake(&text);
            let shown: Vec<&str> = hits.iter().map(|(s, e, _)| &text[*s..*e]).collect();
            assert!(hits.is_empty(), "{:?}: {shown:?}", entry.path());
        }
    }

    #[test]
    fn repairs_mojibake_fixture() {
        let bad = fixture_text("mojibake.txt");
        let good = fixture_text("mojibake.orig.txt");
        let mut stats = std::collections::BTreeMap::<&str, (usize, usize, usize)>::new();
        for (b, g) in bad.lines().zip(good.lines()) {
            let kind = b.rsplit("# ").next().unwrap_or("");
            let hits = find_mojibake(b);
            let fixed = apply(b, &hits);
            let entry = stats.entry(kind).or_default();
            entry.0 += 1;
            if kind == "none" {
                assert!(hits.is_empty(), "{b}");
            }
            if !hits.is_empty() {
                entry.1 += 1;
            }
            let same = if kind == "tcvn3" {
                fixed.to_lowercase() == g.to_lowercase()
            } else {
                fixed == g
            };
            if same {
                entry.2 += 1;
            } else if kind != "utf8-drop" {
                eprintln!("{kind}: {b}\n  got  {fixed}\n  want {g}");
            }
        }
        eprintln!("kind: (lines, flagged, repaired exactly)");
        for (k, v) in &stats {
            eprintln!("  {k}: {v:?}");
        }
        for (k, (n, flagged, fixed)) in stats {
            if k != "none" {
                assert_eq!(flagged, n, "{k}");
            }
            if k != "utf8-drop" {
                assert!(fixed * 10 >= n * 9, "{k}: {fixed}/{n}");
            }
        }
    }
}
