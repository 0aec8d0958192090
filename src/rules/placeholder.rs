//! placeholder: an unfilled field, in the header or anywhere in the text.

use super::{Emitter, Rule, RuleContext};
use crate::grammar::WordRegex;
use serde::Deserialize;
use std::sync::OnceLock;

pub struct Placeholder;

#[derive(Deserialize)]
struct Pattern {
    #[allow(dead_code)] // documents the pattern in the data file
    name: String,
    regex: String,
    message_vi: String,
    message_en: String,
}

struct Compiled {
    pattern: Pattern,
    regex: WordRegex,
}

fn patterns() -> &'static [Compiled] {
    static P: OnceLock<Vec<Compiled>> = OnceLock::new();
    P.get_or_init(|| {
        #[derive(Deserialize)]
        struct File {
            pattern: Vec<Pattern>,
        }
        let f: File = toml::from_str(include_str!("../../grammars/placeholders.toml"))
            .expect("grammars/placeholders.toml is valid (tested)");
        f.pattern
            .into_iter()
            .map(|p| Compiled {
                regex: WordRegex::new(&p.regex).expect("placeholder regex (tested)"),
                pattern: p,
            })
            .collect()
    })
}

impl Rule for Placeholder {
    fn name(&self) -> &'static str {
        "placeholder"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let text = cx.text();
        let advice = cx.t(
            "Điền giá trị trước khi ban hành văn bản.",
            "Fill in the value before issuing the plan.",
        );
        for (_, s, e) in cx.plan.doc.text_units() {
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for c in patterns() {
                for m in c.regex.find_iter(&text[s..e]) {
                    if taken.iter().any(|&(a, b)| m.start() < b && a < m.end()) {
                        continue;
                    }
                    taken.push((m.start(), m.end()));
                    let what = cx.t(&c.pattern.message_vi, &c.pattern.message_en);
                    let shown = crate::extract::squash(m.as_str());
                    out.emit(
                        s + m.start(),
                        s + m.end(),
                        format!("{what}: “{shown}”. {advice}"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_on_a_clean_plan_and_on_enumeration_dots() {
        assert!(check("placeholder", CLEAN_PLAN).is_empty());
        let t = clean_with(
            "nâng cao thu nhập",
            "máy móc, nhà xưởng,... nâng cao thu nhập",
        );
        assert!(check("placeholder", &t).is_empty());
    }

    #[test]
    fn fires_on_blank_number_and_date() {
        let t = clean_with("Số: 45/KH-UBND", "Số:    /KH-UBND");
        let d = check("placeholder", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("Số văn bản còn để trống"));
        assert_eq!(d[0].line, 7);

        let t = clean_with("ngày 20 tháng 3 năm 2024", "ngày    tháng 3 năm 2024");
        let d = check("placeholder", &t);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("Ngày còn để trống"));

        let t = clean_with("trước ngày 15/12/2024", "trước ngày   /12/2024");
        assert_eq!(check("placeholder", &t).len(), 1);
    }

    #[test]
    fn fires_on_dotted_values() {
        let t = clean_with("là 500 triệu đồng", "là ........ triệu đồng");
        let d = check("placeholder", &t);
        assert_eq!(d.len(), 1);
    }
}
