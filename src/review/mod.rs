//! Province review: district or commune plans read against the province's plan they
//! implement. The review rules themselves are in `crate::rules::review`; this module runs
//! them over files and renders the report a province office reads (`html`).

pub mod html;

use crate::check::{Checker, FileReport};
use crate::model::Plan;
use crate::rules::review::analysis::Analysis;
use std::path::Path;

/// One lower-level plan reviewed: its findings (its own and against the province), with
/// the analysis the report shows.
pub struct Review {
    pub report: FileReport,
    pub analysis: Option<Analysis>,
}

impl Review {
    /// "huyện Lạng Giang", when the plan says which.
    pub fn district(&self) -> Option<String> {
        self.analysis.as_ref()?.district_label()
    }
}

/// Checks a plan and reviews it against the province's plan.
pub fn review_file(checker: &Checker, file: &Path, province: &Plan) -> Review {
    let (report, analysis) = checker.check_file_against(file, Some(province));
    Review { report, analysis }
}
