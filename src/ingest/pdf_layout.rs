//! The page layout of `pdftotext -layout` text, undone: a PDF printed from a Word file laid
//! out with the template of Nghị định 30/2020 puts the two header columns (issuer | motto)
//! and the two closing columns (Nơi nhận | signature) side by side on each line, and
//! repeats a running header and a page number on every page.
//!
//! [`reflow`] reads the pages (separated by form feeds) and gives the text the structure
//! layer reads from a plain-text plan:
//! - page numbers ("2", "- 2 -", "2/10") at the top or bottom edge of a page are dropped,
//!   and so is a running header or footer: an edge line repeated, digits aside, on at least
//!   two pages and on half the pages after the first;
//! - the header zone (the first lines of the first page) and the closing zone (from the
//!   line opening with "Nơi nhận") are split at the gap that separates their two columns
//!   on every line: the left column first, then the right one, as the .txt and the .docx
//!   reader give them;
//! - blank lines at page edges go: a paragraph split by a page break is one paragraph.

use crate::grammar::heading::parse_marker;
use crate::vocab::{starts_with_any, Vocab};

/// Spaces that separate two columns (pdftotext puts one or two between words of a line).
const MIN_GAP: usize = 3;
/// Spaces that separate the columns of a table row.
const TABLE_GAP: usize = 6;
/// A line this long (in percent of the text width) reaches the right margin: a bold
/// heading takes fewer character cells than justified prose.
const FULL_LINE_PERCENT: usize = 80;
/// The shortest line that can be a wrapped one: an A4 line of prose holds some 70 to 90
/// characters; the lines of a header column are far shorter.
const MIN_FULL_LINE: usize = 40;
/// How far (in character cells, counted twice) a centred line's middle may be off.
const CENTRE_SLACK: usize = 8;
/// How many non-blank lines at each edge of a page may be page furniture.
const EDGE_LINES: usize = 2;
/// How far into the first page the header zone may start.
const HEADER_SEARCH: usize = 3;

/// The text of a `pdftotext -layout` run (pages ended by form feeds), reflowed.
pub fn reflow(text: &str) -> String {
    let mut pages: Vec<Vec<&str>> = text.split('\u{c}').map(|p| p.lines().collect()).collect();
    if pages.len() > 1
        && pages
            .last()
            .is_some_and(|p| p.iter().all(|l| l.trim().is_empty()))
    {
        pages.pop();
    }
    drop_furniture(&mut pages);
    let mut pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.iter().map(|l| l.trim_end().to_string()).collect())
        .collect();
    let mut header_end = 0;
    if let Some(first) = pages.first_mut() {
        let start = header_start(first);
        header_end = split_zone(first, start, false);
    }
    // The closing zone is bounded by its page: what follows on the next page is the rest
    // of the recipients list or an appendix, not a column.
    let recipients = &Vocab::get().closing.recipients;
    'pages: for (n, page) in pages.iter_mut().enumerate() {
        let from = if n == 0 { header_end } else { 0 };
        for i in from..page.len() {
            if starts_with_any(&page[i], recipients) {
                split_zone(page, Some(i), true);
                break 'pages;
            }
        }
    }
    let pages: Vec<Vec<String>> = pages
        .into_iter()
        .map(|page| {
            let start = page.iter().position(|l| !l.trim().is_empty());
            let end = page.iter().rposition(|l| !l.trim().is_empty());
            match (start, end) {
                (Some(s), Some(e)) => page.into_iter().take(e + 1).skip(s).collect(),
                _ => Vec::new(),
            }
        })
        .collect();
    join_wrapped(pages).join("\n")
}

/// Joins the lines a justified paragraph was wrapped into: a line that reaches the right
/// margin and ends mid-sentence, followed by one at the left margin (or centred, for a
/// centred paragraph) that opens no heading or list item. Widths are a page's own:
/// pdftotext lays each page on its own character grid.
fn join_wrapped(pages: Vec<Vec<String>>) -> Vec<String> {
    let grids: Vec<Grid> = pages.iter().map(|p| Grid::of(p)).collect();
    let table_like = |l: &str| column_gaps(l).iter().any(|&(s, e)| e - s >= TABLE_GAP);
    let mut out: Vec<String> = Vec::new();
    // the physical line last pushed or joined, and its page's grid
    let mut last: Option<(String, &Grid)> = None;
    for (page, grid) in pages.into_iter().zip(&grids) {
        for line in page {
            let joins = last.as_ref().is_some_and(|(prev, prev_grid)| {
                prev_grid.full(prev)
                    && !prev.trim_end().ends_with(['.', ';', ':', '!', '?'])
                    && !line.trim().is_empty()
                    && (indent(&line) == grid.margin || grid.centred(&line))
                    && !table_like(prev)
                    && !table_like(&line)
                    && parse_marker(&line).is_none()
            });
            match out.last_mut() {
                Some(joined) if joins => {
                    joined.truncate(joined.trim_end().len());
                    joined.push(' ');
                    joined.push_str(line.trim());
                }
                _ => out.push(line.clone()),
            }
            last = Some((line, grid));
        }
    }
    out
}

fn indent(l: &str) -> usize {
    l.chars().take_while(|c| c.is_whitespace()).count()
}

/// A page's text width and left margin, in character cells.
struct Grid {
    width: usize,
    margin: usize,
}

impl Grid {
    fn of(page: &[String]) -> Grid {
        let filled = || page.iter().filter(|l| !l.trim().is_empty());
        // Most lines of prose are wrapped ones: the 90th percentile of the lengths, which
        // long table rows and indented header lines do not move.
        let mut lengths: Vec<usize> = filled().map(|l| l.chars().count()).collect();
        lengths.sort_unstable();
        Grid {
            width: lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(0),
            margin: filled().map(|l| indent(l)).min().unwrap_or(0),
        }
    }

    /// Whether a line reaches the right margin.
    fn full(&self, l: &str) -> bool {
        let n = l.chars().count();
        n >= MIN_FULL_LINE && n * 100 >= self.width * FULL_LINE_PERCENT
    }

    /// A centred line (a wrapped appendix title, "(Kèm theo ...)").
    fn centred(&self, l: &str) -> bool {
        let (i, n) = (indent(l), l.trim().chars().count());
        i > self.margin && (2 * i + n).abs_diff(self.width) <= CENTRE_SLACK
    }
}

/// Where the header zone starts: one of the first non-blank lines of the document.
fn header_start(lines: &[String]) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(HEADER_SEARCH)
        .find(|(_, l)| !column_gaps(l).is_empty())
        .filter(|(_, l)| !starts_with_any(l, &Vocab::get().closing.recipients))
        .map(|(i, _)| i)
}

/// A line's key for repetition: trimmed, digits masked, spaces collapsed.
fn furniture_key(line: &str) -> String {
    let masked: String = line
        .trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    crate::grammar::collapse_ws(&masked)
}

/// A page number alone: digits with at most dashes, slashes, dots and spaces around them.
fn is_page_number(key: &str) -> bool {
    key.contains('#')
        && key
            .chars()
            .all(|c| matches!(c, '#' | '-' | '–' | '/' | '.' | ' '))
}

/// Indices of the non-blank lines at the top and bottom edges of a page.
fn edges(page: &[&str]) -> Vec<usize> {
    let filled: Vec<usize> = (0..page.len())
        .filter(|&i| !page[i].trim().is_empty())
        .collect();
    let mut out: Vec<usize> = filled.iter().take(EDGE_LINES).copied().collect();
    for &i in filled.iter().rev().take(EDGE_LINES) {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn drop_furniture(pages: &mut [Vec<&str>]) {
    use std::collections::{HashMap, HashSet};
    let mut pages_of: HashMap<String, HashSet<usize>> = HashMap::new();
    for (n, page) in pages.iter().enumerate() {
        for i in edges(page) {
            pages_of
                .entry(furniture_key(page[i]))
                .or_default()
                .insert(n);
        }
    }
    let later = pages.len().saturating_sub(1);
    let running = |key: &str| {
        pages_of.get(key).is_some_and(|p| {
            let on_later = p.iter().filter(|&&n| n > 0).count();
            p.len() >= 2 && on_later * 2 >= later
        })
    };
    for page in pages.iter_mut() {
        let drop: Vec<usize> = edges(page)
            .into_iter()
            .filter(|&i| {
                let key = furniture_key(page[i]);
                is_page_number(&key) || running(&key)
            })
            .collect();
        let mut i = 0;
        page.retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
    }
}

/// The gaps of a line: character ranges of `MIN_GAP` or more spaces between two
/// non-space characters.
fn gaps(line: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace());
    let Some(first) = first else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut run_start = None;
    for (i, c) in chars.iter().enumerate().skip(first) {
        match (c.is_whitespace(), run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                if i - s >= MIN_GAP {
                    out.push((s, i));
                }
                run_start = None;
            }
            _ => {}
        }
    }
    out
}

/// The gaps that may separate columns: not the tab after a heading number ("1.       Công
/// tác").
fn column_gaps(line: &str) -> Vec<(usize, usize)> {
    let after = parse_marker(line).map_or(0, |m| line[..m.marker_text_end].chars().count());
    gaps(line)
        .into_iter()
        .filter(|&(s, _)| s >= after)
        .collect()
}

/// Whether column `c` falls in blank space of the line: inside a gap, or in the margin
/// before or after its text.
fn splits_at(line: &str, c: usize) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let first = chars.iter().position(|ch| !ch.is_whitespace());
    let last = chars.iter().rposition(|ch| !ch.is_whitespace());
    match (first, last) {
        (Some(f), Some(l)) => c < f || c > l || gaps(line).iter().any(|&(s, e)| s < c && c < e),
        _ => true,
    }
}

/// Splits the two-column zone starting at `start` in place, and returns the index after it
/// (0 when there is none). The zone runs while one column position falls in blank space on
/// every line; it holds at least one line with text on both sides. The header zone ends at
/// its last two-sided line, and its continuation lines up to a blank line (a wrapped date);
/// the closing zone runs to the end of the page's columns (the signer's name comes last).
fn split_zone(lines: &mut Vec<String>, start: Option<usize>, closing: bool) -> usize {
    let Some(start) = start else {
        return 0;
    };
    // Candidate columns: the gaps of the first two-sided line of the zone.
    let Some(first_gapped) = lines[start..]
        .iter()
        .take(4)
        .position(|l| !column_gaps(l).is_empty())
        .map(|i| start + i)
    else {
        return 0;
    };
    let mut best: Option<(usize, usize, usize)> = None; // (column, end, two-sided lines)
    for (s, e) in column_gaps(&lines[first_gapped]) {
        for c in s + 1..e {
            let (end, two_sided) = zone_extent(lines, start, c, closing);
            if two_sided > 0 && best.is_none_or(|(_, _, t)| two_sided > t) {
                best = Some((c, end, two_sided));
            }
        }
    }
    let Some((c, end, _)) = best else {
        return 0;
    };
    // Justified prose can line its word gaps up for a few lines: a header names itself.
    if !closing && !lines[start..end].iter().any(|l| is_header_line(l)) {
        return 0;
    }
    let mut left = Vec::new();
    let mut right = Vec::new();
    for line in &lines[start..end] {
        if line.trim().is_empty() {
            left.push(String::new());
            right.push(String::new());
            continue;
        }
        let (l, r) = split_line(line, c);
        if !l.is_empty() {
            left.push(l);
        }
        if !r.is_empty() {
            right.push(r);
        }
    }
    let mut out = Vec::new();
    for part in [left, right] {
        for line in part {
            let blank = line.is_empty();
            if !(blank && out.last().is_none_or(|l: &String| l.is_empty())) {
                out.push(line);
            }
        }
        if out.last().is_some_and(|l| !l.is_empty()) {
            out.push(String::new());
        }
    }
    let n = out.len();
    lines.splice(start..end, out);
    start + n
}

/// A line that only the header of a document holds: the motto or slogan, the number, or
/// the place and date.
fn is_header_line(line: &str) -> bool {
    let v = Vocab::get();
    let upper = line.to_uppercase();
    v.motto.iter().any(|m| upper.contains(&m.to_uppercase()))
        || v.motto_slogan.iter().any(|m| line.contains(m.as_str()))
        || line.contains(v.header.place_date.as_str())
        || line.split_whitespace().any(|w| {
            v.header
                .number_label
                .iter()
                .any(|n| w.trim_end_matches(':') == n)
        })
}

/// The end of the zone from `start` split at column `c`, and how many of its lines have
/// text on both sides.
fn zone_extent(lines: &[String], start: usize, c: usize, closing: bool) -> (usize, usize) {
    let appendix = &Vocab::get().appendix.openers;
    let mut two_sided = 0;
    let mut last_two_sided = start;
    let mut end = start;
    for (i, line) in lines.iter().enumerate().skip(start) {
        if line.trim().is_empty() {
            if !closing && two_sided > 0 && i > last_two_sided + 1 {
                break;
            }
            end = i + 1;
            continue;
        }
        if !splits_at(line, c) {
            break;
        }
        let (l, r) = split_line(line, c);
        if closing && [&l, &r].iter().any(|p| starts_with_any(p, appendix)) {
            break;
        }
        if !l.is_empty() && !r.is_empty() {
            two_sided += 1;
            last_two_sided = i;
        } else if !closing && two_sided > 0 && lines[i - 1].trim().is_empty() {
            // the header ends at a blank line after its columns (the title follows)
            break;
        }
        end = i + 1;
    }
    if !closing {
        end = end.min(
            lines[last_two_sided + 1..]
                .iter()
                .position(|l| l.trim().is_empty())
                .map_or(lines.len(), |p| last_two_sided + 1 + p),
        );
    }
    while end > start && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    (end, two_sided)
}

fn split_line(line: &str, c: usize) -> (String, String) {
    let at = line.char_indices().nth(c).map_or(line.len(), |(i, _)| i);
    (line[..at].trim().to_string(), line[at..].trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "\u{c}",
        "\n",
        "\n\n",
        " ",
        "   ",
        "          ",
        "Nơi nhận:",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 14/KH-UBND",
        "Bắc Giang, ngày 06 tháng 02 năm 2024",
        "TM. ỦY BAN NHÂN DÂN",
        "PHỤ LỤC",
        "2",
        "- 3 -",
        "I. ",
        "1.       ",
        "- ",
        "OCOP.",
        "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính",
        "ệ",
        "a",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Any pdftotext-like text: no panic, no form feed left, and nothing but spaces and
        /// line ends added (columns are reordered, furniture dropped).
        #[test]
        fn reflow_only_reorders_and_drops(parts in prop::collection::vec(prop::sample::select(PIECES), 0..60)) {
            let text = parts.concat();
            let out = reflow(&text);
            prop_assert!(!out.contains('\x0c'));
            let count = |s: &str| {
                let mut m = std::collections::HashMap::new();
                for c in s.chars().filter(|c| !c.is_whitespace()) {
                    *m.entry(c).or_insert(0usize) += 1;
                }
                m
            };
            let (before, after) = (count(&text), count(&out));
            for (c, n) in after {
                prop_assert!(before.get(&c).copied().unwrap_or(0) >= n, "{c:?} added");
            }
        }
    }

    const HEADER: &str = "    ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
         \x20    HUYỆN LẠC SƠN                     Độc lập - Tự do - Hạnh phúc\n\
         \n\
         \x20     Số: 14/KH-UBND               Lạc Sơn, ngày 06 tháng 02 năm 2024\n\
         \n\
         \x20                                KẾ HOẠCH\n\
         \x20          Triển khai thực hiện Chương trình Mỗi xã một sản phẩm\n";

    #[test]
    fn header_columns_are_read_one_after_the_other() {
        let out = reflow(HEADER);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[..8],
            [
                "ỦY BAN NHÂN DÂN",
                "HUYỆN LẠC SƠN",
                "",
                "Số: 14/KH-UBND",
                "",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "",
            ]
        );
        assert_eq!(lines[8], "Lạc Sơn, ngày 06 tháng 02 năm 2024");
        // the title is not a column of the header
        assert!(lines[9..].iter().any(|l| l.trim() == "KẾ HOẠCH"), "{out}");
        assert!(lines[9..].iter().all(|l| !l.contains("CỘNG HÒA")));
    }

    #[test]
    fn a_placeholder_gap_in_the_date_is_not_a_column() {
        let text = "    ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             \x20     Số: /KH-UBND                 Đắk R'Lấp, ngày     tháng 6 năm 2024\n\
             \n\
             \x20                                KẾ HOẠCH\n";
        let out = reflow(text);
        assert!(
            out.contains("\nĐắk R'Lấp, ngày     tháng 6 năm 2024"),
            "{out}"
        );
        assert!(out.starts_with("ỦY BAN NHÂN DÂN\nSố: /KH-UBND\n"), "{out}");
    }

    #[test]
    fn aligned_gaps_in_prose_are_no_header() {
        let text = "Căn   cứ   Luật   Tổ   chức   chính   quyền   địa   phương   năm   2025\n\
             và   các   văn   bản   hướng   dẫn   thi   hành   của   Chính   phủ   về\n";
        // one wrapped paragraph, words in order: no columns
        assert_eq!(reflow(text), text.trim_end().replace('\n', " "));
    }

    #[test]
    fn closing_columns_keep_the_signature_together() {
        let text = "Trên đây là Kế hoạch.\n\
             Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN\n\
             - Bộ Nông nghiệp và PTNT (b/c);                  KT. CHỦ TỊCH\n\
             - Các sở, ngành;\n\
             - UBND các huyện, thành phố;                     PHÓ CHỦ TỊCH\n\
             - Lưu: VT, KTN.\n\
             \n\
             \n\
             \x20                                                  Phan Thế Tuấn\n";
        let out = reflow(text);
        assert_eq!(
            out,
            "Trên đây là Kế hoạch.\nNơi nhận:\n- Bộ Nông nghiệp và PTNT (b/c);\n\
             - Các sở, ngành;\n- UBND các huyện, thành phố;\n- Lưu: VT, KTN.\n\n\
             TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nPhan Thế Tuấn"
        );
    }

    #[test]
    fn page_numbers_and_running_headers_are_dropped() {
        let page = |n: usize, body: &str| {
            format!("                 {n}\n                     Kế hoạch 14/KH-UBND\n{body}\n\n\n                {n}\n\u{c}")
        };
        let text = format!(
            "Căn cứ Quyết định số 1.\n\u{c}{}{}",
            page(2, "- Tổ chức Tuần hàng OCOP"),
            page(3, "V. TỔ CHỨC THỰC HIỆN")
        );
        assert_eq!(
            reflow(&text),
            "Căn cứ Quyết định số 1.\n- Tổ chức Tuần hàng OCOP\nV. TỔ CHỨC THỰC HIỆN"
        );
    }

    #[test]
    fn a_line_on_one_page_edge_only_stays() {
        let text = "I. MỤC TIÊU\n\u{c}1. Mục tiêu chung\n- Nội dung.\n\u{c}II. KẾT LUẬN\n";
        assert_eq!(
            reflow(text),
            "I. MỤC TIÊU\n1. Mục tiêu chung\n- Nội dung.\nII. KẾT LUẬN"
        );
    }

    #[test]
    fn wrapped_lines_are_joined_and_paragraphs_kept() {
        let text = "     Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính\n\
             phủ phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025;\n\
             \x20    1.       Công tác tuyên truyền, nâng cao nhận thức về Chương trình\n\
             OCOP\n\
             \x20    - Đẩy mạnh công tác truyền thông, nâng cao nhận thức thường xuyên, liên\n\
             tục thông qua các phương tiện thông tin đại chúng từ cấp huyện đến cấp xã.\n\
             \x20    STT                  Huyện, thành phố             Số sản phẩm mới\n\
             1                    Huyện Yên Thế                5\n";
        assert_eq!(
            reflow(text).lines().map(str::trim).collect::<Vec<_>>(),
            [
                "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ phê duyệt \
                 Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025;",
                "1.       Công tác tuyên truyền, nâng cao nhận thức về Chương trình OCOP",
                "- Đẩy mạnh công tác truyền thông, nâng cao nhận thức thường xuyên, liên tục \
                 thông qua các phương tiện thông tin đại chúng từ cấp huyện đến cấp xã.",
                "STT                  Huyện, thành phố             Số sản phẩm mới",
                "1                    Huyện Yên Thế                5",
            ]
        );
    }
}
