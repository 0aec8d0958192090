//! missing-recipients: no "Nơi nhận" list.

use super::{Emitter, Rule, RuleContext};
use crate::structure::{Block, Zone};
use crate::vocab::{starts_with_any, Vocab};

pub struct MissingRecipients;

impl Rule for MissingRecipients {
    fn name(&self) -> &'static str {
        "missing-recipients"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
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
        out.emit(
            at,
            end,
            cx.t(
                "Văn bản không có phần “Nơi nhận:”. Bổ sung danh sách cơ quan nhận, kết thúc bằng “Lưu: VT, …”.",
                "The plan has no “Nơi nhận:” (recipients) list. Add the list, ending with “Lưu: VT, …”.",
            )
            .to_string(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_when_recipients_are_listed() {
        assert!(check("missing-recipients", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_when_the_list_is_gone() {
        let t = clean_with("Nơi nhận:\n", "");
        let d = check("missing-recipients", &t);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("Nơi nhận"));
    }
}
