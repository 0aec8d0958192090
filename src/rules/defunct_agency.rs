//! defunct-agency: a task assigned to, a recipient addressed as, or the plan issued by a
//! body that no longer existed at the reference date (2025 reorganisation).

use super::{Emitter, Rule, RuleContext};
use crate::structure::Zone;

pub struct DefunctAgency;

/// One mention of a defunct body: where, what was written, when it ended, its successor.
struct Mention {
    start: usize,
    end: usize,
    written: String,
    until: String,
    successor: Option<String>,
}

/// Words that open a place name rather than a body ("huyện Đắk R'Lấp").
const PLACE_WORDS: &[&str] = &[
    "huyện ",
    "quận ",
    "thị xã ",
    "tỉnh ",
    "xã ",
    "phường ",
    "thị trấn ",
];

fn is_place(written: &str) -> bool {
    let l = written.to_lowercase();
    PLACE_WORDS.iter().any(|w| l.starts_with(w))
}

impl Rule for DefunctAgency {
    fn name(&self) -> &'static str {
        "defunct-agency"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        // Certain only if the body had ended before the earliest possible plan date.
        let at = cx.date.earliest;
        let when = cx.date.describe(cx.lang);
        let text = cx.text();
        let doc = &cx.plan.doc;
        // Mentions grouped by agency: a plan names "Phòng NN&PTNT" thirty times; the
        // reviewer needs one finding per body, with the count.
        let mut groups: Vec<(String, Vec<Mention>)> = Vec::new();
        if !cx.registry.any_ended_before(at) {
            return;
        }
        // Assignments are in the body; recipients and the issuer are in the header and
        // closing. Citations ("của Sở NN&PTNT") are not checked: citing is correct.
        for (i, s, e) in doc.text_units() {
            if !matches!(
                doc.zones[i],
                Zone::Header | Zone::Body | Zone::Closing | Zone::Appendix
            ) {
                continue;
            }
            let para = &text[s..e];
            let mut cites = None;
            for m in cx.registry.find_agencies(para) {
                // "trên địa bàn huyện X" names a place, not a body given a task.
                if cx.registry.mention_valid_at(&m, at) || is_place(&para[m.start..m.end]) {
                    continue;
                }
                // Inside a citation the body is the issuer of an older document: fine.
                let cites =
                    cites.get_or_insert_with(|| crate::grammar::citation::find_citations(para));
                if cites.iter().any(|c| c.start <= m.start && m.end <= c.end) {
                    continue;
                }
                let Some(entry) = cx.registry.agency(&m.id) else {
                    continue;
                };
                // The agency itself, or the district it belongs to, has ended.
                let until = entry
                    .valid_until
                    .filter(|u| *u < at)
                    .or(m.locality_valid_until)
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_default();
                let mention = Mention {
                    start: s + m.start,
                    end: s + m.end,
                    written: para[m.start..m.end].to_string(),
                    until,
                    successor: cx
                        .registry
                        .agency_successor_at(&m.id, at)
                        .map(|a| a.name.clone()),
                };
                let key = cx.registry.normalize_agency(&mention.written);
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => v.push(mention),
                    None => groups.push((key, vec![mention])),
                }
            }
        }
        for (_, mentions) in groups {
            let first = &mentions[0];
            let others = match mentions.len() - 1 {
                0 => String::new(),
                n => format!(
                    " ({} {n} {})",
                    cx.t("và", "and"),
                    cx.t("chỗ khác", "more places")
                ),
            };
            // Without a successor body (the district level itself ended), say where the
            // duty goes instead.
            let successor = match first.successor.as_deref() {
                Some(s) => format!(" {} “{s}”.", cx.t("Thay bằng", "Use")),
                None => format!(
                    " {}",
                    cx.t(
                        "Giao nhiệm vụ cho cơ quan hiện có: UBND cấp xã hoặc cơ quan chuyên môn cấp tỉnh tương ứng.",
                        "Assign the duty to an existing body: the commune People's Committee or the matching provincial department."
                    )
                ),
            };
            let msg = format!(
                "“{}”{others} {} {} ({when}).{successor}",
                first.written,
                cx.t("không còn tồn tại sau ngày", "no longer exists after"),
                first.until,
            );
            let fix = first.successor.as_ref().map(|name| {
                let desc = format!("{} “{name}”", cx.t("Thay bằng", "Replace with"));
                out.fix(first.start, first.end, name.clone(), desc)
            });
            out.emit(first.start, first.end, msg).fix = fix;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_before_the_reorganisation() {
        assert!(check("defunct-agency", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_a_merged_department_after_march_2025() {
        let t = clean_with("ngày 20 tháng 3 năm 2024", "ngày 20 tháng 4 năm 2025")
            .replace("năm 2024", "năm 2025")
            .replace("/2024", "/2025");
        let d = check("defunct-agency", &t);
        assert!(
            d.iter()
                .any(|d| d.message.contains("Sở Nông nghiệp và PTNT")),
            "{d:?}"
        );
        // District bodies still existed in April 2025.
        assert!(
            !d.iter().any(|d| d.message.contains("Phòng Tài chính")),
            "{d:?}"
        );
    }

    #[test]
    fn district_bodies_are_defunct_from_july_2025() {
        let t = clean_with("ngày 20 tháng 3 năm 2024", "ngày 20 tháng 8 năm 2025");
        let d = check("defunct-agency", &t);
        // "trên địa bàn huyện Yên Thế" is a place, not a body given a task.
        assert!(d.iter().all(|d| !d.message.starts_with("“huyện")), "{d:?}");
        // Issuing as a district People's Committee after July 2025 is a defect.
        assert!(
            d.iter()
                .any(|d| d.message.contains("HUYỆN YÊN THẾ") || d.message.contains("UBND huyện")),
            "{d:?}"
        );
        assert!(
            d.iter()
                .any(|d| d.message.contains("Phòng Tài chính - Kế hoạch")
                    || d.message.contains("Phòng Nông nghiệp")),
            "{d:?}"
        );
    }
}
