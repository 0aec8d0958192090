//! The text we analyse, and the way back to the user's file.
//!
//! Every later stage works on [`SourceText::text`]: NFC, `\n` line ends, ordinary spaces,
//! no zero-width characters, and (for Markdown) no emphasis or inline HTML. Every offset
//! found there is mapped back through [`SourceText::original_offset`] before it is shown
//! to anyone, so spans always point into [`SourceText::original`].

use serde::Serialize;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// How the text should be cleaned: Markdown presentation is only stripped from Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Plain,
    Markdown,
}

/// A position in the user's text, for people and for editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters (what a person counts).
    pub column: usize,
    /// 0-based column in UTF-16 code units (what LSP clients expect).
    pub utf16_column: usize,
}

/// Byte range in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The span `by` bytes further on (a part of the text read on its own, put back).
    pub fn shifted(self, by: usize) -> Span {
        Span {
            start: self.start + by,
            end: self.end + by,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SourceText {
    /// The user's text as decoded (for .docx/.pdf: the text we extracted from it).
    pub original: String,
    /// The normalized text every stage reads.
    pub text: String,
    /// `origin[i]` = original byte offset of normalized byte `i`; one extra entry for the end.
    /// None when the text is the original unchanged (most files): each byte then maps to
    /// the start of its own char.
    origin: Option<Vec<u32>>,
    /// Byte offsets where each original line starts.
    line_starts: Vec<usize>,
    /// Characters and UTF-16 units of the original before each multiple of
    /// [`COUNT_STRIDE`] bytes (floored to a char boundary): a position costs at most two
    /// strides of counting, however long its line.
    counts: Vec<(usize, usize)>,
}

/// Bytes between two entries of `SourceText::counts`.
const COUNT_STRIDE: usize = 256;

/// `(characters, UTF-16 units)` before each stride of `s` (see `SourceText::counts`).
fn stride_counts(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(s.len() / COUNT_STRIDE + 1);
    let (mut chars, mut units, mut at) = (0, 0, 0);
    for k in 0..=s.len() / COUNT_STRIDE {
        let next = floor_char_boundary(s, k * COUNT_STRIDE);
        for c in s[at..next].chars() {
            chars += 1;
            units += c.len_utf16();
        }
        at = next;
        out.push((chars, units));
    }
    out
}

impl SourceText {
    pub fn new(original: String, flavor: Flavor) -> SourceText {
        let (text, origin) = normalize(&original, flavor);
        let line_starts = std::iter::once(0)
            .chain(original.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let counts = stride_counts(&original);
        SourceText {
            original,
            text,
            origin,
            line_starts,
            counts,
        }
    }

    /// Maps a byte offset of the normalized text to the original text.
    pub fn original_offset(&self, normalized: usize) -> usize {
        match &self.origin {
            Some(origin) => origin[normalized.min(origin.len() - 1)] as usize,
            None => floor_char_boundary(&self.original, normalized.min(self.original.len())),
        }
    }

    /// Maps a normalized range to an original span. The end maps from the last byte so that
    /// text removed after the range (markup, spaces) is not swallowed into it.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.original_offset(start);
        let e = if end > start {
            let last = self.original_offset(end - 1);
            // Take the whole last character, with any combining marks after it (NFD input).
            let mut e = last;
            for (k, c) in self.original[last..].char_indices() {
                if k > 0 && canonical_combining_class(c) == 0 {
                    break;
                }
                e = last + k + c.len_utf8();
            }
            e.max(s)
        } else {
            s
        };
        Span { start: s, end: e }
    }

    /// Line and columns of an original byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.original.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let (start_chars, start_units) = self.counts_before(start);
        let (chars, units) = self.counts_before(floor_char_boundary(&self.original, offset));
        Position {
            line: line + 1,
            column: chars - start_chars + 1,
            utf16_column: units - start_units,
        }
    }

    /// Characters and UTF-16 units of the original before `offset` (a char boundary).
    fn counts_before(&self, offset: usize) -> (usize, usize) {
        let k = offset / COUNT_STRIDE;
        let base = floor_char_boundary(&self.original, k * COUNT_STRIDE);
        let (mut chars, mut units) = self.counts[k];
        for c in self.original[base..offset].chars() {
            chars += 1;
            units += c.len_utf16();
        }
        (chars, units)
    }

    /// Original byte offset of a (0-based line, UTF-16 column) position, as LSP sends them.
    pub fn offset_of_utf16(&self, line: usize, utf16_column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line) else {
            return self.original.len();
        };
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.original.len(), |e| e - 1);
        let mut units = 0;
        for (i, c) in self.original[start..end].char_indices() {
            if units >= utf16_column {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Characters that act on a terminal or on the display order instead of showing: C0 and
/// C1 controls other than the line feed, the tab and the carriage return (see
/// [`neutralize`]), DEL, and the bidi marks, embeddings,
/// overrides and isolates. A plan (or a file name) holding them could clear or retitle a
/// reviewer's terminal, or show its words in another order.
pub fn is_active_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// How an active control is shown: C0 controls as their control pictures (ESC as ␛,
/// DEL as ␡), the others as `<U+XXXX>`.
pub fn visible_control(c: char) -> String {
    match c as u32 {
        n @ 0..=0x1F => char::from_u32(0x2400 + n).map_or_else(String::new, String::from),
        0x7F => "\u{2421}".to_string(),
        n => format!("<U+{n:04X}>"),
    }
}

/// `s` with every active control shown visibly (see [`visible_control`]), and a carriage
/// return not ending a line (which would let the rest of the line hide its start).
pub fn neutralize(s: &str) -> std::borrow::Cow<'_, str> {
    let lone_cr = |i: usize| s.as_bytes()[i] == b'\r' && s.as_bytes().get(i + 1) != Some(&b'\n');
    if !s
        .char_indices()
        .any(|(i, c)| is_active_control(c) || lone_cr(i))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, c) in s.char_indices() {
        if is_active_control(c) || lone_cr(i) {
            out.push_str(&visible_control(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Characters that carry no content: zero-width spaces and joiners, BOM, soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Spaces that are only spaces: no-break, narrow, ideographic, en/em.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\u{3000}'
    )
}

/// True when `normalize` would leave the text as it is: NFC, no CR, no invisible or odd
/// space characters.
fn is_clean(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c == '\r' || !c.is_ascii() && (is_invisible(c) || is_odd_space(c)))
        && is_nfc(text)
}

/// True when `text` is in NFC; without a table lookup for the chars of Vietnamese text.
pub(crate) fn is_nfc(text: &str) -> bool {
    text.chars().all(is_nfc_stable)
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Chars that are their own NFC form and compose with nothing before them: all below the
/// combining marks (U+0300), the precomposed Vietnamese letters (U+1E00-U+1EFF) and the
/// punctuation block after the two quads (U+2002-U+206F). That is nearly every char of a
/// Vietnamese plan, checked without a table lookup.
fn is_nfc_stable(c: char) -> bool {
    c < '\u{300}'
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || ('\u{2002}'..='\u{206F}').contains(&c)
}

struct Builder {
    text: String,
    origin: Vec<u32>,
}

impl Builder {
    fn push_str(&mut self, s: &str, at: usize) {
        self.text.push_str(s);
        self.origin.extend(std::iter::repeat_n(at as u32, s.len()));
    }
    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.origin
            .extend(std::iter::repeat_n(at as u32, c.len_utf8()));
    }
}

fn normalize(original: &str, flavor: Flavor) -> (String, Option<Vec<u32>>) {
    let cleaned_markup;
    // Markdown markup is removed first, keeping a map, so NFC runs over content only.
    let (input, markup_map): (&str, Option<Vec<u32>>) = if flavor == Flavor::Markdown {
        let (t, m) = strip_markdown(original);
        cleaned_markup = t;
        (&cleaned_markup, Some(m))
    } else {
        (original, None)
    };
    let to_original = |i: usize| -> usize {
        match &markup_map {
            Some(m) => m[i] as usize,
            None => i,
        }
    };

    // Most text needs nothing done to it: one quick scan, then a copy, and no map unless
    // Markdown markup was removed.
    let escaped_breaks = has_escaped_breaks(input);
    if !escaped_breaks && is_clean(input) {
        return (input.to_string(), markup_map);
    }
    let (text, origin) = rebuild(input, escaped_breaks, to_original);
    (text, Some(origin))
}

/// A page saved from its JSON source keeps its line breaks as the two characters `\r\n`
/// (web excerpts 011, 014 of the corpus). With this many, they are line breaks.
const ESCAPED_BREAKS: usize = 3;

fn has_escaped_breaks(text: &str) -> bool {
    text.matches("\\r\\n").take(ESCAPED_BREAKS).count() == ESCAPED_BREAKS
}

/// The normalized text, char by char; `to_original` maps offsets of `input` to the user's.
fn rebuild(
    input: &str,
    escaped_breaks: bool,
    to_original: impl Fn(usize) -> usize,
) -> (String, Vec<u32>) {
    let mut out = Builder {
        text: String::with_capacity(input.len()),
        origin: Vec::with_capacity(input.len() + 1),
    };
    let mut chars = input.char_indices().peekable();
    let mut cluster = String::new();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && escaped_breaks {
            // "\r\n" and "\n" written out: one line break.
            let rest = &input[i..];
            let len = ["\\r\\n", "\\n", "\\r"]
                .iter()
                .find(|b| rest.starts_with(*b))
                .map(|b| b.len());
            if let Some(len) = len {
                out.push('\n', to_original(i));
                while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                    chars.next();
                }
                continue;
            }
        }
        if c == '\r' {
            // CRLF and lone CR both become one \n.
            if matches!(chars.peek(), Some((_, '\n'))) {
                continue;
            }
            out.push('\n', to_original(i));
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if is_odd_space(c) {
            out.push(' ', to_original(i));
            continue;
        }
        if c.is_ascii()
            && !matches!(chars.peek(), Some((_, n)) if !n.is_ascii() && canonical_combining_class(*n) != 0)
        {
            out.push(c, to_original(i));
            continue;
        }
        // A base character and the combining marks after it are composed together; all the
        // composed bytes map to the base character's position.
        cluster.clear();
        cluster.push(c);
        while let Some(&(_, n)) = chars.peek() {
            if canonical_combining_class(n) == 0 {
                break;
            }
            cluster.push(n);
            chars.next();
        }
        let at = to_original(i);
        if cluster.len() == c.len_utf8()
            && unicode_normalization::is_nfc_quick(cluster.chars())
                == unicode_normalization::IsNormalized::Yes
        {
            out.push(c, at);
        } else {
            let composed: String = cluster.nfc().collect();
            out.push_str(&composed, at);
        }
    }
    out.origin.push(to_original(input.len()) as u32);
    (out.text, out.origin)
}

/// Removes Markdown presentation: `#` heading marks, `**`/`__` emphasis, `*x*` emphasis,
/// backslash escapes and inline HTML tags. Content stays; the map gives each kept byte's
/// original offset.
fn strip_markdown(original: &str) -> (String, Vec<u32>) {
    let mut out = Builder {
        text: String::with_capacity(original.len()),
        origin: Vec::with_capacity(original.len() + 1),
    };
    for (line_start, line) in line_spans(original) {
        let bytes = line.as_bytes();
        let mut i = 0;
        // Leading heading marks: "## " is presentation, the numbering is the structure.
        let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
        if hashes > 0 && hashes <= 6 && bytes.get(hashes).is_some_and(|b| *b == b' ') {
            i = hashes + 1;
        }
        while i < bytes.len() {
            let rest = &line[i..];
            if rest.starts_with("**") || rest.starts_with("__") {
                i += 2;
                continue;
            }
            if bytes[i] == b'*' && is_emphasis_star(line, i) {
                i += 1;
                continue;
            }
            if bytes[i] == b'\\' && bytes.get(i + 1).is_some_and(|b| b.is_ascii_punctuation()) {
                i += 1;
                out.push(bytes[i] as char, line_start + i);
                i += 1;
                continue;
            }
            if bytes[i] == b'<' {
                if let Some(len) = html_tag_len(rest) {
                    // A line break tag separates words; other tags vanish.
                    if rest[..len].to_ascii_lowercase().starts_with("<br") {
                        out.push(' ', line_start + i);
                    }
                    i += len;
                    continue;
                }
            }
            let c = rest.chars().next().expect("non-empty rest");
            out.push(c, line_start + i);
            i += c.len_utf8();
        }
        // Markdown hard line break: two trailing spaces before the newline.
        while out.text.ends_with(' ') && line.ends_with("  ") {
            out.text.pop();
            out.origin.pop();
        }
        if line_start + line.len() < original.len() {
            out.push('\n', line_start + line.len());
        }
    }
    out.origin.push(original.len() as u32);
    (out.text, out.origin)
}

/// Lines without their `\n`, with their start offsets.
fn line_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    s.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line)
    })
}

/// A single `*` is emphasis when it hugs a word: `*x` after a non-word or `x*` before one,
/// and not a bullet at the start of a line.
fn is_emphasis_star(line: &str, i: usize) -> bool {
    let before = line[..i].chars().next_back();
    let after = line[i + 1..].chars().next();
    if line[..i].trim().is_empty() && after == Some(' ') {
        return false; // "* item" bullet
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == ')' || c == '.');
    (word(after) && !word(before)) || (word(before) && !word(after))
}

/// Length of an inline HTML tag such as `<sup>`, `</i>`, `<br/>`, `<span class="x">`.
fn html_tag_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('<')?;
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 || !inner.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let name = inner[..name_len].to_ascii_lowercase();
    const TAGS: &[&str] = &[
        "sup", "sub", "i", "b", "u", "em", "strong", "br", "span", "a", "p", "div", "font",
    ];
    if !TAGS.contains(&name.as_str()) {
        return None;
    }
    let close = s.find('>')?;
    if s[..close].contains('\n') || close > 200 {
        return None;
    }
    Some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_written_out_by_a_json_export_are_line_breaks() {
        // Web excerpt 011: the page was saved with its breaks as the characters "\r\n".
        let original = r" ỦY BAN NHÂN DÂN | \r\n CỘNG HÒA XÃ HỘI\r\n CHỦ NGHĨA VIỆT NAM | \r\n Số: 4056/KH-UBND \r\n";
        let source = SourceText::new(original.to_string(), Flavor::Plain);
        let lines: Vec<&str> = source.text.lines().map(str::trim).collect();
        assert_eq!(
            lines,
            [
                "ỦY BAN NHÂN DÂN |",
                "CỘNG HÒA XÃ HỘI",
                "CHỦ NGHĨA VIỆT NAM |",
                "Số: 4056/KH-UBND"
            ]
        );
        let at = source.text.find("Số").unwrap();
        assert_eq!(&original[source.original_offset(at)..][..4], "Số");
        // One or two written-out breaks in a plan (a path, a quoted string) stay as written.
        let two = r"Thư mục C:\new\r\n và \r\n";
        assert_eq!(SourceText::new(two.to_string(), Flavor::Plain).text, two);
    }

    /// The quick path for clean text gives what the char-by-char path gives.
    #[test]
    fn clean_text_takes_the_quick_path_to_the_same_result() {
        for text in [
            include_str!("../fixtures/clean/yen-the-2024.txt"),
            "Số: 45/KH-UBND\nĐẮK R'LẤP – ngày 20/3/2024 “x”",
            "",
        ] {
            assert!(is_clean(text));
            let (slow_text, slow_origin) = rebuild(text, false, |i| i);
            let source = SourceText::new(text.to_string(), Flavor::Plain);
            assert!(source.origin.is_none());
            assert_eq!(source.text, slow_text);
            for (i, &o) in slow_origin.iter().enumerate() {
                assert_eq!(source.original_offset(i), o as usize, "byte {i}");
            }
        }
        for dirty in [
            "a\r\nb",
            "a\u{A0}b",
            "a\u{200B}b",
            "Ke\u{302}\u{301}",
            "\u{2126}",
        ] {
            assert!(!is_clean(dirty), "{dirty:?}");
        }
        // The chars taken as NFC without a lookup are NFC by the tables too.
        let stable: String = ('\0'..'\u{300}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .chain('\u{2002}'..='\u{206F}')
            .collect();
        assert!(stable.chars().all(is_nfc_stable));
        assert!(unicode_normalization::is_nfc(&stable));
    }

    #[test]
    fn nfd_and_crlf_normalize_to_the_same_text() {
        let nfc = "Kế hoạch số 15/KH-UBND\nngày 01/8/2022";
        let nfd: String = nfc.nfd().collect::<String>().replace('\n', "\r\n");
        let a = SourceText::new(nfc.to_string(), Flavor::Plain);
        let b = SourceText::new(nfd.clone(), Flavor::Plain);
        assert_eq!(a.text, b.text);
        // "15/KH" in the normalized text maps back to the same characters in the NFD text.
        let at = b.text.find("15/KH").unwrap();
        let span = b.span(at, at + 5);
        assert_eq!(&b.original[span.start..span.end], "15/KH");
        // "ngày" starts the second line in both.
        let at = b.text.find("ngày").unwrap();
        let span = b.span(at, at + "ngày".len());
        assert_eq!(
            b.original[span.start..span.end].nfc().collect::<String>(),
            "ngày"
        );
        assert_eq!(b.position(span.start).line, 2);
    }

    #[test]
    fn odd_spaces_and_invisible_characters_are_normalized() {
        let s = SourceText::new("Số:\u{00A0}706/KH\u{200B}-UBND".into(), Flavor::Plain);
        assert_eq!(s.text, "Số: 706/KH-UBND");
    }

    #[test]
    fn markdown_presentation_is_removed_with_offsets_kept() {
        let src = "## **I. MỤC TIÊU:**\n- Mục *tiêu* 1<sup>2</sup>\n* bullet\nline  \nnext";
        let s = SourceText::new(src.into(), Flavor::Markdown);
        assert_eq!(s.text, "I. MỤC TIÊU:\n- Mục tiêu 12\n* bullet\nline\nnext");
        let at = s.text.find("MỤC").unwrap();
        let span = s.span(at, at + "MỤC TIÊU".len());
        assert_eq!(&src[span.start..span.end], "MỤC TIÊU");
    }

    #[test]
    fn positions_on_a_long_line_match_a_count_from_the_line_start() {
        // many strides of mixed widths on one line, and a second line
        let line: String = "Đắk 𝔸x a\u{301} ".repeat(300);
        let text = format!("{line}\n{line}");
        let s = SourceText::new(text.clone(), Flavor::Plain);
        for (offset, _) in text.char_indices().step_by(7) {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let prefix = &text[start..offset];
            let p = s.position(offset);
            assert_eq!(p.column, prefix.chars().count() + 1, "at {offset}");
            assert_eq!(p.utf16_column, prefix.encode_utf16().count(), "at {offset}");
        }
        assert_eq!(s.position(text.len()).line, 2);
    }

    #[test]
    fn active_controls_are_shown_not_obeyed() {
        assert_eq!(neutralize("plain Đắk\tx\r\n"), "plain Đắk\tx\r\n");
        assert_eq!(neutralize("a\u{1b}[2Jb\u{7}"), "a\u{241b}[2Jb\u{2407}");
        assert_eq!(
            neutralize("x\ry"),
            "x\u{240d}y",
            "a lone CR would hide the start"
        );
        assert_eq!(neutralize("\u{202e}abc\u{9b}"), "<U+202E>abc<U+009B>");
    }

    #[test]
    fn positions_count_utf16_and_characters() {
        let s = SourceText::new("ab\nĐắk 𝔸x".into(), Flavor::Plain);
        let x = s.original.find('x').unwrap();
        let p = s.position(x);
        assert_eq!((p.line, p.column, p.utf16_column), (2, 6, 6));
        assert_eq!(s.offset_of_utf16(1, 6), x);
    }
}
