//! `khlint.toml`: found from a file's folder upwards (the closest wins), or given with
//! `--config`. The editor and the CLI read the same file the same way.

use crate::rules::{Diagnostic, RuleId, Severity};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "khlint.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rules to run (default: all).
    #[serde(default)]
    pub select: Option<Vec<RuleId>>,
    /// Rules not to run.
    #[serde(default)]
    pub ignore: Vec<RuleId>,
    /// Severity per rule, overriding the default.
    #[serde(default)]
    pub severity: BTreeMap<RuleId, Severity>,
    /// Judge plans at this date instead of their own.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// Extra registry files (paths relative to this file).
    #[serde(default)]
    pub registries: Vec<PathBuf>,
    /// Lowest severity that makes the run fail (exit code 1). Default: warning.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Findings silenced on purpose. Keyed by rule and fingerprint, so they survive edits
    /// elsewhere and work for .docx and .pdf, which cannot carry comments.
    #[serde(default)]
    pub suppress: Vec<Suppression>,
    /// The folder of the file the configuration came from.
    #[serde(skip)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    pub rule: RuleId,
    /// The finding's fingerprint (shown by `--format json`); omit to silence the rule in
    /// the files matched by `file`.
    #[serde(default)]
    pub fingerprint: Option<String>,
    /// A file name or path suffix this suppression applies to (default: every file).
    #[serde(default)]
    pub file: Option<String>,
    /// Why: kept for the reviewer.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// Largest khlint.toml read (1 MiB).
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let bytes = crate::walk::read_regular(path, MAX_CONFIG_BYTES)
            .map_err(|e| invalid(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| invalid(e.to_string()))?;
        // Rule names are checked as they are read: `RuleId` deserializes from a name.
        let mut c: Config = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        c.dir = path.parent().map(Path::to_path_buf);
        Ok(c)
    }

    /// The closest `khlint.toml` in the file's folder or above.
    pub fn discover(file: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(file).ok()?;
        let start = if abs.is_dir() {
            abs.as_path()
        } else {
            abs.parent()?
        };
        start
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    pub fn is_selected(&self, rule: RuleId) -> bool {
        self.select.as_ref().is_none_or(|s| s.contains(&rule)) && !self.ignore.contains(&rule)
    }

    /// Applies severity overrides and suppressions to one file's findings.
    pub fn apply(&self, path: &str, diagnostics: &mut Vec<Diagnostic>) {
        for d in diagnostics.iter_mut() {
            if let Some(s) = self.severity.get(&d.rule()) {
                d.severity = *s;
            }
        }
        diagnostics.retain(|d| !self.suppress.iter().any(|s| s.matches(path, d)));
    }

    pub fn registry_paths(&self) -> Vec<PathBuf> {
        self.registries
            .iter()
            .map(|p| match &self.dir {
                Some(d) if p.is_relative() => d.join(p),
                _ => p.clone(),
            })
            .collect()
    }
}

impl Suppression {
    fn matches(&self, path: &str, d: &Diagnostic) -> bool {
        self.rule == d.rule()
            && self
                .fingerprint
                .as_ref()
                .is_none_or(|f| *f == d.fingerprint)
            && self
                .file
                .as_ref()
                .is_none_or(|f| path.replace('\\', "/").ends_with(f.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_rules_are_refused_and_known_ones_load() {
        let dir = std::env::temp_dir().join(format!("khlint-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(FILE_NAME);
        std::fs::write(&p, "ignore = [\"no-such-rule\"]\n").unwrap();
        assert!(Config::load(&p)
            .unwrap_err()
            .to_string()
            .contains("no-such-rule"));
        std::fs::write(
            &p,
            "ignore = [\"duplicate-text\"]\nas_of = \"2026-01-01\"\n[severity]\nmisspelling = \"error\"\n[[suppress]]\nrule = \"placeholder\"\nfile = \"a.txt\"\n",
        )
        .unwrap();
        let c = Config::load(&p).unwrap();
        assert!(!c.is_selected(RuleId::DuplicateText));
        assert!(c.is_selected(RuleId::Misspelling));
        assert_eq!(c.as_of, NaiveDate::from_ymd_opt(2026, 1, 1));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(Config::discover(&sub.join("x.txt")), Some(p.clone()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
