//! Structure: the normalized text cut into paragraphs and tables, then into the parts of a
//! plan (header, preamble, numbered body sections, closing, appendices).
//!
//! Offsets here are into `SourceText::text` (normalized).

use crate::grammar::collapse_ws;
use crate::grammar::heading::{parse_marker, Marker};
use crate::vocab::{contains_any, starts_with_any, Vocab};

/// One paragraph: one or more lines of text (a wrapped line is joined to the paragraph).
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    /// Heading marker at the start, if any.
    pub marker: Option<Marker>,
    /// Where the text after the marker starts.
    pub body_start: usize,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub start: usize,
    pub end: usize,
    pub cells: Vec<Cell>,
    /// A header row repeated after a page break; kept for spans, skipped as data.
    pub repeated_header: bool,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl Table {
    pub fn start(&self) -> usize {
        self.rows.first().map_or(0, |r| r.start)
    }
    pub fn end(&self) -> usize {
        self.rows.last().map_or(0, |r| r.end)
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

impl Block {
    pub fn start(&self) -> usize {
        match self {
            Block::Paragraph(p) => p.start,
            Block::Table(t) => t.start(),
        }
    }
    pub fn end(&self) -> usize {
        match self {
            Block::Paragraph(p) => p.end,
            Block::Table(t) => t.end(),
        }
    }
}

/// The part of the plan a block belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// Added by a web archive before the plan (related documents).
    Scraped,
    Header,
    Title,
    Preamble,
    Body,
    Closing,
    Appendix,
}

/// A numbered (or capitalised) heading and what it contains.
#[derive(Debug, Clone)]
pub struct Section {
    /// Index of the heading block in `Document::blocks`.
    pub heading: usize,
    pub marker: Option<Marker>,
    /// The heading's own text (after the marker): start and end offsets.
    pub title_start: usize,
    pub title_end: usize,
    /// Blocks from the heading up to (excluding) `blocks_end`.
    pub blocks_end: usize,
    pub children: Vec<Section>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub zones: Vec<Zone>,
    /// Top-level sections of the body and the appendices.
    pub sections: Vec<Section>,
}

impl Document {
    /// Every run of text a rule reads, as (block index, start, end): each paragraph, and
    /// each cell of each table row (header rows repeated after a page break skipped).
    pub fn text_units(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            match b {
                Block::Paragraph(p) => out.push((i, p.start, p.end)),
                Block::Table(t) => out.extend(
                    t.rows
                        .iter()
                        .filter(|r| !r.repeated_header)
                        .flat_map(|r| r.cells.iter().map(move |c| (i, c.start, c.end))),
                ),
            }
        }
        out
    }
}

/// Sort order of heading markers, outermost first. Unnumbered capitalised headings rank
/// with Roman numerals: they stand where a Roman heading would.
pub fn marker_rank(m: Option<&Marker>) -> u32 {
    match m {
        Some(Marker::Part(_)) => 0,
        None | Some(Marker::Roman(_)) => 1,
        Some(Marker::Arabic(_)) => 2,
        Some(Marker::Dotted(v)) => 1 + v.len() as u32,
        Some(Marker::Letter(_)) => 8,
        Some(Marker::Ordinal(_)) => 9,
        Some(Marker::Bullet(_)) => 10,
    }
}

pub fn parse(text: &str) -> Document {
    let blocks = blocks(text);
    let zones = zones(text, &blocks);
    let sections = sections(text, &blocks, &zones);
    Document {
        blocks,
        zones,
        sections,
    }
}

struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for l in text.split('\n') {
        out.push(Line { start, text: l });
        start += l.len() + 1;
    }
    out
}

/// Table rows: `a | b | c` (scraped pages, Markdown) or tab-separated cells (Word copies).
fn row_cells(line: &Line) -> Option<Vec<Cell>> {
    let t = line.text;
    let sep = if t.matches('|').count() >= 2 {
        '|'
    } else if t.contains('\t') && t.trim().contains('\t') {
        '\t'
    } else {
        return None;
    };
    // A Markdown separator row "|---|---|" carries no data.
    if sep == '|' && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
        return Some(Vec::new());
    }
    let mut cells = Vec::new();
    let mut at = 0;
    let trimmed_outer = sep == '|';
    let parts: Vec<&str> = t.split(sep).collect();
    for (k, part) in parts.iter().enumerate() {
        let s = line.start + at;
        at += part.len() + 1;
        // `| a | b |`: the empty strings outside the first and last pipes are not cells.
        if trimmed_outer && (k == 0 || k == parts.len() - 1) && part.trim().is_empty() {
            continue;
        }
        let lead = part.len() - part.trim_start().len();
        let body = part.trim();
        cells.push(Cell {
            start: s + lead,
            end: s + lead + body.len(),
        });
    }
    Some(cells)
}

fn is_caps_line(t: &str) -> bool {
    // Called twice per line: stop at the first small letter.
    let mut letters = 0;
    for c in t.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 4
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with(['.', ';', ':', '!', '?'])
}

/// A line continues the paragraph above when that one has not ended and this one does
/// not start something new: that is how wrapped lines (and wrapped citations) look.
fn continues(prev: &str, paragraph_words: usize, next: &str) -> bool {
    let next_t = next.trim_start();
    let Some(first) = next_t.chars().next() else {
        return false;
    };
    if ends_sentence(prev) || parse_marker(next_t).is_some() || is_rule_line(prev) {
        return false;
    }
    // Capitals do not go on after prose, nor prose after capitals, but a wrapped
    // citation's number does: "tại Phụ lục II Nghị quyết" / "214/NQ-CP).".
    let number_after_prose = first.is_ascii_digit() && !is_caps_line(prev);
    if is_caps_line(prev) != is_caps_line(next_t) && !first.is_lowercase() && !number_after_prose {
        return false;
    }
    let v = Vocab::get();
    // `IV. TỔ CHỨC` / `THỰC HIỆN`: capitals after a numbered heading's capitals go on with
    // it, even when they read like an opener.
    let heading_goes_on = is_caps_line(prev)
        && is_caps_line(next_t)
        && parse_marker(prev).is_some_and(|m| !matches!(m.marker, Marker::Bullet(_)));
    if !heading_goes_on
        && (starts_with_any(next_t, &v.preamble.openers)
            || starts_with_any(next_t, &v.closing.recipients))
    {
        return false;
    }
    wraps(prev, next_t)
        // A long unfinished line of prose wraps onto a capitalised word ("Thủ tướng /
        // Chính phủ"); short lines (header, headings) do not.
        || (!is_caps_line(prev) && paragraph_words >= WRAPPED_PROSE_WORDS)
}

/// The line break between `prev` and `next` is inside a phrase: the next line starts in
/// lower case, with a digit or a parenthesis, both lines are capitals (`IV. TỔ CHỨC` /
/// `THỰC HIỆN`), or `prev` stops on a comma, a dash, a connector or a heading marker
/// with a single word (`3. Sở` / `Tài chính`). A heading's title goes on across such a
/// break.
fn wraps(prev: &str, next: &str) -> bool {
    let next = next.trim_start();
    let Some(first) = next.chars().next() else {
        return false;
    };
    first.is_lowercase()
        || first.is_ascii_digit()
        || first == '('
        || is_caps_line(prev) && is_caps_line(next)
        || prev.trim_end().ends_with([',', '-', '–'])
        || ends_with_connector(prev)
        || marker_and_one_word(prev)
}

/// `3. Sở`, `2.2. Sở`: a numbered line with one word after its marker is a heading cut
/// after its first syllable (a one-syllable title is not written).
fn marker_and_one_word(line: &str) -> bool {
    parse_marker(line).is_some_and(|m| {
        !matches!(m.marker, Marker::Bullet(_))
            && line[m.marker_text_end..].split_whitespace().count() == 1
            && !ends_sentence(line)
    })
}

/// The rule under the header's fields ("-------"): it ends what is above and below it.
fn is_rule_line(t: &str) -> bool {
    let t = t.trim();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '–' | '_' | '='))
}

/// A line this long that stops mid-sentence was wrapped.
const WRAPPED_PROSE_WORDS: usize = 8;

/// Words after which a line cannot end a paragraph: "của", "ngày", "số", "và"...
fn ends_with_connector(prev: &str) -> bool {
    let last = prev.split_whitespace().next_back().unwrap_or("");
    matches!(
        last.to_lowercase().as_str(),
        "của"
            | "ngày"
            | "số"
            | "và"
            | "về"
            | "tại"
            | "theo"
            | "các"
            | "cho"
            | "với"
            | "tháng"
            | "năm"
    )
}

/// Blocks at the top of a plan within which its header lies (and its document type line).
const HEADER_BLOCKS: usize = 15;

fn blocks(text: &str) -> Vec<Block> {
    let lines = lines(text);
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    // Whether the last paragraph ended at a blank line (wrapped paragraphs may still
    // continue across one blank line, as in pandoc output of wrapped text).
    let mut blank_since_last = false;
    let mut pipe_since_last = false;
    // Words of the last paragraph, kept as it grows (recounting it per line is quadratic).
    let mut paragraph_words = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.text.trim().is_empty() {
            blank_since_last = true;
            i += 1;
            continue;
        }
        if let Some(cells) = row_cells(line) {
            let row = Row {
                start: line.start,
                end: line.start + line.text.len(),
                cells,
                repeated_header: false,
            };
            match out.last_mut() {
                // A table continues across a page break when the header row is repeated.
                Some(Block::Table(t))
                    if !blank_since_last
                        || i == 0
                        || same_cells(&row_key(text, &t.rows[0]), &row_key(text, &row))
                        || continues_rows(text, t, &row) =>
                {
                    t.rows.push(row)
                }
                _ => out.push(Block::Table(Table { rows: vec![row] })),
            }
            blank_since_last = false;
            i += 1;
            continue;
        }
        // A lone "|" closes a scraped row; it is not a paragraph. In the header (the first
        // blocks) it closes a column's field: the paragraph before it ends there.
        if line.text.trim() == "|" {
            pipe_since_last = out.len() < HEADER_BLOCKS;
            i += 1;
            continue;
        }
        let start = line.start + (line.text.len() - line.text.trim_start().len());
        let mut end = line.start + line.text.trim_end().len();
        let after_pipe = std::mem::take(&mut pipe_since_last);
        if let Some(Block::Paragraph(p)) = out.last_mut().filter(|_| !after_pipe) {
            let prev = &text[p.start..p.end];
            let last_line = prev.rsplit('\n').next().unwrap_or(prev);
            if continues(last_line, paragraph_words, line.text)
                && (!blank_since_last || starts_lower(line.text))
            {
                p.end = end;
                paragraph_words += line.text.split_whitespace().count();
                blank_since_last = false;
                i += 1;
                continue;
            }
        }
        let t = &text[start..end];
        let (marker, body_start) = match parse_marker(t) {
            Some(m) => (Some(m.marker), start + m.marker_text_end),
            None => (None, start),
        };
        end = end.max(body_start);
        paragraph_words = text[start..end].split_whitespace().count();
        out.push(Block::Paragraph(Paragraph {
            start,
            end,
            marker,
            body_start,
        }));
        blank_since_last = false;
        i += 1;
    }
    for b in &mut out {
        if let Block::Table(t) = b {
            mark_repeated_headers(text, t);
        }
    }
    out
}

fn starts_lower(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn row_key(text: &str, r: &Row) -> Vec<String> {
    r.cells
        .iter()
        .map(|c| text[c.start..c.end].to_lowercase())
        .collect()
}

/// After a page break without a repeated header, a table goes on with rows of the same
/// width whose first cell is a row number or empty.
fn continues_rows(text: &str, t: &Table, row: &Row) -> bool {
    let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let first = row
        .cells
        .first()
        .map_or("", |c| text[c.start..c.end].trim());
    row.cells.len() == width
        && width >= 2
        && (first.is_empty()
            || first
                .chars()
                .all(|c| c.is_ascii_digit() || "IVX.".contains(c)))
}

/// Header rows repeated after a page break are retyped as often as copied: the same cell
/// count with at most one cell differing counts as the same row.
fn same_cells(ka: &[String], kb: &[String]) -> bool {
    ka.len() == kb.len()
        && ka.len() >= 2
        && ka.iter().zip(kb).filter(|(x, y)| x != y).count() <= 1
        && has_letters(ka)
}

fn has_letters(key: &[String]) -> bool {
    key.iter().any(|c| c.chars().any(char::is_alphabetic))
}

/// Rows equal to one of the first two rows, later in the table, are page-break repeats.
fn mark_repeated_headers(text: &str, t: &mut Table) {
    let heads: Vec<Vec<String>> = t.rows.iter().take(2).map(|r| row_key(text, r)).collect();
    for r in t.rows.iter_mut().skip(2) {
        let key = row_key(text, r);
        if has_letters(&key) && heads.iter().any(|h| same_cells(h, &key)) {
            r.repeated_header = true;
        }
    }
}

/// Blocks after the issuing body within which the motto shows the header has begun.
const HEADER_MOTTO_WITHIN: usize = 6;
/// Words of a place and date line at most ("Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm
/// 2025"); a preamble sentence citing "..., ngày" is longer.
const PLACE_DATE_WORDS: usize = 14;
/// Blocks of a web page that may come before the header.
const SCRAPED_BEFORE_HEADER: usize = 30;
/// A block that holds the motto and at most this many words is a header line (the motto
/// and the slogan, or a two-column line with the issuer).
const MOTTO_LINE_WORDS: usize = 24;

/// Assigns each block to a part of the plan.
fn zones(text: &str, blocks: &[Block]) -> Vec<Zone> {
    let v = Vocab::get();
    let n = blocks.len();
    let mut zones = vec![Zone::Body; n];
    let first_text = |i: usize| -> &str {
        match &blocks[i] {
            Block::Paragraph(p) => &text[p.start..p.end],
            Block::Table(t) => t
                .rows
                .first()
                .and_then(|r| r.cells.first())
                .map_or("", |c| &text[c.start..c.end]),
        }
    };
    // Scraped lists before the header.
    let mut i = 0;
    while i < n && v.is_related_item(first_text(i)) {
        zones[i] = Zone::Scraped;
        i += 1;
    }
    // A web page's own lines before the header (its title, the archive's metadata table,
    // "Từ khóa gợi ý:"): the header starts at the issuing body or the motto, when the
    // motto follows within a few blocks.
    let all_text = |k: usize| -> String {
        match &blocks[k] {
            Block::Paragraph(p) => collapse_ws(&text[p.start..p.end]),
            Block::Table(t) => collapse_ws(
                &t.rows
                    .iter()
                    .flat_map(|r| &r.cells)
                    .map(|c| &text[c.start..c.end])
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    };
    let opens_header = |k: usize| {
        // "ỦY / BAN NHÂN DÂN": the body may be wrapped over two blocks.
        let next = if k + 1 < n { first_text(k + 1) } else { "" };
        let t = collapse_ws(&format!("{} {next}", first_text(k)));
        // The motto inside a sentence ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa
        // Việt Nam") is a citation, not the header.
        let motto_line =
            contains_any(&t, &v.motto) && t.split_whitespace().count() <= MOTTO_LINE_WORDS;
        (starts_with_any(&t, &v.issuer_body) || motto_line)
            && (k..n.min(k + HEADER_MOTTO_WITHIN)).any(|j| contains_any(&all_text(j), &v.motto))
    };
    if i < n && !opens_header(i) {
        if let Some(h) = (i + 1..n.min(i + SCRAPED_BEFORE_HEADER)).find(|&k| opens_header(k)) {
            for z in &mut zones[i..h] {
                *z = Zone::Scraped;
            }
            i = h;
        }
    }
    let header_start = i;
    // The title starts at the document type line ("KẾ HOẠCH", or "KẾ / HOẠCH" wrapped);
    // failing that, at the first capitalised paragraph after the number/date lines.
    let doc_type_at = (header_start..n.min(header_start + HEADER_BLOCKS)).find(|&k| {
        let t = first_text(k).trim();
        let up = t.to_uppercase();
        let wrapped = k + 1 < n && !up.is_empty() && {
            let next = first_text(k + 1).lines().next().unwrap_or("");
            let two = collapse_ws(&format!("{up} {}", next.to_uppercase()));
            v.header.doc_types.contains(&two)
        };
        wrapped || v.type_line(t).is_some()
    });
    let is_header_line = |t: &str| {
        let t = &collapse_ws(t);
        // Separators: "-------", "|".
        !t.chars().any(char::is_alphabetic)
            || contains_any(t, &v.motto)
            || contains_any(t, &v.motto_slogan)
            || starts_with_any(t, &v.issuer_body)
            || v.header
                .number_label
                .iter()
                .any(|l| t.trim_start().starts_with(l.as_str()))
            || t.contains(v.header.place_date.as_str())
                && t.split_whitespace().count() <= PLACE_DATE_WORDS
            // "TỈNH X", or the end of a wrapped body ("ỦY BAN NHÂN / DÂN").
            || (is_caps_line(t) || !t.chars().any(char::is_lowercase))
                && t.split_whitespace().count() <= 6
                && !v.header.doc_types.iter().any(|d| t.starts_with(d.as_str()))
    };
    let title_start = doc_type_at.unwrap_or_else(|| {
        (header_start..n)
            .find(|&k| !is_header_line(first_text(k)))
            .unwrap_or(n)
    });
    for z in zones.iter_mut().take(title_start).skip(header_start) {
        *z = Zone::Header;
    }
    // Title: until a preamble opener or a numbered heading.
    let mut k = title_start;
    while k < n {
        let t = first_text(k);
        let is_heading = matches!(&blocks[k], Block::Paragraph(p) if p.marker.as_ref().is_some_and(|m| marker_rank(Some(m)) <= 2));
        // "Thực hiện Chương trình OCOP năm 2024" is a title; "Thực hiện Quyết định số
        // 919/QĐ-TTg ...;" is a preamble sentence: it cites a number or ends a clause.
        // A web copy may leave the italic's closing "*" after the semicolon.
        let cites = t.contains('/')
            || t.trim_end_matches(['*', '_', ' '])
                .ends_with([';', '.', ':']);
        // Without a document type line the first block may already be the preamble.
        if (k > title_start || doc_type_at.is_none())
            // "TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 214/NQ-CP ...", in capitals, is the title.
            && ((starts_with_any(t, &v.preamble.openers) && cites && !is_caps_line(t))
                // "- Luật Công nghệ thông tin ngày 29/6/2006;": a list of bases whose
                // "Căn cứ:" line the copy lost.
                || (t.trim_start().starts_with("- ") && cites)
                || is_heading
                || t.split_whitespace().count() > 60)
        {
            break;
        }
        zones[k] = Zone::Title;
        k += 1;
    }
    // Preamble: until the first heading (numbered, or a capitalised line).
    let preamble_start = k;
    while k < n {
        if let Block::Paragraph(p) = &blocks[k] {
            let t = &text[p.start..p.end];
            let numbered = p.marker.as_ref().is_some_and(|m| marker_rank(Some(m)) <= 3);
            if numbered || (k > preamble_start && is_caps_line(t)) {
                break;
            }
        } else {
            break;
        }
        zones[k] = Zone::Preamble;
        // "UBND huyện ... ban hành Kế hoạch ... như sau:" ends the preamble; a basis that
        // itself mentions "xây dựng kế hoạch" does not.
        let t = first_text(k);
        let enacting =
            contains_any(t, &v.preamble.enacting) && !starts_with_any(t, &v.preamble.openers);
        k += 1;
        if enacting {
            break;
        }
    }
    // Closing: from "Trên đây là" or "Nơi nhận"; appendices from "PHỤ LỤC" after it.
    let closing_at = (k..n).find(|&j| {
        let t = first_text(j);
        starts_with_any(t, &v.closing.summary) || starts_with_any(t, &v.closing.recipients)
    });
    let appendix_from = closing_at.unwrap_or(k);
    let appendix_at = (appendix_from..n).find(|&j| {
        let t = first_text(j);
        starts_with_any(t, &v.appendix.openers)
            && (is_caps_line(t) || t.split_whitespace().count() <= 4)
    });
    for (j, z) in zones.iter_mut().enumerate().skip(k) {
        if appendix_at.is_some_and(|a| j >= a) {
            *z = Zone::Appendix;
        } else if closing_at.is_some_and(|c| j >= c) {
            *z = Zone::Closing;
        }
    }
    // Scraped related-document lists and metadata footers anywhere after the plan.
    for (j, z) in zones.iter_mut().enumerate().skip(k) {
        let t = first_text(j);
        if v.is_related_item(t) || v.is_metadata_line(t) {
            *z = Zone::Scraped;
        }
    }
    zones
}

/// Builds the section tree over the body and appendix blocks.
fn sections(text: &str, blocks: &[Block], zones: &[Zone]) -> Vec<Section> {
    let mut roots: Vec<Section> = Vec::new();
    // Open sections, outermost first, with their rank.
    let mut stack: Vec<(u32, Section)> = Vec::new();
    let close = |stack: &mut Vec<(u32, Section)>, roots: &mut Vec<Section>, end: usize| {
        if let Some((_, mut s)) = stack.pop() {
            s.blocks_end = end;
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(s),
                None => roots.push(s),
            }
        }
    };
    let mut last_body = 0;
    for (i, b) in blocks.iter().enumerate() {
        if !matches!(zones[i], Zone::Body | Zone::Appendix) {
            continue;
        }
        last_body = i + 1;
        let Block::Paragraph(p) = b else { continue };
        if in_scraped_row(text, p) {
            continue;
        }
        let t = &text[p.start..p.end];
        let heading = match &p.marker {
            Some(Marker::Bullet(_)) => None,
            Some(m) => Some(Some(m.clone())),
            None if is_caps_line(t) && t.split_whitespace().count() <= 20 => Some(None),
            None => None,
        };
        let Some(marker) = heading else { continue };
        // An unnumbered "PHỤ LỤC" heading contains the appendix's own numbering.
        let rank = if zones[i] == Zone::Appendix && marker.is_none() {
            0
        } else {
            marker_rank(marker.as_ref())
        };
        // A heading line carrying only "Phần thứ nhất" takes the next capitalised line as title.
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            close(&mut stack, &mut roots, i);
        }
        // Unnumbered capitals right after a bare "Phần thứ ..." are that part's title.
        if marker.is_none() {
            if let Some((_, top)) = stack.last_mut() {
                if top.heading + 1 == i
                    && matches!(top.marker, Some(Marker::Part(_)))
                    && top.title_start == top.title_end
                {
                    top.title_start = p.start;
                    top.title_end = p.end;
                    continue;
                }
            }
        }
        stack.push((
            rank,
            Section {
                heading: i,
                marker,
                title_start: p.body_start,
                title_end: heading_title_end(text, p),
                blocks_end: i + 1,
                children: Vec::new(),
            },
        ));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots, last_body);
    }
    roots
}

/// A cell of a table copied one cell a line, rows closed by a lone `|` (`|` / `2.1` / `|`):
/// its row number or its capitals are not a heading.
fn in_scraped_row(text: &str, p: &Paragraph) -> bool {
    let before = text[..p.start].trim_end_matches([' ', '\t']);
    let line_before = before
        .strip_suffix('\n')
        .map(|b| b.rsplit('\n').next().unwrap_or(b));
    let line_after = text[p.end..]
        .trim_start_matches([' ', '\t'])
        .strip_prefix('\n')
        .map(|a| a.split('\n').next().unwrap_or(a));
    [line_before, line_after]
        .into_iter()
        .flatten()
        .any(|l| l.trim() == "|")
}

/// A heading's title ends at its first colon or sentence end: "1. Mục tiêu chung: Phát
/// triển..." is titled "Mục tiêu chung". It goes on across a line break inside a phrase
/// (`IV. TỔ CHỨC` / `THỰC HIỆN`, `2. Mục` / `tiêu đến năm 2030`) and stops at any other
/// (a capitalised sentence joined to the heading).
fn heading_title_end(text: &str, p: &Paragraph) -> usize {
    let body = &text[p.body_start..p.end];
    let mut line_end = body.len();
    let mut line_start = 0;
    while let Some(nl) = body[line_start..].find('\n').map(|k| line_start + k) {
        // The first line is judged with its marker (`3. Sở`).
        let prev = if line_start == 0 {
            &text[p.start..p.body_start + nl]
        } else {
            &body[line_start..nl]
        };
        let next = body[nl + 1..].split('\n').next().unwrap_or("");
        if !wraps(prev, next) {
            line_end = nl;
            break;
        }
        line_start = nl + 1;
    }
    let body = &body[..line_end];
    let cut = body
        .find(':')
        .or_else(|| body.find(". "))
        .unwrap_or(body.len());
    p.body_start + body[..cut].trim_end_matches(['.', ' ']).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para_texts(text: &str, d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(text[p.start..p.end].replace('\n', " ")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn wrapped_lines_join_but_headings_and_bullets_do_not() {
        let text = "Căn cứ Quyết định số 919/QĐ-TTg ngày\n01/8/2022 của Thủ tướng\nChính phủ;\nI. MỤC TIÊU\n- Một\n- Hai";
        let d = parse(text);
        let p = para_texts(text, &d);
        assert_eq!(
            p,
            vec![
                "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ;",
                "I. MỤC TIÊU",
                "- Một",
                "- Hai"
            ]
        );
    }

    #[test]
    fn tables_from_pipes_and_tabs_with_repeated_headers() {
        let text = "TT\tTên\tGhi chú\n1\tA\tx\n2\tB\t\nTT\tTên\tGhi chú\n3\tC\t\n\nSTT | Huyện | Số |\n1 | Bác Ái | 7 |\n|\n2 | Ninh Sơn | 9 |";
        let d = parse(text);
        let tables: Vec<&Table> = d
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[0].rows.len(), 5);
        assert!(tables[0].rows[3].repeated_header);
        assert_eq!(tables[1].rows.len(), 3);
        let c = &tables[1].rows[1].cells[1];
        assert_eq!(&text[c.start..c.end], "Bác Ái");
    }

    /// Titles of all sections, depth first.
    fn titles(text: &str, sections: &[Section], out: &mut Vec<String>) {
        for s in sections {
            out.push(text[s.title_start..s.title_end].replace('\n', " "));
            titles(text, &s.children, out);
        }
    }

    fn body_titles(body: &str) -> Vec<String> {
        let text = format!(
            "ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nKẾ HOẠCH\nThực hiện Chương trình\n\
             UBND ban hành Kế hoạch như sau:\n\n{body}"
        );
        let d = parse(&text);
        let mut out = Vec::new();
        titles(&text, &d.sections, &mut out);
        out
    }

    #[test]
    fn wrapped_headings_keep_their_whole_title() {
        // Cut from web-official/31786b0833a4130d.md and 001c610b2efdcf0c.md (bold removed).
        let t = body_titles(
            "I. MỤC\nĐÍCH, YÊU CẦU\n\n- Nâng cao nhận thức.\n\nII. MỤC\nTIÊU\n\n\
             2. Mục\ntiêu đến năm 2030\n\n- Hoàn thiện.\n\nIV. TỔ CHỨC\nTHỰC HIỆN\n\n\
             3. Sở\nTài chính\n\n- Trên cơ sở đề xuất.\n\n5. Các\ndoanh nghiệp viễn thông, \
             tổ chức, cá nhân có liên quan\n\n- Trên cơ sở những nội dung",
        );
        assert_eq!(
            t,
            vec![
                "MỤC ĐÍCH, YÊU CẦU",
                "MỤC TIÊU",
                "Mục tiêu đến năm 2030",
                "TỔ CHỨC THỰC HIỆN",
                "Sở Tài chính",
                "Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan",
            ]
        );
    }

    #[test]
    fn a_numbered_paragraph_is_titled_by_its_sentence_and_a_joined_sentence_is_not_title() {
        // web-official/f069c23c942c1ec6.md: "*6.6. *Phấn đấu" wraps a whole sentence.
        let t = body_titles(
            "I. MỤC TIÊU\n\n6.6. Phấn đấu\n100% cơ sở cai nghiện ma túy công lập bảo đảm \
             điều kiện theo quy định của Luật\nPhòng, chống ma túy; trên 70% xã.\n\n\
             1. Xây dựng kế hoạch triển khai thực hiện chương trình ở cấp xã\n\
             Ủy ban nhân dân xã chủ trì.",
        );
        assert_eq!(
            t,
            vec![
                "MỤC TIÊU",
                // The break before "Phòng" may end a sentence: the title stops there.
                "Phấn đấu 100% cơ sở cai nghiện ma túy công lập bảo đảm điều kiện theo quy \
                 định của Luật",
                "Xây dựng kế hoạch triển khai thực hiện chương trình ở cấp xã",
            ]
        );
    }

    #[test]
    fn a_wrapped_citation_number_is_not_a_capitalised_heading() {
        // web-official/8e9a425dd83e56b3.md line 106.
        let text =
            "- Triển khai (danh mục chi tiết tại Phụ lục II Nghị quyết\n214/NQ-CP).\n\n- Tiếp tục";
        let d = parse(text);
        assert_eq!(
            para_texts(text, &d),
            vec![
                "- Triển khai (danh mục chi tiết tại Phụ lục II Nghị quyết 214/NQ-CP).",
                "- Tiếp tục"
            ]
        );
    }

    #[test]
    fn cells_of_a_table_copied_one_cell_a_line_are_not_headings() {
        // web-official/f004d93b21e7fc5f.md and d5ffa6afac124d52.md (emphasis removed).
        let t = body_titles(
            "I. NHIỆM VỤ\n\n|\n|\nII\n|\nPhát triển hạ tầng\n|\n|\n2.1\n|\n\
             Triển khai hạ tầng số\n|\n|\nSTT\n40, PL 6; QĐ 66\n|\n\n1. Mục tiêu",
        );
        assert_eq!(t, vec!["NHIỆM VỤ", "Mục tiêu"]);
    }

    /// The zone of the first block containing `needle`.
    fn zone_of(d: &Document, text: &str, needle: &str) -> Zone {
        let i = d
            .blocks
            .iter()
            .position(|b| text[b.start()..b.end()].contains(needle))
            .unwrap();
        d.zones[i]
    }

    #[test]
    fn zones_and_section_tree() {
        let text = "ỦY BAN NHÂN DÂN\nHUYỆN A\nSố: 12/KH-UBND\nA, ngày 01 tháng 02 năm 2024\nKẾ HOẠCH\nThực hiện Chương trình OCOP năm 2024\nCăn cứ Quyết định số 148/QĐ-TTg ngày 24/02/2023;\nUBND huyện ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n1. Mục đích\n- x\n2. Yêu cầu\nII. TỔ CHỨC THỰC HIỆN\nTrên đây là Kế hoạch.\nNơi nhận:\n- Lưu: VT.\nPHỤ LỤC\nI. BẢNG";
        let d = parse(text);
        let zone_of = |needle: &str| zone_of(&d, text, needle);
        assert_eq!(zone_of("HUYỆN A"), Zone::Header);
        assert_eq!(zone_of("KẾ HOẠCH"), Zone::Title);
        assert_eq!(zone_of("Thực hiện Chương trình"), Zone::Title);
        assert_eq!(zone_of("Căn cứ"), Zone::Preamble);
        assert_eq!(zone_of("UBND huyện ban hành"), Zone::Preamble);
        assert_eq!(zone_of("I. MỤC ĐÍCH"), Zone::Body);
        assert_eq!(zone_of("Nơi nhận"), Zone::Closing);
        assert_eq!(zone_of("PHỤ LỤC"), Zone::Appendix);
        assert_eq!(d.sections.len(), 3);
        assert_eq!(d.sections[0].children.len(), 2);
        let s = &d.sections[1];
        assert_eq!(&text[s.title_start..s.title_end], "TỔ CHỨC THỰC HIỆN");
    }

    /// web-excerpts/021.txt: the page's own lines before the header are not the header.
    #[test]
    fn page_lines_before_the_header_are_scraped() {
        let text = "Từ khóa gợi ý:\nKhông tìm thấy từ khóa phù hợp\n\nSố hiệu 22/KH-UBND\n\n\
            ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
            Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 22/KH-UBND\n|\n\
            Nghệ An, ngày 13 tháng 01 năm 2026\n|\nKẾ HOẠCH\nTRIỂN KHAI\n";
        let d = parse(text);
        let zone_of = |needle: &str| zone_of(&d, text, needle);
        assert_eq!(zone_of("Từ khóa"), Zone::Scraped);
        assert_eq!(zone_of("Số hiệu"), Zone::Scraped);
        assert_eq!(zone_of("TỈNH NGHỆ AN"), Zone::Header);
        // The rule and the lone "|" end the fields: one block each.
        assert!(d
            .blocks
            .iter()
            .any(|b| &text[b.start()..b.end()] == "Số: 22/KH-UBND"));
        assert_eq!(zone_of("Nghệ An, ngày"), Zone::Header);
        assert_eq!(zone_of("KẾ HOẠCH"), Zone::Title);
    }
}
