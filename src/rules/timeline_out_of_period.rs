//! timeline-out-of-period: a schedule outside the plan's year or period, or ending before
//! the plan was issued.

use super::{Emitter, RuleContext, Violation};
use crate::i18n::{dmy, Lang};
use chrono::NaiveDate;
use serde::Serialize;

/// A schedule the plan cannot mean as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineOutOfPeriod {
    /// The schedule as written: "Quý III/2023".
    pub schedule: String,
    /// The task it belongs to, when known.
    pub task: Option<String>,
    #[serde(flatten)]
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// Entirely outside the plan's year (`from_year == to_year`) or period.
    OutsidePeriod { from_year: i32, to_year: i32 },
    /// Within the period, but over before the plan's issue date.
    BeforeIssue { issued: NaiveDate },
}

impl Violation for TimelineOutOfPeriod {
    fn message(&self, lang: Lang) -> String {
        let schedule = &self.schedule;
        let task = match (&self.task, lang) {
            (None, _) => String::new(),
            (Some(k), Lang::Vi) => format!(" (nhiệm vụ “{k}”)"),
            (Some(k), Lang::En) => format!(" (task “{k}”)"),
        };
        match (&self.problem, lang) {
            (&Problem::OutsidePeriod { from_year, to_year }, Lang::Vi) => {
                let period = if from_year == to_year {
                    format!("năm {from_year}")
                } else {
                    format!("giai đoạn {from_year}-{to_year}")
                };
                format!(
                    "Mốc thời gian “{schedule}”{task} nằm ngoài {period} của Kế hoạch. Cập nhật \
                     mốc thời gian (có thể đã sao chép từ Kế hoạch năm trước)."
                )
            }
            (&Problem::OutsidePeriod { from_year, to_year }, Lang::En) => {
                let period = if from_year == to_year {
                    format!("year {from_year}")
                } else {
                    format!("period {from_year}-{to_year}")
                };
                format!(
                    "The schedule “{schedule}”{task} is outside {period} of the plan. Update it \
                     (it may be copied from an earlier plan)."
                )
            }
            (Problem::BeforeIssue { issued }, Lang::Vi) => format!(
                "Thời hạn “{schedule}”{task} đã qua trước ngày ban hành Kế hoạch {}. Điều chỉnh \
                 thời hạn cho phù hợp.",
                dmy(*issued)
            ),
            (Problem::BeforeIssue { issued }, Lang::En) => format!(
                "The deadline “{schedule}”{task} falls before the plan's issue date {}. Adjust \
                 the deadline.",
                dmy(*issued)
            ),
        }
    }
}

fn parse(d: &Option<String>) -> Option<NaiveDate> {
    d.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
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
    let issued = h
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    for t in &cx.plan.model.timelines {
        if t.section
            .as_deref()
            .is_some_and(|k| cx.registry.reports_past(k))
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
        // A step after the plan is issued and before its period starts prepares the period
        // (a plan of 20/11/2025 for 2026-2030 sets "Tháng 12/2025"): not out of it.
        if e < start && issued.is_some_and(|i| f >= i) {
            continue;
        }
        let problem = if e < start || f > end {
            Problem::OutsidePeriod { from_year, to_year }
        } else if let Some(issued) = issued.filter(|i| e < *i) {
            Problem::BeforeIssue { issued }
        } else {
            continue;
        };
        let finding = TimelineOutOfPeriod {
            schedule: t.text.clone(),
            task: t.task.clone(),
            problem,
        };
        out.emit_span(t.location.span, finding);
    }
}

#[cfg(test)]
mod tests {
    use super::{Problem, TimelineOutOfPeriod};
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId, Violation};
    use chrono::NaiveDate;

    #[test]
    fn silent_within_the_year() {
        assert!(check(RuleId::TimelineOutOfPeriod, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn a_step_between_issue_and_period_prepares_it() {
        // Issued 20/3/2024 for the period 2025-2026: a step in October 2024 prepares it;
        // one in 2023 is outside it.
        let t = clean_with(
            "trên địa bàn huyện Yên Thế năm 2024",
            "trên địa bàn huyện Yên Thế giai đoạn 2025-2026",
        );
        let d = check(RuleId::TimelineOutOfPeriod, &t);
        let schedules: Vec<String> = d
            .iter()
            .map(|d| match &d.finding {
                Finding::TimelineOutOfPeriod(f) => f.schedule.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(
            !schedules.contains(&"Tháng 10/2024".to_string()),
            "{schedules:?}"
        );
        let t = t.replacen("Tháng 10/2024", "Tháng 10/2023", 1);
        let d = check(RuleId::TimelineOutOfPeriod, &t);
        assert!(
            d.iter().any(|d| matches!(&d.finding,
            Finding::TimelineOutOfPeriod(f) if f.schedule == "Tháng 10/2023")),
            "{d:?}"
        );
    }

    #[test]
    fn fires_outside_the_year_and_before_issue() {
        let t = clean_with("Quý III/2024", "Quý III/2023");
        let d = check(RuleId::TimelineOutOfPeriod, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::TimelineOutOfPeriod(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(
            f,
            &TimelineOutOfPeriod {
                schedule: "Quý III/2023".into(),
                task: Some("Tổ chức đánh giá, phân hạng sản phẩm".into()),
                problem: Problem::OutsidePeriod {
                    from_year: 2024,
                    to_year: 2024
                },
            }
        );
        let t = clean_with("Tháng 10/2024", "Tháng 01/2024");
        let d = check(RuleId::TimelineOutOfPeriod, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::TimelineOutOfPeriod(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(
            f.problem,
            Problem::BeforeIssue {
                issued: NaiveDate::from_ymd_opt(2024, 3, 20).unwrap()
            }
        );
    }

    #[test]
    fn messages_in_both_languages() {
        let t = clean_with("Quý III/2024", "Quý III/2023");
        let d = check(RuleId::TimelineOutOfPeriod, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Mốc thời gian “Quý III/2023” (nhiệm vụ “Tổ chức đánh giá, phân hạng sản phẩm”) \
             nằm ngoài năm 2024 của Kế hoạch. Cập nhật mốc thời gian (có thể đã sao chép từ Kế \
             hoạch năm trước)."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The schedule “Quý III/2023” (task “Tổ chức đánh giá, phân hạng sản phẩm”) is \
             outside year 2024 of the plan. Update it (it may be copied from an earlier plan)."
        );
    }

    #[test]
    fn a_period_and_a_missing_task_read_as_sentences() {
        let f = TimelineOutOfPeriod {
            schedule: "Năm 2019".into(),
            task: None,
            problem: Problem::OutsidePeriod {
                from_year: 2021,
                to_year: 2025,
            },
        };
        assert_eq!(
            f.message(Lang::En),
            "The schedule “Năm 2019” is outside period 2021-2025 of the plan. Update it (it may \
             be copied from an earlier plan)."
        );
        let f = TimelineOutOfPeriod {
            problem: Problem::BeforeIssue {
                issued: NaiveDate::from_ymd_opt(2024, 3, 20).unwrap(),
            },
            ..f
        };
        assert_eq!(
            f.message(Lang::Vi),
            "Thời hạn “Năm 2019” đã qua trước ngày ban hành Kế hoạch 20/03/2024. Điều chỉnh \
             thời hạn cho phù hợp."
        );
    }
}
