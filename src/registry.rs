//! Knowledge registries: legal documents and their supersession, agencies and administrative
//! units with validity intervals, abbreviations, known misspellings and section profiles.
//!
//! All knowledge lives in `grammars/registry/*.toml` (embedded with `include_str!`), each entry
//! with its `source` and `confidence`. Users add or override entries with
//! [`Registry::extend_from_file`]. This module only looks things up; the rules decide what a
//! finding is.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::{Deserialize, Serialize};

mod text;

use crate::grammar::WordRegex;
pub use text::fold_document_number;
use text::{expand_abbreviations, locality_at, tokenize, Tok};

const DOCUMENTS_TOML: &str = include_str!("../grammars/registry/documents.toml");
const AGENCIES_TOML: &str = include_str!("../grammars/registry/agencies.toml");
const ABBREVIATIONS_TOML: &str = include_str!("../grammars/registry/abbreviations.toml");
const MISSPELLINGS_TOML: &str = include_str!("../grammars/registry/misspellings.toml");
/// Largest extra registry file read (16 MiB; the embedded ones are a few hundred KiB).
pub const MAX_REGISTRY_BYTES: u64 = 16 << 20;
const PROFILES_TOML: &str = include_str!("../grammars/registry/profiles.toml");

/// Dates are written as "YYYY-MM-DD" strings in the TOML files.
mod opt_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.format("%Y-%m-%d").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        match s {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map(Some)
                .map_err(|e| serde::de::Error::custom(format!("bad date {s:?}: {e}"))),
        }
    }
}

/// A required date, as "YYYY-MM-DD".
mod date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.format("%Y-%m-%d").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|e| serde::de::Error::custom(format!("bad date {s:?}: {e}")))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    #[default]
    Medium,
    Low,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Replaced,
    Expired,
    Amended,
    InForce,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentEntry {
    /// The number as cited, e.g. "148/QĐ-TTg".
    pub id: String,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub effective: Option<NaiveDate>,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub title: String,
    /// The document's type ("Luật", "Nghị quyết") where its symbol does not say it (QH15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    pub kind: DocumentKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub replaced_on: Option<NaiveDate>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub successor_from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended_by: Option<String>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub amended_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// References (replaced_by, successor, amended_by) deliberately not in the registry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external: Vec<String>,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The status of a document at a reference date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentStatus {
    InForce,
    /// Replaced by `by`, effective `on`.
    Replaced {
        by: String,
        #[serde(with = "date")]
        on: NaiveDate,
    },
    /// A fixed-period programme whose last covered day was `on`.
    Expired {
        #[serde(with = "date")]
        on: NaiveDate,
        successor: Option<String>,
    },
    /// Still in force, but amended by `by` from `on`.
    Amended {
        by: String,
        #[serde(with = "date")]
        on: NaiveDate,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    Ministry,
    Department,
    DistrictOffice,
    District,
    Province,
    Commune,
    Party,
    MassOrg,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyEntry {
    pub id: String,
    pub name: String,
    pub level: AgencyLevel,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Regexes over the normalized text (see agencies.toml).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Agency id of the successor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl AgencyEntry {
    pub fn valid_at(&self, at: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| at >= f) && self.valid_until.is_none_or(|u| at <= u)
    }
}

/// A word that qualifies an agency with a place ("huyện", "tỉnh", "thị xã").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Locality {
    pub word: String,
    pub level: AgencyLevel,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Abbreviation {
    pub short: String,
    pub long: String,
    /// Expand only right after one of these words (case-insensitive).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_after: Vec<String>,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Misspelling {
    pub wrong: String,
    pub right: String,
    #[serde(default)]
    pub case_insensitive: bool,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub confidence: Confidence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionProfile {
    pub key: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub headings: Vec<String>,
    /// The section reports past results (its dates and citations are the past by design).
    #[serde(default)]
    pub reports_past: bool,
    /// Headings that make the section present even as a subsection of another ("6. Bảo đảm
    /// kinh phí" under "V. GIẢI PHÁP").
    #[serde(default)]
    pub nested_headings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequiredReference {
    pub number: String,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, with = "opt_date", skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub confidence: Confidence,
    #[serde(default)]
    pub source: String,
}

impl RequiredReference {
    pub fn applies_at(&self, at: NaiveDate) -> bool {
        self.from.is_none_or(|f| at >= f) && self.to.is_none_or(|t| at <= t)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub kind: String,
    #[serde(default)]
    pub applies_when_title_matches: Vec<String>,
    #[serde(default, rename = "section")]
    pub sections: Vec<SectionProfile>,
    #[serde(default, rename = "required_reference")]
    pub required_references: Vec<RequiredReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Profile {
    /// The required references that apply at `at`.
    pub fn references_at(&self, at: NaiveDate) -> impl Iterator<Item = &RequiredReference> {
        self.required_references
            .iter()
            .filter(move |r| r.applies_at(at))
    }
}

/// One agency mention found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyMatch {
    /// Byte offsets into the text given to [`Registry::find_agencies`].
    pub start: usize,
    pub end: usize,
    pub id: String,
    /// The original text of the mention, locality included.
    pub text: String,
    /// A trailing place qualifier, e.g. "huyện Lạng Giang".
    pub locality: Option<String>,
    /// The registry entry of the locality when it is known (e.g. "tinh-dong-nai").
    pub locality_id: Option<String>,
    /// Last day the locality's level existed (district: 2025-06-30).
    #[serde(default, with = "opt_date")]
    pub locality_valid_until: Option<NaiveDate>,
    /// Matched through a pattern rather than a name or alias.
    pub by_pattern: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("cannot read {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("cannot parse {path}: {message}")]
    Parse { path: String, message: String },
    #[error("invalid registry entry: {0}")]
    Invalid(String),
}

/// The tables of one registry file; every table is optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RegistryFile {
    #[serde(default)]
    pub document: Vec<DocumentEntry>,
    #[serde(default)]
    pub agency: Vec<AgencyEntry>,
    #[serde(default)]
    pub locality: Vec<Locality>,
    #[serde(default)]
    pub abbreviation: Vec<Abbreviation>,
    #[serde(default)]
    pub misspelling: Vec<Misspelling>,
    #[serde(default)]
    pub profile: Vec<Profile>,
}

/// Compiled lookup structures, rebuilt after every change to the data.
#[derive(Debug, Clone, Default)]
struct Index {
    documents: HashMap<String, usize>,
    agencies: HashMap<String, usize>,
    /// Abbreviation keys by first (lower-case) token; longest first.
    abbreviations: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// Expanded lower-case token sequences of names and aliases, by first token; longest first.
    aliases: HashMap<String, Vec<(Vec<String>, usize)>>,
    patterns: Vec<(usize, Regex)>,
    localities: Vec<(Vec<String>, usize)>,
    /// All misspellings as one regex, group `m{i}` for entry `i`.
    misspellings: Option<WordRegex>,
    titles: Vec<Vec<Regex>>,
    headings: Vec<(String, usize, usize)>,
}

#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub documents: Vec<DocumentEntry>,
    pub agencies: Vec<AgencyEntry>,
    pub localities: Vec<Locality>,
    pub abbreviations: Vec<Abbreviation>,
    pub misspellings: Vec<Misspelling>,
    pub profiles: Vec<Profile>,
    index: Index,
}

fn upsert<T, K: PartialEq>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> K) {
    let k = key(&item);
    match list.iter_mut().find(|x| key(x) == k) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}

impl Registry {
    /// The built-in data. Parsed once per process; panics only if the embedded files are broken
    /// (a test guards against that).
    pub fn embedded() -> Registry {
        static EMBEDDED: OnceLock<Registry> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                let mut r = Registry::default();
                for (name, src) in [
                    ("documents.toml", DOCUMENTS_TOML),
                    ("agencies.toml", AGENCIES_TOML),
                    ("abbreviations.toml", ABBREVIATIONS_TOML),
                    ("misspellings.toml", MISSPELLINGS_TOML),
                    ("profiles.toml", PROFILES_TOML),
                ] {
                    r.extend_from_str(src, name)
                        .unwrap_or_else(|e| panic!("embedded registry: {e}"));
                }
                r
            })
            .clone()
    }

    /// Add or override entries from a user file with any of the tables `[[document]]`,
    /// `[[agency]]`, `[[locality]]`, `[[abbreviation]]`, `[[misspelling]]`, `[[profile]]`.
    /// Entries with the same key (document number, agency id, word, short form, wrong form,
    /// profile kind) replace the built-in ones.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<(), RegistryError> {
        let io = |reason: String| RegistryError::Io {
            path: path.display().to_string(),
            reason,
        };
        // A registry named `/dev/zero` or a FIFO must not be read without end.
        let bytes =
            crate::walk::read_regular(path, MAX_REGISTRY_BYTES).map_err(|e| io(e.to_string()))?;
        let src = String::from_utf8(bytes).map_err(|e| io(e.to_string()))?;
        self.extend_from_str(&src, &path.display().to_string())
    }

    /// As [`Registry::extend_from_file`], from a string; `origin` names it in errors.
    pub fn extend_from_str(&mut self, src: &str, origin: &str) -> Result<(), RegistryError> {
        let file: RegistryFile = toml::from_str(src).map_err(|e| RegistryError::Parse {
            path: origin.to_string(),
            message: e.to_string(),
        })?;
        let mut next = self.clone();
        for d in file.document {
            upsert(&mut next.documents, d, |x| fold_document_number(&x.id));
        }
        for a in file.agency {
            upsert(&mut next.agencies, a, |x| x.id.clone());
        }
        for l in file.locality {
            upsert(&mut next.localities, l, |x| x.word.to_lowercase());
        }
        for a in file.abbreviation {
            upsert(&mut next.abbreviations, a, |x| x.short.clone());
        }
        for m in file.misspelling {
            upsert(&mut next.misspellings, m, |x| x.wrong.clone());
        }
        for p in file.profile {
            upsert(&mut next.profiles, p, |x| x.kind.clone());
        }
        next.rebuild()?;
        *self = next;
        Ok(())
    }

    fn rebuild(&mut self) -> Result<(), RegistryError> {
        let mut ix = Index::default();
        for (i, d) in self.documents.iter().enumerate() {
            ix.documents.insert(fold_document_number(&d.id), i);
        }
        for (i, a) in self.abbreviations.iter().enumerate() {
            let key: Vec<String> = tokenize(&a.short).into_iter().map(|t| t.lower).collect();
            let Some(first) = key.first().cloned() else {
                return Err(RegistryError::Invalid(format!(
                    "empty abbreviation {:?}",
                    a.short
                )));
            };
            ix.abbreviations.entry(first).or_default().push((key, i));
        }
        for v in ix.abbreviations.values_mut() {
            v.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        // Abbreviation expansion needs the abbreviation index in place.
        self.index = ix;
        let mut aliases: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        let mut patterns = Vec::new();
        let mut agencies = HashMap::new();
        for (i, a) in self.agencies.iter().enumerate() {
            if agencies.insert(a.id.clone(), i).is_some() {
                return Err(RegistryError::Invalid(format!("duplicate agency {}", a.id)));
            }
            for name in std::iter::once(&a.name).chain(a.aliases.iter()) {
                let key = self.key_tokens(name);
                if let Some(first) = key.first().cloned() {
                    aliases.entry(first).or_default().push((key, i));
                }
            }
            for p in &a.patterns {
                // Matched only at a token start: anchoring lets a miss fail at once instead
                // of scanning the rest of the paragraph from every token.
                let re = Regex::new(&format!("^(?:{p})")).map_err(|e| {
                    RegistryError::Invalid(format!("agency {} pattern {p:?}: {e}", a.id))
                })?;
                patterns.push((i, re));
            }
        }
        for v in aliases.values_mut() {
            v.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
            v.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        }
        let mut localities: Vec<(Vec<String>, usize)> = self
            .localities
            .iter()
            .enumerate()
            .map(|(i, l)| (self.key_tokens(&l.word), i))
            .collect();
        localities.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        // One alternation, one group per entry: a paragraph is scanned once, not once per
        // misspelling. Longer entries first, so the longest wrong form wins.
        let mut order: Vec<usize> = (0..self.misspellings.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.misspellings[i].wrong.len()));
        let mut branches = Vec::new();
        for &i in &order {
            let m = &self.misspellings[i];
            let body = m
                .wrong
                .split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+");
            let flags = if m.case_insensitive { "i" } else { "-i" };
            Regex::new(&body)
                .map_err(|e| RegistryError::Invalid(format!("misspelling {:?}: {e}", m.wrong)))?;
            branches.push(format!("(?P<m{i}>(?{flags}:{body}))"));
        }
        let misspellings = if branches.is_empty() {
            None
        } else {
            let re = WordRegex::new(&format!(r"(?:^|\b)(?:{})(?:\b|$)", branches.join("|")))
                .map_err(|e| RegistryError::Invalid(format!("misspellings: {e}")))?;
            Some(re)
        };
        let mut titles = Vec::new();
        let mut headings = Vec::new();
        for (pi, p) in self.profiles.iter().enumerate() {
            let mut res = Vec::new();
            for t in &p.applies_when_title_matches {
                let body = t
                    .split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+");
                let re = Regex::new(&format!(r"(?i)\b{body}\b")).map_err(|e| {
                    RegistryError::Invalid(format!("profile {} title {t:?}: {e}", p.kind))
                })?;
                res.push(re);
            }
            titles.push(res);
            for (si, s) in p.sections.iter().enumerate() {
                for h in &s.headings {
                    headings.push((text::fold_heading(h), pi, si));
                }
            }
        }
        headings.sort_by_key(|(h, _, _)| std::cmp::Reverse(h.len()));
        self.index.aliases = aliases;
        self.index.patterns = patterns;
        self.index.agencies = agencies;
        self.index.localities = localities;
        self.index.misspellings = misspellings;
        self.index.titles = titles;
        self.index.headings = headings;
        Ok(())
    }

    fn key_tokens(&self, s: &str) -> Vec<String> {
        expand_abbreviations(tokenize(s), self)
            .into_iter()
            .map(|t| t.lower)
            .collect()
    }

    // ------------------------------------------------------------------ documents

    /// A registry document as a citation reads: "Quyết định số 148/QĐ-TTg ngày 24/02/2023
    /// của Thủ tướng Chính phủ" (the number itself when the registry does not know it).
    pub fn describe_document(&self, number: &str) -> String {
        let Some(e) = self.document(number) else {
            return number.to_string();
        };
        // A law is known by its name ("Luật Tổ chức chính quyền địa phương"), not a number.
        let mut s = if e.id.contains('/') {
            let form = e
                .form
                .as_deref()
                .unwrap_or_else(|| crate::grammar::citation::kind_from_number(&e.id));
            format!("{form} số {}", e.id)
        } else {
            e.id.clone()
        };
        if let Some(d) = e.date {
            s.push_str(&format!(" ngày {}", crate::i18n::dmy(d)));
        }
        if !e.issuer.is_empty() {
            s.push_str(&format!(" của {}", e.issuer));
        }
        s
    }

    /// Look a document up by number; tolerant of case, Đ/D, spaces and dashes.
    pub fn document(&self, number: &str) -> Option<&DocumentEntry> {
        self.index
            .documents
            .get(&fold_document_number(number))
            .map(|&i| &self.documents[i])
    }

    /// The status of a document at a reference date. `None` when the document is unknown.
    pub fn document_status(&self, number: &str, at: NaiveDate) -> Option<DocumentStatus> {
        let d = self.document(number)?;
        if let (Some(by), Some(on)) = (&d.replaced_by, d.replaced_on) {
            if at >= on {
                return Some(DocumentStatus::Replaced { by: by.clone(), on });
            }
        }
        if let Some(until) = d.valid_until {
            if at > until {
                return Some(DocumentStatus::Expired {
                    on: until,
                    successor: d.successor.clone(),
                });
            }
        }
        if let (Some(by), Some(on)) = (&d.amended_by, d.amended_on) {
            if at >= on {
                return Some(DocumentStatus::Amended { by: by.clone(), on });
            }
        }
        Some(DocumentStatus::InForce)
    }

    // ------------------------------------------------------------------ agencies

    /// Normalize an agency name for matching: NFC, old/new tone placement unified, lower case,
    /// abbreviations expanded, "&", "-", "," read as "và", spacing unified.
    pub fn normalize_agency(&self, text: &str) -> String {
        let mut out: Vec<String> = Vec::new();
        for t in expand_abbreviations(tokenize(text), self) {
            let w = if t.lower == "," {
                "và".to_string()
            } else {
                t.lower
            };
            if w == "và" && out.last().is_some_and(|l| l == "và") {
                continue;
            }
            out.push(w);
        }
        while out.last().is_some_and(|l| l == "và") {
            out.pop();
        }
        out.join(" ")
    }

    pub fn agency(&self, id: &str) -> Option<&AgencyEntry> {
        self.index.agencies.get(id).map(|&i| &self.agencies[i])
    }

    /// Whether any known agency or administrative unit had ended before `at`: when none
    /// had (every plan before the 2025 reorganisation), no mention can be defunct.
    pub fn any_ended_before(&self, at: NaiveDate) -> bool {
        self.agencies
            .iter()
            .filter_map(|a| a.valid_until)
            .chain(self.localities.iter().filter_map(|l| l.valid_until))
            .any(|u| u < at)
    }

    /// Whether the agency existed at `at`. Unknown ids are reported as valid.
    pub fn agency_valid_at(&self, id: &str, at: NaiveDate) -> bool {
        self.agency(id).is_none_or(|a| a.valid_at(at))
    }

    /// Whether a mention (agency plus its locality) existed at `at`.
    pub fn mention_valid_at(&self, m: &AgencyMatch, at: NaiveDate) -> bool {
        self.agency_valid_at(&m.id, at)
            && m.locality_valid_until.is_none_or(|u| at <= u)
            && m.locality_id
                .as_deref()
                .is_none_or(|l| self.agency_valid_at(l, at))
    }

    /// The successor chain of an agency at `at` (first valid successor), if it has one.
    pub fn agency_successor_at(&self, id: &str, at: NaiveDate) -> Option<&AgencyEntry> {
        let mut cur = self.agency(id)?;
        for _ in 0..8 {
            let next = self.agency(cur.successor.as_deref()?)?;
            if next.valid_at(at) {
                return Some(next);
            }
            cur = next;
        }
        None
    }

    /// Every known agency mention in a text, left to right, not overlapping.
    pub fn find_agencies(&self, text: &str) -> Vec<AgencyMatch> {
        let toks = expand_abbreviations(tokenize(text), self);
        let n = toks.len();
        // (start token, end token exclusive, agency index, by pattern)
        let mut spans: Vec<(usize, usize, usize, bool)> = Vec::new();
        let mut i = 0;
        while i < n {
            match self.longest_alias(&toks, i) {
                Some((len, _)) if inside_symbol(&toks, i) => i += len,
                Some((len, idx)) => {
                    spans.push((i, i + len, idx, false));
                    i += len;
                }
                None => i += 1,
            }
        }
        if !self.index.patterns.is_empty() {
            let (joined, starts) = join_tokens(&toks);
            for i in 0..n {
                if spans.iter().any(|s| s.0 <= i && i < s.1) {
                    continue;
                }
                let hay = &joined[starts[i]..];
                for (idx, re) in &self.index.patterns {
                    let Some(m) = re.find(hay) else { continue };
                    if m.start() != 0 || m.as_str().is_empty() {
                        continue;
                    }
                    let end_byte = starts[i] + m.end();
                    // The match must end at a token end.
                    let Some(e) = (i..n).find(|&k| starts[k] + toks[k].lower.len() == end_byte)
                    else {
                        continue;
                    };
                    // Only the final locality word may overlap a name (e.g. "huyện Vĩnh Cửu"):
                    // that name is then absorbed as the locality.
                    if spans.iter().any(|s| s.0 < e && i < s.1) {
                        continue;
                    }
                    spans.push((i, e + 1, *idx, true));
                    break;
                }
            }
            spans.sort_by_key(|s| s.0);
        }
        let mut out = Vec::new();
        let mut covered = 0;
        for &(s, e, idx, by_pattern) in &spans {
            // A place name absorbed as the previous mention's locality is not a mention itself.
            if s < covered {
                continue;
            }
            let loc = locality_at(&toks, s, e, self);
            let end_tok = loc.as_ref().map_or(e, |l| l.end);
            covered = end_tok;
            let start = toks[s].start;
            let end = toks[end_tok - 1].end;
            let (locality, locality_id, locality_valid_until) = match loc {
                Some(l) => (
                    Some(text[toks[l.start].start..toks[l.end - 1].end].to_string()),
                    l.entry.map(|i| self.agencies[i].id.clone()),
                    self.localities[l.word].valid_until,
                ),
                None => (None, None, None),
            };
            out.push(AgencyMatch {
                start,
                end,
                id: self.agencies[idx].id.clone(),
                text: text[start..end].to_string(),
                locality,
                locality_id,
                locality_valid_until,
                by_pattern,
            });
        }
        out
    }

    /// The longest name or alias starting at token `i`: (length in tokens, agency index).
    fn longest_alias(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        let cands = self.index.aliases.get(&toks[i].lower)?;
        cands
            .iter()
            .find(|(key, _)| {
                key.len() <= toks.len() - i
                    && key
                        .iter()
                        .zip(&toks[i..])
                        .all(|(k, t)| text::soft_eq(k, &t.lower))
            })
            .map(|(key, idx)| (key.len(), *idx))
    }

    /// The agency entry whose name or alias is exactly `tokens`.
    fn exact_alias(&self, toks: &[Tok]) -> Option<usize> {
        let (len, idx) = self.longest_alias(toks, 0)?;
        (len == toks.len()).then_some(idx)
    }

    // ------------------------------------------------------------------ misspellings

    /// Known misspellings in a text: (start, end) byte offsets into `text`, and the entry.
    pub fn find_misspellings(&self, text: &str) -> Vec<(usize, usize, &Misspelling)> {
        let (nfc, map) = text::nfc_with_map(text);
        let mut out = Vec::new();
        let Some(re) = &self.index.misspellings else {
            return out;
        };
        for c in re.captures_iter(&nfc) {
            let hit = (0..self.misspellings.len())
                .find_map(|i| c.name(&format!("m{i}")).map(|g| (g, &self.misspellings[i])));
            if let Some((g, m)) = hit.filter(|(g, _)| !g.as_str().is_empty()) {
                out.push((map.orig(g.start()), map.orig_end(g.end()), m));
            }
        }
        out.sort_by_key(|x| (x.0, x.1));
        out
    }

    // ------------------------------------------------------------------ profiles

    pub fn profile(&self, kind: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.kind == kind)
    }

    /// The first profile whose title patterns match the plan title.
    pub fn profile_for_title(&self, title: &str) -> Option<&Profile> {
        let (nfc, _) = text::nfc_with_map(title);
        self.profiles
            .iter()
            .zip(&self.index.titles)
            .find(|(_, res)| res.iter().any(|re| re.is_match(&nfc)))
            .map(|(p, _)| p)
    }

    /// Whether sections with this profile key report the past (`reports_past` in
    /// profiles.toml).
    pub fn reports_past(&self, key: &str) -> bool {
        self.profiles
            .iter()
            .flat_map(|p| &p.sections)
            .any(|s| s.key == key && s.reports_past)
    }

    /// The section key of a heading (numbering marker optional), by the profiles' patterns:
    /// case-insensitive, diacritics-sensitive, the pattern must start the heading, the longest
    /// pattern wins.
    pub fn classify_heading(&self, heading: &str) -> Option<&str> {
        let h = text::fold_heading(&text::strip_heading_marker(heading));
        self.index
            .headings
            .iter()
            .find(|(p, _, _)| {
                h.starts_with(p.as_str())
                    && h[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|(_, pi, si)| self.profiles[*pi].sections[*si].key.as_str())
    }

    // ------------------------------------------------------------------ consistency

    /// Dangling references in the data: document refs not in the registry and not marked
    /// `external`, unknown agency successors/parents, unknown required references.
    pub fn dangling_references(&self) -> Vec<String> {
        let mut out = Vec::new();
        for d in &self.documents {
            for r in [&d.replaced_by, &d.successor, &d.amended_by]
                .into_iter()
                .flatten()
            {
                if self.document(r).is_none() && !d.external.iter().any(|x| x == r) {
                    out.push(format!("document {} refers to unknown {}", d.id, r));
                }
            }
        }
        for a in &self.agencies {
            for r in [&a.successor, &a.parent].into_iter().flatten() {
                if self.agency(r).is_none() {
                    out.push(format!("agency {} refers to unknown {}", a.id, r));
                }
            }
        }
        for p in &self.profiles {
            for r in &p.required_references {
                if self.document(&r.number).is_none() {
                    out.push(format!("profile {} requires unknown {}", p.kind, r.number));
                }
            }
        }
        out
    }
}

/// Whether token `i` continues a document symbol ("QĐ-TTg", "3692/SNN-PTNT"): it follows a "/"
/// or a dash written without spaces between two words.
fn inside_symbol(toks: &[Tok], i: usize) -> bool {
    let attached = |a: &Tok, b: &Tok| a.end == b.start;
    match (
        i.checked_sub(2).map(|k| &toks[k]),
        i.checked_sub(1).map(|k| &toks[k]),
    ) {
        (_, Some(p)) if p.lower == "/" && attached(p, &toks[i]) => true,
        (Some(pp), Some(p)) => {
            p.cased == "-"
                && attached(p, &toks[i])
                && attached(pp, p)
                && pp.lower.chars().all(|c| c.is_alphanumeric())
                && pp.cased.chars().any(|c| c.is_uppercase())
                && pp.cased.chars().all(|c| !c.is_lowercase() || c == 'đ')
        }
        _ => false,
    }
}

fn join_tokens(toks: &[Tok]) -> (String, Vec<usize>) {
    let mut s = String::new();
    let mut starts = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        starts.push(s.len());
        s.push_str(&t.lower);
    }
    (s, starts)
}

#[cfg(test)]
mod tests;
