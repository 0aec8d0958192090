//! misspelling: known misspellings of domain terms (grammars/registry/misspellings.toml).

use super::{Applicability, Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use serde::Serialize;

/// A known misspelling and its correction (with the case of the text kept).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Misspelling {
    pub found: String,
    pub correction: String,
}

impl Violation for Misspelling {
    fn message(&self, lang: Lang) -> String {
        let (found, right) = (&self.found, &self.correction);
        match lang {
            Lang::Vi => format!("Sai chính tả: “{found}” → “{right}”."),
            Lang::En => format!("Misspelling: “{found}” → “{right}”."),
        }
    }
}

/// "Chủ thẻ" -> "Chủ thể": the correction keeps a capital at the start of the finding.
fn match_case(found: &str, right: &str) -> String {
    let mut r = right.chars();
    match (found.chars().next(), r.next()) {
        (Some(f), Some(first)) if f.is_uppercase() && first.is_lowercase() => {
            first.to_uppercase().chain(r).collect()
        }
        _ => right.to_string(),
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    let text = cx.text();
    for (_, s, e) in cx.plan.doc.text_units() {
        for (ms, me, m) in cx.registry.find_misspellings(&text[s..e]) {
            let found = &text[s + ms..s + me];
            let correction = match_case(found, &m.right);
            let fix = out.fix(s + ms, s + me, correction.clone(), Applicability::Safe);
            let finding = Misspelling {
                found: found.to_string(),
                correction,
            };
            out.emit(s + ms, s + me, finding).fix = Some(fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Misspelling;
    use crate::rules::testing::{apply_fixes, check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    #[test]
    fn silent_on_correct_spelling() {
        assert!(check(RuleId::Misspelling, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_with_the_right_spelling_as_fix_and_the_fix_fixes_it() {
        let t = clean_with(
            "nâng cao thu nhập cho người dân",
            "tăng cường ứng dụng chuyên đổi số, nâng cao thu nhập cho người dân",
        );
        let d = check(RuleId::Misspelling, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::Misspelling(Misspelling {
                found: "chuyên đổi số".into(),
                correction: "chuyển đổi số".into()
            })
        );
        assert!(check(RuleId::Misspelling, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn a_capital_is_kept() {
        let t = clean_with(
            "Phát triển sản phẩm OCOP gắn",
            "Chuyên đổi số. Phát triển sản phẩm OCOP gắn",
        );
        let d = check(RuleId::Misspelling, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "Chuyển đổi số");
    }
}
