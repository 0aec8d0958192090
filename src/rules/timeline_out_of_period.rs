//! timeline-out-of-period: a schedule outside the plan's year or period, or ending before
//! the plan was issued.

use super::{Emitter, Rule, RuleContext};
use chrono::NaiveDate;

pub struct TimelineOutOfPeriod;

/// Sections that report past results ("KẾT QUẢ THỰC HIỆN") may name past dates.
const PAST_KEYS: &[&str] = &["results"];

fn parse(d: &Option<String>) -> Option<NaiveDate> {
    d.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

impl Rule for TimelineOutOfPeriod {
    fn name(&self) -> &'static str {
        "timeline-out-of-period"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let h = &cx.plan.model.header;
        let (from_year, to_year) = match (h.year, h.period) {
            (Some(y), _) => (y, y),
            (None, Some(p)) => (p.from, p.to),
            _ => return,
        };
        let (Some(start), Some(end)) = (
            NaiveDate::from_ymd_opt(from_year, 1, 1),
            NaiveDate::from_ymd_opt(to_year, 12, 31),
        ) else {
            return;
        };
        let period = if from_year == to_year {
            format!("{} {from_year}", cx.t("năm", "year"))
        } else {
            format!("{} {from_year}-{to_year}", cx.t("giai đoạn", "period"))
        };
        let issued = h
            .date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        for t in &cx.plan.model.timelines {
            if t.section.as_deref().is_some_and(|k| PAST_KEYS.contains(&k))
                || t.recurrence.is_some()
            {
                continue;
            }
            let (Some(f), Some(e)) = (
                parse(&t.from).or(parse(&t.to)),
                parse(&t.to).or(parse(&t.from)),
            ) else {
                continue;
            };
            let task = t
                .task
                .as_deref()
                .map(|k| format!(" ({} “{k}”)", cx.t("nhiệm vụ", "task")))
                .unwrap_or_default();
            if e < start || f > end {
                out.emit_span(
                    t.location.span,
                    format!(
                        "{} “{}”{task} {} {period} {}. {}",
                        cx.t("Mốc thời gian", "The schedule"),
                        t.text,
                        cx.t("nằm ngoài", "is outside"),
                        cx.t("của Kế hoạch", "of the plan"),
                        cx.t(
                            "Cập nhật mốc thời gian (có thể đã sao chép từ Kế hoạch năm trước).",
                            "Update it (it may be copied from an earlier plan)."
                        )
                    ),
                );
            } else if issued.is_some_and(|i| e < i) {
                out.emit_span(
                    t.location.span,
                    format!(
                        "{} “{}”{task} {} {}. {}",
                        cx.t("Thời hạn", "The deadline"),
                        t.text,
                        cx.t(
                            "đã qua trước ngày ban hành Kế hoạch",
                            "falls before the plan's issue date"
                        ),
                        issued
                            .map(|i| i.format("%d/%m/%Y").to_string())
                            .unwrap_or_default(),
                        cx.t("Điều chỉnh thời hạn cho phù hợp.", "Adjust the deadline.")
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
    fn silent_within_the_year() {
        assert!(check("timeline-out-of-period", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_outside_the_year_and_before_issue() {
        let t = clean_with("Quý III/2024", "Quý III/2023");
        let d = check("timeline-out-of-period", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("nằm ngoài năm 2024"));
        let t = clean_with("Tháng 10/2024", "Tháng 01/2024");
        let d = check("timeline-out-of-period", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("trước ngày ban hành"));
    }
}
