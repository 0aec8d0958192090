//! Mojibake in Unicode text: legacy or UTF-8 bytes shown through Windows-1252.

use super::encoding::*;
use super::syllable::*;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------
// find_mojibake
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Utf8,
    Tcvn3,
    Vni,
}

#[derive(Debug)]
pub(super) struct Hit {
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
pub(super) fn words_ok(s: &str) -> bool {
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
pub(super) fn odd_case(word: &str) -> bool {
    let mut seen_lower = false;
    for c in word.chars() {
        if c.is_uppercase() && seen_lower {
            return true;
        }
        seen_lower |= c.is_lowercase();
    }
    false
}

pub(super) fn to_cp1252_bytes(s: &str) -> Option<Vec<u8>> {
    s.chars().map(cp1252_byte).collect()
}

/// UTF-8 read as Windows-1252: Some((repair, complete)) when at least one multi-byte
/// sequence decodes to a non-ASCII letter.
pub(super) fn unmangle_utf8(word: &str) -> Option<(String, bool)> {
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
pub(super) fn unmangle_tcvn3(word: &str) -> Option<(String, String)> {
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

pub(super) fn unmangle_vni(word: &str) -> Option<String> {
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
pub(super) fn tcvn_majority<'a>(words: impl Iterator<Item = &'a Option<Hit>>) -> Option<bool> {
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

pub(super) fn accept(mut words: Vec<Option<Hit>>, tcvn_line: bool) -> Vec<Hit> {
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
pub(super) fn scan_line(line: &str, offset: usize) -> Vec<Option<Hit>> {
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
    // A word without a letter ("×" in "02 hội nghị × 50 đại biểu", "±", "°") is a sign.
    let has_letter = |w: &str| w.chars().any(char::is_alphabetic);
    let suspicious = words.iter().any(|&(s, e)| {
        let word = &line[s..e];
        !word.is_ascii()
            && has_letter(word)
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
        if word.is_ascii() || !has_letter(word) {
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
pub(super) type Reading = (Kind, bool, Option<String>, usize, Option<(Kind, String)>);

/// The mojibake reading of `line[s..e]`, if any.
pub(super) fn classify(line: &str, s: usize, e: usize, orig_ok: bool) -> Option<Reading> {
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

pub(super) fn lowers(orig: &str, repair: &str) -> bool {
    let small = |s: &str| s.chars().filter(|c| c.is_lowercase()).count();
    small(repair) > small(orig)
}

/// A repair that turns a lowercase letter into a capital (`và` -> `vỔ` through TCVN3's
/// capitals) is not the text's real reading. Both strings come from the same bytes.
pub(super) fn raises_case(orig: &str, repair: &str) -> bool {
    let upper = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    let symbols = orig.chars().filter(|c| !c.is_alphabetic()).count();
    upper(repair) > upper(orig) + symbols
}

/// Lead pairs of UTF-8 Vietnamese letters seen through Windows-1252.
pub(super) fn has_utf8_signature(word: &str) -> bool {
    ["áº", "á»", "Æ°", "Æ¡", "Ä‘", "Äƒ", "Ã"]
        .iter()
        .any(|p| word.contains(p))
}

pub(super) fn merge(text: &str, hits: Vec<Hit>) -> Vec<(usize, usize, Option<String>)> {
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
