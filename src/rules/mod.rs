//! The rule engine. A rule is one file here: a struct of the facts it finds, whose
//! [`Violation`] impl renders the message in a language, and a `check` function that reads
//! the analysed plan (and, for `review` rules, the province's plan) and emits findings.
//! Rules never see the message language: renderers ask the findings for their messages.
//!
//! Adding a rule: its file, one line in the table below, its entry in `grammars/rules.toml`
//! (documentation and default severity), its row in the README and its fixture.

mod diagnostic;
pub mod review;

mod count_mismatch;
mod defunct_agency;
mod duplicate_text;
mod future_reference;
mod heading_numbering;
mod inconsistent_citation;
mod invalid_date;
mod missing_header_field;
mod missing_legal_basis;
mod missing_recipients;
mod missing_required_reference;
mod missing_section;
mod missing_signature;
mod misspelling;
mod placeholder;
mod stray_artifact;
mod superseded_reference;
mod timeline_out_of_period;

#[cfg(test)]
pub(crate) mod testing;

pub use diagnostic::{assign_fingerprints, Applicability, Diagnostic, Fix, Severity};

use crate::i18n::Lang;
use crate::model::{CitationRole, Plan};
use crate::registry::Registry;
use crate::source::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What a finding's facts say: its message, and what its fix does, in a language. Each
/// language has its own word order; nothing is assembled from translated fragments.
pub trait Violation {
    fn message(&self, lang: Lang) -> String;
    /// What the fix does; None for the default "Sửa thành “…”" / "Change to “…”".
    fn fix_title(&self, _lang: Lang) -> Option<String> {
        None
    }
}

/// Which plans a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One plan (`check`, `review`, the editor).
    Plan,
    /// A district or commune plan against the province's (`review`).
    Review,
}

/// The rule table: from it come [`RuleId`], the names, [`Finding`] and the dispatch.
/// `Variant: module = "name"`; each module defines `pub struct Variant` (the facts) and
/// `pub(super) fn check`.
macro_rules! rule_table {
    (
        plan { $($pv:ident: $pm:ident = $pn:literal,)* }
        review { $($rv:ident: $rm:ident = $rn:literal,)* }
    ) => {
        /// A rule, by its place in the table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId { $($pv,)* $($rv,)* }

        impl RuleId {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$pv,)* $(RuleId::$rv,)*];

            /// The stable name (`--select`, khlint.toml, JSON, SARIF).
            pub fn name(self) -> &'static str {
                match self { $(RuleId::$pv => $pn,)* $(RuleId::$rv => $rn,)* }
            }
            pub fn scope(self) -> Scope {
                match self { $(RuleId::$pv => Scope::Plan,)* $(RuleId::$rv => Scope::Review,)* }
            }
        }

        $(pub use $pm::$pv;)*
        $(pub use review::$rm::$rv;)*

        /// A finding's facts: one variant per rule, holding that rule's struct.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum Finding {
            $($pv($pm::$pv),)*
            $($rv(review::$rm::$rv),)*
        }

        impl Finding {
            pub fn rule(&self) -> RuleId {
                match self { $(Finding::$pv(_) => RuleId::$pv,)* $(Finding::$rv(_) => RuleId::$rv,)* }
            }
            pub fn violation(&self) -> &dyn Violation {
                match self { $(Finding::$pv(v) => v,)* $(Finding::$rv(v) => v,)* }
            }
        }

        $(impl From<$pm::$pv> for Finding {
            fn from(v: $pm::$pv) -> Finding { Finding::$pv(v) }
        })*
        $(impl From<review::$rm::$rv> for Finding {
            fn from(v: review::$rm::$rv) -> Finding { Finding::$rv(v) }
        })*

        fn check_plan_rule(rule: RuleId, cx: &RuleContext, out: &mut Emitter) {
            match rule {
                $(RuleId::$pv => $pm::check(cx, out),)*
                _ => {}
            }
        }

        fn check_review_rule(rule: RuleId, cx: &review::ReviewContext, out: &mut Emitter) {
            match rule {
                $(RuleId::$rv => review::$rm::check(cx, out),)*
                _ => {}
            }
        }
    };
}

rule_table! {
    plan {
        MissingSection: missing_section = "missing-section",
        MissingLegalBasis: missing_legal_basis = "missing-legal-basis",
        MissingHeaderField: missing_header_field = "missing-header-field",
        Placeholder: placeholder = "placeholder",
        MissingSignature: missing_signature = "missing-signature",
        MissingRecipients: missing_recipients = "missing-recipients",
        SupersededReference: superseded_reference = "superseded-reference",
        MissingRequiredReference: missing_required_reference = "missing-required-reference",
        InconsistentCitation: inconsistent_citation = "inconsistent-citation",
        FutureReference: future_reference = "future-reference",
        InvalidDate: invalid_date = "invalid-date",
        HeadingNumbering: heading_numbering = "heading-numbering",
        TimelineOutOfPeriod: timeline_out_of_period = "timeline-out-of-period",
        DefunctAgency: defunct_agency = "defunct-agency",
        CountMismatch: count_mismatch = "count-mismatch",
        DuplicateText: duplicate_text = "duplicate-text",
        Misspelling: misspelling = "misspelling",
        StrayArtifact: stray_artifact = "stray-artifact",
    }
    review {
        ParentCitationMismatch: parent_citation_mismatch = "parent-citation-mismatch",
        TargetBelowAllocation: target_below_allocation = "target-below-allocation",
        DeadlineAfterParent: deadline_after_parent = "deadline-after-parent",
        ParentTaskNotCovered: parent_task_not_covered = "parent-task-not-covered",
    }
}

impl RuleId {
    pub fn from_name(name: &str) -> Option<RuleId> {
        Self::ALL.iter().copied().find(|r| r.name() == name)
    }
    /// The rules of one scope, in catalogue order.
    pub fn of_scope(scope: Scope) -> impl Iterator<Item = RuleId> {
        Self::ALL
            .iter()
            .copied()
            .filter(move |r| r.scope() == scope)
    }
    pub fn meta(self) -> &'static RuleMeta {
        &RuleMeta::all()[self as usize]
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RuleId, D::Error> {
        let name = String::deserialize(d)?;
        RuleId::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown rule `{name}` (see `khlint rules`)"))
        })
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A rule's documentation and default severity, from `grammars/rules.toml` (in table order,
/// tested).
#[derive(Debug, Deserialize)]
pub struct RuleMeta {
    pub name: String,
    pub severity: Severity,
    /// Holds for every administrative document, not only plans (`--all-documents`).
    #[serde(default)]
    pub every_document: bool,
    /// Reads the legal bases, which a plan issued with a decision leaves to the decision:
    /// not run on such a plan.
    #[serde(default)]
    pub bases_of_issuing_document: bool,
    pub summary_vi: String,
    pub summary_en: String,
    pub explanation_vi: String,
    pub explanation_en: String,
}

impl RuleMeta {
    pub fn all() -> &'static [RuleMeta] {
        static META: OnceLock<Vec<RuleMeta>> = OnceLock::new();
        META.get_or_init(|| {
            #[derive(Deserialize)]
            struct File {
                rule: Vec<RuleMeta>,
            }
            let f: File = toml::from_str(include_str!("../../grammars/rules.toml"))
                .expect("rule catalogue is valid TOML (tested)");
            f.rule
        })
    }
    pub fn summary(&self, lang: Lang) -> &str {
        lang.pick(&self.summary_vi, &self.summary_en)
    }
    pub fn explanation(&self, lang: Lang) -> &str {
        lang.pick(&self.explanation_vi, &self.explanation_en)
    }
}

/// The date a plan is judged at, as an interval: a plan dated "tháng 6 năm 2024" could be
/// any day of June. Rules decide which end makes a finding certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReferenceDate {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    pub basis: DateBasis,
}

/// Where the reference date comes from. Without the plan's own date it is bounded by what
/// the plan shows; with nothing to go on, no rule judges the plan by date at all, rather
/// than judge an old plan by today's registry (that is what `--as-of` is for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// `--as-of`, or `as_of` in khlint.toml.
    AsOf,
    /// The header's date (perhaps only its month and year).
    PlanDate,
    /// The year or period of the title: issued from the year before it to its last year.
    Title,
    /// After the latest document the plan cites, up to the review date.
    CitedDocuments,
    /// Nothing dates the plan.
    Unknown,
}

impl ReferenceDate {
    pub fn fixed(d: NaiveDate) -> ReferenceDate {
        ReferenceDate {
            earliest: d,
            latest: d,
            basis: DateBasis::AsOf,
        }
    }

    /// Whether the date-dependent rules may judge the plan.
    pub fn is_known(&self) -> bool {
        self.basis != DateBasis::Unknown
    }

    /// The plan's own date (as much of it as it has: a header date, possibly without day or
    /// month), else bounds from its title and from the latest document it cites, never
    /// later than `review`.
    pub fn for_plan(plan: &Plan, review: NaiveDate) -> ReferenceDate {
        let h = &plan.model.header;
        if let Some(d) = h.date_parts.and_then(header_interval) {
            return d;
        }
        // A plan is issued after every document it cites (a future date is a typo the
        // future-reference rule reports, not a bound).
        let cited = plan
            .model
            .citations
            .iter()
            .filter(|c| c.role != CitationRole::Related)
            .filter_map(|c| NaiveDate::parse_from_str(c.date.as_deref()?, "%Y-%m-%d").ok())
            .filter(|d| *d <= review)
            .max();
        let title = match (h.period, h.year) {
            (Some(p), _) => Some((p.from, p.to)),
            (None, Some(y)) => Some((y, y)),
            _ => None,
        };
        // A plan for a year or a period is often issued in the year before it starts.
        let title = title.and_then(|(from, to)| {
            Some((
                NaiveDate::from_ymd_opt(from - 1, 1, 1)?,
                NaiveDate::from_ymd_opt(to, 12, 31)?.min(review),
            ))
        });
        match (title, cited) {
            (Some((earliest, latest)), cited) if earliest <= latest => ReferenceDate {
                earliest: cited
                    .filter(|c| *c <= latest)
                    .map_or(earliest, |c| c.max(earliest)),
                latest,
                basis: DateBasis::Title,
            },
            (_, Some(c)) => ReferenceDate {
                earliest: c,
                latest: review,
                basis: DateBasis::CitedDocuments,
            },
            _ => ReferenceDate {
                earliest: review,
                latest: review,
                basis: DateBasis::Unknown,
            },
        }
    }

    pub fn describe(&self, lang: Lang) -> String {
        let f = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
        let when = if self.earliest == self.latest {
            f(self.earliest)
        } else {
            format!("{}–{}", f(self.earliest), f(self.latest))
        };
        let basis = match self.basis {
            DateBasis::AsOf => lang.pick("ngày xem xét", "the review date"),
            DateBasis::PlanDate => lang.pick("ngày của Kế hoạch", "the plan's date"),
            DateBasis::Title => lang.pick(
                "thời gian ban hành suy từ tiêu đề",
                "the issue date inferred from the title",
            ),
            DateBasis::CitedDocuments => lang.pick(
                "sau văn bản viện dẫn mới nhất",
                "after the latest document cited",
            ),
            DateBasis::Unknown => lang.pick("ngày không xác định", "an unknown date"),
        };
        format!("{basis} {when}")
    }
}

/// The interval a header date covers: a day, or a whole month or year of a draft.
fn header_interval(parts: crate::model::DateParts) -> Option<ReferenceDate> {
    let year = parts.year?;
    let (m0, m1) = match parts.month.filter(|m| (1..=12).contains(m)) {
        Some(m) => (m, m),
        None => (1, 12),
    };
    let first = NaiveDate::from_ymd_opt(year, m0, 1)?;
    let last = NaiveDate::from_ymd_opt(if m1 == 12 { year + 1 } else { year }, m1 % 12 + 1, 1)?
        .pred_opt()?;
    let day = parts
        .day
        .filter(|_| m0 == m1)
        .and_then(|d| NaiveDate::from_ymd_opt(year, m0, d));
    Some(ReferenceDate {
        earliest: day.unwrap_or(first),
        latest: day.unwrap_or(last),
        basis: DateBasis::PlanDate,
    })
}

pub struct RuleContext<'a> {
    pub plan: &'a Plan,
    pub registry: &'a Registry,
    pub date: ReferenceDate,
}

impl RuleContext<'_> {
    pub fn text(&self) -> &str {
        &self.plan.source.text
    }

    /// Where to point a finding about the whole plan: its title (else the start).
    pub fn title_span(&self) -> Span {
        let h = &self.plan.model.header;
        h.locations.get("title").map(|l| l.span).unwrap_or_default()
    }

    /// Where to point a finding about the closing: the first line of its first (or last)
    /// block, else the end of the text.
    pub fn closing_line(&self, last: bool) -> (usize, usize) {
        let doc = &self.plan.doc;
        let text = self.text();
        let mut closing = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| doc.zones[*i] == crate::structure::Zone::Closing);
        let block = if last {
            closing.next_back()
        } else {
            closing.next()
        };
        let at = block.map_or(text.trim_end().len(), |(_, b)| b.start());
        let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
        (at, end)
    }
}

/// Collects one rule's findings, turning normalized offsets into original locations.
pub struct Emitter<'a> {
    plan: &'a Plan,
    rule: RuleId,
    severity: Severity,
    out: Vec<Diagnostic>,
    /// Findings past [`MAX_FINDINGS_PER_RULE`]: counted, then dropped.
    omitted: usize,
    /// Where a dropped finding is built, so that `emit` can still hand it out.
    overflow: Option<Diagnostic>,
}

/// Findings one rule keeps per file. A hostile or broken file can make a rule fire on
/// every line (800,000 blank fields on one line); past this, findings are counted and
/// reported as one note, so memory stays bounded (README, "Limits").
pub const MAX_FINDINGS_PER_RULE: usize = 1000;

/// Findings of a rule that were counted but not kept ([`MAX_FINDINGS_PER_RULE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Omitted {
    pub rule: RuleId,
    pub count: usize,
}

impl Omitted {
    /// The note a reader sees in place of the findings left out.
    pub fn note(&self, lang: Lang) -> String {
        let (rule, n, max) = (self.rule.name(), self.count, MAX_FINDINGS_PER_RULE);
        match lang {
            Lang::Vi => format!(
                "quy tắc {rule}: còn {n} phát hiện khác không hiển thị (mỗi quy tắc giữ tối đa \
                 {max} phát hiện trong một tệp). Sửa các lỗi đã nêu rồi kiểm tra lại."
            ),
            Lang::En => format!(
                "rule {rule}: {n} more findings not shown (a rule keeps at most {max} findings \
                 per file). Fix those shown and check again."
            ),
        }
    }
}

/// What a run of the rules gives: the findings, sorted and fingerprinted, and what was
/// left out of them.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    pub omitted: Vec<Omitted>,
}

impl<'a> Emitter<'a> {
    fn new(plan: &'a Plan, rule: RuleId) -> Emitter<'a> {
        Emitter {
            plan,
            rule,
            severity: rule.meta().severity,
            out: Vec::new(),
            omitted: 0,
            overflow: None,
        }
    }

    /// A finding over the normalized range `start..end`.
    pub fn emit(
        &mut self,
        start: usize,
        end: usize,
        finding: impl Into<Finding>,
    ) -> &mut Diagnostic {
        let span = self.plan.source.span(start, end.max(start));
        self.emit_span(span, finding)
    }

    /// A finding over a span of the original text (as the model's spans are).
    pub fn emit_span(&mut self, span: Span, finding: impl Into<Finding>) -> &mut Diagnostic {
        let finding = finding.into();
        debug_assert_eq!(finding.rule(), self.rule, "a rule emits its own facts");
        let pos = self.plan.source.position(span.start);
        let d = Diagnostic {
            finding,
            severity: self.severity,
            line: pos.line,
            column: pos.column,
            span,
            fix: None,
            fingerprint: String::new(),
            docx: self.plan.docx_location(span.start),
        };
        if self.out.len() >= MAX_FINDINGS_PER_RULE {
            self.omitted += 1;
            return self.overflow.insert(d);
        }
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    /// The fix that replaces the normalized range `start..end`.
    pub fn fix(
        &self,
        start: usize,
        end: usize,
        replacement: String,
        applicability: Applicability,
    ) -> Fix {
        Fix {
            replacement,
            span: self.plan.source.span(start, end),
            applicability,
        }
    }
}

/// Options of one run of the rules.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// `--as-of`: judge at this date instead of the plan's.
    pub as_of: Option<NaiveDate>,
    /// Today, for plans without a date.
    pub review_date: NaiveDate,
}

impl RunOptions {
    /// The date a plan is judged at.
    pub fn date_for(&self, plan: &Plan) -> ReferenceDate {
        match self.as_of {
            Some(d) => ReferenceDate::fixed(d),
            None => ReferenceDate::for_plan(plan, self.review_date),
        }
    }
}

/// Runs the selected rules over a plan: the plan rules, and the review rules when the
/// province's plan is given. Findings come sorted by position then rule, fingerprinted.
pub fn run(
    plan: &Plan,
    registry: &Registry,
    options: &RunOptions,
    parent: Option<&review::Parent>,
    selected: &dyn Fn(RuleId) -> bool,
) -> Findings {
    let cx = RuleContext {
        plan,
        registry,
        date: options.date_for(plan),
    };
    let mut out = Findings::default();
    for &rule in RuleId::ALL.iter().filter(|r| selected(**r)) {
        let mut e = Emitter::new(plan, rule);
        match (rule.scope(), parent) {
            (Scope::Plan, _) => check_plan_rule(rule, &cx, &mut e),
            (Scope::Review, Some(parent)) => {
                check_review_rule(rule, &parent.context(plan, registry), &mut e)
            }
            (Scope::Review, None) => {}
        }
        out.diagnostics.append(&mut e.out);
        if e.omitted > 0 {
            out.omitted.push(Omitted {
                rule,
                count: e.omitted,
            });
        }
    }
    assign_fingerprints(&plan.source.original, &mut out.diagnostics);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_once_in_table_order() {
        let names: Vec<&str> = RuleId::ALL.iter().map(|r| r.name()).collect();
        let documented: Vec<&str> = RuleMeta::all().iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names, documented,
            "grammars/rules.toml lists the rules in table order"
        );
        for m in RuleMeta::all() {
            assert!(
                !m.summary_vi.is_empty() && !m.explanation_en.is_empty(),
                "{}",
                m.name
            );
        }
        for &r in RuleId::ALL {
            assert_eq!(RuleId::from_name(r.name()), Some(r));
        }
    }

    /// Two "chuyên đổi số" lines apart: the same finding twice.
    fn twice_misspelt() -> String {
        testing::clean_with(
            "nâng cao thu nhập cho người dân",
            "ứng dụng chuyên đổi số, nâng cao thu nhập cho người dân",
        )
        .replacen(
            "Phát triển sản phẩm OCOP gắn",
            "Chuyên đổi số. Phát triển sản phẩm OCOP gắn",
            1,
        )
    }

    #[test]
    fn regression_identical_findings_on_different_lines_get_distinct_fingerprints() {
        let text = twice_misspelt().replace("Chuyên đổi số.", "chuyên đổi số.");
        let d = testing::check(RuleId::Misspelling, &text);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].finding, d[1].finding, "the same facts");
        assert_ne!(d[0].fingerprint, d[1].fingerprint);
    }

    #[test]
    fn fingerprints_survive_edits_elsewhere() {
        let text = twice_misspelt();
        let before = testing::check(RuleId::Misspelling, &text);
        let moved = format!("\n\n{text}").replacen("ban hành Kế hoạch", "ban hành kế hoạch này", 1);
        let after = testing::check(RuleId::Misspelling, &moved);
        assert_eq!(before.len(), 2);
        assert_ne!(before[0].line, after[0].line);
        let prints = |d: &[Diagnostic]| d.iter().map(|d| d.fingerprint.clone()).collect::<Vec<_>>();
        assert_eq!(prints(&before), prints(&after));
    }

    #[test]
    fn regression_fingerprint_does_not_depend_on_the_message_language() {
        // The fingerprint is computed once, before any message exists; the messages differ.
        let d = testing::check(RuleId::Misspelling, &twice_misspelt());
        assert_ne!(d[0].message(Lang::Vi), d[0].message(Lang::En));
        let facts = serde_json::to_string(&d[0].finding).unwrap();
        assert!(!facts.contains("Sai chính tả") && !facts.contains("Misspelling"));
    }

    #[test]
    fn without_its_date_a_plan_is_dated_by_its_title_then_by_what_it_cites() {
        let review = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // Title "năm 2024": issued from 2023 to the end of 2024, after its latest basis.
        let undated = testing::clean_with("Yên Thế, ngày 20 tháng 3 năm 2024", "");
        let r = ReferenceDate::for_plan(&testing::plan(&undated), review);
        assert_eq!(r.basis, DateBasis::Title);
        assert_eq!((r.earliest, r.latest), (d(2024, 2, 6), d(2024, 12, 31)));
        // No year in the title: after the latest basis, up to the review date.
        let untitled = undated.replace("trên địa bàn huyện Yên Thế năm 2024", "trên địa bàn huyện");
        let r = ReferenceDate::for_plan(&testing::plan(&untitled), review);
        assert_eq!(r.basis, DateBasis::CitedDocuments);
        assert_eq!((r.earliest, r.latest), (d(2024, 2, 6), review));
        // Nothing dates it: no rule judges it by date.
        let bare = "KẾ HOẠCH\nPhát triển sản phẩm\nI. MỤC ĐÍCH\nGiao Phòng Nông nghiệp và PTNT huyện thực hiện.\n";
        let p = testing::plan(bare);
        assert!(!ReferenceDate::for_plan(&p, review).is_known());
        for rule in [
            RuleId::DefunctAgency,
            RuleId::SupersededReference,
            RuleId::MissingRequiredReference,
        ] {
            assert!(testing::check_plan(rule, &p).is_empty(), "{rule:?}");
        }
        // The same plan dated 2026 is told the body no longer exists.
        let dated = format!("Yên Thế, ngày 05 tháng 01 năm 2026\n{bare}");
        assert!(!testing::check(RuleId::DefunctAgency, &dated).is_empty());
    }

    #[test]
    fn a_month_only_date_is_an_interval() {
        let p = testing::plan(&testing::clean_with(
            "ngày 20 tháng 3 năm 2024",
            "ngày    tháng 3 năm 2024",
        ));
        let d = ReferenceDate::for_plan(&p, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(d.earliest, NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
        assert_eq!(d.latest, NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(d.basis, DateBasis::PlanDate);
    }
}
