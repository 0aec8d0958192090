//! missing-header-field: the parts of the header required by Nghị định 30/2020/NĐ-CP.

use super::{Emitter, RuleContext, Violation};
use crate::i18n::Lang;
use crate::structure::Zone;
use serde::Serialize;

/// The part of the header that is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum MissingHeaderField {
    /// "ỦY BAN NHÂN DÂN" with no "HUYỆN …" / "TỈNH …" under it.
    AdministrativeUnit,
    /// No issuing body in the header at all.
    Issuer,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    Motto,
    /// "Độc lập - Tự do - Hạnh phúc".
    Slogan,
    /// "Số: …/KH-UBND".
    Symbol,
    Place,
    Date,
    /// "KẾ HOẠCH".
    DocType,
    /// The trích yếu.
    Title,
}

impl MissingHeaderField {
    /// The part, as the Vietnamese sentence names it.
    fn part_vi(self) -> &'static str {
        match self {
            Self::AdministrativeUnit => {
                "tên đơn vị hành chính dưới “ỦY BAN NHÂN DÂN” (ví dụ “HUYỆN …”, “TỈNH …”)"
            }
            Self::Issuer => "tên cơ quan ban hành (“ỦY BAN NHÂN DÂN / HUYỆN …”)",
            Self::Motto => "Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
            Self::Slogan => "Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”",
            Self::Symbol => "số và ký hiệu (“Số: …/KH-UBND”)",
            Self::Place => "địa danh",
            Self::Date => "ngày, tháng, năm ban hành",
            Self::DocType => "tên loại văn bản “KẾ HOẠCH”",
            Self::Title => "trích yếu nội dung",
        }
    }

    /// The part, as the English sentence names it.
    fn part_en(self) -> &'static str {
        match self {
            Self::AdministrativeUnit => {
                "the administrative unit under “ỦY BAN NHÂN DÂN” (e.g. “HUYỆN …”)"
            }
            Self::Issuer => "the issuing body (“ỦY BAN NHÂN DÂN / HUYỆN …”)",
            Self::Motto => "the national motto “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
            Self::Slogan => "the slogan “Độc lập - Tự do - Hạnh phúc”",
            Self::Symbol => "number and symbol (“Số: …/KH-UBND”)",
            Self::Place => "the place name",
            Self::Date => "the date of issue",
            Self::DocType => "the document type “KẾ HOẠCH”",
            Self::Title => "the title (trích yếu)",
        }
    }
}

impl Violation for MissingHeaderField {
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!(
                "Phần đầu văn bản thiếu: {}. Bổ sung theo thể thức tại Nghị định 30/2020/NĐ-CP.",
                self.part_vi()
            ),
            Lang::En => format!(
                "The header lacks: {}. Add it as Decree 30/2020/NĐ-CP requires.",
                self.part_en()
            ),
        }
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    use MissingHeaderField::*;
    let h = &cx.plan.model.header;
    // Other documents (--all-documents) are issued by bodies this rule does not know
    // (HĐND, ministries) and show their type in ways of their own (a Công văn's "V/v"):
    // only the parts every document shares are checked there.
    let t = &cx.plan.model.document_type;
    let plan = t.is_plan && !t.carries_plan;
    let mut missing: Vec<MissingHeaderField> = Vec::new();
    match (h.issuer_from.as_deref(), h.issuer.as_deref()) {
        _ if !plan => {}
        (Some("header"), Some("UBND")) => missing.push(AdministrativeUnit),
        (Some("header"), _) => {}
        _ => missing.push(Issuer),
    }
    if !h.has_motto {
        missing.push(Motto);
    }
    if !h.has_slogan {
        missing.push(Slogan);
    }
    if h.symbol.is_none() {
        missing.push(Symbol);
    }
    if h.place.is_none() {
        missing.push(Place);
    }
    if h.date_parts.is_none() {
        missing.push(Date);
    }
    if plan && h.doc_type.is_none() {
        missing.push(DocType);
    }
    if plan && h.title.is_none() {
        missing.push(Title);
    }
    // Point at the header if there is one, else at the start of the plan.
    let doc = &cx.plan.doc;
    let first = doc
        .blocks
        .iter()
        .enumerate()
        .find(|(i, _)| matches!(doc.zones[*i], Zone::Header | Zone::Title))
        .map(|(_, b)| (b.start(), b.end()));
    let (s, e) = first.unwrap_or((0, 0));
    let e = cx.text()[s..e].find('\n').map_or(e, |n| s + n);
    for what in missing {
        out.emit(s, e, what);
    }
}

#[cfg(test)]
mod tests {
    use super::MissingHeaderField;
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Diagnostic, Finding, RuleId};

    fn parts(d: &[Diagnostic]) -> Vec<MissingHeaderField> {
        d.iter()
            .map(|d| match &d.finding {
                Finding::MissingHeaderField(f) => *f,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn silent_on_a_complete_header() {
        assert!(check(RuleId::MissingHeaderField, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_for_each_missing_part() {
        let t = clean_with(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
            "",
        );
        let d = check(RuleId::MissingHeaderField, &t);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            parts(&d),
            [MissingHeaderField::Motto, MissingHeaderField::Slogan]
        );
        let t = clean_with("ỦY BAN NHÂN DÂN\nHUYỆN YÊN THẾ\n", "");
        let d = check(RuleId::MissingHeaderField, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(parts(&d), [MissingHeaderField::Issuer]);
        let t = clean_with("Số: 45/KH-UBND\n", "");
        let d = check(RuleId::MissingHeaderField, &t);
        assert_eq!(parts(&d)[0], MissingHeaderField::Symbol, "{d:?}");
    }

    #[test]
    fn message_in_both_languages() {
        let t = clean_with("Số: 45/KH-UBND\n", "");
        let d = check(RuleId::MissingHeaderField, &t);
        assert_eq!(
            d[0].message(Lang::Vi),
            "Phần đầu văn bản thiếu: số và ký hiệu (“Số: …/KH-UBND”). \
             Bổ sung theo thể thức tại Nghị định 30/2020/NĐ-CP."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The header lacks: number and symbol (“Số: …/KH-UBND”). \
             Add it as Decree 30/2020/NĐ-CP requires."
        );
    }
}
