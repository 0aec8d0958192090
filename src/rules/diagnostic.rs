//! Diagnostics as data: what every rule emits and every renderer reads. A diagnostic holds
//! the rule's typed facts ([`Finding`]); its message exists only when a renderer asks for
//! it in a language.

use super::{Finding, RuleId};
use crate::i18n::Lang;
use crate::source::Span;
use serde::{Deserialize, Serialize};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Info => lang.pick("thông tin", "info"),
            Severity::Warning => lang.pick("cảnh báo", "warning"),
            Severity::Error => lang.pick("lỗi", "error"),
        }
    }
}

/// How safe it is to apply a fix without reading it (ruff's applicability).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The replacement is certain: a known misspelling, a renumbered heading.
    Safe,
    /// The replacement is the likely intent, but a person should confirm it (a date taken
    /// from the registry, a replacement document).
    Unsafe,
}

/// A suggested edit: replace `span` of the original text with `replacement`. What it does
/// is said by the finding ([`Diagnostic::fix_title`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub replacement: String,
    pub span: Span,
    pub applicability: Applicability,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The rule and its facts.
    pub finding: Finding,
    pub severity: Severity,
    /// 1-based line and column (in characters) of `span.start` in the user's text.
    pub line: usize,
    pub column: usize,
    pub span: Span,
    pub fix: Option<Fix>,
    /// Unique within the file, stable across edits elsewhere and across languages: see
    /// [`assign_fingerprints`].
    pub fingerprint: String,
    /// In a .docx, where the finding is as a Word user finds it (set by the pipeline).
    pub docx: Option<crate::model::DocxLocation>,
}

impl Diagnostic {
    /// The finding of a part of a file read on its own (the plan a decision issues), put
    /// back at its place: `bytes` and `lines` before that part.
    pub fn shifted(mut self, bytes: usize, lines: usize) -> Diagnostic {
        self.line += lines;
        self.span = self.span.shifted(bytes);
        if let Some(f) = &mut self.fix {
            f.span = f.span.shifted(bytes);
        }
        self
    }

    pub fn rule(&self) -> RuleId {
        self.finding.rule()
    }
    /// The message, rendered from the facts in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.finding.violation().message(lang)
    }
    /// What the fix does, in `lang` (None without a fix).
    pub fn fix_title(&self, lang: Lang) -> Option<String> {
        let fix = self.fix.as_ref()?;
        Some(self.finding.violation().fix_title(lang).unwrap_or_else(|| {
            format!(
                "{} “{}”",
                lang.pick("Sửa thành", "Change to"),
                fix.replacement
            )
        }))
    }
}

/// Sorts one file's findings by position then rule, and gives each its fingerprint: FNV-1a
/// over the rule, the finding's text (whitespace collapsed) and its facts, without the facts
/// that only say where something is (fields named `line` or `…_line`) or when the plan is
/// judged (`judged_at`: for an undated draft that is today, and a suppression must outlive
/// the day). A finding identical to
/// an earlier one in the same file (the same misspelling twice) gets the hash salted with its
/// rank among them, as ruff salts until unique. FNV, not std's hasher: stable across
/// toolchains.
pub fn assign_fingerprints(original: &str, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.start, d.rule().name()));
    let mut seen: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for d in diagnostics.iter_mut() {
        let snippet = original.get(d.span.start..d.span.end).unwrap_or("");
        let facts = identity(serde_json::to_value(&d.finding).expect("facts serialize"));
        let mut h = Fnv::new();
        h.write(d.rule().name().as_bytes());
        h.write(&[0]);
        h.write(crate::grammar::collapse_ws(snippet).as_bytes());
        h.write(&[0]);
        h.write(facts.to_string().as_bytes());
        let base = h.0;
        let rank = seen.entry(base).or_insert(0);
        if *rank > 0 {
            h.write(&[0]);
            h.write(&rank.to_le_bytes());
        }
        *rank += 1;
        d.fingerprint = format!("{:016x}", h.0);
    }
}

/// The facts without positions.
fn identity(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| k != "line" && !k.ends_with("_line") && k != "judged_at")
                .map(|(k, v)| (k, identity(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(identity).collect()),
        v => v,
    }
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
