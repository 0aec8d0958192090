//! parent-task-not-covered: a task the province gives the districts with no matching task
//! in the district plan (matched by topic).

use super::{CrossRule, ReviewContext};
use crate::rules::Emitter;

pub struct ParentTaskNotCovered;

impl CrossRule for ParentTaskNotCovered {
    fn name(&self) -> &'static str {
        "parent-task-not-covered"
    }

    fn check(&self, cx: &ReviewContext, out: &mut Emitter) {
        let has = |id: &str| cx.analysis.district_topics.iter().any(|t| t.id == id);
        for task in &cx.analysis.tasks {
            // The plan itself is the answer to "issue a plan".
            let missing: Vec<_> = task
                .topics
                .iter()
                .filter(|t| !t.plan_issue && !has(&t.id))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let labels = missing
                .iter()
                .map(|t| format!("“{}”", t.label(cx.lang)))
                .collect::<Vec<_>>()
                .join(", ");
            let phrases = missing
                .iter()
                .flat_map(|t| t.phrases.iter().take(2))
                .map(|p| format!("“{}”", p.replace(" & ", " … ")))
                .collect::<Vec<_>>()
                .join(", ");
            out.emit_span(
                cx.section_span("tasks"),
                format!(
                    "{} “{}” ({} {}, {} {}); {} {labels} ({}: {phrases}).",
                    cx.t("Tỉnh giao các huyện:", "The province gives the districts:"),
                    task.text,
                    cx.t("Kế hoạch", "plan"),
                    cx.province.model.header.number.as_deref().unwrap_or(""),
                    cx.t("dòng", "line"),
                    task.line,
                    cx.t(
                        "Kế hoạch huyện không có nhiệm vụ nào về",
                        "the district plan has no task about"
                    ),
                    cx.t("đã tìm", "looked for")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::review::testing::{clean_with, review, CLEAN};

    const RULE: &str = "parent-task-not-covered";

    #[test]
    fn silent_when_every_task_is_covered() {
        assert!(review(RULE, CLEAN, Lang::Vi).is_empty());
    }

    #[test]
    fn fires_when_communication_is_missing() {
        let t = clean_with(
            "- Tuyên truyền về Chương trình OCOP trên hệ thống truyền thanh của huyện và các xã.",
            "- Phát thanh về Chương trình OCOP trên hệ thống loa của huyện và các xã.",
        )
        .replace("Công tác thông tin, tuyên truyền", "Công tác thông tin");
        let d = review(RULE, &t, Lang::Vi);
        assert_eq!(d.len(), 1, "{d:?}");
        let m = &d[0].message;
        assert!(
            m.contains("Đẩy mạnh công tác thông tin, tuyên truyền"),
            "{m}"
        );
        assert!(m.contains("“thông tin, tuyên truyền”"), "{m}");
        assert!(m.contains("dòng 74"), "{m}");
    }
}
