//! The pipeline, once for every front end (check, review, the editor): load a file,
//! analyse it, run the rules, apply the configuration. One file's failure is that file's
//! error, never the run's.

use crate::config::{Config, ConfigError};
use crate::i18n::Lang;
use crate::ingest::{load::load, IngestError, Limits};
use crate::model::{DocumentType, Plan};
use crate::registry::Registry;
use crate::rules::review::{analysis::Analysis, Parent};
use crate::rules::{self, Diagnostic, Findings, Omitted, RuleId, RunOptions, Scope, Severity};
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
    /// What the file is (none when it could not be read).
    pub document_type: Option<DocumentType>,
    /// Why the rules did not read the file, when they did not.
    pub skipped: Option<Skipped>,
    /// Findings counted but not kept, per rule (`rules::MAX_FINDINGS_PER_RULE`).
    pub omitted: Vec<Omitted>,
}

/// Why a readable file was not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// A web article, a Q&A page...: not an administrative document.
    NotADocument,
    /// An administrative document of another type (`Quyết định`...), without
    /// `--all-documents`.
    NotAPlan { type_name: String },
}

impl Skipped {
    /// A stable name for machine formats.
    pub fn code(&self) -> &'static str {
        match self {
            Skipped::NotADocument => "not-a-document",
            Skipped::NotAPlan { .. } => "not-a-plan",
        }
    }

    /// The note a reader sees.
    pub fn note(&self, lang: Lang) -> String {
        match (self, lang) {
            (Skipped::NotADocument, Lang::Vi) => "không phải văn bản hành chính (bài viết, trang hỏi đáp...): không kiểm tra.".to_string(),
            (Skipped::NotADocument, Lang::En) => "not an administrative document (an article, a Q&A page...): not checked.".to_string(),
            (Skipped::NotAPlan { type_name }, Lang::Vi) => format!(
                "{type_name}, không phải kế hoạch: không kiểm tra. Dùng --all-documents để kiểm tra thể thức chung của văn bản hành chính."
            ),
            (Skipped::NotAPlan { type_name }, Lang::En) => format!(
                "{type_name} (not a plan): not checked. Use --all-documents to check what holds for every administrative document."
            ),
        }
    }
}

impl FileReport {
    /// The report of a file that could not be checked.
    pub fn failed(path: String, error: String, kind: &'static str) -> FileReport {
        FileReport {
            path,
            diagnostics: Vec::new(),
            error: Some(error),
            error_kind: Some(kind),
            plan: None,
            document_type: None,
            skipped: None,
            omitted: Vec::new(),
        }
    }

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
            document_type: self.document_type.clone(),
            skipped: self.skipped.clone(),
            omitted: self.omitted.clone(),
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
    /// `--all-documents`: documents of other types than plans get the rules that hold for
    /// every administrative document, instead of being skipped.
    pub all_documents: bool,
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
            all_documents: false,
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
        let failed = |error: String, kind| FileReport::failed(path.clone(), error, kind);
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
        let findings = self.check_plan(&plan, &setup, parent.as_ref());
        let report = FileReport {
            path,
            diagnostics: findings.diagnostics,
            omitted: findings.omitted,
            error: None,
            error_kind: None,
            skipped: self.skipped(&plan.model.document_type),
            document_type: Some(plan.model.document_type.clone()),
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

    /// Why the rules do not read a document of this type, if they do not.
    pub fn skipped(&self, t: &DocumentType) -> Option<Skipped> {
        match (t.is_document, t.is_plan) {
            (false, _) => Some(Skipped::NotADocument),
            (true, true) => None,
            (true, false) if self.settings.all_documents => None,
            (true, false) => Some(Skipped::NotAPlan {
                type_name: t.name.clone().unwrap_or_default(),
            }),
        }
    }

    /// Runs the rules the settings and configuration select over an analysed plan, then
    /// applies the configuration's severities and suppressions. A document that is not a
    /// plan gets only the rules that hold for every document, and only with
    /// `--all-documents`; a text that is not a document gets none.
    pub fn check_plan(&self, plan: &Plan, setup: &Setup, parent: Option<&Parent>) -> Findings {
        let s = &self.settings;
        let t = &plan.model.document_type;
        let skipped = self.skipped(t).is_some();
        let selected = |rule: RuleId| {
            !skipped
                && (t.is_plan || rule.meta().every_document)
                && setup.config.is_selected(rule)
                && s.select.as_ref().is_none_or(|sel| sel.contains(&rule))
                && !s.ignore.contains(&rule)
        };
        let options = self.run_options(setup);
        let registry = &setup.registry;
        let mut d = match t.attached_location.filter(|_| t.carries_plan) {
            None => rules::run(plan, registry, &options, parent, &selected),
            Some(at) => {
                // A decision that issues a plan: the decision is checked as a document, and
                // the plan rules read the plan from its type line on, as a text of its own.
                let document_rule = |r: RuleId| selected(r) && r.meta().every_document;
                let mut d = rules::run(plan, registry, &options, parent, &document_rule);
                // Its legal bases are the decision's, cited before it.
                let plan_rule = |r: RuleId| {
                    selected(r) && !r.meta().every_document && !r.meta().bases_of_issuing_document
                };
                let original = &plan.source.original;
                let from = original[..at.span.start].rfind('\n').map_or(0, |i| i + 1);
                let mut carried = Plan::from_text(
                    &plan.path,
                    original[from..].to_string(),
                    plan.format,
                    registry,
                );
                carried
                    .model
                    .header
                    .take_issue_fields_from(&plan.model.header);
                let lines_before = original[..from].matches('\n').count();
                let inner = rules::run(&carried, registry, &options, parent, &plan_rule);
                d.diagnostics
                    .extend((inner.diagnostics.into_iter()).map(|c| c.shifted(from, lines_before)));
                d.omitted.extend(inner.omitted);
                // One order and one set of fingerprints for the whole file.
                rules::assign_fingerprints(original, &mut d.diagnostics);
                d
            }
        };
        setup.config.apply(&plan.path, &mut d.diagnostics);
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
    plan.docx_places = loaded.docx_places;
    Ok(plan)
}
