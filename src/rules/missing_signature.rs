//! missing-signature: no signature block, or one without the signer's name.

use super::{Emitter, Rule, RuleContext};

pub struct MissingSignature;

impl Rule for MissingSignature {
    fn name(&self) -> &'static str {
        "missing-signature"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let h = &cx.plan.model.header;
        if h.signer.is_some() {
            return;
        }
        if let Some(loc) = h.locations.get("authority") {
            out.emit_span(
                loc.span,
                format!(
                    "{} “{}” {}",
                    cx.t("Khối chữ ký", "The signature block"),
                    h.authority.as_deref().unwrap_or(""),
                    cx.t(
                        "không có họ tên người ký. Bổ sung họ tên người ký dưới chức vụ.",
                        "has no signer name. Add the name under the title."
                    )
                ),
            );
            return;
        }
        let (at, end) = cx.closing_line(true);
        out.emit(
            at,
            end,
            cx.t(
                "Văn bản không có khối chữ ký. Bổ sung thẩm quyền ký (TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH…), chức vụ và họ tên người ký.",
                "The plan has no signature block. Add the signing authority (TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH…), title and name.",
            )
            .to_string(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_with_a_named_signer() {
        assert!(check("missing-signature", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_without_name_or_block() {
        let t = clean_with("\nNguyễn Văn Hùng", "");
        let d = check("missing-signature", &t);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("không có họ tên"), "{}", d[0].message);
        let t = clean_with(
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Hùng",
            "",
        );
        let d = check("missing-signature", &t);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("không có khối chữ ký"));
    }
}
