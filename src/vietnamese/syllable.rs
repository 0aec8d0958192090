//! Well-formed Vietnamese syllables: onset + glide + nucleus + coda, one tone at most.

use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The combining marks: five tones, and the vowel modifiers of â/ê/ô and ă.
pub(super) const ACUTE: char = '\u{301}';
pub(super) const GRAVE: char = '\u{300}';
pub(super) const HOOK: char = '\u{309}';
pub(super) const TILDE: char = '\u{303}';
pub(super) const DOT: char = '\u{323}';
pub(super) const CIRC: char = '\u{302}';
pub(super) const BREVE: char = '\u{306}';

// ---------------------------------------------------------------------------------------
// Vietnamese syllables
// ---------------------------------------------------------------------------------------

pub(super) fn toned(base: char) -> String {
    let mut class = String::from("[");
    class.push(base);
    for tone in [GRAVE, ACUTE, HOOK, TILDE, DOT] {
        class.extend([base, tone].iter().collect::<String>().nfc());
    }
    class.push(']');
    class
}

pub(super) static SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
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
pub(super) struct WordVerdicts(std::cell::RefCell<foldhash::HashMap<String, bool>>);

impl WordVerdicts {
    pub(super) fn get_or(&self, word: &str, verdict: impl FnOnce(&str) -> bool) -> bool {
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

pub(super) fn syllable_uncached(word: &str) -> bool {
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

pub(super) const EDGE_PUNCT: &[char] = &['“', '”', '‘', '’', '–', '—', '…', '•', '„', '‚'];

pub(super) fn is_split(c: char) -> bool {
    c.is_ascii_whitespace() || c.is_ascii_punctuation() || (c.is_whitespace() && c != '\u{A0}')
}

/// Words that carry a non-ASCII character: (count, valid syllables, C0/C1 controls seen).
pub(super) fn syllable_stats(text: &str) -> (usize, usize, usize) {
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
