//! The readable default format of `khlint extract`.

use crate::i18n::Lang;
use crate::model::Plan;
use crate::model::SectionNode;
use std::fmt::Write;

pub fn render(plan: &Plan, lang: Lang) -> String {
    let m = &plan.model;
    let h = &m.header;
    let mut s = String::new();
    let none = lang.pick("(không có)", "(none)");
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| none.to_string());
    let _ = writeln!(s, "{}", plan.path);
    let rows = [
        (lang.pick("Cơ quan ban hành", "Issuer"), opt(&h.issuer)),
        (
            lang.pick("Cấp", "Level"),
            h.level
                .map_or(none.to_string(), |l| format!("{l:?}").to_lowercase()),
        ),
        (lang.pick("Số", "Number"), opt(&h.number)),
        (lang.pick("Địa danh", "Place"), opt(&h.place)),
        (lang.pick("Ngày", "Date"), opt(&h.date)),
        (lang.pick("Loại văn bản", "Type"), opt(&h.doc_type)),
        (lang.pick("Trích yếu", "Title"), opt(&h.title)),
        (
            lang.pick("Năm / giai đoạn", "Year / period"),
            match (h.year, h.period) {
                (Some(y), _) => y.to_string(),
                (_, Some(p)) => format!("{}-{}", p.from, p.to),
                _ => none.to_string(),
            },
        ),
        (lang.pick("Người ký", "Signer"), opt(&h.signer)),
    ];
    for (k, v) in rows {
        let _ = writeln!(s, "  {k}: {v}");
    }
    let _ = writeln!(
        s,
        "\n{} ({})",
        lang.pick("Văn bản được viện dẫn", "Cited documents"),
        m.citations.len()
    );
    for c in &m.citations {
        let _ = writeln!(
            s,
            "  {}:{} [{}] {} {} {}",
            c.line,
            c.column,
            serde_json::to_value(c.role)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            c.kind,
            c.number,
            c.date.clone().unwrap_or_default()
        );
    }
    let _ = writeln!(s, "\n{}", lang.pick("Bố cục", "Sections"));
    fn tree(s: &mut String, nodes: &[SectionNode], depth: usize) {
        for n in nodes {
            let _ = writeln!(
                s,
                "  {}{} {}{}",
                "  ".repeat(depth),
                n.marker.clone().unwrap_or_default(),
                n.title,
                n.key
                    .as_ref()
                    .map(|k| format!("  [{k}]"))
                    .unwrap_or_default()
            );
            tree(s, &n.children, depth + 1);
        }
    }
    tree(&mut s, &m.sections, 0);
    let counts = [
        (lang.pick("Chỉ tiêu", "Targets"), m.targets.len()),
        (lang.pick("Phân công", "Assignments"), m.assignments.len()),
        (lang.pick("Mốc thời gian", "Timelines"), m.timelines.len()),
        (lang.pick("Kinh phí", "Funding"), m.funding.len()),
        (lang.pick("Bảng", "Tables"), m.tables.len()),
    ];
    let _ = writeln!(s);
    for (k, n) in counts {
        let _ = writeln!(s, "  {k}: {n}");
    }
    s
}
