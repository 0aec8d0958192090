//! The layout vocabulary of a plan, read from `grammars/structure.toml`.

use crate::grammar::{prefix_len_ignore_case, WordRegex};
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Vocab {
    pub motto: Vec<String>,
    pub motto_slogan: Vec<String>,
    pub issuer_body: Vec<String>,
    pub unit_level: Vec<UnitLevel>,
    pub header: HeaderWords,
    pub preamble: PreambleWords,
    pub closing: ClosingWords,
    pub appendix: AppendixWords,
    pub scraped: ScrapedWords,
    pub document_type: Vec<DocumentTypeWords>,
    #[serde(skip)]
    related_item: Option<WordRegex>,
    /// `unit_level` flattened: (word in lower case, level), longest word first.
    #[serde(skip)]
    units: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
pub struct UnitLevel {
    pub words: Vec<String>,
    pub level: String,
}

/// Longer than this, a line is no type line alone ("THÔNG TƯ LIÊN TỊCH", wrapped, is 24).
const TYPE_LINE_ALONE_BYTES: usize = 48;

/// A document type and how it shows (see `[[document_type]]` in grammars/structure.toml).
#[derive(Debug, Deserialize)]
pub struct DocumentTypeWords {
    pub name: String,
    pub heading: Vec<String>,
    pub codes: Vec<String>,
    #[serde(default)]
    pub subject: Vec<String>,
    #[serde(default)]
    pub symbol_wins: bool,
    #[serde(default)]
    pub plan: bool,
}

#[derive(Debug, Deserialize)]
pub struct HeaderWords {
    /// Every type line of `document_type`, longest first ("THÔNG TƯ LIÊN TỊCH" before
    /// "THÔNG TƯ").
    #[serde(skip)]
    pub doc_types: Vec<String>,
    pub number_label: Vec<String>,
    pub place_date: String,
    pub horizon: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct PreambleWords {
    pub openers: Vec<String>,
    pub enacting: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct ClosingWords {
    pub summary: Vec<String>,
    pub recipients: Vec<String>,
    pub archive: Vec<String>,
    pub authority: Vec<String>,
    pub signer_titles: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct AppendixWords {
    pub openers: Vec<String>,
    pub attached: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct ScrapedWords {
    pub related_item: String,
    pub metadata_keys: Vec<String>,
}

impl Vocab {
    pub fn get() -> &'static Vocab {
        static VOCAB: OnceLock<Vocab> = OnceLock::new();
        VOCAB.get_or_init(|| {
            let mut v: Vocab = toml::from_str(include_str!("../grammars/structure.toml"))
                .expect("grammars/structure.toml is valid (tested)");
            let kinds: Vec<&str> = crate::grammar::citation::kinds()
                .kind
                .iter()
                .map(|k| k.name.as_str())
                .collect();
            let related = v.scraped.related_item.replace("{kinds}", &kinds.join("|"));
            v.related_item = Some(WordRegex::new(&related).expect("related_item regex (tested)"));
            v.units = v
                .unit_level
                .iter()
                .flat_map(|u| u.words.iter().map(|w| (w.to_lowercase(), u.level.clone())))
                .collect();
            v.units
                .sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
            v.header.doc_types = v
                .document_type
                .iter()
                .flat_map(|t| t.heading.iter().cloned())
                .collect();
            v.header
                .doc_types
                .sort_by_key(|h| std::cmp::Reverse(h.chars().count()));
            v
        })
    }

    /// The administrative-unit words ("huyện", "thị xã"...), lower case, of the levels
    /// given (all levels when empty), longest first so that "thị xã" wins over "xã".
    pub fn unit_words<'a>(&'a self, levels: &'a [&str]) -> impl Iterator<Item = &'a str> + 'a {
        self.units
            .iter()
            .filter(move |(_, l)| levels.is_empty() || levels.contains(&l.as_str()))
            .map(|(w, _)| w.as_str())
    }

    /// The type line `line` opens with: "KẾ HOẠCH" alone (wrapped or not), or run into the
    /// title by a converter ("NGHỊ ĐỊNH Về hợp đồng", "NGHỊ ĐỊNHVề hợp đồng",
    /// "KẾ HOẠCH TRIỂN KHAI ..."). Returns the type line and the byte length it takes in
    /// `line`.
    pub fn type_line<'a>(&'a self, line: &str) -> Option<(&'a str, usize)> {
        let line = line.trim();
        // Called on every paragraph (attached documents): a type line is short.
        if line.len() > TYPE_LINE_ALONE_BYTES {
            return self.run_in_type_line(line);
        }
        let folded = crate::grammar::collapse_ws(line).to_uppercase();
        match self.header.doc_types.iter().find(|d| **d == folded) {
            Some(d) => Some((d.as_str(), line.len())),
            None => self.run_in_type_line(line),
        }
    }

    /// "NGHỊ ĐỊNH Về ...", "NGHỊ ĐỊNHVề ...": a type line with the title run into it.
    fn run_in_type_line<'a>(&'a self, line: &str) -> Option<(&'a str, usize)> {
        self.header.doc_types.iter().find_map(|d| {
            let rest = line.strip_prefix(d.as_str())?;
            let mut chars = rest.chars();
            let joined = match chars.next()? {
                ' ' => true,
                c => c.is_uppercase() && chars.next().is_some_and(char::is_lowercase),
            };
            joined.then_some((d.as_str(), d.len()))
        })
    }

    /// The type whose type line is `heading` ("QUYẾT ĐỊNH").
    pub fn type_of_heading(&self, heading: &str) -> Option<&DocumentTypeWords> {
        self.document_type
            .iter()
            .find(|t| t.heading.iter().any(|h| h == heading))
    }

    /// The type whose abbreviation is `code` ("QĐ", "TTr"; any case, as symbols vary).
    pub fn type_of_code(&self, code: &str) -> Option<&DocumentTypeWords> {
        let code = code.to_uppercase();
        self.document_type
            .iter()
            .find(|t| t.codes.iter().any(|c| c.to_uppercase() == code))
    }

    /// A line of a scraped "related documents" list.
    pub fn is_related_item(&self, line: &str) -> bool {
        self.related_item.as_ref().is_some_and(|r| r.is_match(line))
    }

    /// A line of a scraped metadata footer ("- Số hiệu: 706/KH-UBND").
    pub fn is_metadata_line(&self, line: &str) -> bool {
        let l = line.trim_start_matches(['-', ' ', '•']);
        self.scraped.metadata_keys.iter().any(|k| {
            l.strip_prefix(k.as_str())
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
    }
}

/// True when `text` starts with any of `words`, ignoring case and layout ([`fold_layout`]).
pub fn starts_with_any(text: &str, words: &[String]) -> bool {
    let text = text.trim_start();
    if words
        .iter()
        .any(|w| prefix_len_ignore_case(text, w).is_some())
    {
        return true;
    }
    // Only a head with a doubled space or another dash can differ by layout alone: most
    // lines stop here without a copy.
    let head_end = text.char_indices().nth(48).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    if !head.contains("  ") && !head.contains(['–', '—', '\t']) {
        return false;
    }
    let folded = fold_layout(head);
    words
        .iter()
        .any(|w| prefix_len_ignore_case(&folded, &fold_layout(w)).is_some())
}

/// True when `text` contains any of `words`, ignoring case and layout ([`fold_layout`]).
pub fn contains_any(text: &str, words: &[String]) -> bool {
    let lower = fold_layout(&text.to_lowercase());
    words
        .iter()
        .any(|w| lower.contains(&fold_layout(&w.to_lowercase())))
}

/// A phrase without the layout that does not change it: runs of whitespace are one space,
/// and every dash is "-" with no space around it, so "Nơi  nhận" is "Nơi nhận" and
/// "Độc lập – Tự do - Hạnh phúc" is "Độc lập-Tự do-Hạnh phúc".
fn fold_layout(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        match c {
            // No space before or after a dash.
            '-' | '–' | '—' => {
                out.push('-');
                gap = false;
            }
            c if c.is_whitespace() => gap = !out.is_empty() && !out.ends_with('-'),
            c => {
                if gap {
                    out.push(' ');
                    gap = false;
                }
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_vocabulary_loads_and_matches_scraped_lines() {
        let v = Vocab::get();
        assert!(v.is_related_item("- 1Kế hoạch 4056/KH-UBND năm 2022 thực hiện"));
        assert!(!v.is_related_item("- Kế hoạch số 4056/KH-UBND ngày 17/9/2022"));
        // Every kind of grammars/citation.toml, the three it once missed among them.
        assert!(v.is_related_item("- 2Đề án 12/ĐA-UBND năm 2023 về phát triển"));
        assert!(v.is_related_item("- 3Công điện 05/CĐ-TTg năm 2024"));
        assert!(v.is_metadata_line("- Số hiệu: 706/KH-UBND"));
        assert!(!v.is_metadata_line("Số: 706/KH-UBND"));
        assert!(starts_with_any("căn cứ Luật", &v.preamble.openers));
        // Layout alone does not hide a phrase.
        assert!(starts_with_any("Nơi  nhận:", &v.closing.recipients));
        assert!(contains_any("Độc lập – Tự do - Hạnh phúc", &v.motto_slogan));
        assert!(contains_any("Độc lập -  Tự do -Hạnh phúc", &v.motto_slogan));
        assert!(!contains_any("Độc lập, Tự do", &v.motto_slogan));
        let district: Vec<&str> = v.unit_words(&["district", "city"]).collect();
        assert!(district.contains(&"thị xã") && district.contains(&"thành phố"));
        assert!(!district.contains(&"tỉnh"));
        let all: Vec<&str> = v.unit_words(&[]).collect();
        let pos = |w: &str| all.iter().position(|x| *x == w).unwrap();
        assert!(pos("thị xã") < pos("xã"), "longest first");
    }
}
