//! Reading a file: size limit, format sniffing, text decoding, then the format's reader.

use super::error::IngestError;
use super::Limits;
use crate::extract::Format;
use std::io::Read;
use std::path::Path;

/// A file read into text, before analysis.
#[derive(Debug)]
pub struct Loaded {
    pub text: String,
    pub format: Format,
    /// Set when the text was converted from a legacy Vietnamese encoding.
    pub converted_from: Option<&'static str>,
}

/// Reads a file into text, enforcing `limits` before anything is parsed.
pub fn load(path: &Path, limits: &Limits) -> Result<Loaded, IngestError> {
    let file = std::fs::File::open(path).map_err(IngestError::Io)?;
    let size = file.metadata().map_err(IngestError::Io)?.len();
    if size > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(IngestError::Io)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    load_bytes(&bytes, &ext, limits)
}

/// Decodes bytes whose extension is `ext` (lowercase, no dot).
pub fn load_bytes(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Loaded, IngestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(IngestError::Empty);
    }
    let simple = |text, format| Loaded {
        text,
        format,
        converted_from: None,
    };
    if bytes.starts_with(b"%PDF") || ext == "pdf" {
        return super::pdf::pdf_to_text(bytes, limits).map(|t| simple(t, Format::Pdf));
    }
    if bytes.starts_with(b"PK\x03\x04") || ext == "docx" {
        return super::docx::docx_to_text(bytes, limits).map(|t| simple(t, Format::Docx));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(IngestError::LegacyDoc);
    }
    let format = if ext == "md" || ext == "markdown" {
        Format::Md
    } else {
        Format::Txt
    };
    decode_text(bytes).map(|(text, from)| Loaded {
        text,
        format,
        converted_from: from,
    })
}

/// UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything else that is not text is
/// refused rather than guessed at.
fn decode_text(bytes: &[u8]) -> Result<(String, Option<&'static str>), IngestError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_text(rest);
    }
    for (bom, le) in [([0xFF, 0xFE], true), ([0xFE, 0xFF], false)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| {
                    if le {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                })
                .collect();
            return Ok((String::from_utf16_lossy(&units), None));
        }
    }
    let controls = bytes
        .iter()
        .take(8192)
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if controls * 50 > bytes.len().min(8192) {
        return Err(IngestError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => super::legacy::decode_legacy(bytes)
            .map(|(t, name)| (t, Some(name)))
            .ok_or(IngestError::Binary),
    }
}
