//! defunct-agency: a task assigned to, a recipient addressed as, or the plan issued by a
//! body that no longer existed at the reference date (2025 reorganisation).

use super::{Applicability, Emitter, ReferenceDate, RuleContext, Violation};
use crate::i18n::{and_others, dmy, Lang};
use crate::structure::Zone;
use chrono::NaiveDate;
use serde::Serialize;

/// A body that no longer existed, reported once with how many other places name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefunctAgency {
    /// The first mention as written: "Phòng Nông nghiệp và PTNT".
    pub written: String,
    /// How many more times the plan names the same body.
    pub others: usize,
    /// The last day the body (or the district it belongs to) existed, when known.
    pub until: Option<NaiveDate>,
    /// The body that took over its duties, if one did.
    pub successor: Option<String>,
    /// The date the plan is judged at.
    pub judged_at: ReferenceDate,
}

impl Violation for DefunctAgency {
    fn message(&self, lang: Lang) -> String {
        let written = &self.written;
        let until = self.until.map(dmy).unwrap_or_default();
        let when = self.judged_at.describe(lang);
        match lang {
            Lang::Vi => {
                let others = and_others(self.others, lang);
                // Without a successor body (the district level itself ended), say where
                // the duty goes instead.
                let successor = match &self.successor {
                    Some(s) => format!(" Thay bằng “{s}”."),
                    None => " Giao nhiệm vụ cho cơ quan hiện có: UBND cấp xã hoặc cơ quan \
                             chuyên môn cấp tỉnh tương ứng."
                        .to_string(),
                };
                format!(
                    "“{written}”{others} không còn tồn tại sau ngày {until} ({when}).{successor}"
                )
            }
            Lang::En => {
                let others = and_others(self.others, lang);
                let successor = match &self.successor {
                    Some(s) => format!(" Use “{s}”."),
                    None => " Assign the duty to an existing body: the commune People's \
                             Committee or the matching provincial department."
                        .to_string(),
                };
                format!("“{written}”{others} no longer exists after {until} ({when}).{successor}")
            }
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let name = self.successor.as_ref()?;
        Some(match lang {
            Lang::Vi => format!("Thay bằng “{name}”"),
            Lang::En => format!("Replace with “{name}”"),
        })
    }
}

/// One mention of a defunct body: where, what was written, when it ended, its successor.
struct Mention {
    start: usize,
    end: usize,
    written: String,
    until: Option<NaiveDate>,
    successor: Option<String>,
}

/// "huyện Lạng Giang" is a place, not the body that governed it (grammars/structure.toml
/// `unit_level`).
fn is_place(written: &str) -> bool {
    let l = written.to_lowercase();
    crate::vocab::Vocab::get()
        .unit_words(&[])
        .any(|w| l.strip_prefix(w).is_some_and(|r| r.starts_with(' ')))
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    // Certain only if the body had ended before the earliest possible plan date.
    if !cx.date.is_known() {
        return;
    }
    let at = cx.date.earliest;
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
            let cites = cites.get_or_insert_with(|| crate::grammar::citation::find_citations(para));
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
                .or(m.locality_valid_until);
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
    for (_, mut mentions) in groups {
        let others = mentions.len() - 1;
        let first = mentions.swap_remove(0);
        // Unsafe: the successor is the likely body, but duties may have gone elsewhere.
        // It replaces the first mention only; the others are the reviewer's to read.
        let fix = first
            .successor
            .clone()
            .map(|name| out.fix(first.start, first.end, name, Applicability::Unsafe));
        let finding = DefunctAgency {
            written: first.written,
            others,
            until: first.until,
            successor: first.successor,
            judged_at: cx.date,
        };
        out.emit(first.start, first.end, finding).fix = fix;
    }
}

#[cfg(test)]
mod tests {
    use super::DefunctAgency;
    use crate::i18n::Lang;
    use crate::rules::testing::{apply_fixes, check, clean_with, CLEAN_PLAN};
    use crate::rules::{Diagnostic, Finding, RuleId};

    fn facts(d: &Diagnostic) -> &DefunctAgency {
        let Finding::DefunctAgency(f) = &d.finding else {
            panic!("{d:?}")
        };
        f
    }

    fn april_2025() -> String {
        clean_with("ngày 20 tháng 3 năm 2024", "ngày 20 tháng 4 năm 2025")
            .replace("năm 2024", "năm 2025")
            .replace("/2024", "/2025")
    }

    #[test]
    fn silent_before_the_reorganisation() {
        assert!(check(RuleId::DefunctAgency, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_a_merged_department_after_march_2025() {
        let t = april_2025();
        let d = check(RuleId::DefunctAgency, &t);
        assert!(
            d.iter()
                .any(|d| facts(d).written.contains("Sở Nông nghiệp và PTNT")),
            "{d:?}"
        );
        // District bodies still existed in April 2025.
        assert!(
            !d.iter()
                .any(|d| facts(d).written.contains("Phòng Tài chính")),
            "{d:?}"
        );
    }

    #[test]
    fn district_bodies_are_defunct_from_july_2025() {
        let t = clean_with("ngày 20 tháng 3 năm 2024", "ngày 20 tháng 8 năm 2025");
        let d = check(RuleId::DefunctAgency, &t);
        let written: Vec<&str> = d.iter().map(|d| facts(d).written.as_str()).collect();
        // "trên địa bàn huyện Yên Thế" is a place, not a body given a task.
        assert!(written.iter().all(|w| !w.starts_with("huyện")), "{d:?}");
        // Issuing as a district People's Committee after July 2025 is a defect.
        assert!(
            written
                .iter()
                .any(|w| w.contains("HUYỆN YÊN THẾ") || w.contains("UBND huyện")),
            "{d:?}"
        );
        assert!(
            written.iter().any(
                |w| w.contains("Phòng Tài chính - Kế hoạch") || w.contains("Phòng Nông nghiệp")
            ),
            "{d:?}"
        );
    }

    #[test]
    fn the_fix_names_the_successor_and_fixes_a_single_mention() {
        let t = april_2025();
        let d = check(RuleId::DefunctAgency, &t);
        let i = d
            .iter()
            .position(|d| facts(d).written == "Sở Nông nghiệp và PTNT")
            .unwrap_or_else(|| panic!("{d:?}"));
        assert_eq!(facts(&d[i]).others, 0);
        let fix = d[i].fix.as_ref().unwrap();
        assert_eq!(fix.replacement, "Sở Nông nghiệp và Môi trường");
        let after = check(RuleId::DefunctAgency, &apply_fixes(&t, &d[i..=i]));
        assert!(
            after
                .iter()
                .all(|a| facts(a).written != "Sở Nông nghiệp và PTNT"),
            "{after:?}"
        );
    }

    #[test]
    fn one_finding_per_body_with_the_count_and_the_fix_replaces_the_first_mention() {
        let t = april_2025().replacen(
            "- Phát triển sản phẩm OCOP gắn",
            "- Phối hợp với Sở Nông nghiệp và PTNT phát triển sản phẩm OCOP gắn",
            1,
        );
        let d = check(RuleId::DefunctAgency, &t);
        let of_body: Vec<&Diagnostic> = d
            .iter()
            .filter(|d| facts(d).written == "Sở Nông nghiệp và PTNT")
            .collect();
        assert_eq!(of_body.len(), 1, "{d:?}");
        assert_eq!(facts(of_body[0]).others, 1);
        assert_eq!(
            of_body[0].message(Lang::En),
            "“Sở Nông nghiệp và PTNT” (and 1 more place) no longer exists after 28/02/2025 \
             (the plan's date 20/04/2025). Use “Sở Nông nghiệp và Môi trường”."
        );
        // The fix replaces the first mention only, so the finding stays, at the next
        // mention: the reviewer sees each place before it changes.
        let after = check(
            RuleId::DefunctAgency,
            &apply_fixes(&t, std::slice::from_ref(of_body[0])),
        );
        let again: Vec<&Diagnostic> = after
            .iter()
            .filter(|d| facts(d).written == "Sở Nông nghiệp và PTNT")
            .collect();
        assert_eq!(again.len(), 1, "{after:?}");
        assert_eq!(facts(again[0]).others, 0);
        assert!(again[0].line > of_body[0].line);
    }

    #[test]
    fn messages_in_both_languages() {
        let d = check(RuleId::DefunctAgency, &april_2025());
        let d = d
            .iter()
            .find(|d| facts(d).written == "Sở Nông nghiệp và PTNT")
            .unwrap_or_else(|| panic!("{d:?}"));
        assert_eq!(
            d.message(Lang::Vi),
            "“Sở Nông nghiệp và PTNT” không còn tồn tại sau ngày 28/02/2025 (ngày của Kế hoạch \
             20/04/2025). Thay bằng “Sở Nông nghiệp và Môi trường”."
        );
        assert_eq!(
            d.message(Lang::En),
            "“Sở Nông nghiệp và PTNT” no longer exists after 28/02/2025 (the plan's date \
             20/04/2025). Use “Sở Nông nghiệp và Môi trường”."
        );
        assert_eq!(
            d.fix_title(Lang::Vi).unwrap(),
            "Thay bằng “Sở Nông nghiệp và Môi trường”"
        );
    }
}
