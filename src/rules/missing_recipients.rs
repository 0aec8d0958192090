//! missing-recipients: no "Nơi nhận" list.

use super::{Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use crate::structure::{Block, Zone};
use crate::vocab::{starts_with_any, Vocab};
use serde::Serialize;

/// The closing has no "Nơi nhận:" list. There is nothing more to say than that.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingRecipients {}

impl Violation for MissingRecipients {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => "Văn bản không có phần “Nơi nhận:”. Bổ sung danh sách cơ quan nhận, kết thúc bằng “Lưu: VT, …”.".to_string(),
            Lang::En => "The plan has no “Nơi nhận:” (recipients) list. Add the list, ending with “Lưu: VT, …”.".to_string(),
        }
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    let v = Vocab::get();
    let text = cx.text();
    let doc = &cx.plan.doc;
    let has = doc.blocks.iter().enumerate().any(|(i, b)| {
        doc.zones[i] == Zone::Closing
            && match b {
                Block::Paragraph(p) => {
                    starts_with_any(&text[p.start..p.end], &v.closing.recipients)
                }
                Block::Table(t) => t
                    .rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .any(|c| starts_with_any(&text[c.start..c.end], &v.closing.recipients)),
            }
    });
    if has {
        return;
    }
    // Point at the closing if there is one, else at the end of the text.
    let (at, end) = cx.closing_line(false);
    out.emit(at, end, MissingRecipients {});
}

#[cfg(test)]
mod tests {
    use super::MissingRecipients;
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    #[test]
    fn silent_when_recipients_are_listed() {
        assert!(check(RuleId::MissingRecipients, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_when_the_list_is_gone() {
        let t = clean_with("Nơi nhận:\n", "");
        let d = check(RuleId::MissingRecipients, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::MissingRecipients(MissingRecipients {})
        );
    }

    #[test]
    fn message_in_both_languages() {
        let t = clean_with("Nơi nhận:\n", "");
        let d = check(RuleId::MissingRecipients, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Văn bản không có phần “Nơi nhận:”. Bổ sung danh sách cơ quan nhận, \
             kết thúc bằng “Lưu: VT, …”."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The plan has no “Nơi nhận:” (recipients) list. Add the list, \
             ending with “Lưu: VT, …”."
        );
    }
}
