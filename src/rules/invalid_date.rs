//! invalid-date: a date that cannot exist (31/4/2024, tháng 13).

use super::{Emitter, Rule, RuleContext};
use crate::grammar::date::find_dates;

pub struct InvalidDate;

impl Rule for InvalidDate {
    fn name(&self) -> &'static str {
        "invalid-date"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let text = cx.text();
        for (_, s, e) in cx.plan.doc.text_units() {
            // An impossible date has digits; most paragraphs have none.
            if !text[s..e].bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            for d in find_dates(&text[s..e]) {
                if d.date.is_valid() {
                    continue;
                }
                let shown = crate::extract::squash(&text[s + d.start..s + d.end]);
                out.emit(
                        s + d.start,
                        s + d.end,
                        format!(
                            "{} “{shown}” {}",
                            cx.t("Ngày", "The date"),
                            cx.t(
                                "không tồn tại (ngày hoặc tháng vượt quá giới hạn). Kiểm tra và sửa lại.",
                                "does not exist (day or month out of range). Check and correct it."
                            )
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
    fn silent_on_real_dates() {
        assert!(check("invalid-date", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_impossible_dates() {
        let t = clean_with("trước ngày 15/12/2024", "trước ngày 31/4/2024");
        let d = check("invalid-date", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("31/4/2024"));
        let t = clean_with("ngày 06/02/2024", "ngày 06/13/2024");
        assert_eq!(check("invalid-date", &t).len(), 1);
    }
}
