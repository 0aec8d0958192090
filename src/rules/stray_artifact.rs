//! stray-artifact: leftover markup, encoding debris and stray characters.
//!
//! Markup is presentation in a Markdown file but debris in a .txt plan; in Markdown only
//! malformed markup ("GIANG**BIỂU") is reported. Encoding debris (mojibake, U+FFFD,
//! control characters) is reported in every format.

use super::{Emitter, Rule, RuleContext};
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::{Format, Plan};
use crate::i18n::Lang;
use regex::Regex;
use std::sync::OnceLock;

pub struct StrayArtifact;

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

impl Rule for StrayArtifact {
    fn name(&self) -> &'static str {
        "stray-artifact"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        let original = &cx.plan.source.original;
        let p = patterns();
        let markup = if cx.plan.format == Format::Txt {
            &p.markup
        } else {
            &p.glued
        };
        let mut line_seen = usize::MAX;
        for m in markup.find_iter(original) {
            // One finding per line is enough to point the reviewer there.
            let line = cx.plan.source.position(m.start()).line;
            if line == line_seen {
                continue;
            }
            line_seen = line;
            out.emit_span(
                crate::source::Span {
                    start: m.start(),
                    end: m.end(),
                },
                format!(
                    "{} “{}”. {}",
                    cx.t("Còn sót mã định dạng", "Leftover markup"),
                    m.as_str(),
                    cx.t(
                        "Xóa ký hiệu định dạng khỏi văn bản.",
                        "Remove the formatting marks from the text."
                    )
                ),
            );
        }
        for m in p.debris.find_iter(original) {
            out.emit_span(
                crate::source::Span { start: m.start(), end: m.end() },
                cx.t(
                    "Ký tự lạ hoặc ký tự lỗi mã hóa (�, ký tự điều khiển). Kiểm tra đoạn văn bản và gõ lại chữ bị lỗi.",
                    "A stray or broken character (�, control character). Check the passage and retype it.",
                )
                .to_string(),
            );
        }
        let text = cx.text();
        for (s, e, repair) in crate::ingest::legacy::find_mojibake(text) {
            let found = &text[s..e];
            let msg = format!(
                "{} “{found}”. {}",
                cx.t(
                    "Chữ bị lỗi mã hóa (bảng mã cũ hoặc đọc sai bảng mã):",
                    "Garbled text (legacy or wrongly decoded encoding):"
                ),
                cx.t(
                    "Chuyển văn bản sang Unicode dựng sẵn.",
                    "Convert the text to Unicode."
                )
            );
            match repair {
                Some(r) => {
                    let fix = out.fix(
                        s,
                        e,
                        r.clone(),
                        format!("{} “{r}”", cx.t("Sửa thành", "Change to")),
                    );
                    out.emit(s, e, msg).fix = Some(fix);
                }
                None => {
                    out.emit(s, e, msg);
                }
            }
        }
    }
}

/// The info finding for a file converted from a legacy encoding (TCVN3, VNI).
pub fn legacy_encoding_note(plan: &Plan, encoding: &str, lang: Lang) -> Diagnostic {
    let mut e = Emitter::new(plan, "stray-artifact", Severity::Info);
    let end = plan
        .source
        .text
        .find('\n')
        .unwrap_or(plan.source.text.len());
    e.emit(
        0,
        end,
        format!(
            "{} {encoding}; {}",
            lang.pick("Tệp dùng bảng mã cũ", "The file uses the legacy encoding"),
            lang.pick(
                "khlint đã chuyển sang Unicode để kiểm tra. Nên lưu lại tệp ở dạng Unicode (UTF-8).",
                "khlint converted it to Unicode to check it. Save the file as Unicode (UTF-8)."
            )
        ),
    );
    e.out.pop().expect("emitted")
}

#[cfg(test)]
mod tests {
    use crate::extract::{Format, Plan};
    use crate::registry::Registry;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_on_clean_text() {
        assert!(check("stray-artifact", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_markup_in_plain_text_and_debris() {
        let t = clean_with(
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**",
        );
        assert_eq!(check("stray-artifact", &t).len(), 2);
        let t = clean_with(
            "Phát triển sản phẩm OCOP theo chuỗi",
            "Phát triển s\u{FFFD}n phẩm OCOP theo chuỗi",
        );
        assert_eq!(check("stray-artifact", &t).len(), 1);
    }

    #[test]
    fn fires_on_mojibake_with_the_repair() {
        let t = clean_with(
            "Phát triển sản phẩm OCOP theo chuỗi",
            "Phát triển sáº£n pháº©m OCOP theo chuỗi",
        );
        let d = check("stray-artifact", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        let fix = d[0].fix.as_ref().unwrap();
        assert!(fix.replacement.contains("sản phẩm"), "{fix:?}");
    }

    #[test]
    fn markdown_files_only_report_malformed_markup() {
        let md = clean_with(
            "I. MỤC ĐÍCH, YÊU CẦU",
            "## **I. MỤC ĐÍCH, YÊU CẦU**\n\nHUYỆN A**BIỂU 1",
        );
        let plan = Plan::from_text("x.md", md, Format::Md, &Registry::embedded());
        let opts = crate::rules::RunOptions {
            lang: crate::i18n::Lang::Vi,
            as_of: None,
            review_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        };
        let d = crate::rules::run(&plan, &Registry::embedded(), &opts, &|r| {
            r == "stray-artifact"
        });
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("A**B"));
    }
}
