//! future-reference: a cited document dated after the plan itself.

use super::{Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use crate::model::CitationRole;
use chrono::NaiveDate;
use serde::Serialize;

/// A citation dated after the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FutureReference {
    /// "Kế hoạch", "Quyết định" ...
    pub kind: String,
    /// "14/KH-UBND".
    pub number: String,
    pub cited_date: NaiveDate,
    pub plan_date: NaiveDate,
}

impl Violation for FutureReference {
    fn message(&self, lang: Lang) -> String {
        let (kind, number) = (&self.kind, &self.number);
        let cited = self.cited_date.format("%d/%m/%Y");
        let plan = self.plan_date.format("%d/%m/%Y");
        match lang {
            Lang::Vi => format!(
                "{kind} {number} ngày {cited} được ban hành sau ngày của Kế hoạch {plan}. \
                 Kiểm tra lại số và ngày của văn bản được viện dẫn hoặc ngày của Kế hoạch."
            ),
            Lang::En => format!(
                "{kind} {number} dated {cited} was issued after the plan's date {plan}. \
                 Check the cited number and date, or the plan's date."
            ),
        }
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    // Only the plan's own date makes a citation "future"; a review date does not.
    let h = &cx.plan.model.header;
    if h.date_parts.and_then(|d| d.year).is_none() {
        return;
    }
    let plan_date = super::ReferenceDate::for_plan(cx.plan, NaiveDate::MAX).latest;
    for c in &cx.plan.model.citations {
        if c.role == CitationRole::Related {
            continue;
        }
        let Some(cited_date) = c
            .date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        else {
            continue;
        };
        if cited_date > plan_date {
            out.emit_span(
                c.span,
                FutureReference {
                    kind: c.kind.clone(),
                    number: c.number.clone(),
                    cited_date,
                    plan_date,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FutureReference;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};
    use chrono::NaiveDate;

    #[test]
    fn silent_when_bases_predate_the_plan() {
        assert!(check(RuleId::FutureReference, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_a_later_document() {
        let t = clean_with("ngày 06/02/2024", "ngày 06/5/2024");
        let d = check(RuleId::FutureReference, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::FutureReference(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(
            f,
            &FutureReference {
                kind: "Kế hoạch".into(),
                number: "14/KH-UBND".into(),
                cited_date: NaiveDate::from_ymd_opt(2024, 5, 6).unwrap(),
                plan_date: NaiveDate::from_ymd_opt(2024, 3, 20).unwrap(),
            }
        );
    }
}
