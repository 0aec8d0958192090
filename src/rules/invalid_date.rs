//! invalid-date: a date that cannot exist (31/4/2024, tháng 13).

use super::{Emitter, RuleContext, Violation};
use crate::grammar::date::{find_dates, PartialDate};
use crate::i18n::Lang;
use serde::Serialize;

/// A date that cannot exist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvalidDate {
    /// The date as written, whitespace collapsed: "ngày 31/4/2024".
    pub written: String,
    /// Its parts as read.
    pub date: PartialDate,
}

impl Violation for InvalidDate {
    fn message(&self, lang: Lang) -> String {
        let written = &self.written;
        match lang {
            Lang::Vi => format!(
                "Ngày “{written}” không tồn tại (ngày hoặc tháng vượt quá giới hạn). \
                 Kiểm tra và sửa lại."
            ),
            Lang::En => format!(
                "The date “{written}” does not exist (day or month out of range). \
                 Check and correct it."
            ),
        }
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
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
            let finding = InvalidDate {
                written: crate::grammar::collapse_ws(&text[s + d.start..s + d.end]),
                date: d.date,
            };
            out.emit(s + d.start, s + d.end, finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::InvalidDate;
    use crate::grammar::date::PartialDate;
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    #[test]
    fn silent_on_real_dates() {
        assert!(check(RuleId::InvalidDate, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_impossible_dates() {
        let t = clean_with("trước ngày 15/12/2024", "trước ngày 31/4/2024");
        let d = check(RuleId::InvalidDate, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::InvalidDate(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(f.written, "ngày 31/4/2024");
        assert_eq!(
            f.date,
            PartialDate {
                year: Some(2024),
                month: Some(4),
                day: Some(31)
            }
        );
        let t = clean_with("ngày 06/02/2024", "ngày 06/13/2024");
        let d = check(RuleId::InvalidDate, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let Finding::InvalidDate(f) = &d[0].finding else {
            panic!("{d:?}")
        };
        assert_eq!(f.date.month, Some(13));
    }

    #[test]
    fn messages_in_both_languages() {
        let t = clean_with("trước ngày 15/12/2024", "trước ngày 31/4/2024");
        let d = check(RuleId::InvalidDate, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(matches!(
            d[0].finding,
            Finding::InvalidDate(InvalidDate { .. })
        ));
        assert_eq!(
            d[0].message(Lang::Vi),
            "Ngày “ngày 31/4/2024” không tồn tại (ngày hoặc tháng vượt quá giới hạn). Kiểm tra \
             và sửa lại."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The date “ngày 31/4/2024” does not exist (day or month out of range). Check and \
             correct it."
        );
    }
}
