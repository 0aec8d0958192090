//! Legacy code pages: tables and decoders (bytes -> NFC text), and the choice among them.

use super::syllable::{syllable_stats, ACUTE, BREVE, CIRC, DOT, GRAVE, HOOK, TILDE};
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------
// Code-page tables
// ---------------------------------------------------------------------------------------

/// Windows-1252 0x80..=0x9F. Undefined positions map to the C1 control of the same value.
pub(super) const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// TCVN3 (TCVN 5712:1993 VN3) 0xA0..=0xFF. 0xB0..=0xB4 are the combining tone marks.
/// Below 0xA0 the files are what Windows saved: ASCII and Windows-1252 punctuation.
pub(super) const TCVN3_HIGH: [char; 96] = [
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
pub(super) const VNI_SINGLE: [(u8, char); 9] = [
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

/// What a VNI mark byte adds: (vowel modifier, tone). Lowercase mark bytes; uppercase ones
/// are 0x20 lower.
pub(super) const VNI_MARKS: [(u8, Option<char>, Option<char>); 17] = [
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
pub(super) const CP1258_DIFF: [(u8, char); 18] = [
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

pub(super) fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The Windows-1252 byte that shows as `c` (C1 controls count as their own byte).
pub(super) fn cp1252_byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return u8::try_from(u).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&h| h == c)
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

pub(super) fn tcvn3_char(b: u8) -> char {
    if b >= 0xA0 {
        TCVN3_HIGH[usize::from(b - 0xA0)]
    } else {
        cp1252_char(b)
    }
}

/// True for the TCVN3 codes of lowercase letters, which `.VnTimeH` also uses for capitals.
pub(super) fn tcvn3_case_ambiguous(b: u8) -> bool {
    (0xA8..=0xFE).contains(&b) && TCVN3_HIGH[usize::from(b - 0xA0)].is_lowercase()
}

pub(super) fn cp1258_char(b: u8) -> char {
    CP1258_DIFF
        .iter()
        .find(|(k, _)| *k == b)
        .map_or_else(|| cp1252_char(b), |(_, c)| *c)
}

pub(super) fn vni_mark(b: u8) -> Option<(Option<char>, Option<char>)> {
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

pub(super) fn vni_single(b: u8) -> Option<char> {
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
pub(super) fn decode_tcvn3(bytes: &[u8]) -> String {
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
pub(super) fn caps_context(bytes: &[u8], min: usize) -> bool {
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

pub(super) fn decode_vni(bytes: &[u8]) -> String {
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

pub(super) fn decode_cp1258(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| cp1258_char(b))
        .collect::<String>()
        .nfc()
        .collect()
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
