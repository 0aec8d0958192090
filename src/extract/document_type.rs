//! What is being read: the document's type (Kế hoạch, Quyết định...), the type of a
//! document issued with it, and whether the text is an administrative document at all.
//! The types and the words that show them are `[[document_type]]` in
//! grammars/structure.toml.

use super::{squash, Context};
use crate::model::{DocumentType, Header, TypeEvidence};
use crate::structure::{Block, Zone};
use crate::vocab::{contains_any, starts_with_any, DocumentTypeWords, Vocab};

/// Prose before the header that makes a text an article (a web page quoting a template)
/// rather than a document: this many words with a question among them, or this many
/// words alone. Site chrome before a real document's header stays under 50 words in
/// every web copy of the corpus; articles have 87 and more.
const ARTICLE_WORDS_WITH_QUESTION: usize = 60;
const ARTICLE_WORDS: usize = 300;
/// A paragraph of fewer words is a label or a menu item, not prose.
const PROSE_WORDS: usize = 8;
/// Opening blocks where a page without a header shows its question title.
const QUESTION_WITHIN: usize = 5;
/// Blocks searched for a Công văn's subject line ("V/v ...").
const SUBJECT_WITHIN: usize = 25;
/// Blocks after an attached document's type line within which "kèm theo" must follow.
const ATTACHED_WITHIN: usize = 5;

pub(super) fn classify(cx: &Context, h: &Header) -> DocumentType {
    let v = Vocab::get();
    let is_document = !opens_as_article(cx, h);
    let by_heading = h.doc_type.as_deref().and_then(|d| v.type_of_heading(d));
    let by_symbol = h
        .symbol
        .as_deref()
        .and_then(type_code)
        .and_then(|code| v.type_of_code(code));
    let by_subject = || {
        v.document_type
            .iter()
            .find(|t| !t.subject.is_empty() && has_subject_line(cx, &t.subject))
    };
    let found: Option<(&DocumentTypeWords, TypeEvidence)> = match (by_heading, by_symbol) {
        (_, Some(t)) if t.symbol_wins => Some((t, TypeEvidence::Symbol)),
        (Some(t), _) => Some((t, TypeEvidence::Heading)),
        // "Số: 5680/CT-CS ... V/v ...": the subject line tells a Công văn from a Chỉ thị
        // whose symbol happens to start the same way.
        (None, by_symbol) => by_subject()
            .map(|t| (t, TypeEvidence::Subject))
            .or(by_symbol.map(|t| (t, TypeEvidence::Symbol))),
    };
    let attached = attached_type(cx);
    let attached_location = attached.map(|(_, at)| {
        let b = &cx.doc.blocks[at];
        cx.location(b.start(), b.end())
    });
    let attached = attached.map(|(t, _)| t);
    let (name, evidence) = match (is_document, found) {
        (true, Some((t, e))) => (Some(t.name.clone()), Some(e)),
        _ => (None, None),
    };
    // A document whose type cannot be told is read as a plan: never skip a plan.
    let own_plan = found.is_none_or(|(t, _)| t.plan);
    let carries_plan = is_document && !own_plan && attached.is_some_and(|a| a.plan);
    let is_plan = is_document && (own_plan || carries_plan);
    DocumentType {
        name,
        evidence,
        attached: attached.map(|a| a.name.clone()),
        attached_location,
        carries_plan,
        is_document,
        is_plan,
    }
}

/// The type abbreviation of a symbol: "QĐ" in "QĐ-UBND", "KH" in "KH-UBND"; none for
/// "UBND-VP" (a Công văn's issuer and unit) or "QH15".
fn type_code(symbol: &str) -> Option<&str> {
    let code = symbol.split('-').next()?.trim();
    (!code.is_empty()).then_some(code)
}

/// A text opens as an article when prose comes before its header: a question and a few
/// sentences, or many sentences. With no header at all, it is an article when it opens
/// with a question or has none of a plan's sections.
fn opens_as_article(cx: &Context, h: &Header) -> bool {
    let header_at = h
        .locations
        .iter()
        .filter(|(k, _)| k.as_str() != "title")
        .map(|(_, l)| l.span.start)
        .min();
    let text = cx.text();
    let (mut words, mut questions) = (0, 0);
    for (i, b) in cx.doc.blocks.iter().enumerate() {
        // Without a header only the page's opening question counts.
        let past = match header_at {
            Some(at) => cx.source.span(b.start(), b.end()).start >= at,
            None => i >= QUESTION_WITHIN,
        };
        if past {
            break;
        }
        let Block::Paragraph(p) = b else { continue };
        let t = squash(&text[p.start..p.end]);
        let t = t.trim();
        if t.starts_with(['-', '+', '|', '•']) {
            continue;
        }
        let n = t.split_whitespace().count();
        if n < PROSE_WORDS {
            continue;
        }
        words += n;
        if t.ends_with('?') {
            questions += 1;
        }
    }
    match header_at {
        Some(_) => {
            words >= ARTICLE_WORDS || (questions > 0 && words >= ARTICLE_WORDS_WITH_QUESTION)
        }
        None => questions > 0 || cx.block_keys.iter().all(Option::is_none),
    }
}

/// A subject line ("V/v tăng cường ...") in the header or the title.
fn has_subject_line(cx: &Context, subject: &[String]) -> bool {
    let text = cx.text();
    cx.doc
        .blocks
        .iter()
        .zip(&cx.doc.zones)
        .take(SUBJECT_WITHIN)
        .filter(|(_, z)| matches!(z, Zone::Header | Zone::Title | Zone::Preamble))
        .any(|(b, _)| starts_with_any(&text[b.start()..b.end()], subject))
}

/// The type of a document issued with this one: its type line alone after the closing
/// of the first ("Nơi nhận", the signature), or anywhere when "(Ban hành kèm theo Quyết
/// định số ...)" is in it or within a few blocks after it.
/// Returns the type and the block of its type line.
fn attached_type(cx: &Context) -> Option<(&'static DocumentTypeWords, usize)> {
    let v = Vocab::get();
    let text = cx.text();
    let blocks = &cx.doc.blocks;
    let first_body = cx.doc.zones.iter().position(|z| {
        matches!(
            z,
            Zone::Preamble | Zone::Body | Zone::Closing | Zone::Appendix
        )
    })?;
    (first_body..blocks.len()).find_map(|k| {
        let Block::Paragraph(p) = &blocks[k] else {
            return None;
        };
        let (heading, _) = v.type_line(&text[p.start..p.end])?;
        let t = v.type_of_heading(heading)?;
        let after_closing = matches!(cx.doc.zones[k], Zone::Closing | Zone::Appendix)
            && squash(&text[p.start..p.end]).to_uppercase() == heading;
        // The type line may have taken its title and "(kèm theo ...)" into one paragraph.
        let issued_with = || {
            blocks[k..blocks.len().min(k + 1 + ATTACHED_WITHIN)]
                .iter()
                .any(|b| contains_any(&text[b.start()..b.end()], &v.appendix.attached))
        };
        (after_closing || issued_with()).then_some((t, k))
    })
}

#[cfg(test)]
mod tests {
    use crate::model::{Format, Plan, TypeEvidence};
    use crate::registry::Registry;

    fn kind(text: &str) -> crate::model::DocumentType {
        Plan::from_text(
            "x.txt",
            text.to_string(),
            Format::Txt,
            &Registry::embedded(),
        )
        .model
        .document_type
    }

    const PLAN: &str = "ỦY BAN NHÂN DÂN\nHUYỆN YÊN THẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                        Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\nYên Thế, ngày 20 tháng 3 năm 2024\n\n\
                        KẾ HOẠCH\nThực hiện Chương trình OCOP năm 2024\n\nI. MỤC ĐÍCH, YÊU CẦU\n";
    const HEADER: &str = "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                          Độc lập - Tự do - Hạnh phúc\n|\n";

    #[test]
    fn the_type_line_names_the_type() {
        let d = kind(&format!(
            "{HEADER}Số: 87/2025/QĐ-UBND\nLai Châu, ngày 19 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\
             Quy định thực hiện nếp sống văn minh\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
        ));
        assert_eq!(d.name.as_deref(), Some("Quyết định"));
        assert_eq!(d.evidence, Some(TypeEvidence::Heading));
        assert!(d.is_document && !d.is_plan);
    }

    #[test]
    fn a_plan_and_a_decision_that_carries_one_get_the_plan_rules() {
        let d = kind(PLAN);
        assert_eq!(d.name.as_deref(), Some("Kế hoạch"));
        assert!(d.is_plan);
        let decision = format!(
            "{HEADER}Số: 2820/QĐ-UBND\nLai Châu, ngày 19 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n\
             Ban hành Kế hoạch triển khai Chương trình OCOP\n\nCăn cứ Luật Tổ chức chính quyền;\n\
             QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\nKẾ HOẠCH\n\
             Triển khai Chương trình OCOP\n(Ban hành kèm theo Quyết định số 2820/QĐ-UBND)\n\
             I. MỤC ĐÍCH, YÊU CẦU\n"
        );
        let d = kind(&decision);
        assert_eq!(d.name.as_deref(), Some("Quyết định"));
        assert_eq!(d.attached.as_deref(), Some("Kế hoạch"));
        assert!(d.is_plan && d.carries_plan);
        assert_eq!(d.attached_location.map(|l| l.line), Some(17));
    }

    #[test]
    fn a_letter_is_told_by_its_subject_line_and_a_consolidated_text_by_its_symbol() {
        let d = kind(&format!(
            "{HEADER}Số: 5680/CT-CS\nV/v hướng dẫn chính sách thuế\nHà Nội, ngày 19 tháng 11 năm 2025\n\
             Kính gửi: Cục Thuế các tỉnh.\n"
        ));
        assert_eq!(d.name.as_deref(), Some("Công văn"));
        assert_eq!(d.evidence, Some(TypeEvidence::Subject));
        let d = kind(&format!(
            "{HEADER}Số: 12/VBHN-BTC\nHà Nội, ngày 19 tháng 11 năm 2025\n\nTHÔNG TƯ\nQuy định về phí\n"
        ));
        assert_eq!(d.name.as_deref(), Some("Văn bản hợp nhất"));
    }

    #[test]
    fn an_article_that_quotes_a_template_is_not_a_document() {
        let prose = "Theo quy định hiện hành, cơ quan nhà nước khi xây dựng kế hoạch cần tuân thủ thể thức văn bản hành chính và các bước sau đây. ";
        let text = format!(
            "Mẫu kế hoạch hoạt động năm học mới nhất ra sao?\n\n{}\n\n{}\n\n{HEADER}Số: /KH-UBND\n\nKẾ HOẠCH\nHoạt động năm học\n",
            prose.repeat(2),
            prose.repeat(2)
        );
        let d = kind(&text);
        assert!(!d.is_document && !d.is_plan, "{d:?}");
        assert_eq!(d.name, None);
        // Site chrome before a real header is not an article.
        let chrome = "Để sử dụng toàn bộ tiện ích nâng cao của Hệ Thống Pháp Luật vui lòng lựa chọn và đăng ký gói cước.\n";
        let d = kind(&format!("{chrome}{PLAN}"));
        assert!(d.is_document && d.is_plan, "{d:?}");
    }

    #[test]
    fn a_plan_without_header_or_type_is_still_read_as_a_plan() {
        let d = kind("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nPhát triển sản phẩm OCOP.\nII. TỔ CHỨC THỰC HIỆN\nCác phòng thực hiện.\n");
        assert!(d.is_document && d.is_plan, "{d:?}");
        assert_eq!(d.name, None);
    }
}
