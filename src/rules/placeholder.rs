//! placeholder: an unfilled field, in the header or anywhere in the text.

use super::{Emitter, RuleContext, Violation};
use crate::grammar::WordRegex;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// An unfilled field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placeholder {
    /// The name of the pattern of grammars/placeholders.toml that matched ("blank-number").
    pub pattern: String,
    /// The matched text, whitespace collapsed ("Số: /KH-UBND").
    pub text: String,
}

impl Violation for Placeholder {
    fn message(&self, lang: Lang) -> String {
        let text = &self.text;
        // What is blank is said by the data file, one phrase per language.
        let p = patterns().iter().find(|c| c.pattern.name == self.pattern);
        match lang {
            Lang::Vi => {
                let what = p.map_or("Trường còn để trống", |c| &c.pattern.message_vi);
                format!("{what}: “{text}”. Điền giá trị trước khi ban hành văn bản.")
            }
            Lang::En => {
                let what = p.map_or("A field is blank", |c| &c.pattern.message_en);
                format!("{what}: “{text}”. Fill in the value before issuing the plan.")
            }
        }
    }
}

#[derive(Deserialize)]
struct Pattern {
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

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    let text = cx.text();
    for (_, s, e) in cx.plan.doc.text_units() {
        // Ranges already reported, disjoint, by start: only the last one starting before a
        // match's end can overlap it (a scan of them all is quadratic on a long line).
        let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
        for c in patterns() {
            for m in c.regex.find_iter(&text[s..e]) {
                let before = taken.range(..m.end()).next_back();
                if before.is_some_and(|(&a, &b)| m.start() < b && a < m.end()) {
                    continue;
                }
                taken.insert(m.start(), m.end());
                let finding = Placeholder {
                    pattern: c.pattern.name.clone(),
                    text: crate::extract::squash(m.as_str()),
                };
                out.emit(s + m.start(), s + m.end(), finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{patterns, Placeholder};
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    fn placeholder(text: &str) -> Vec<Placeholder> {
        check(RuleId::Placeholder, text)
            .into_iter()
            .map(|d| match d.finding {
                Finding::Placeholder(f) => f,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    fn found(pattern: &str, text: &str) -> Placeholder {
        Placeholder {
            pattern: pattern.into(),
            text: text.into(),
        }
    }

    #[test]
    fn every_pattern_compiles_and_names_are_unique() {
        let mut names: Vec<&str> = patterns().iter().map(|c| c.pattern.name.as_str()).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "the message is found by the pattern's name");
    }

    #[test]
    fn silent_on_a_clean_plan_and_on_enumeration_dots() {
        assert!(check(RuleId::Placeholder, CLEAN_PLAN).is_empty());
        let t = clean_with(
            "nâng cao thu nhập",
            "máy móc, nhà xưởng,... nâng cao thu nhập",
        );
        assert!(check(RuleId::Placeholder, &t).is_empty());
    }

    #[test]
    fn fires_on_blank_number_and_date() {
        let t = clean_with("Số: 45/KH-UBND", "Số:    /KH-UBND");
        let d = check(RuleId::Placeholder, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::Placeholder(found("blank-number", "Số: /KH-UBND"))
        );
        assert_eq!(d[0].line, 7);

        let t = clean_with("ngày 20 tháng 3 năm 2024", "ngày    tháng 3 năm 2024");
        assert_eq!(placeholder(&t), [found("blank-day", "ngày tháng")]);

        let t = clean_with("trước ngày 15/12/2024", "trước ngày   /12/2024");
        assert_eq!(placeholder(&t), [found("blank-day", "ngày /12")]);
    }

    #[test]
    fn fires_on_dotted_values() {
        let t = clean_with("là 500 triệu đồng", "là ........ triệu đồng");
        assert_eq!(placeholder(&t), [found("dotted-value", "........ triệu")]);
    }

    #[test]
    fn message_in_both_languages() {
        let t = clean_with("Số: 45/KH-UBND", "Số:    /KH-UBND");
        let d = check(RuleId::Placeholder, &t);
        assert_eq!(
            d[0].message(Lang::Vi),
            "Số văn bản còn để trống: “Số: /KH-UBND”. Điền giá trị trước khi ban hành văn bản."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The document number is blank: “Số: /KH-UBND”. Fill in the value before issuing the plan."
        );
    }
}
