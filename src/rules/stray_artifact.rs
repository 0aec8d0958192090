//! stray-artifact: leftover markup, encoding debris and stray characters.
//!
//! Markup is presentation in a Markdown file but debris in a .txt plan; in Markdown only
//! malformed markup ("GIANG**BIỂU") is reported. Encoding debris (mojibake, U+FFFD,
//! control characters) is reported in every format.

use super::{Applicability, Emitter, RuleContext, Severity, Violation};
use crate::i18n::{and_others, Lang};
use crate::model::Format;
use crate::source::Span;
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// What is stray.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StrayArtifact {
    /// Markdown or HTML markup ("**", "<sup>"); `others`: on how many more lines the
    /// same mark is.
    Markup { text: String, others: usize },
    /// U+FFFD or a control character; `others`: how many more.
    BrokenCharacter { others: usize },
    /// Text shown through the wrong code page ("Káº¿ hoáº¡ch"), with its repair when no
    /// byte was lost; `others`: how many more garbled passages.
    Mojibake {
        text: String,
        repair: Option<String>,
        others: usize,
    },
    /// The whole file was in a legacy encoding and was converted to check it.
    LegacyEncoding { encoding: String },
}

impl Violation for StrayArtifact {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StrayArtifact::Markup { text, others }, Lang::Vi) => format!(
                "Còn sót mã định dạng “{text}”{}. Xóa ký hiệu định dạng khỏi văn bản.",
                and_others(*others, lang)
            ),
            (StrayArtifact::Markup { text, others }, Lang::En) => format!(
                "Leftover markup “{text}”{}. Remove the formatting marks from the text.",
                and_others(*others, lang)
            ),
            (StrayArtifact::BrokenCharacter { others }, Lang::Vi) => format!(
                "Ký tự lạ hoặc ký tự lỗi mã hóa (�, ký tự điều khiển){}. Kiểm tra đoạn văn bản và gõ lại chữ bị lỗi.",
                and_others(*others, lang)
            ),
            (StrayArtifact::BrokenCharacter { others }, Lang::En) => format!(
                "A stray or broken character (�, control character){}. Check the passage and retype it.",
                and_others(*others, lang)
            ),
            (StrayArtifact::Mojibake { text, others, .. }, Lang::Vi) => format!(
                "Chữ bị lỗi mã hóa (bảng mã cũ hoặc đọc sai bảng mã): “{text}”{}. Chuyển văn bản sang Unicode dựng sẵn.",
                and_others(*others, lang)
            ),
            (StrayArtifact::Mojibake { text, others, .. }, Lang::En) => format!(
                "Garbled text (legacy or wrongly decoded encoding): “{text}”{}. Convert the text to Unicode.",
                and_others(*others, lang)
            ),
            (StrayArtifact::LegacyEncoding { encoding }, Lang::Vi) => format!(
                "Tệp dùng bảng mã cũ {encoding}; khlint đã chuyển sang Unicode để kiểm tra. Nên lưu lại tệp ở dạng Unicode (UTF-8)."
            ),
            (StrayArtifact::LegacyEncoding { encoding }, Lang::En) => format!(
                "The file uses the legacy encoding {encoding}; khlint converted it to Unicode to check it. Save the file as Unicode (UTF-8)."
            ),
        }
    }
}

struct Patterns {
    /// Any Markdown/HTML markup (reported in .txt).
    markup: Regex,
    /// Markup glued between two words (reported everywhere).
    glued: Regex,
    /// Characters that never belong in a plan.
    debris: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        markup: Regex::new(r"\*\*+|__+|</?(?:sup|sub|i|b|u|em|strong|br|span|p|div|font)\b[^>\n]{0,80}>|\\[*_#\[\]\-.]|&(?:nbsp|amp|lt|gt|quot);")
            .unwrap(),
        glued: Regex::new(r"[\p{L}\p{N}]\*{2,}[\p{L}\p{N}(]").unwrap(),
        debris: Regex::new(r"\x{FFFD}+|[\x00-\x08\x0B\x0E-\x1F\x7F-\x9F]").unwrap(),
    })
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    if let Some(encoding) = cx.plan.legacy_encoding {
        let text = cx.text();
        let end = text.find('\n').unwrap_or(text.len());
        let finding = StrayArtifact::LegacyEncoding {
            encoding: encoding.to_string(),
        };
        out.emit(0, end, finding).severity = Severity::Info;
    }
    let original = &cx.plan.source.original;
    let p = patterns();
    let markup = if cx.plan.format == Format::Txt {
        &p.markup
    } else {
        &p.glued
    };
    let mut line_seen = usize::MAX;
    // One finding per mark ("**", "<sup>"), at its first line, counting the other lines.
    let mut marks: Vec<(&str, Span, usize)> = Vec::new();
    for m in markup.find_iter(original) {
        // Counted once per line.
        let line = cx.plan.source.position(m.start()).line;
        if line == line_seen {
            continue;
        }
        // A line of underscores alone is the rule under the issuer or the motto, as
        // plain-text copies of the Nghị định 30 template draw it: not markup.
        let line_start = original[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let line_end = original[m.end()..]
            .find('\n')
            .map_or(original.len(), |i| m.end() + i);
        if original[line_start..line_end]
            .trim()
            .chars()
            .all(|c| c == '_')
        {
            continue;
        }
        line_seen = line;
        match marks.iter_mut().find(|(t, ..)| *t == m.as_str()) {
            Some((.., others)) => *others += 1,
            None => {
                let span = Span {
                    start: m.start(),
                    end: m.end(),
                };
                marks.push((m.as_str(), span, 0));
            }
        }
    }
    for (text, span, others) in marks {
        let text = text.to_string();
        out.emit_span(span, StrayArtifact::Markup { text, others });
    }
    let mut debris = p.debris.find_iter(original);
    if let Some(m) = debris.next() {
        let span = Span {
            start: m.start(),
            end: m.end(),
        };
        let others = debris.count();
        out.emit_span(span, StrayArtifact::BrokenCharacter { others });
    }
    let text = cx.text();
    let garbled = crate::vietnamese::find_mojibake(text);
    if let Some(((s, e, repair), rest)) = garbled.split_first() {
        // The repair of the first passage; the others are the converter's to redo.
        let fix = repair
            .clone()
            .map(|r| out.fix(*s, *e, r, Applicability::Unsafe));
        let finding = StrayArtifact::Mojibake {
            text: text[*s..*e].to_string(),
            repair: repair.clone(),
            others: rest.len(),
        };
        out.emit(*s, *e, finding).fix = fix;
    }
}

#[cfg(test)]
mod tests {
    use super::StrayArtifact;
    use crate::model::{Format, Plan};
    use crate::registry::Registry;
    use crate::rules::testing::{apply_fixes, check, check_plan, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId, Severity};

    #[test]
    fn silent_on_clean_text() {
        assert!(check(RuleId::StrayArtifact, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_markup_in_plain_text_and_debris() {
        let t = clean_with(
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**",
        );
        let d = check(RuleId::StrayArtifact, &t);
        assert_eq!(d.len(), 1, "one finding for both lines: {d:?}");
        assert_eq!(
            d[0].finding,
            Finding::StrayArtifact(StrayArtifact::Markup {
                text: "**".into(),
                others: 1
            })
        );
        assert!(d[0]
            .message(crate::i18n::Lang::Vi)
            .contains("(và 1 chỗ khác)"));
        let t = clean_with(
            "Phát triển sản phẩm OCOP theo chuỗi",
            "Phát triển s\u{FFFD}n phẩm OCOP theo chuỗi",
        );
        assert_eq!(check(RuleId::StrayArtifact, &t).len(), 1);
    }

    #[test]
    fn fires_on_mojibake_with_the_repair() {
        let t = clean_with(
            "Phát triển sản phẩm OCOP theo chuỗi",
            "Phát triển sáº£n pháº©m OCOP theo chuỗi",
        );
        let d = check(RuleId::StrayArtifact, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::StrayArtifact(StrayArtifact::Mojibake {
                text: "sáº£n pháº©m".into(),
                repair: Some("sản phẩm".into()),
                others: 0
            })
        );
        assert!(check(RuleId::StrayArtifact, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn markdown_files_only_report_malformed_markup() {
        let md = clean_with(
            "I. MỤC ĐÍCH, YÊU CẦU",
            "## **I. MỤC ĐÍCH, YÊU CẦU**\n\nHUYỆN A**BIỂU 1",
        );
        let plan = Plan::from_text("x.md", md, Format::Md, &Registry::embedded());
        let d = check_plan(RuleId::StrayArtifact, &plan);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::StrayArtifact(StrayArtifact::Markup {
                text: "A**B".into(),
                others: 0
            })
        );
    }

    #[test]
    fn a_rule_line_of_underscores_is_not_markup() {
        let t = clean_with("KẾ HOẠCH\n", "KẾ HOẠCH\n________\n__Chú ý__\n");
        let d = check(RuleId::StrayArtifact, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::StrayArtifact(StrayArtifact::Markup {
                text: "__".into(),
                others: 0
            })
        );
    }

    #[test]
    fn legacy_encoding_note_is_a_finding_of_the_rule() {
        let mut plan = crate::rules::testing::plan(CLEAN_PLAN);
        plan.legacy_encoding = Some("TCVN3");
        let d = check_plan(RuleId::StrayArtifact, &plan);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(
            d[0].finding,
            Finding::StrayArtifact(StrayArtifact::LegacyEncoding {
                encoding: "TCVN3".into()
            })
        );
    }
}
