//! deadline-after-parent: a district deadline later than the province's deadline for the
//! same step, or a district plan issued after the date the province set for it.

use super::analysis::ParentTask;
use super::ReviewContext;
use crate::i18n::{dmy, Lang};
use crate::rules::{Applicability, Emitter, Fix, Violation};
use chrono::NaiveDate;
use serde::Serialize;

/// What is late against the province's deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DeadlineAfterParent {
    /// The district plan is dated after the day the province set for issuing it.
    PlanLate {
        task: ProvinceDeadline,
        issued: NaiveDate,
        days_late: i64,
    },
    /// A step of the district plan ends after the province's deadline for it.
    StepLate {
        task: ProvinceDeadline,
        /// The district's deadline as written ("Quý III/2024") and where it ends.
        step: String,
        until: NaiveDate,
        /// The district task the deadline is for, when the timeline names it.
        step_task: Option<String>,
        line: usize,
    },
}

/// A task the province gives the districts, with its deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceDeadline {
    pub text: String,
    /// The province plan's number.
    pub plan_number: String,
    pub line: usize,
    pub deadline: NaiveDate,
    /// The deadline as the province wrote it.
    pub written: String,
}

impl ProvinceDeadline {
    /// "Tỉnh giao các huyện “…” trước ngày 30/6/2024 (Kế hoạch 14/KH-UBND, dòng 80)": the
    /// deadline is added when the task's own text does not say it.
    fn required(&self, lang: Lang) -> String {
        let (text, number, line) = (quote(&self.text), &self.plan_number, self.line);
        let written = &self.written;
        let deadline = if self.text.contains(written.as_str()) {
            String::new()
        } else if written.to_lowercase().starts_with("trước") {
            format!(" {written}")
        } else {
            format!(" {} {}", lang.pick("hạn", "by"), dmy(self.deadline))
        };
        match lang {
            Lang::Vi => {
                format!("Tỉnh giao các huyện {text}{deadline} (Kế hoạch {number}, dòng {line})")
            }
            Lang::En => format!(
                "The province requires the districts: {text}{deadline} (plan {number}, line {line})"
            ),
        }
    }
}

fn quote(s: &str) -> String {
    match s.char_indices().nth(90) {
        Some((i, _)) => format!("“{}…”", &s[..i]),
        None => format!("“{s}”"),
    }
}

impl Violation for DeadlineAfterParent {
    fn message(&self, lang: Lang) -> String {
        match self {
            DeadlineAfterParent::PlanLate {
                task,
                issued,
                days_late,
            } => {
                let (required, issued) = (task.required(lang), dmy(*issued));
                match lang {
                    Lang::Vi => format!(
                        "{required}; Kế hoạch huyện ban hành ngày {issued}, muộn {days_late} ngày."
                    ),
                    Lang::En => format!(
                        "{required}; the district plan is dated {issued}, that is {days_late} \
                         days late."
                    ),
                }
            }
            DeadlineAfterParent::StepLate {
                task,
                step,
                until,
                step_task,
                line,
            } => {
                let (required, until) = (task.required(lang), dmy(*until));
                match lang {
                    Lang::Vi => {
                        let of = step_task
                            .as_deref()
                            .map(|k| format!(" cho “{k}”"))
                            .unwrap_or_default();
                        format!(
                            "{required}; Kế hoạch huyện đặt thời hạn “{step}” (đến {until}){of}, \
                             dòng {line} (muộn hơn thời hạn của tỉnh)."
                        )
                    }
                    Lang::En => {
                        let of = step_task
                            .as_deref()
                            .map(|k| format!(" for “{k}”"))
                            .unwrap_or_default();
                        format!(
                            "{required}; the district plan sets “{step}” (until {until}){of}, \
                             line {line} (later than the province's deadline)."
                        )
                    }
                }
            }
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        Some(
            lang.pick("Đưa về thời hạn của tỉnh", "Use the province's deadline")
                .to_string(),
        )
    }
}

fn province_deadline(
    cx: &ReviewContext,
    task: &ParentTask,
    deadline: NaiveDate,
    written: &str,
) -> ProvinceDeadline {
    ProvinceDeadline {
        text: task.text.clone(),
        plan_number: cx.province.model.header.number.clone().unwrap_or_default(),
        line: task.line,
        deadline,
        written: written.to_string(),
    }
}

pub(in crate::rules) fn check(cx: &ReviewContext, out: &mut Emitter) {
    let h = &cx.district.model.header;
    let issued = h
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    for task in &cx.analysis.tasks {
        let (Some((deadline, written)), Some(primary)) = (&task.deadline, task.topics.first())
        else {
            continue;
        };
        if primary.plan_issue {
            if let Some(d) = issued.filter(|d| d > deadline) {
                let span = h
                    .locations
                    .get("date")
                    .map_or_else(|| cx.plan_span(), |l| l.span);
                let finding = DeadlineAfterParent::PlanLate {
                    task: province_deadline(cx, task, *deadline, written),
                    issued: d,
                    days_late: (d - *deadline).num_days(),
                };
                out.emit_span(span, finding);
            }
            continue;
        }
        for step in &cx.analysis.steps {
            if step.to <= *deadline || !step.topics.iter().any(|t| t.id == primary.id) {
                continue;
            }
            let t = &cx.district.model.timelines[step.timeline];
            // The plan's text is Vietnamese whatever the message language.
            let fix = Fix {
                replacement: format!("trước ngày {}", dmy(*deadline)),
                span: t.location.span,
                applicability: Applicability::Unsafe,
            };
            let finding = DeadlineAfterParent::StepLate {
                task: province_deadline(cx, task, *deadline, written),
                step: t.text.clone(),
                until: step.to,
                step_task: t.task.clone(),
                line: t.location.line,
            };
            out.emit_span(t.location.span, finding).fix = Some(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DeadlineAfterParent;
    use crate::i18n::Lang;
    use crate::rules::review::testing::{clean_with, review, CLEAN};
    use crate::rules::testing::apply_fixes;
    use crate::rules::{Finding, RuleId};
    use chrono::NaiveDate;

    const RULE: RuleId = RuleId::DeadlineAfterParent;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn silent_when_deadlines_are_earlier() {
        assert!(review(RULE, CLEAN).is_empty());
    }

    #[test]
    fn fires_on_a_later_district_evaluation() {
        let t = clean_with("Trước ngày 15/6/2024", "Quý III/2024");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::DeadlineAfterParent(DeadlineAfterParent::StepLate {
            task, step, until, ..
        }) = &d[0].finding
        else {
            panic!("{d:?}")
        };
        assert_eq!(task.deadline, ymd(2024, 6, 30));
        assert_eq!(task.written.to_lowercase(), "trước ngày 30/6/2024");
        assert_eq!(step, "Quý III/2024");
        assert_eq!(*until, ymd(2024, 9, 30));
        assert_eq!(
            d[0].fix.as_ref().unwrap().replacement,
            "trước ngày 30/06/2024"
        );
        assert!(review(RULE, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn fires_on_a_late_report_and_a_late_plan() {
        let t = clean_with("trước ngày 25/11/2024", "trước ngày 10/12/2024");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::DeadlineAfterParent(DeadlineAfterParent::StepLate { task, until, .. }) =
            &d[0].finding
        else {
            panic!("{d:?}")
        };
        assert_eq!(task.deadline, ymd(2024, 11, 30));
        assert_eq!(*until, ymd(2024, 12, 10));
        assert!(review(RULE, &apply_fixes(&t, &d)).is_empty());
        let t = clean_with("ngày 05 tháng 3 năm 2024", "ngày 25 tháng 3 năm 2024");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::DeadlineAfterParent(DeadlineAfterParent::PlanLate {
            task,
            issued,
            days_late,
        }) = &d[0].finding
        else {
            panic!("{d:?}")
        };
        assert_eq!(*issued, ymd(2024, 3, 25));
        assert_eq!(task.deadline, ymd(2024, 3, 15));
        assert_eq!(*days_late, 10);
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn messages_in_both_languages() {
        let t = clean_with("ngày 05 tháng 3 năm 2024", "ngày 25 tháng 3 năm 2024");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        // The province's task is quoted up to 90 characters; it says its own deadline.
        assert_eq!(
            d[0].message(Lang::Vi),
            "Tỉnh giao các huyện “Ban hành Kế hoạch thực hiện Chương trình OCOP năm 2024 của địa \
             phương trước ngày 15/3/2024…” (Kế hoạch 14/KH-UBND, dòng 72); Kế hoạch huyện ban \
             hành ngày 25/03/2024, muộn 10 ngày."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The province requires the districts: “Ban hành Kế hoạch thực hiện Chương trình OCOP \
             năm 2024 của địa phương trước ngày 15/3/2024…” (plan 14/KH-UBND, line 72); the \
             district plan is dated 25/03/2024, that is 10 days late."
        );
        let t = clean_with("Trước ngày 15/6/2024", "Quý III/2024");
        let d = review(RULE, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Tỉnh giao các huyện “Các huyện tổ chức đánh giá, phân hạng sản phẩm OCOP cấp huyện \
             trước ngày 30/6/2024.” (Kế hoạch 14/KH-UBND, dòng 78); Kế hoạch huyện đặt thời hạn \
             “Quý III/2024” (đến 30/09/2024) cho “Tổ chức đánh giá, phân hạng sản phẩm cấp \
             huyện”, dòng 62 (muộn hơn thời hạn của tỉnh)."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The province requires the districts: “Các huyện tổ chức đánh giá, phân hạng sản \
             phẩm OCOP cấp huyện trước ngày 30/6/2024.” (plan 14/KH-UBND, line 78); the \
             district plan sets “Quý III/2024” (until 30/09/2024) for “Tổ chức đánh giá, phân \
             hạng sản phẩm cấp huyện”, line 62 (later than the province's deadline)."
        );
        assert_eq!(
            d[0].fix_title(Lang::Vi).as_deref(),
            Some("Đưa về thời hạn của tỉnh")
        );
        assert_eq!(
            d[0].fix_title(Lang::En).as_deref(),
            Some("Use the province's deadline")
        );
    }
}
