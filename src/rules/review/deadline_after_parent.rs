//! deadline-after-parent: a district deadline later than the province's deadline for the
//! same step, or a district plan issued after the date the province set for it.

use super::analysis::{dmy, ParentTask};
use super::{CrossRule, ReviewContext};
use crate::diagnostic::Fix;
use crate::rules::Emitter;
use chrono::NaiveDate;

pub struct DeadlineAfterParent;

fn quote(s: &str) -> String {
    match s.char_indices().nth(90) {
        Some((i, _)) => format!("“{}…”", &s[..i]),
        None => format!("“{s}”"),
    }
}

fn required(cx: &ReviewContext, task: &ParentTask, deadline: NaiveDate, written: &str) -> String {
    format!(
        "{} {}{} ({} {}, {} {})",
        cx.t(
            "Tỉnh giao các huyện",
            "The province requires the districts:"
        ),
        quote(&task.text),
        if task.text.contains(written) {
            String::new()
        } else if written.to_lowercase().starts_with("trước") {
            format!(" {written}")
        } else {
            format!(" {} {}", cx.t("hạn", "by"), dmy(deadline))
        },
        cx.t("Kế hoạch", "plan"),
        cx.province.model.header.number.as_deref().unwrap_or(""),
        cx.t("dòng", "line"),
        task.line
    )
}

impl CrossRule for DeadlineAfterParent {
    fn name(&self) -> &'static str {
        "deadline-after-parent"
    }

    fn check(&self, cx: &ReviewContext, out: &mut Emitter) {
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
                    out.emit_span(
                        span,
                        format!(
                            "{}; {} {}, {} {} {}.",
                            required(cx, task, *deadline, written),
                            cx.t("Kế hoạch huyện ban hành ngày", "the district plan is dated"),
                            dmy(d),
                            cx.t("muộn", "that is"),
                            (d - *deadline).num_days(),
                            cx.t("ngày", "days late")
                        ),
                    );
                }
                continue;
            }
            for step in &cx.analysis.steps {
                if step.to <= *deadline || !step.topics.iter().any(|t| t.id == primary.id) {
                    continue;
                }
                let t = &cx.district.model.timelines[step.timeline];
                let task_name = t
                    .task
                    .as_deref()
                    .map(|k| format!(" {} “{k}”", cx.t("cho", "for")))
                    .unwrap_or_default();
                let msg = format!(
                    "{}; {} “{}” ({} {}){task_name}, {} {} ({}).",
                    required(cx, task, *deadline, written),
                    cx.t("Kế hoạch huyện đặt thời hạn", "the district plan sets"),
                    t.text,
                    cx.t("đến", "until"),
                    dmy(step.to),
                    cx.t("dòng", "line"),
                    t.location.line,
                    cx.t(
                        "muộn hơn thời hạn của tỉnh",
                        "later than the province's deadline"
                    )
                );
                let fix = Fix {
                    description: cx
                        .t("Đưa về thời hạn của tỉnh", "Use the province's deadline")
                        .to_string(),
                    replacement: format!("{} {}", cx.t("trước ngày", "trước ngày"), dmy(*deadline)),
                    span: t.location.span,
                };
                out.emit_span(t.location.span, msg).fix = Some(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::review::testing::{clean_with, review, CLEAN};

    const RULE: &str = "deadline-after-parent";

    #[test]
    fn silent_when_deadlines_are_earlier() {
        assert!(review(RULE, CLEAN, Lang::Vi).is_empty());
    }

    #[test]
    fn fires_on_a_later_district_evaluation() {
        let t = clean_with("Trước ngày 15/6/2024", "Quý III/2024");
        let d = review(RULE, &t, Lang::Vi);
        assert_eq!(d.len(), 1, "{d:?}");
        let m = &d[0].message;
        assert!(m.contains("trước ngày 30/6/2024"), "{m}");
        assert!(m.contains("“Quý III/2024” (đến 30/09/2024)"), "{m}");
        assert_eq!(
            d[0].fix.as_ref().unwrap().replacement,
            "trước ngày 30/06/2024"
        );
    }

    #[test]
    fn fires_on_a_late_report_and_a_late_plan() {
        let t = clean_with("trước ngày 25/11/2024", "trước ngày 10/12/2024");
        let d = review(RULE, &t, Lang::Vi);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("trước ngày 30/11/2024"));
        let t = clean_with("ngày 05 tháng 3 năm 2024", "ngày 25 tháng 3 năm 2024");
        let d = review(RULE, &t, Lang::En);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("10 days late"), "{}", d[0].message);
    }
}
