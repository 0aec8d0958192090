//! parent-task-not-covered: a task the province gives the districts with no matching task
//! in the district plan (matched by topic).

use super::analysis::topics;
use super::ReviewContext;
use crate::i18n::Lang;
use crate::rules::{Emitter, Violation};
use serde::Serialize;

/// A task of the province's plan and the topics of it the district plan has no task about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParentTaskNotCovered {
    pub task: String,
    /// The province plan's number.
    pub province_number: String,
    pub province_line: usize,
    pub missing: Vec<MissingTopic>,
}

/// A topic (grammars/review_topics.toml) and the phrases that were looked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingTopic {
    pub id: String,
    pub looked_for: Vec<String>,
}

impl MissingTopic {
    /// The topic's label in `lang` (its id if the catalogue no longer has it).
    fn label(&self, lang: Lang) -> &str {
        topics()
            .iter()
            .find(|t| t.id == self.id)
            .map_or(self.id.as_str(), |t| t.label(lang))
    }
}

impl Violation for ParentTaskNotCovered {
    fn message(&self, lang: Lang) -> String {
        let (task, number, line) = (&self.task, &self.province_number, self.province_line);
        let labels = self
            .missing
            .iter()
            .map(|t| format!("“{}”", t.label(lang)))
            .collect::<Vec<_>>()
            .join(", ");
        // "A & B" in the catalogue means both words, in that order, anywhere in a task.
        let phrases = self
            .missing
            .iter()
            .flat_map(|t| &t.looked_for)
            .map(|p| format!("“{}”", p.replace(" & ", " … ")))
            .collect::<Vec<_>>()
            .join(", ");
        match lang {
            Lang::Vi => format!(
                "Tỉnh giao các huyện: “{task}” (Kế hoạch {number}, dòng {line}); Kế hoạch huyện \
                 không có nhiệm vụ nào về {labels} (đã tìm: {phrases})."
            ),
            Lang::En => format!(
                "The province gives the districts: “{task}” (plan {number}, line {line}); the \
                 district plan has no task about {labels} (looked for: {phrases})."
            ),
        }
    }
}

pub(in crate::rules) fn check(cx: &ReviewContext, out: &mut Emitter) {
    let has = |id: &str| cx.analysis.district_topics.iter().any(|t| t.id == id);
    for task in &cx.analysis.tasks {
        // The plan itself is the answer to "issue a plan".
        let missing: Vec<_> = task
            .topics
            .iter()
            .filter(|t| !t.plan_issue && !has(&t.id))
            .map(|t| MissingTopic {
                id: t.id.clone(),
                looked_for: t.phrases.iter().take(2).cloned().collect(),
            })
            .collect();
        if missing.is_empty() {
            continue;
        }
        let finding = ParentTaskNotCovered {
            task: task.text.clone(),
            province_number: cx.province.model.header.number.clone().unwrap_or_default(),
            province_line: task.line,
            missing,
        };
        out.emit_span(cx.section_span("tasks"), finding);
    }
}

#[cfg(test)]
mod tests {
    use super::{MissingTopic, ParentTaskNotCovered};
    use crate::i18n::Lang;
    use crate::rules::review::testing::{clean_with, review, CLEAN};
    use crate::rules::{Finding, RuleId};

    const RULE: RuleId = RuleId::ParentTaskNotCovered;

    #[test]
    fn silent_when_every_task_is_covered() {
        assert!(review(RULE, CLEAN).is_empty());
    }

    fn without_communication() -> String {
        clean_with(
            "- Tuyên truyền về Chương trình OCOP trên hệ thống truyền thanh của huyện và các xã.",
            "- Phát thanh về Chương trình OCOP trên hệ thống loa của huyện và các xã.",
        )
        .replace("Công tác thông tin, tuyên truyền", "Công tác thông tin")
    }

    #[test]
    fn fires_when_communication_is_missing() {
        let d = review(RULE, &without_communication());
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::ParentTaskNotCovered(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert!(
            f.task.contains("Đẩy mạnh công tác thông tin, tuyên truyền"),
            "{f:?}"
        );
        assert_eq!(f.province_number, "14/KH-UBND");
        assert_eq!(f.province_line, 74);
        assert_eq!(
            f.missing,
            vec![MissingTopic {
                id: "communication".into(),
                looked_for: vec!["tuyên truyền".into(), "truyền thông".into()],
            }]
        );
        assert_eq!(f.missing[0].label(Lang::Vi), "thông tin, tuyên truyền");
    }

    #[test]
    fn messages_in_both_languages() {
        let d = review(RULE, &without_communication());
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::ParentTaskNotCovered(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        let f: &ParentTaskNotCovered = f;
        assert_eq!(f.missing.len(), 1, "{f:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Tỉnh giao các huyện: “Đẩy mạnh công tác thông tin, tuyên truyền về Chương trình OCOP \
             trên địa bàn.” (Kế hoạch 14/KH-UBND, dòng 74); Kế hoạch huyện không có nhiệm vụ \
             nào về “thông tin, tuyên truyền” (đã tìm: “tuyên truyền”, “truyền thông”)."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The province gives the districts: “Đẩy mạnh công tác thông tin, tuyên truyền về \
             Chương trình OCOP trên địa bàn.” (plan 14/KH-UBND, line 74); the district plan has \
             no task about “communication” (looked for: “tuyên truyền”, “truyền thông”)."
        );
    }
}
