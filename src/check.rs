//! Checking files: load, analyse, run the rules, apply the configuration. One file's
//! failure is that file's error, never the run's.

use crate::config::{Config, ConfigError};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Plan;
use crate::i18n::Lang;
use crate::ingest::{load::load, Limits};
use crate::registry::Registry;
use crate::rules::{self, RunOptions};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What checking one file gave.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be read, in the message language.
    pub error: Option<String>,
    /// The kind of that error: `IngestError::kind`, `config` or `panic`.
    pub error_kind: Option<&'static str>,
    /// The analysed plan (kept only when the caller asks: renderers that show the text).
    pub plan: Option<Plan>,
}

impl FileReport {
    pub fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
}

/// Settings of a run that the command line gives.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    pub limits: Limits,
    /// `--config`: used for every file instead of discovery.
    pub config: Option<PathBuf>,
    /// `--as-of`, overriding the configuration's.
    pub as_of: Option<NaiveDate>,
    pub review_date: NaiveDate,
    /// `--select` / `--ignore` on the command line, on top of the configuration.
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    /// Keep each plan in its report.
    pub keep_plans: bool,
}

/// A configuration and the registry it implies, shared by the files it governs.
pub struct Setup {
    pub config: Config,
    pub registry: Registry,
}

/// Finds and caches the configuration of each file.
pub struct Checker {
    settings: Settings,
    setups: Mutex<HashMap<Option<PathBuf>, Arc<Setup>>>,
}

impl Checker {
    pub fn new(settings: Settings) -> Checker {
        Checker {
            settings,
            setups: Mutex::new(HashMap::new()),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The configuration governing `file` (and its registry).
    pub fn setup_for(&self, file: &Path) -> Result<Arc<Setup>, ConfigError> {
        let path = match &self.settings.config {
            Some(p) => Some(p.clone()),
            None => Config::discover(file),
        };
        if let Some(s) = self.setups.lock().expect("not poisoned").get(&path) {
            return Ok(s.clone());
        }
        let config = match &path {
            Some(p) => Config::load(p)?,
            None => Config::default(),
        };
        let mut registry = Registry::embedded();
        for extra in config.registry_paths() {
            registry
                .extend_from_file(&extra)
                .map_err(|e| ConfigError::Invalid {
                    path: extra.clone(),
                    message: e.to_string(),
                })?;
        }
        let setup = Arc::new(Setup { config, registry });
        self.setups
            .lock()
            .expect("not poisoned")
            .insert(path, setup.clone());
        Ok(setup)
    }

    /// Checks one file; every failure becomes the report's error.
    pub fn check_file(&self, file: &Path) -> FileReport {
        let path = file.display().to_string();
        let failed = |error: String, kind: &'static str| FileReport {
            path: path.clone(),
            diagnostics: Vec::new(),
            error: Some(error),
            error_kind: Some(kind),
            plan: None,
        };
        let setup = match self.setup_for(file) {
            Ok(s) => s,
            Err(e) => return failed(e.to_string(), "config"),
        };
        let loaded = match load(file, &self.settings.limits) {
            Ok(l) => l,
            Err(e) => return failed(e.message(self.settings.lang), e.kind()),
        };
        let plan = Plan::from_text(&path, loaded.text, loaded.format, &setup.registry);
        let mut diagnostics = self.check_plan(&plan, &setup);
        if let Some(enc) = loaded.converted_from {
            diagnostics.insert(
                0,
                crate::rules::legacy_encoding_note(&plan, enc, self.settings.lang),
            );
        }
        FileReport {
            path,
            diagnostics,
            error: None,
            error_kind: None,
            plan: self.settings.keep_plans.then_some(plan),
        }
    }

    /// Runs the rules the settings and configuration select over an analysed plan.
    pub fn check_plan(&self, plan: &Plan, setup: &Setup) -> Vec<Diagnostic> {
        let s = &self.settings;
        let options = RunOptions {
            lang: s.lang,
            as_of: s.as_of.or(setup.config.as_of),
            review_date: s.review_date,
        };
        let selected = |rule: &str| {
            setup.config.is_selected(rule)
                && s.select
                    .as_ref()
                    .is_none_or(|sel| sel.iter().any(|r| r == rule))
                && !s.ignore.iter().any(|r| r == rule)
        };
        let mut d = rules::run(plan, &setup.registry, &options, &selected);
        setup.config.apply(&plan.path, &mut d);
        d
    }
}
