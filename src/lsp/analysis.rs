//! Analysing an editor buffer the way `khlint check` analyses a file: same configuration
//! discovery, same rules; the configuration is re-read when its file changes.

use super::convert;
use crate::check::{Checker, Settings, Setup};
use crate::config::Config;
use crate::i18n::Lang;
use crate::model::Plan;
use crate::rules::Diagnostic;
use crate::rules::ReferenceDate;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// One analysed version of a document.
pub(crate) struct Analysis {
    pub plan: Plan,
    pub diagnostics: Vec<Diagnostic>,
    /// `diagnostics` as LSP sends them, index for index.
    pub lsp: Vec<lsp_types::Diagnostic>,
    pub setup: Arc<Setup>,
    /// The date the plan is judged at (configuration's `as_of`, else the plan's own).
    pub date: ReferenceDate,
}

/// When a configuration file was last seen changed.
type Stamp = Option<(SystemTime, u64)>;

/// The checker (with its configuration cache) shared by the analysis threads.
pub(crate) struct Engine {
    lang: Lang,
    checker: Mutex<Arc<Checker>>,
    stamps: Mutex<HashMap<PathBuf, Stamp>>,
}

impl Engine {
    pub fn new(lang: Lang) -> Engine {
        Engine {
            lang,
            checker: Mutex::new(Arc::new(Self::checker(lang))),
            stamps: Mutex::new(HashMap::new()),
        }
    }

    /// A file opened in the editor was chosen by its reader: a Quyết định or a Công văn
    /// gets the rules every document shares rather than nothing (`--all-documents`).
    fn checker(lang: Lang) -> Checker {
        let mut settings = Settings::new(lang, Default::default(), today());
        settings.all_documents = true;
        Checker::new(settings)
    }

    /// Forgets every cached configuration: the next analysis reads them again.
    pub fn reload(&self) {
        *self.checker.lock().expect("not poisoned") = Arc::new(Self::checker(self.lang));
    }

    /// The checker to use for `path`, reloaded first when the configuration governing it
    /// changed on disk since it was read (or the day changed).
    fn checker_for(&self, path: &Path) -> Arc<Checker> {
        if let Some(config) = Config::discover(path) {
            let stamp = std::fs::metadata(&config)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())));
            let mut stamps = self.stamps.lock().expect("not poisoned");
            if stamps.get(&config) != Some(&stamp) {
                stamps.insert(config, stamp);
                self.reload();
            }
        }
        let current = self.checker.lock().expect("not poisoned").clone();
        if current.settings().review_date != today() {
            self.reload();
        }
        self.checker.lock().expect("not poisoned").clone()
    }

    /// Analyses one version of a buffer. The error is a configuration error, in words.
    pub fn analyse(&self, path: &Path, text: String) -> Result<Analysis, String> {
        let checker = self.checker_for(path);
        let setup = checker.setup_for(path).map_err(|e| e.to_string())?;
        let format = crate::ingest::load::text_format(path);
        let plan = Plan::from_text(&path.display().to_string(), text, format, &setup.registry);
        let diagnostics = checker.check_plan(&plan, &setup, None).diagnostics;
        let lsp = diagnostics
            .iter()
            .map(|d| convert::diagnostic(&plan.source, d, self.lang))
            .collect();
        let date = checker.run_options(&setup).date_for(&plan);
        Ok(Analysis {
            plan,
            diagnostics,
            lsp,
            setup,
            date,
        })
    }
}

pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
