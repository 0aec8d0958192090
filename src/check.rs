//! The pipeline, once for every front end (check, review, the editor): load a file,
//! analyse it, run the rules, apply the configuration. One file's failure is that file's
//! error, never the run's.

use crate::config::{Config, ConfigError};
use crate::i18n::Lang;
use crate::ingest::{load::load, IngestError, Limits};
use crate::model::Plan;
use crate::registry::Registry;
use crate::rules::review::{analysis::Analysis, Parent};
use crate::rules::{self, Diagnostic, RuleId, RunOptions, Scope, Severity};
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
    /// Findings of one rule.
    pub fn count_rule(&self, rule: RuleId) -> usize {
        self.diagnostics.iter().filter(|d| d.rule() == rule).count()
    }
    /// Findings of the rules that read this plan alone.
    pub fn plan_rule_count(&self) -> usize {
        let plan_rule = |d: &&Diagnostic| d.rule().scope() == Scope::Plan;
        self.diagnostics.iter().filter(plan_rule).count()
    }
    /// Readable, and nothing at or above `fail_on`.
    pub fn passes(&self, fail_on: Severity) -> bool {
        self.error.is_none() && !self.diagnostics.iter().any(|d| d.severity >= fail_on)
    }
    /// The report without its plan.
    pub fn without_plan(&self) -> FileReport {
        FileReport {
            path: self.path.clone(),
            diagnostics: self.diagnostics.clone(),
            error: self.error.clone(),
            error_kind: self.error_kind,
            plan: None,
        }
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
    pub select: Option<Vec<RuleId>>,
    pub ignore: Vec<RuleId>,
    /// Keep each plan in its report.
    pub keep_plans: bool,
}

impl Settings {
    /// No command-line selection, date or configuration: each file's khlint.toml decides.
    pub fn new(lang: Lang, limits: Limits, review_date: NaiveDate) -> Settings {
        Settings {
            lang,
            limits,
            config: None,
            as_of: None,
            review_date,
            select: None,
            ignore: Vec::new(),
            keep_plans: false,
        }
    }
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
        self.check_file_against(file, None).0
    }

    /// Checks one file, and reviews it against the province's plan when one is given (then
    /// with the analysis of the pair, which the review report shows).
    pub fn check_file_against(
        &self,
        file: &Path,
        province: Option<&Plan>,
    ) -> (FileReport, Option<Analysis>) {
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
            Err(e) => return (failed(e.to_string(), "config"), None),
        };
        let plan = match analyze(file, &setup.registry, &self.settings.limits) {
            Ok(p) => p,
            Err(e) => return (failed(e.message(self.settings.lang), e.kind()), None),
        };
        let analysis = province.map(|p| Analysis::new(&plan, p, &setup.registry));
        let parent = province
            .zip(analysis.as_ref())
            .map(|(province, analysis)| Parent { province, analysis });
        let diagnostics = self.check_plan(&plan, &setup, parent.as_ref());
        let report = FileReport {
            path,
            diagnostics,
            error: None,
            error_kind: None,
            plan: self.settings.keep_plans.then_some(plan),
        };
        (report, analysis)
    }

    /// The options the settings and configuration give the rules.
    pub fn run_options(&self, setup: &Setup) -> RunOptions {
        RunOptions {
            as_of: self.settings.as_of.or(setup.config.as_of),
            review_date: self.settings.review_date,
        }
    }

    /// Runs the rules the settings and configuration select over an analysed plan, then
    /// applies the configuration's severities and suppressions.
    pub fn check_plan(
        &self,
        plan: &Plan,
        setup: &Setup,
        parent: Option<&Parent>,
    ) -> Vec<Diagnostic> {
        let s = &self.settings;
        let selected = |rule: RuleId| {
            setup.config.is_selected(rule)
                && s.select.as_ref().is_none_or(|sel| sel.contains(&rule))
                && !s.ignore.contains(&rule)
        };
        let options = self.run_options(setup);
        let mut d = rules::run(plan, &setup.registry, &options, parent, &selected);
        setup.config.apply(&plan.path, &mut d);
        d
    }
}

/// Reads and analyses one file.
pub fn analyze(path: &Path, registry: &Registry, limits: &Limits) -> Result<Plan, IngestError> {
    let loaded = load(path, limits)?;
    let mut plan = Plan::from_text(
        &path.display().to_string(),
        loaded.text,
        loaded.format,
        registry,
    );
    plan.legacy_encoding = loaded.converted_from;
    Ok(plan)
}
