//! duplicate-text: a heading repeated among its siblings, or a paragraph repeated.

use super::{Emitter, Rule, RuleContext};
use crate::extract::squash;
use crate::structure::{Block, Section, Zone};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

pub struct DuplicateText;

/// Shorter paragraphs repeat legitimately ("- Thời gian thực hiện: Thường xuyên.").
const MIN_PARAGRAPH_CHARS: usize = 80;

/// The same duty listed under two agencies ("- Phối hợp với Sở ... tham gia đánh giá") is
/// not a copy error; a paragraph repeated inside one section is. Paragraphs are compared
/// within their innermost section (identified by its heading block).
fn innermost_section(sections: &[Section], block: usize) -> Option<usize> {
    let s = sections
        .iter()
        .find(|s| s.heading <= block && block < s.blocks_end)?;
    innermost_section(&s.children, block).or(Some(s.heading))
}

/// The paragraph in lower case, whitespace runs as one space, without its final stop.
/// Only paragraphs that share a shape with an earlier one get a key (see `shape`).
fn key(s: &str) -> String {
    squash(s)
        .to_lowercase()
        .trim_end_matches(['.', ';', ':'])
        .to_string()
}

/// A paragraph's body range, and whether its key is in the map of keys yet.
type FirstOfShape = (usize, usize, bool);

/// What the key keeps of a paragraph, counted without building it: its words and
/// non-space chars, final stops left out. Equal keys have equal shapes (lowercasing keeps
/// the count of chars, but for U+0130), so only paragraphs whose shape was seen before
/// need a key, and most paragraphs cost one pass without case lookups or copies.
fn shape(s: &str) -> (usize, usize) {
    let t = s.trim_end().trim_end_matches(['.', ';', ':']);
    let words = t.split_whitespace().count();
    let chars = t.chars().filter(|c| !c.is_whitespace()).count();
    (words, chars)
}

impl Rule for DuplicateText {
    fn name(&self) -> &'static str {
        "duplicate-text"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        headings(cx, &cx.plan.doc.sections, out);
        let doc = &cx.plan.doc;
        let text = cx.text();
        let mut seen: HashMap<(Option<usize>, String), usize> = HashMap::new();
        // The first paragraph of each shape, keyed only once a second one has that shape.
        let mut first_of_shape: HashMap<(Option<usize>, usize, usize), FirstOfShape> =
            HashMap::new();
        for (i, b) in doc.blocks.iter().enumerate() {
            let Block::Paragraph(p) = b else { continue };
            if !matches!(doc.zones[i], Zone::Body | Zone::Preamble | Zone::Appendix) {
                continue;
            }
            let body = &text[p.body_start..p.end];
            if body.chars().count() < MIN_PARAGRAPH_CHARS {
                continue;
            }
            let section = innermost_section(&doc.sections, i);
            let (words, chars) = shape(body);
            match first_of_shape.entry((section, words, chars)) {
                Entry::Vacant(v) => {
                    v.insert((p.body_start, p.end, false));
                    continue;
                }
                Entry::Occupied(mut o) => {
                    let (start, end, keyed) = o.get_mut();
                    if !*keyed {
                        *keyed = true;
                        seen.insert((section, key(&text[*start..*end])), *start);
                    }
                }
            }
            let k = (section, key(body));
            match seen.get(&k) {
                Some(&first) => {
                    let line = cx.plan.location(first, first).line;
                    out.emit(
                        p.body_start,
                        p.end,
                        format!(
                            "{} {line}. {}",
                            cx.t(
                                "Đoạn văn này lặp lại nguyên văn đoạn ở dòng",
                                "This paragraph repeats the one at line"
                            ),
                            cx.t(
                                "Xóa đoạn lặp hoặc gộp nội dung.",
                                "Remove the repeat or merge the content."
                            )
                        ),
                    );
                }
                None => {
                    seen.insert(k, p.body_start);
                }
            }
        }
    }
}

fn headings(cx: &RuleContext, sections: &[Section], out: &mut Emitter) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in sections {
        let title = &cx.text()[s.title_start..s.title_end];
        if !title.trim().is_empty() {
            match seen.get(&key(title)) {
                Some(&first) => {
                    let line = cx.plan.location(first, first).line;
                    out.emit(
                        s.title_start,
                        s.title_end,
                        format!(
                            "{} “{}” {} {line}. {}",
                            cx.t("Đề mục", "Heading"),
                            squash(title),
                            cx.t(
                                "trùng với đề mục cùng cấp ở dòng",
                                "duplicates the sibling heading at line"
                            ),
                            cx.t("Gộp hai mục hoặc đặt lại tên.", "Merge them or rename one.")
                        ),
                    );
                }
                None => {
                    seen.insert(key(title), s.title_start);
                }
            }
        }
        headings(cx, &s.children, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_on_a_clean_plan() {
        assert!(check("duplicate-text", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_repeated_heading_and_paragraph() {
        let t = clean_with(
            "3. Xúc tiến thương mại",
            "3. Tổ chức đánh giá, phân hạng sản phẩm",
        );
        let d = check("duplicate-text", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("trùng với đề mục"));
        let para =
            "- Hướng dẫn các chủ thể hoàn thiện hồ sơ, gửi Hội đồng cấp tỉnh đánh giá, phân hạng.";
        let t = clean_with(
            "- Thời gian thực hiện: Quý III/2024.",
            &format!("{para}\n\n- Thời gian thực hiện: Quý III/2024."),
        );
        let d = check("duplicate-text", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("lặp lại nguyên văn"));
        // The same duty under another section is not a copy error.
        let t = clean_with(
            "- Tổ chức 01 điểm giới thiệu",
            &format!("{para}\n\n- Tổ chức 01 điểm giới thiệu"),
        );
        assert!(check("duplicate-text", &t).is_empty());
    }

    /// Paragraphs of the same shape but other words are not repeats; the third of three
    /// same-shape paragraphs repeating the second, in other case and wrapping, is.
    #[test]
    fn same_shape_is_not_enough_and_case_does_not_hide_a_repeat() {
        let a =
            "- Hướng dẫn các hợp tác hoàn thiện hồ sơ, gửi Hội đồng cấp tỉnh đánh giá, phân hạng.";
        let b =
            "- Hướng dẫn các hợp tác hoàn thiện hồ sơ, gửi Hội đồng cấp vùng đánh giá, phân hạng..";
        let c = "- HƯỚNG DẪN các hợp tác hoàn thiện hồ sơ, gửi Hội đồng cấp\nvùng đánh giá, phân hạng..";
        assert_eq!(super::shape(a), super::shape(b));
        let t = clean_with(
            "- Thời gian thực hiện: Quý III/2024.",
            &format!("{a}\n\n{b}\n\n- Thời gian thực hiện: Quý III/2024."),
        );
        assert!(check("duplicate-text", &t).is_empty());
        let t = clean_with(
            "- Thời gian thực hiện: Quý III/2024.",
            &format!("{a}\n\n{b}\n\n{c}\n\n- Thời gian thực hiện: Quý III/2024."),
        );
        let d = check("duplicate-text", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("lặp lại nguyên văn"), "{d:?}");
    }
}
