//! Diagnostics as data: what every rule emits and every renderer reads.

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
    clap::ValueEnum,
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
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Severity::Info => lang.pick("thông tin", "info"),
            Severity::Warning => lang.pick("cảnh báo", "warning"),
            Severity::Error => lang.pick("lỗi", "error"),
        }
    }
}

/// A suggested edit: replace `span` of the original text with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Fix {
    /// What the fix does, in the message language.
    pub description: String,
    pub replacement: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub span: Span,
    pub fix: Option<Fix>,
    /// Stable across edits that move the finding: hash of rule and the finding's text.
    pub fingerprint: String,
}
