//! future-reference: a cited document dated after the plan itself.

use super::{Emitter, Rule, RuleContext};
use crate::model::CitationRole;
use chrono::NaiveDate;

pub struct FutureReference;

impl Rule for FutureReference {
    fn name(&self) -> &'static str {
        "future-reference"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
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
            let Some(d) = c
                .date
                .as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            else {
                continue;
            };
            if d > plan_date {
                out.emit_span(
                    c.span,
                    format!(
                        "{} {} {} {} {} {}. {}",
                        c.kind,
                        c.number,
                        cx.t("ngày", "dated"),
                        d.format("%d/%m/%Y"),
                        cx.t("được ban hành sau ngày của Kế hoạch", "was issued after the plan's date"),
                        plan_date.format("%d/%m/%Y"),
                        cx.t("Kiểm tra lại số và ngày của văn bản được viện dẫn hoặc ngày của Kế hoạch.", "Check the cited number and date, or the plan's date.")
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_when_bases_predate_the_plan() {
        assert!(check("future-reference", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_a_later_document() {
        let t = clean_with("ngày 06/02/2024", "ngày 06/5/2024");
        let d = check("future-reference", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("14/KH-UBND"));
    }
}
