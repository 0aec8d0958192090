//! missing-signature: no signature block, or one without the signer's name.

use super::{Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use serde::Serialize;

/// What the signature lacks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum MissingSignature {
    /// A signing authority ("TM. ỦY BAN NHÂN DÂN …") with no name under it.
    NoSignerName { authority: String },
    /// No signature block at all.
    NoSignatureBlock,
}

impl Violation for MissingSignature {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MissingSignature::NoSignerName { authority }, Lang::Vi) => format!(
                "Khối chữ ký “{authority}” không có họ tên người ký. Bổ sung họ tên người ký dưới chức vụ."
            ),
            (MissingSignature::NoSignerName { authority }, Lang::En) => format!(
                "The signature block “{authority}” has no signer name. Add the name under the title."
            ),
            (MissingSignature::NoSignatureBlock, Lang::Vi) => "Văn bản không có khối chữ ký. Bổ sung thẩm quyền ký (TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH…), chức vụ và họ tên người ký.".to_string(),
            (MissingSignature::NoSignatureBlock, Lang::En) => "The plan has no signature block. Add the signing authority (TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH…), title and name.".to_string(),
        }
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    let h = &cx.plan.model.header;
    if h.signer.is_some() {
        return;
    }
    if let Some(loc) = h.locations.get("authority") {
        let authority = h.authority.clone().unwrap_or_default();
        out.emit_span(loc.span, MissingSignature::NoSignerName { authority });
        return;
    }
    let (at, end) = cx.closing_line(true);
    out.emit(at, end, MissingSignature::NoSignatureBlock);
}

#[cfg(test)]
mod tests {
    use super::MissingSignature;
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    #[test]
    fn silent_with_a_named_signer() {
        assert!(check(RuleId::MissingSignature, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_without_name_or_block() {
        let t = clean_with("\nNguyễn Văn Hùng", "");
        let d = check(RuleId::MissingSignature, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::MissingSignature(MissingSignature::NoSignerName {
                authority: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".into()
            })
        );
        let t = clean_with(
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Hùng",
            "",
        );
        let d = check(RuleId::MissingSignature, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::MissingSignature(MissingSignature::NoSignatureBlock)
        );
    }

    #[test]
    fn message_in_both_languages() {
        let t = clean_with("\nNguyễn Văn Hùng", "");
        let d = check(RuleId::MissingSignature, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Khối chữ ký “TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH” không có họ tên \
             người ký. Bổ sung họ tên người ký dưới chức vụ."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The signature block “TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH” has no \
             signer name. Add the name under the title."
        );
    }
}
