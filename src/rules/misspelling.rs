//! misspelling: known misspellings of domain terms (grammars/registry/misspellings.toml).

use super::{Emitter, Rule, RuleContext};

pub struct Misspelling;

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

impl Rule for Misspelling {
    fn name(&self) -> &'static str {
        "misspelling"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let text = cx.text();
        for (_, s, e) in cx.plan.doc.text_units() {
            for (ms, me, m) in cx.registry.find_misspellings(&text[s..e]) {
                let found = &text[s + ms..s + me];
                let right = match_case(found, &m.right);
                let msg = format!(
                    "{} “{found}” → “{right}”.",
                    cx.t("Sai chính tả:", "Misspelling:")
                );
                let desc = format!("{} “{right}”", cx.t("Sửa thành", "Change to"));
                let fix = out.fix(s + ms, s + me, right, desc);
                out.emit(s + ms, s + me, msg).fix = Some(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_on_correct_spelling() {
        assert!(check("misspelling", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_with_the_right_spelling_as_fix() {
        let t = clean_with(
            "nâng cao thu nhập cho người dân",
            "tăng cường ứng dụng chuyên đổi số, nâng cao thu nhập cho người dân",
        );
        let d = check("misspelling", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "chuyển đổi số");
    }
}
