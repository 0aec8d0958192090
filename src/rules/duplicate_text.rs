//! duplicate-text: a heading repeated among its siblings, or a paragraph repeated.

use super::{Emitter, RuleContext, Violation};
use crate::extract::squash;
use crate::i18n::Lang;
use crate::structure::{Block, Section, Zone};
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// What is repeated, and the line of its first occurrence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DuplicateText {
    /// A heading equal to an earlier sibling's (whitespace collapsed).
    Heading { heading: String, first_line: usize },
    /// A paragraph equal to an earlier one in the same section.
    Paragraph { first_line: usize },
}

impl Violation for DuplicateText {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                DuplicateText::Heading {
                    heading,
                    first_line,
                },
                Lang::Vi,
            ) => format!(
                "Đề mục “{heading}” trùng với đề mục cùng cấp ở dòng {first_line}. \
                 Gộp hai mục hoặc đặt lại tên."
            ),
            (
                DuplicateText::Heading {
                    heading,
                    first_line,
                },
                Lang::En,
            ) => format!(
                "Heading “{heading}” duplicates the sibling heading at line {first_line}. \
                 Merge them or rename one."
            ),
            (DuplicateText::Paragraph { first_line }, Lang::Vi) => format!(
                "Đoạn văn này lặp lại nguyên văn đoạn ở dòng {first_line}. \
                 Xóa đoạn lặp hoặc gộp nội dung."
            ),
            (DuplicateText::Paragraph { first_line }, Lang::En) => format!(
                "This paragraph repeats the one at line {first_line}. \
                 Remove the repeat or merge the content."
            ),
        }
    }
}

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

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    headings(cx, &cx.plan.doc.sections, out);
    let doc = &cx.plan.doc;
    let text = cx.text();
    let mut seen: HashMap<(Option<usize>, String), usize> = HashMap::new();
    // The first paragraph of each shape, keyed only once a second one has that shape.
    let mut first_of_shape: HashMap<(Option<usize>, usize, usize), FirstOfShape> = HashMap::new();
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
                let first_line = cx.plan.location(first, first).line;
                out.emit(p.body_start, p.end, DuplicateText::Paragraph { first_line });
            }
            None => {
                seen.insert(k, p.body_start);
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
                    let first_line = cx.plan.location(first, first).line;
                    let finding = DuplicateText::Heading {
                        heading: squash(title),
                        first_line,
                    };
                    out.emit(s.title_start, s.title_end, finding);
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
    use super::DuplicateText;
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    const PARA: &str =
        "- Hướng dẫn các chủ thể hoàn thiện hồ sơ, gửi Hội đồng cấp tỉnh đánh giá, phân hạng.";

    /// The line (1-based) of the first occurrence of `needle` in `text`.
    fn line_of(text: &str, needle: &str) -> usize {
        text[..text.find(needle).unwrap()].matches('\n').count() + 1
    }

    #[test]
    fn silent_on_a_clean_plan() {
        assert!(check(RuleId::DuplicateText, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_repeated_heading_and_paragraph() {
        let t = clean_with(
            "3. Xúc tiến thương mại",
            "3. Tổ chức đánh giá, phân hạng sản phẩm",
        );
        let d = check(RuleId::DuplicateText, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::DuplicateText(DuplicateText::Heading {
                heading: "Tổ chức đánh giá, phân hạng sản phẩm".into(),
                first_line: 52,
            })
        );
        let t = clean_with(
            "- Thời gian thực hiện: Quý III/2024.",
            &format!("{PARA}\n\n- Thời gian thực hiện: Quý III/2024."),
        );
        let d = check(RuleId::DuplicateText, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::DuplicateText(DuplicateText::Paragraph {
                first_line: line_of(&t, PARA)
            })
        );
        assert!(d[0].line > line_of(&t, PARA));
        // The same duty under another section is not a copy error.
        let t = clean_with(
            "- Tổ chức 01 điểm giới thiệu",
            &format!("{PARA}\n\n- Tổ chức 01 điểm giới thiệu"),
        );
        assert!(check(RuleId::DuplicateText, &t).is_empty());
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
        assert!(check(RuleId::DuplicateText, &t).is_empty());
        let t = clean_with(
            "- Thời gian thực hiện: Quý III/2024.",
            &format!("{a}\n\n{b}\n\n{c}\n\n- Thời gian thực hiện: Quý III/2024."),
        );
        let d = check(RuleId::DuplicateText, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::DuplicateText(DuplicateText::Paragraph {
                first_line: line_of(&t, b)
            }),
            "{d:?}"
        );
    }

    #[test]
    fn messages_in_both_languages() {
        let t = clean_with(
            "3. Xúc tiến thương mại",
            "3. Tổ chức đánh giá, phân hạng sản phẩm",
        );
        let d = check(RuleId::DuplicateText, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Đề mục “Tổ chức đánh giá, phân hạng sản phẩm” trùng với đề mục cùng cấp ở dòng 52. \
             Gộp hai mục hoặc đặt lại tên."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "Heading “Tổ chức đánh giá, phân hạng sản phẩm” duplicates the sibling heading at \
             line 52. Merge them or rename one."
        );
        let t = clean_with(
            "- Thời gian thực hiện: Quý III/2024.",
            &format!("{PARA}\n\n- Thời gian thực hiện: Quý III/2024."),
        );
        let d = check(RuleId::DuplicateText, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let line = line_of(&t, PARA);
        assert_eq!(
            d[0].message(Lang::Vi),
            format!(
                "Đoạn văn này lặp lại nguyên văn đoạn ở dòng {line}. Xóa đoạn lặp hoặc gộp nội dung."
            )
        );
        assert_eq!(
            d[0].message(Lang::En),
            format!(
                "This paragraph repeats the one at line {line}. Remove the repeat or merge the content."
            )
        );
    }
}
