//! Reading a file: size limit, format sniffing, then the format's reader. The one entry
//! point from a path to text.

use super::error::IngestError;
use super::{sniff, text_to_string, Limits, Sniffed};
use crate::model::Format;
use crate::walk::{read_regular, ReadError};
use std::path::Path;

/// A file read into text, before analysis.
#[derive(Debug)]
pub struct Loaded {
    pub text: String,
    pub format: Format,
    /// Set when the text was converted from a legacy Vietnamese encoding.
    pub converted_from: Option<&'static str>,
    /// For a .docx, where each line of `text` stands in the Word file.
    pub docx_places: Vec<Option<crate::model::DocxPlace>>,
}

/// Reads a file into text, enforcing `limits` before anything is parsed.
pub fn load(path: &Path, limits: &Limits) -> Result<Loaded, IngestError> {
    let bytes = read_regular(path, limits.max_file_bytes).map_err(|e| match e {
        ReadError::Io(e) => IngestError::Io(e),
        ReadError::NotAFile(kind) => IngestError::NotAFile { kind },
        ReadError::TooLarge { size, limit } => IngestError::TooLarge { size, limit },
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    load_bytes(&bytes, &ext, limits)
}

/// The format of a text file by its name: Markdown (`.md`, `.markdown`) or plain text.
pub fn text_format(path: &std::path::Path) -> Format {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    text_format_of(&ext.to_ascii_lowercase())
}

fn text_format_of(ext: &str) -> Format {
    if matches!(ext, "md" | "markdown") {
        Format::Md
    } else {
        Format::Txt
    }
}

/// Decodes bytes whose file extension is `ext` (lowercase, no dot). The content decides
/// the reader; the extension only tells Markdown from plain text.
pub fn load_bytes(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Loaded, IngestError> {
    let loaded = read_any(bytes, ext, limits)?;
    limits.check_text(&loaded.text)?;
    Ok(loaded)
}

fn read_any(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Loaded, IngestError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty);
    }
    let plain = |text, format| Loaded {
        text,
        format,
        converted_from: None,
        docx_places: Vec::new(),
    };
    match sniff(bytes) {
        Sniffed::Pdf => super::pdf::read_pdf(bytes, limits).map(|t| plain(t, Format::Pdf)),
        Sniffed::Zip | Sniffed::Ole2 => {
            super::docx::docx_to_text_with_places(bytes, limits).map(|(text, places)| Loaded {
                docx_places: places,
                ..plain(text, Format::Docx)
            })
        }
        Sniffed::Text | Sniffed::Binary => {
            let format = text_format_of(ext);
            match text_to_string(bytes) {
                Ok(t) => Ok(plain(t, format)),
                // Old archives: TCVN3 / VNI text is not UTF-8 but is still a plan.
                Err(IngestError::Binary) => match crate::vietnamese::decode_legacy(bytes) {
                    Some((text, encoding)) => Ok(Loaded {
                        converted_from: Some(encoding),
                        ..plain(text, format)
                    }),
                    None => super::lossy_utf8(bytes)
                        .map(|t| plain(t, format))
                        .ok_or(IngestError::Binary),
                },
                Err(e) => Err(e),
            }
        }
    }
}
