//! The rule engine. A rule is a small unit that reads one analysed plan and emits
//! diagnostics; its name, default severity and documentation are data in
//! `grammars/rules.toml`. Adding a rule: one file here, one line in [`all`], its entry in
//! rules.toml, and its tests.

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

pub use stray_artifact::legacy_encoding_note;

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::extract::Plan;
use crate::i18n::Lang;
use crate::registry::Registry;
use crate::source::Span;
use chrono::NaiveDate;
use serde::Deserialize;
use std::sync::OnceLock;

/// Every rule, in catalogue order.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &missing_section::MissingSection,
        &missing_legal_basis::MissingLegalBasis,
        &missing_header_field::MissingHeaderField,
        &placeholder::Placeholder,
        &missing_signature::MissingSignature,
        &missing_recipients::MissingRecipients,
        &superseded_reference::SupersededReference,
        &missing_required_reference::MissingRequiredReference,
        &inconsistent_citation::InconsistentCitation,
        &future_reference::FutureReference,
        &invalid_date::InvalidDate,
        &heading_numbering::HeadingNumbering,
        &timeline_out_of_period::TimelineOutOfPeriod,
        &defunct_agency::DefunctAgency,
        &count_mismatch::CountMismatch,
        &duplicate_text::DuplicateText,
        &misspelling::Misspelling,
        &stray_artifact::StrayArtifact,
    ]
}

pub fn by_name(name: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.name() == name)
}

pub trait Rule: Sync {
    fn name(&self) -> &'static str;
    fn check(&self, cx: &RuleContext, out: &mut Emitter);

    fn meta(&self) -> &'static RuleMeta {
        RuleMeta::get(self.name())
    }
}

/// A rule's documentation, from `grammars/rules.toml`.
#[derive(Debug, Deserialize)]
pub struct RuleMeta {
    pub name: String,
    pub severity: Severity,
    pub summary_vi: String,
    pub summary_en: String,
    pub explanation_vi: String,
    pub explanation_en: String,
}

impl RuleMeta {
    pub fn all() -> &'static [RuleMeta] {
        static META: OnceLock<Vec<RuleMeta>> = OnceLock::new();
        META.get_or_init(|| RuleMeta::parse(include_str!("../../grammars/rules.toml")))
    }

    /// Reads a catalogue file (`[[rule]]` tables); the embedded ones are tested to parse.
    pub fn parse(src: &str) -> Vec<RuleMeta> {
        #[derive(Deserialize)]
        struct File {
            rule: Vec<RuleMeta>,
        }
        let f: File = toml::from_str(src).expect("rule catalogue is valid TOML (tested)");
        f.rule
    }

    pub fn get(name: &str) -> &'static RuleMeta {
        Self::all()
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("rule {name} has an entry in grammars/rules.toml (tested)"))
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReferenceDate {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    pub from_plan: bool,
}

impl ReferenceDate {
    /// The plan's own date (as much of it as it has: a header date, possibly without
    /// day or month, else the year its title names), else `review`.
    pub fn for_plan(plan: &Plan, review: NaiveDate) -> ReferenceDate {
        let fixed = |d| ReferenceDate {
            earliest: d,
            latest: d,
            from_plan: false,
        };
        let h = &plan.model.header;
        let title_year = h.year.map(|y| crate::model::DateParts {
            year: Some(y),
            month: None,
            day: None,
        });
        let Some(parts) = h.date_parts.filter(|d| d.year.is_some()).or(title_year) else {
            return fixed(review);
        };
        let Some(year) = parts.year else {
            return fixed(review);
        };
        let (m0, m1) = match parts.month.filter(|m| (1..=12).contains(m)) {
            Some(m) => (m, m),
            None => (1, 12),
        };
        let first = NaiveDate::from_ymd_opt(year, m0, 1);
        let last = NaiveDate::from_ymd_opt(if m1 == 12 { year + 1 } else { year }, m1 % 12 + 1, 1)
            .and_then(|d| d.pred_opt());
        match (first, last, parts.day) {
            (Some(f), Some(l), Some(day)) if m0 == m1 => {
                match NaiveDate::from_ymd_opt(year, m0, day) {
                    Some(d) => ReferenceDate {
                        earliest: d,
                        latest: d,
                        from_plan: true,
                    },
                    None => ReferenceDate {
                        earliest: f,
                        latest: l,
                        from_plan: true,
                    },
                }
            }
            (Some(f), Some(l), _) => ReferenceDate {
                earliest: f,
                latest: l,
                from_plan: true,
            },
            _ => fixed(review),
        }
    }

    pub fn describe(&self, lang: Lang) -> String {
        let f = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
        let when = if self.earliest == self.latest {
            f(self.earliest)
        } else {
            format!("{}–{}", f(self.earliest), f(self.latest))
        };
        if self.from_plan {
            format!(
                "{} {when}",
                lang.pick("ngày của Kế hoạch", "the plan's date")
            )
        } else {
            format!("{} {when}", lang.pick("ngày xem xét", "the review date"))
        }
    }
}

pub struct RuleContext<'a> {
    pub plan: &'a Plan,
    pub registry: &'a Registry,
    pub date: ReferenceDate,
    pub lang: Lang,
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
    /// Vietnamese or English text.
    pub fn t<'s>(&self, vi: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(vi, en)
    }
}

/// Collects one rule's diagnostics, turning normalized offsets into original locations.
pub struct Emitter<'a> {
    plan: &'a Plan,
    rule: &'static str,
    severity: Severity,
    pub(crate) out: Vec<Diagnostic>,
}

impl<'a> Emitter<'a> {
    pub fn new(plan: &'a Plan, rule: &'static str, severity: Severity) -> Emitter<'a> {
        Emitter {
            plan,
            rule,
            severity,
            out: Vec::new(),
        }
    }

    /// A finding over the normalized range `start..end`.
    pub fn emit(&mut self, start: usize, end: usize, message: String) -> &mut Diagnostic {
        let span = self.plan.source.span(start, end.max(start));
        self.emit_span(span, message)
    }

    /// A finding over a span of the original text (as the model's spans are).
    pub fn emit_span(&mut self, span: Span, message: String) -> &mut Diagnostic {
        let pos = self.plan.source.position(span.start);
        let snippet = self
            .plan
            .source
            .original
            .get(span.start..span.end)
            .unwrap_or("");
        let fingerprint = fingerprint(self.rule, snippet, &message);
        self.out.push(Diagnostic {
            rule: self.rule,
            severity: self.severity,
            message,
            line: pos.line,
            column: pos.column,
            span,
            fix: None,
            fingerprint,
        });
        self.out.last_mut().expect("just pushed")
    }

    /// The fix that replaces the normalized range `start..end`.
    pub fn fix(&self, start: usize, end: usize, replacement: String, description: String) -> Fix {
        Fix {
            description,
            replacement,
            span: self.plan.source.span(start, end),
        }
    }
}

/// FNV-1a over the rule, the finding's text and its message without digits (messages
/// name line numbers and dates that move when the plan is edited elsewhere): stable across
/// edits and across toolchains (std's hasher is not).
fn fingerprint(rule: &str, snippet: &str, message: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in rule
        .bytes()
        .chain([0])
        .chain(crate::extract::squash(snippet).bytes())
        .chain([0])
        .chain(message.bytes().filter(|b| !b.is_ascii_digit()))
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Options of one run of the rules.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub lang: Lang,
    /// `--as-of`: judge at this date instead of the plan's.
    pub as_of: Option<NaiveDate>,
    /// Today, for plans without a date.
    pub review_date: NaiveDate,
}

/// Runs the selected rules (all when `selected` is None) over a plan; diagnostics are
/// sorted by position then rule.
pub fn run(
    plan: &Plan,
    registry: &Registry,
    options: &RunOptions,
    selected: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let date = match options.as_of {
        Some(d) => ReferenceDate {
            earliest: d,
            latest: d,
            from_plan: false,
        },
        None => ReferenceDate::for_plan(plan, options.review_date),
    };
    let cx = RuleContext {
        plan,
        registry,
        date,
        lang: options.lang,
    };
    let mut out = Vec::new();
    for rule in all().iter().filter(|r| selected(r.name())) {
        let mut e = Emitter::new(plan, rule.name(), rule.meta().severity);
        rule.check(&cx, &mut e);
        out.append(&mut e.out);
    }
    out.sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_once_and_every_entry_is_a_rule() {
        let names: Vec<&str> = all().iter().map(|r| r.name()).collect();
        let documented: Vec<&str> = RuleMeta::all().iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names, documented,
            "grammars/rules.toml lists the rules in catalogue order"
        );
        for m in RuleMeta::all() {
            assert!(
                !m.summary_vi.is_empty() && !m.explanation_en.is_empty(),
                "{}",
                m.name
            );
        }
    }

    #[test]
    fn fingerprints_survive_edits_elsewhere() {
        let text = testing::clean_with("2. Mục tiêu cụ thể", "1. Mục tiêu cụ thể");
        let before = testing::check("heading-numbering", &text);
        let moved = format!("\n\n{text}").replacen(
            "Phát triển sản phẩm OCOP gắn",
            "Phát triển mạnh sản phẩm OCOP gắn",
            1,
        );
        let after = testing::check("heading-numbering", &moved);
        assert_eq!(before.len(), 1);
        assert_ne!(before[0].line, after[0].line);
        assert_eq!(before[0].fingerprint, after[0].fingerprint);
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
        assert!(d.from_plan);
    }
}
