//! Between khlint's byte spans and LSP's (line, UTF-16 column) positions, and between
//! `file:` URIs and paths.

use crate::i18n::Lang;
use crate::rules::{Diagnostic, Severity};
use crate::source::{SourceText, Span};
use lsp_types::{
    DiagnosticSeverity, NumberOrString, Position, Range, TextDocumentContentChangeEvent, Uri,
};
use serde_json::json;
use std::path::PathBuf;

/// The LSP position of an original byte offset.
pub(crate) fn position(source: &SourceText, offset: usize) -> Position {
    let p = source.position(offset);
    Position::new(to_u32(p.line - 1), to_u32(p.utf16_column))
}

pub(crate) fn range(source: &SourceText, span: Span) -> Range {
    Range::new(position(source, span.start), position(source, span.end))
}

/// The original byte offset of an LSP position.
pub(crate) fn offset(source: &SourceText, p: Position) -> usize {
    source.offset_of_utf16(p.line as usize, p.character as usize)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub(crate) fn diagnostic(source: &SourceText, d: &Diagnostic, lang: Lang) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: range(source, d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule().name().to_string())),
        source: Some("khlint".to_string()),
        message: d.message(lang),
        data: Some(json!({ "fingerprint": d.fingerprint })),
        ..Default::default()
    }
}

/// Whether two ranges share a position (an empty range touching the other counts).
pub(crate) fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Byte offset of an LSP position in an editor buffer (lines end with `\n`, a `\r` before
/// it is not part of the line; a column past the end clamps to it).
fn buffer_offset(text: &str, p: Position) -> usize {
    let mut start = 0;
    for _ in 0..p.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end]
        .strip_suffix('\r')
        .unwrap_or(&text[start..end]);
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= p.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line.len()
}

/// Applies one `didChange` content change (a range edit, or the whole text).
pub(crate) fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(r) => {
            let start = buffer_offset(text, r.start);
            let end = buffer_offset(text, r.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

/// The path of a `file:` URI (percent-decoded); `None` for other schemes.
pub(crate) fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    // file:///C:/x on Windows.
    let decoded = match decoded.as_bytes() {
        [b'/', d, b':', ..] if cfg!(windows) && d.is_ascii_alphabetic() => decoded[1..].to_string(),
        _ => decoded,
    };
    Some(PathBuf::from(decoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Flavor;
    use std::str::FromStr;

    #[test]
    fn positions_count_utf16_units_over_the_original_text() {
        // NFD (combining marks) and an astral character before the word.
        let original = "Dòng 1\n😀 ứng dụng chuye\u{302}n đổi số\n".to_string();
        let nfd_word = "chuye\u{302}n";
        let source = SourceText::new(original.clone(), Flavor::Plain);
        let start = original.find(nfd_word).unwrap();
        let line_start = original.find('\n').unwrap() + 1;
        let want = original[line_start..start].encode_utf16().count();
        let p = position(&source, start);
        assert_eq!((p.line, p.character as usize), (1, want));
        assert_eq!(want, 2 + 1 + 8 + 1, "emoji = 2 units, ứng dụng = 8");
        let end = position(&source, start + nfd_word.len());
        assert_eq!(end.character as usize, want + 7, "NFD: 6 letters + 1 mark");
        assert_eq!(offset(&source, p), start);
    }

    #[test]
    fn incremental_changes_use_utf16_columns() {
        let mut text = "Đắk R'Lấp\r\n😀 chuyên đổi số\nhết".to_string();
        apply_change(
            &mut text,
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(1, 3), Position::new(1, 9))),
                range_length: None,
                text: "chuyển".into(),
            },
        );
        assert_eq!(text, "Đắk R'Lấp\r\n😀 chuyển đổi số\nhết");
        apply_change(
            &mut text,
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(0, 99), Position::new(1, 0))),
                range_length: None,
                text: String::new(),
            },
        );
        assert_eq!(text, "Đắk R'Lấp😀 chuyển đổi số\nhết");
    }

    #[test]
    fn file_uris_become_paths() {
        let uri = Uri::from_str("file:///tmp/k%E1%BA%BF%20ho%E1%BA%A1ch.txt").unwrap();
        assert_eq!(uri_to_path(&uri), Some(PathBuf::from("/tmp/kế hoạch.txt")));
        assert_eq!(
            uri_to_path(&Uri::from_str("untitled:Untitled-1").unwrap()),
            None
        );
    }
}
