//! .docx -> text, reading the package with `zip` + `quick-xml`.
//!
//! Parts read: `word/document.xml` (required), `word/numbering.xml`, `word/styles.xml`,
//! `word/footnotes.xml`, `word/endnotes.xml`. Every part is read through
//! `take(limit + 1)` so a zip bomb fails fast with bounded memory, and XML nesting is
//! limited to [`MAX_XML_DEPTH`] levels.
//!
//! Output conventions (the structure parser relies on them):
//! - one paragraph per line, joined by a single `"\n"` (no trailing newline); runs are
//!   concatenated; `w:tab` -> `"\t"`, `w:br`/`w:cr` -> `"\n"`, `w:noBreakHyphen` -> `"-"`;
//! - Word auto-numbering is rendered before the paragraph text, followed by one space:
//!   `"II. MỤC TIÊU"`, `"a) ..."`; bullets render as `"-"`;
//! - a layout table (one containing "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", or any table before the
//!   first non-empty body paragraph) is flattened: the non-empty paragraphs of each cell,
//!   row by row, column by column, one per line;
//! - a closing table (ND30's two columns: "Nơi nhận:" and its list, the signature block)
//!   is flattened too, each cell followed by one blank line and the blank paragraphs left
//!   for the signature kept as one blank line, as a plain-text plan lays the closing out;
//! - any other table: one line per row, `| cell1 | cell2 |`; a cell's paragraphs are
//!   joined by `"; "`; merged cells (gridSpan, vMerge continuation) leave empty cells;
//! - footnote (and endnote) references become `[^N]`, numbered in order of first
//!   reference; their bodies are appended at the end as lines `[^N]: text`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use unicode_normalization::UnicodeNormalization;
use zip::result::ZipError;
use zip::ZipArchive;

use super::{ole2_is_encrypted_ooxml, IngestError, Limits, OLE2_MAGIC};
use crate::model::DocxPlace;

/// Deepest XML element nesting accepted in a part.
pub const MAX_XML_DEPTH: usize = 256;

const LEVELS: usize = 9;

/// Converts a .docx file (its bytes) to text, following the conventions of this module.
pub fn docx_to_text(bytes: &[u8], limits: &Limits) -> Result<String, IngestError> {
    docx_to_text_with_places(bytes, limits).map(|(text, _)| text)
}

/// The text of [`docx_to_text`], and where each of its lines stands in the Word file
/// (None for the footnote lines gathered at the end).
pub fn docx_to_text_with_places(
    bytes: &[u8],
    limits: &Limits,
) -> Result<(String, Vec<Option<DocxPlace>>), IngestError> {
    limits.check_input(bytes)?;
    if bytes.starts_with(&OLE2_MAGIC) {
        return Err(if ole2_is_encrypted_ooxml(bytes) {
            IngestError::Encrypted
        } else {
            IngestError::LegacyDoc
        });
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(e, None))?;

    let doc_name = main_part_name(&mut zip, limits)?;
    let document = read_part(&mut zip, &doc_name, limits)?
        .ok_or_else(|| IngestError::MissingPart(doc_name.clone()))?;
    let numbering = match read_part(&mut zip, "word/numbering.xml", limits)? {
        Some(xml) => parse_numbering(&xml)?,
        None => Numbering::default(),
    };
    let styles = match read_part(&mut zip, "word/styles.xml", limits)? {
        Some(xml) => parse_styles(&xml)?,
        None => Styles::default(),
    };

    let mut notes_seen = NoteRefs::default();
    let body = parse_blocks(&document, &doc_name, Mode::Document, &mut notes_seen)?.body;
    let mut notes: HashMap<(NoteKind, String), Vec<Block>> = HashMap::new();
    if !notes_seen.order.is_empty() {
        for (kind, part) in [
            (NoteKind::Foot, "word/footnotes.xml"),
            (NoteKind::End, "word/endnotes.xml"),
        ] {
            if notes_seen.order.iter().any(|(k, _)| *k == kind) {
                if let Some(xml) = read_part(&mut zip, part, limits)? {
                    let parsed = parse_blocks(&xml, part, Mode::Notes, &mut NoteRefs::default())?;
                    for (id, blocks) in parsed.notes {
                        notes.insert((kind, id), blocks);
                    }
                }
            }
        }
    }

    let mut r = Renderer {
        numbering: &numbering,
        styles: &styles,
        counters: HashMap::new(),
        seen_nums: HashSet::new(),
        cell: None,
        text_left: limits.max_text_bytes,
        over_budget: false,
    };
    let mut lines: Vec<Line> = Vec::new();
    r.render_body(&body, &mut lines);
    for (i, key) in notes_seen.order.iter().enumerate() {
        let mut note_lines = Vec::new();
        if let Some(blocks) = notes.get(key) {
            r.render_blocks(blocks, &mut note_lines, true);
        }
        let text: Vec<&str> = note_lines
            .iter()
            .map(|l| l.text.trim())
            .filter(|l| !l.is_empty())
            .collect();
        lines.push(Line::new(format!("[^{}]: {}", i + 1, text.join(" ")), None));
    }
    if r.over_budget {
        return Err(IngestError::TextTooLarge {
            limit: limits.max_text_bytes,
        });
    }
    while lines.last().is_some_and(|l| l.text.trim().is_empty()) {
        lines.pop();
    }
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(IngestError::Empty);
    }
    let mut places = Vec::new();
    for l in &lines {
        // a soft break ("\n" in a paragraph) continues the paragraph on the next line
        places.push(l.place);
        for _ in l.text.matches('\n') {
            places.push(l.place.map(|p| DocxPlace { generated: 0, ..p }));
        }
    }
    let text: Vec<String> = lines.into_iter().map(|l| l.text).collect();
    Ok((text.join("\n"), places))
}

// ---------------------------------------------------------------------------------------
// Package access

fn zip_error(e: ZipError, part: Option<&str>) -> IngestError {
    match e {
        ZipError::UnsupportedArchive(m) if m.to_ascii_lowercase().contains("password") => {
            IngestError::Encrypted
        }
        ZipError::InvalidPassword => IngestError::Encrypted,
        e => match part {
            Some(p) => IngestError::NotAZip(format!("{p}: {e}")),
            None => IngestError::NotAZip(e.to_string()),
        },
    }
}

/// The main document part: `word/document.xml`, or the target of the officeDocument
/// relationship in `_rels/.rels` for packages that name it differently.
fn main_part_name(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    limits: &Limits,
) -> Result<String, IngestError> {
    const STD: &str = "word/document.xml";
    if find_entry(zip, STD).is_some() {
        return Ok(STD.to_string());
    }
    if let Some(rels) = read_part(zip, "_rels/.rels", limits)? {
        let mut target = None;
        walk(&rels, "_rels/.rels", |ev| {
            if let XEv::Open { local, attrs, .. } = ev {
                if local == "Relationship"
                    && attr(attrs, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
                {
                    target = attr(attrs, "Target").map(|t| t.trim_start_matches('/').to_string());
                }
            }
        })?;
        if let Some(t) = target {
            if find_entry(zip, &t).is_some() {
                return Ok(t);
            }
        }
    }
    Err(IngestError::MissingPart(STD.to_string()))
}

/// The archive's own name of a part, tolerating case and `\` separators.
fn find_entry(zip: &ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut found = None;
    for n in zip.file_names().flatten() {
        if n == name {
            return Some(n.into_owned());
        }
        if found.is_none() && n.replace('\\', "/").eq_ignore_ascii_case(name) {
            found = Some(n.into_owned());
        }
    }
    found
}

/// Reads one part as text, `None` if absent. Inflated size capped at `max_part_bytes`.
fn read_part(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limits: &Limits,
) -> Result<Option<String>, IngestError> {
    let Some(entry) = find_entry(zip, name) else {
        return Ok(None);
    };
    let file = zip.by_name(&entry).map_err(|e| zip_error(e, Some(name)))?;
    if file.encrypted() {
        return Err(IngestError::Encrypted);
    }
    let limit = limits.max_part_bytes;
    let mut buf = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| IngestError::NotAZip(format!("{name}: {e}")))?;
    if buf.len() as u64 > limit {
        return Err(IngestError::PartTooLarge {
            part: name.to_string(),
            limit,
        });
    }
    Ok(Some(decode_xml_bytes(buf)))
}

fn decode_xml_bytes(buf: Vec<u8>) -> String {
    let utf16 = |rest: &[u8], le: bool| {
        let units = rest.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect::<String>()
    };
    if let Some(rest) = buf.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = buf.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    let rest = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf);
    match String::from_utf8(rest.to_vec()) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

// ---------------------------------------------------------------------------------------
// XML walking

/// A simplified XML event. `w` tells whether the element is in the WordprocessingML
/// namespace (prefix `w:`, or no prefix).
enum XEv<'a> {
    Open {
        local: &'a str,
        w: bool,
        attrs: &'a [(&'a str, Cow<'a, str>)],
    },
    Close {
        local: &'a str,
        w: bool,
    },
    Text(&'a str),
}

fn attr<'a>(attrs: &'a [(&str, Cow<str>)], local: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| *k == local)
        .map(|(_, v)| v.as_ref())
}

fn split_name(q: &str) -> (&str, bool) {
    match q.split_once(':') {
        Some((prefix, local)) => (local, prefix == "w"),
        None => (q, true),
    }
}

/// The attributes of an element by local name, borrowed from the part when they need no
/// unescaping (nearly always: a .docx has hundreds of thousands of them).
fn start_attrs<'a>(e: &'a BytesStart<'_>) -> Vec<(&'a str, Cow<'a, str>)> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name().into_inner();
        let value = match &a.value {
            Cow::Borrowed(v) if !v.contains(['&', '\t', '\n', '\r']) => Cow::Borrowed(*v),
            _ => Cow::Owned(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| a.value.clone().into_owned()),
            ),
        };
        out.push((key, value));
    }
    out
}

/// Streams an XML part into `f`, with a nesting limit; errors become `IngestError::Xml`.
fn walk(xml: &str, part: &str, mut f: impl FnMut(XEv<'_>)) -> Result<(), IngestError> {
    let err = |message: String| IngestError::Xml {
        part: part.to_string(),
        message,
    };
    let mut reader = Reader::from_str(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut depth = 0;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| err(format!("{e} (byte {})", reader.error_position())))?;
        match ev {
            Event::Start(e) => {
                if depth >= MAX_XML_DEPTH {
                    return Err(err(format!(
                        "XML nested deeper than {MAX_XML_DEPTH} levels"
                    )));
                }
                let attrs = start_attrs(&e);
                let (local, w) = split_name(e.name().into_inner());
                f(XEv::Open {
                    local,
                    w,
                    attrs: &attrs,
                });
                depth += 1;
            }
            Event::End(e) => {
                // quick-xml checks that the end tag names the open element
                let (local, w) = split_name(e.name().into_inner());
                f(XEv::Close { local, w });
                depth -= 1;
            }
            Event::Text(t) => f(XEv::Text(&t.xml10_content())),
            Event::CData(t) => f(XEv::Text(t.as_ref())),
            Event::GeneralRef(r) => {
                let s: Option<String> = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    match r.as_ref() {
                        "amp" => Some("&".into()),
                        "lt" => Some("<".into()),
                        "gt" => Some(">".into()),
                        "quot" => Some("\"".into()),
                        "apos" => Some("'".into()),
                        _ => None,
                    }
                };
                if let Some(s) = s {
                    f(XEv::Text(&s));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(err("unexpected end of the XML part".into()));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// numbering.xml and styles.xml

#[derive(Debug, Clone, Default)]
struct Lvl {
    start: Option<i64>,
    fmt: String,
    text: Option<String>,
    restart: Option<i64>,
    pstyle: Option<String>,
    is_lgl: bool,
}

#[derive(Debug, Default)]
struct AbstractNum {
    levels: [Option<Lvl>; LEVELS],
    num_style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    start_overrides: [Option<i64>; LEVELS],
    lvl_overrides: [Option<Lvl>; LEVELS],
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
}

#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
}

#[derive(Debug, Default)]
struct Styles {
    paragraph: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

fn parse_ilvl(v: Option<&str>) -> Option<u8> {
    v.and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|&l| (l as usize) < LEVELS)
}

fn parse_int(v: Option<&str>) -> Option<i64> {
    v.and_then(|v| v.trim().parse::<i64>().ok())
}

fn parse_numbering(xml: &str) -> Result<Numbering, IngestError> {
    let mut n = Numbering::default();
    let mut cur_abs: Option<(String, AbstractNum)> = None;
    let mut cur_num: Option<(String, Num)> = None;
    let mut cur_lvl: Option<(u8, Lvl)> = None;
    let mut override_ilvl: Option<u8> = None;
    walk(xml, "word/numbering.xml", |ev| match ev {
        XEv::Open { local, w, attrs } if w => match local {
            "abstractNum" => {
                let id = attr(attrs, "abstractNumId").unwrap_or_default().to_string();
                cur_abs = Some((id, AbstractNum::default()));
            }
            "num" => {
                let id = attr(attrs, "numId").unwrap_or_default().to_string();
                cur_num = Some((id, Num::default()));
            }
            "abstractNumId" => {
                if let Some((_, num)) = cur_num.as_mut() {
                    num.abstract_id = attr(attrs, "val").unwrap_or_default().to_string();
                }
            }
            "lvlOverride" => override_ilvl = parse_ilvl(attr(attrs, "ilvl")),
            "startOverride" => {
                if let (Some((_, num)), Some(l)) = (cur_num.as_mut(), override_ilvl) {
                    num.start_overrides[l as usize] = parse_int(attr(attrs, "val"));
                }
            }
            "lvl" => {
                if let Some(l) = parse_ilvl(attr(attrs, "ilvl")) {
                    cur_lvl = Some((l, Lvl::default()));
                }
            }
            "numStyleLink" => {
                if let Some((_, a)) = cur_abs.as_mut() {
                    a.num_style_link = attr(attrs, "val").map(str::to_string);
                }
            }
            _ => {
                if let Some((_, lvl)) = cur_lvl.as_mut() {
                    let val = attr(attrs, "val");
                    match local {
                        "start" => lvl.start = parse_int(val),
                        "numFmt" => lvl.fmt = val.unwrap_or_default().to_string(),
                        "lvlText" => lvl.text = val.map(str::to_string),
                        "lvlRestart" => lvl.restart = parse_int(val),
                        "pStyle" => lvl.pstyle = val.map(str::to_string),
                        "isLgl" => lvl.is_lgl = val.is_none_or(|v| v != "0" && v != "false"),
                        _ => {}
                    }
                }
            }
        },
        XEv::Close { local, w } if w => match local {
            "lvl" => {
                if let Some((l, lvl)) = cur_lvl.take() {
                    if let Some((_, num)) = cur_num.as_mut() {
                        num.lvl_overrides[l as usize] = Some(lvl);
                    } else if let Some((_, a)) = cur_abs.as_mut() {
                        a.levels[l as usize] = Some(lvl);
                    }
                }
            }
            "lvlOverride" => override_ilvl = None,
            "abstractNum" => {
                if let Some((id, a)) = cur_abs.take() {
                    n.abstracts.insert(id, a);
                }
            }
            "num" => {
                if let Some((id, num)) = cur_num.take() {
                    n.nums.insert(id, num);
                }
            }
            _ => {}
        },
        _ => {}
    })?;
    Ok(n)
}

fn parse_styles(xml: &str) -> Result<Styles, IngestError> {
    let mut s = Styles::default();
    let mut cur: Option<(String, Style)> = None;
    let mut depth_in_style = 0usize;
    let mut in_ppr = false;
    let mut in_numpr = false;
    walk(xml, "word/styles.xml", |ev| match ev {
        XEv::Open { local, w, attrs } => {
            if cur.is_some() {
                depth_in_style += 1;
            }
            if !w {
                return;
            }
            match local {
                "style"
                    if cur.is_none()
                        && attr(attrs, "type").unwrap_or("paragraph") == "paragraph" =>
                {
                    let id = attr(attrs, "styleId").unwrap_or_default().to_string();
                    if attr(attrs, "default").is_some_and(|d| d == "1" || d == "true") {
                        s.default_paragraph = Some(id.clone());
                    }
                    cur = Some((id, Style::default()));
                    depth_in_style = 0;
                }
                "basedOn" if depth_in_style == 1 => {
                    if let Some((_, st)) = cur.as_mut() {
                        st.based_on = attr(attrs, "val").map(str::to_string);
                    }
                }
                "pPr" if depth_in_style == 1 => in_ppr = true,
                "numPr" if in_ppr && depth_in_style == 2 => in_numpr = true,
                "numId" if in_numpr => {
                    if let Some((_, st)) = cur.as_mut() {
                        st.num_id = attr(attrs, "val").map(str::to_string);
                    }
                }
                "ilvl" if in_numpr => {
                    if let Some((_, st)) = cur.as_mut() {
                        st.ilvl = parse_ilvl(attr(attrs, "val"));
                    }
                }
                _ => {}
            }
        }
        XEv::Close { local, w } => {
            if cur.is_none() {
                return;
            }
            if depth_in_style == 0 {
                if let Some((id, st)) = cur.take() {
                    s.paragraph.insert(id, st);
                }
                return;
            }
            depth_in_style -= 1;
            if w && local == "pPr" && depth_in_style == 0 {
                in_ppr = false;
            }
            if w && local == "numPr" && depth_in_style == 1 {
                in_numpr = false;
            }
        }
        XEv::Text(_) => {}
    })?;
    Ok(s)
}

// ---------------------------------------------------------------------------------------
// document.xml / footnotes.xml -> blocks

#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    text: String,
    /// 1-based among the document's non-empty paragraphs (None in notes).
    index: Option<usize>,
}

#[derive(Debug, Default)]
struct Cell {
    blocks: Vec<Block>,
    span: usize,
    vmerge_continue: bool,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
    /// 1-based among the document's tables, in reading order.
    index: usize,
}

#[derive(Debug)]
enum Block {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NoteKind {
    Foot,
    End,
}

/// Note references in order of first appearance; the index + 1 is the displayed number.
#[derive(Debug, Default)]
struct NoteRefs {
    order: Vec<(NoteKind, String)>,
    /// The displayed number of each note (a search of `order` per reference is quadratic).
    numbers: HashMap<(NoteKind, String), usize>,
}

impl NoteRefs {
    fn number(&mut self, kind: NoteKind, id: &str) -> usize {
        let key = (kind, id.to_string());
        if let Some(&n) = self.numbers.get(&key) {
            return n;
        }
        self.order.push(key.clone());
        self.numbers.insert(key, self.order.len());
        self.order.len()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Document,
    Notes,
}

#[derive(Default)]
struct Parsed {
    body: Vec<Block>,
    notes: Vec<(String, Vec<Block>)>,
}

/// Elements whose whole content is ignored: tracked-change history, the fallback copy of
/// alternate content (text boxes would be doubled), section and run properties, deleted
/// and moved-away text.
fn skipped(local: &str, w: bool) -> bool {
    if local == "Fallback" {
        return true;
    }
    w && matches!(
        local,
        "pPrChange"
            | "rPrChange"
            | "tblPrChange"
            | "tcPrChange"
            | "trPrChange"
            | "sectPrChange"
            | "numberingChange"
            | "sectPr"
            | "rPr"
            | "del"
            | "moveFrom"
            | "instrText"
            | "delText"
    )
}

fn parse_blocks(
    xml: &str,
    part: &str,
    mode: Mode,
    refs: &mut NoteRefs,
) -> Result<Parsed, IngestError> {
    let mut out = Parsed::default();
    let mut containers: Vec<Vec<Block>> = vec![Vec::new()];
    let mut tables: Vec<Table> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut skip = 0usize;
    let mut note_id: Vec<String> = Vec::new();
    let (mut paragraphs, mut table_count) = (0, 0);

    walk(xml, part, |ev| match ev {
        XEv::Open { local, w, attrs } => {
            let parent = stack.last().cloned();
            let in_w = |name: &str| parent.as_ref().is_some_and(|(n, w)| *w && n == name);
            stack.push((local.to_string(), w));
            if skip > 0 {
                skip += 1;
                return;
            }
            if skipped(local, w) {
                skip = 1;
                return;
            }
            if !w {
                return;
            }
            match local {
                "p" => paras.push(Para::default()),
                "pStyle" if in_w("pPr") => {
                    if let Some(p) = paras.last_mut() {
                        p.style = attr(attrs, "val").map(str::to_string);
                    }
                }
                "numId" if in_w("numPr") => {
                    if let Some(p) = paras.last_mut() {
                        p.num_id = attr(attrs, "val").map(str::to_string);
                    }
                }
                "ilvl" if in_w("numPr") => {
                    if let Some(p) = paras.last_mut() {
                        p.ilvl = parse_ilvl(attr(attrs, "val"));
                    }
                }
                "tab" | "ptab" if in_w("r") => push_text(&mut paras, "\t"),
                "br" | "cr" if in_w("r") => push_text(&mut paras, "\n"),
                "noBreakHyphen" if in_w("r") => push_text(&mut paras, "-"),
                "footnoteReference" | "endnoteReference" if in_w("r") => {
                    let kind = if local == "footnoteReference" {
                        NoteKind::Foot
                    } else {
                        NoteKind::End
                    };
                    let id = attr(attrs, "id").unwrap_or_default();
                    let n = refs.number(kind, id);
                    push_text(&mut paras, &format!("[^{n}]"));
                }
                "tbl" => {
                    table_count += 1;
                    tables.push(Table {
                        index: table_count,
                        ..Table::default()
                    });
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                "tc" => {
                    cells.push(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                    containers.push(Vec::new());
                }
                "gridSpan" if in_w("tcPr") => {
                    if let Some(c) = cells.last_mut() {
                        c.span = parse_int(attr(attrs, "val")).unwrap_or(1).clamp(1, 64) as usize;
                    }
                }
                "vMerge" if in_w("tcPr") => {
                    if let Some(c) = cells.last_mut() {
                        c.vmerge_continue = attr(attrs, "val").is_none_or(|v| v == "continue");
                    }
                }
                "footnote" | "endnote" if mode == Mode::Notes => {
                    let special = attr(attrs, "type").is_some_and(|t| t != "normal");
                    if special {
                        // separators and continuation notices
                        skip = 1;
                    } else {
                        note_id.push(attr(attrs, "id").unwrap_or_default().to_string());
                        containers.push(Vec::new());
                    }
                }
                _ => {}
            }
        }
        XEv::Close { local, w } => {
            stack.pop();
            if skip > 0 {
                skip -= 1;
                return;
            }
            if !w {
                return;
            }
            match local {
                "p" => {
                    if let Some(mut p) = paras.pop() {
                        if mode == Mode::Document && !p.text.trim().is_empty() {
                            paragraphs += 1;
                            p.index = Some(paragraphs);
                        }
                        if let Some(c) = containers.last_mut() {
                            c.push(Block::Para(p));
                        }
                    }
                }
                "tc" => {
                    let blocks = if containers.len() > 1 {
                        containers.pop().unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    if let Some(mut cell) = cells.pop() {
                        cell.blocks = blocks;
                        match tables.last_mut() {
                            Some(t) => {
                                if t.rows.is_empty() {
                                    t.rows.push(Vec::new());
                                }
                                if let Some(row) = t.rows.last_mut() {
                                    row.push(cell);
                                }
                            }
                            None => {
                                if let Some(c) = containers.last_mut() {
                                    c.extend(cell.blocks);
                                }
                            }
                        }
                    }
                }
                "tbl" => {
                    if let Some(t) = tables.pop() {
                        if let Some(c) = containers.last_mut() {
                            c.push(Block::Table(t));
                        }
                    }
                }
                "footnote" | "endnote" if mode == Mode::Notes => {
                    if let Some(id) = note_id.pop() {
                        let blocks = if containers.len() > 1 {
                            containers.pop().unwrap_or_default()
                        } else {
                            Vec::new()
                        };
                        out.notes.push((id, blocks));
                    }
                }
                _ => {}
            }
        }
        XEv::Text(t) => {
            if skip == 0 && stack.last().is_some_and(|(n, w)| *w && n == "t") {
                push_text(&mut paras, t);
            }
        }
    })?;
    out.body = containers.into_iter().next().unwrap_or_default();
    Ok(out)
}

fn push_text(paras: &mut [Para], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

// ---------------------------------------------------------------------------------------
// Rendering

struct Renderer<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    /// Counters per abstract numbering definition and level (None: not started).
    counters: HashMap<String, [Option<i64>; LEVELS]>,
    /// Numbering instances already used (a startOverride restarts the list on first use).
    seen_nums: HashSet<String>,
    /// The table, row and cell (1-based) being rendered, if any.
    cell: Option<(usize, usize, usize)>,
    /// What is left of the text budget: a numbering text is copied into every paragraph.
    text_left: u64,
    /// Set once a line did not fit: rendering stops, the file is refused.
    over_budget: bool,
}

/// One line of the output, and where it stands in the Word file.
struct Line {
    text: String,
    place: Option<DocxPlace>,
}

impl Line {
    fn new(text: String, place: Option<DocxPlace>) -> Line {
        Line { text, place }
    }
}

fn raw_text(blocks: &[Block], out: &mut String) {
    for b in blocks {
        match b {
            Block::Para(p) => {
                out.push_str(&p.text);
                out.push('\n');
            }
            Block::Table(t) => {
                for c in t.rows.iter().flatten() {
                    raw_text(&c.blocks, out);
                }
            }
        }
    }
}

fn is_motto_table(t: &Table) -> bool {
    let mut s = String::new();
    for c in t.rows.iter().flatten() {
        raw_text(&c.blocks, &mut s);
    }
    // The motto of grammars/structure.toml, wrapped or not.
    let s = crate::grammar::collapse_ws(&s.nfc().collect::<String>()).to_uppercase();
    crate::vocab::Vocab::get()
        .motto
        .iter()
        .any(|m| s.contains(&m.to_uppercase()))
}

/// The closing of ND30 laid out as a table: a small layout table (two columns, a row or
/// two) where a cell opens with "Nơi nhận" or a signing authority ("TM.", "KT.":
/// grammars/structure.toml).
fn is_closing_table(t: &Table) -> bool {
    const MAX_ROWS: usize = 3;
    const MAX_COLUMNS: usize = 2;
    if t.rows.len() > MAX_ROWS || t.rows.iter().any(|r| r.len() > MAX_COLUMNS) {
        return false;
    }
    let closing = &crate::vocab::Vocab::get().closing;
    t.rows.iter().flatten().any(|c| {
        let mut s = String::new();
        raw_text(&c.blocks, &mut s);
        let first = s.lines().map(str::trim).find(|l| !l.is_empty());
        first.is_some_and(|l| {
            let l: String = l.nfc().collect();
            crate::vocab::starts_with_any(&l, &closing.recipients)
                || crate::vocab::starts_with_any(&l, &closing.authority)
        })
    })
}

impl Renderer<'_> {
    fn render_body(&mut self, blocks: &[Block], out: &mut Vec<Line>) {
        let mut seen_para = false;
        for b in blocks {
            match b {
                Block::Para(p) => {
                    let line = self.para_line(p);
                    seen_para |= !p.text.trim().is_empty();
                    out.push(line);
                }
                Block::Table(t) => {
                    if is_closing_table(t) {
                        self.closing_table(t, out);
                    } else if !seen_para || is_motto_table(t) {
                        self.flatten_table(t, out);
                    } else {
                        self.table_rows(t, out);
                    }
                }
            }
        }
    }

    /// Renders blocks below the top level (cells, notes).
    fn render_blocks(&mut self, blocks: &[Block], out: &mut Vec<Line>, flatten: bool) {
        for b in blocks {
            match b {
                Block::Para(p) => out.push(self.para_line(p)),
                Block::Table(t) => {
                    if flatten || is_motto_table(t) {
                        self.flatten_table(t, out);
                    } else {
                        self.table_rows(t, out);
                    }
                }
            }
        }
    }

    /// Renders a cell's blocks with the cell as their place.
    fn cell_lines(&mut self, t: &Table, row: usize, col: usize, cell: &Cell) -> Vec<Line> {
        let outer = self.cell.replace((t.index, row + 1, col + 1));
        let mut lines = Vec::new();
        self.render_blocks(&cell.blocks, &mut lines, true);
        self.cell = outer;
        lines
    }

    /// The cells of a table in reading order: row by row, column by column.
    fn cells(t: &Table) -> impl Iterator<Item = (usize, usize, &Cell)> {
        t.rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, cell)| (r, c, cell)))
    }

    fn flatten_table(&mut self, t: &Table, out: &mut Vec<Line>) {
        for (r, c, cell) in Self::cells(t) {
            let lines = self.cell_lines(t, r, c, cell);
            out.extend(lines.into_iter().filter(|l| !l.text.trim().is_empty()));
        }
    }

    fn closing_table(&mut self, t: &Table, out: &mut Vec<Line>) {
        for (r, c, cell) in Self::cells(t) {
            let mut blank = true;
            for line in self.cell_lines(t, r, c, cell) {
                let empty = line.text.trim().is_empty();
                if !(empty && blank) {
                    out.push(line);
                }
                blank = empty;
            }
            if !blank {
                out.push(Line::new(String::new(), None));
            }
        }
    }

    fn table_rows(&mut self, t: &Table, out: &mut Vec<Line>) {
        for (r, row) in t.rows.iter().enumerate() {
            let mut cells: Vec<String> = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                let lines = self.cell_lines(t, r, c, cell);
                if cell.vmerge_continue {
                    cells.push(String::new());
                } else {
                    let parts: Vec<String> = lines
                        .iter()
                        .map(|l| l.text.replace('\n', " ").trim().to_string())
                        .filter(|l| !l.is_empty())
                        .collect();
                    cells.push(parts.join("; "));
                }
                for _ in 1..cell.span {
                    cells.push(String::new());
                }
            }
            if cells.is_empty() {
                continue;
            }
            let mut line = String::from("|");
            for c in &cells {
                line.push(' ');
                line.push_str(c);
                line.push_str(" |");
            }
            // a row is found by its table and row (the cell from the column)
            let place = DocxPlace {
                table: Some(t.index),
                row: Some(r + 1),
                ..DocxPlace::default()
            };
            out.push(Line::new(line, Some(place)));
        }
    }

    fn para_line(&mut self, p: &Para) -> Line {
        if self.over_budget {
            return Line::new(String::new(), None);
        }
        let (text, generated) = match self.marker(p) {
            Some(m) if !m.is_empty() => (format!("{m} {}", p.text), m.len() + 1),
            _ => (p.text.clone(), 0),
        };
        match self.text_left.checked_sub(text.len() as u64 + 1) {
            Some(left) => self.text_left = left,
            None => {
                self.over_budget = true;
                return Line::new(String::new(), None);
            }
        }
        let place = p.index.map(|paragraph| {
            let cell = self.cell;
            DocxPlace {
                paragraph: Some(paragraph),
                table: cell.map(|c| c.0),
                row: cell.map(|c| c.1),
                cell: cell.map(|c| c.2),
                generated,
            }
        });
        Line::new(text, place)
    }

    /// (numId, ilvl) of a paragraph, from its own numPr or its style chain.
    fn resolve_num(&self, p: &Para) -> Option<(String, u8)> {
        let mut num_id = p.num_id.clone();
        let mut ilvl = p.ilvl;
        let mut style_ids = Vec::new();
        let mut style = p
            .style
            .clone()
            .or_else(|| self.styles.default_paragraph.clone());
        let mut hops = 0;
        while let Some(id) = style {
            if hops > 32 || style_ids.contains(&id) {
                break;
            }
            hops += 1;
            let Some(s) = self.styles.paragraph.get(&id) else {
                break;
            };
            if num_id.is_none() {
                num_id = s.num_id.clone();
            }
            if ilvl.is_none() {
                ilvl = s.ilvl;
            }
            style_ids.push(id);
            style = s.based_on.clone();
        }
        let num_id = num_id.filter(|n| n.trim() != "0" && !n.trim().is_empty())?;
        let ilvl = match ilvl {
            Some(l) => l,
            None => {
                // outline numbering: a level linked to the paragraph's style
                let abs = abstract_of(self.numbering, self.styles, &num_id);
                abs.and_then(|(_, a)| {
                    a.levels.iter().position(|l| {
                        l.as_ref()
                            .and_then(|l| l.pstyle.as_ref())
                            .is_some_and(|ps| style_ids.iter().any(|s| s == ps))
                    })
                })
                .map(|i| i as u8)
                .unwrap_or(0)
            }
        };
        Some((num_id, ilvl))
    }

    fn marker(&mut self, p: &Para) -> Option<String> {
        let (num_id, ilvl) = self.resolve_num(p)?;
        let numbering = self.numbering;
        let num = numbering.nums.get(&num_id)?;
        let (abs_id, abs) = abstract_of(self.numbering, self.styles, &num_id)?;
        let level =
            |k: usize| -> Option<&Lvl> { num.lvl_overrides[k].as_ref().or(abs.levels[k].as_ref()) };
        let start = |k: usize| -> i64 {
            num.start_overrides[k]
                .or_else(|| level(k).and_then(|l| l.start))
                .unwrap_or(1)
        };
        let il = ilvl as usize;
        let lvl = level(il)?;

        let counters = self.counters.entry(abs_id).or_insert([None; LEVELS]);
        if self.seen_nums.insert(num_id.clone()) && num.start_overrides.iter().any(Option::is_some)
        {
            *counters = [None; LEVELS];
        }
        counters[il] = Some(match counters[il] {
            Some(v) => v.saturating_add(1),
            None => start(il),
        });
        for (k, c) in counters.iter_mut().enumerate().skip(il + 1) {
            let restart = level(k).and_then(|l| l.restart);
            let reset = match restart {
                None => true,
                Some(0) => false,
                Some(r) => (il as i64) < r,
            };
            if reset {
                *c = None;
            }
        }
        let values: [i64; LEVELS] =
            std::array::from_fn(|k| counters[k].unwrap_or_else(|| start(k)));

        if lvl.fmt == "bullet" {
            return Some("-".to_string());
        }
        let text = lvl.text.as_deref()?;
        let mut s = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    if (1..=LEVELS as u32).contains(&d) {
                        chars.next();
                        let k = d as usize - 1;
                        let fmt = if lvl.is_lgl {
                            "decimal"
                        } else {
                            level(k).map(|l| l.fmt.as_str()).unwrap_or("decimal")
                        };
                        s.push_str(&format_number(values[k], fmt));
                        continue;
                    }
                }
            }
            s.push(c);
        }
        Some(s.trim().to_string())
    }
}

/// The abstract definition of a numbering instance, following numStyleLink.
fn abstract_of<'n>(
    numbering: &'n Numbering,
    styles: &Styles,
    num_id: &str,
) -> Option<(String, &'n AbstractNum)> {
    let mut abs_id = numbering.nums.get(num_id)?.abstract_id.clone();
    for _ in 0..4 {
        let a = numbering.abstracts.get(&abs_id)?;
        let linked = a
            .num_style_link
            .as_ref()
            .filter(|_| a.levels.iter().all(Option::is_none))
            .and_then(|s| styles.paragraph.get(s))
            .and_then(|s| s.num_id.as_ref())
            .and_then(|n| numbering.nums.get(n));
        match linked {
            Some(num) if num.abstract_id != abs_id => abs_id = num.abstract_id.clone(),
            _ => return Some((abs_id, a)),
        }
    }
    let a = numbering.abstracts.get(&abs_id)?;
    Some((abs_id, a))
}

/// Formats a counter in a Word number format.
fn format_number(n: i64, fmt: &str) -> String {
    match fmt {
        "upperRoman" => roman(n).unwrap_or_else(|| n.to_string()),
        "lowerRoman" => roman(n)
            .map(|r| r.to_lowercase())
            .unwrap_or_else(|| n.to_string()),
        "upperLetter" => letter(n).unwrap_or_else(|| n.to_string()),
        "lowerLetter" => letter(n)
            .map(|r| r.to_lowercase())
            .unwrap_or_else(|| n.to_string()),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        "none" => String::new(),
        "bullet" => "-".to_string(),
        _ => n.to_string(),
    }
}

fn roman(n: i64) -> Option<String> {
    (1..4000)
        .contains(&n)
        .then(|| crate::grammar::heading::to_roman(n as u32))
}

/// Word's letters: A..Z, then AA..ZZ, AAA.. (the letter repeated).
fn letter(n: i64) -> Option<String> {
    if !(1..=780).contains(&n) {
        return None;
    }
    let idx = ((n - 1) % 26) as u8;
    let count = ((n - 1) / 26 + 1) as usize;
    Some(((b'A' + idx) as char).to_string().repeat(count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(1, "lowerLetter"), "a");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(12, "decimalZero"), "12");
        assert_eq!(format_number(7, "ordinal"), "7");
    }
}
