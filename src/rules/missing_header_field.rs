//! missing-header-field: the parts of the header required by Nghị định 30/2020/NĐ-CP.

use super::{Emitter, Rule, RuleContext};
use crate::structure::Zone;

pub struct MissingHeaderField;

impl Rule for MissingHeaderField {
    fn name(&self) -> &'static str {
        "missing-header-field"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let h = &cx.plan.model.header;
        let mut missing: Vec<&str> = Vec::new();
        match (h.issuer_from.as_deref(), h.issuer.as_deref()) {
            (Some("header"), Some("UBND")) => missing.push(cx.t(
                "tên đơn vị hành chính dưới “ỦY BAN NHÂN DÂN” (ví dụ “HUYỆN …”, “TỈNH …”)",
                "the administrative unit under “ỦY BAN NHÂN DÂN” (e.g. “HUYỆN …”)",
            )),
            (Some("header"), _) => {}
            _ => missing.push(cx.t(
                "tên cơ quan ban hành (“ỦY BAN NHÂN DÂN / HUYỆN …”)",
                "the issuing body (“ỦY BAN NHÂN DÂN / HUYỆN …”)",
            )),
        }
        if !h.has_motto {
            missing.push(cx.t(
                "Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
                "the national motto “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
            ));
        }
        if !h.has_slogan {
            missing.push(cx.t(
                "Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”",
                "the slogan “Độc lập - Tự do - Hạnh phúc”",
            ));
        }
        if h.symbol.is_none() {
            missing.push(cx.t(
                "số và ký hiệu (“Số: …/KH-UBND”)",
                "number and symbol (“Số: …/KH-UBND”)",
            ));
        }
        if h.place.is_none() {
            missing.push(cx.t("địa danh", "the place name"));
        }
        if h.date_parts.is_none() {
            missing.push(cx.t("ngày, tháng, năm ban hành", "the date of issue"));
        }
        if h.doc_type.is_none() {
            missing.push(cx.t(
                "tên loại văn bản “KẾ HOẠCH”",
                "the document type “KẾ HOẠCH”",
            ));
        }
        if h.title.is_none() {
            missing.push(cx.t("trích yếu nội dung", "the title (trích yếu)"));
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
            out.emit(
                s,
                e,
                format!(
                    "{}: {what}. {}",
                    cx.t("Phần đầu văn bản thiếu", "The header lacks"),
                    cx.t(
                        "Bổ sung theo thể thức tại Nghị định 30/2020/NĐ-CP.",
                        "Add it as Decree 30/2020/NĐ-CP requires."
                    )
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_on_a_complete_header() {
        assert!(check("missing-header-field", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_for_each_missing_part() {
        let t = clean_with(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
            "",
        );
        let d = check("missing-header-field", &t);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].message.contains("Quốc hiệu"));
        let t = clean_with("ỦY BAN NHÂN DÂN\nHUYỆN YÊN THẾ\n", "");
        let d = check("missing-header-field", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("cơ quan ban hành"));
        let t = clean_with("Số: 45/KH-UBND\n", "");
        assert!(check("missing-header-field", &t)[0]
            .message
            .contains("số và ký hiệu"));
    }
}
