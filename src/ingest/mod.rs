//! Document readers: bytes of a .docx, .pdf or text file -> plain text.
//!
//! Output conventions (the structure parser depends on them): one paragraph per line,
//! Word auto-numbering rendered into the text ("II. MỤC TIÊU"), layout tables flattened,
//! other tables as `| a | b |` rows, footnotes as `[^N]` and `[^N]: text` lines at the end.
//! See [`docx::docx_to_text`] and [`pdf::pdf_to_text`].

pub mod docx;
pub mod error;
pub mod load;
pub mod pdf;
mod pdf_layout;

use std::path::PathBuf;
use std::time::Duration;

pub use docx::docx_to_text;
pub use error::IngestError;
pub use pdf::{pdf_to_text, pdf_to_text_poppler, pdftotext_available, read_pdf, PdfReader};

/// Resource limits of the readers: a hostile file must fail fast with bounded memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file accepted (default 50 MiB).
    pub max_file_bytes: u64,
    /// Largest inflated size of one XML part of a .docx (default 64 MiB).
    pub max_part_bytes: u64,
    /// Largest text any reader may produce from one file (default 64 MiB): a small
    /// .docx can repeat a long numbering text into every paragraph.
    pub max_text_bytes: u64,
    /// Time budget for reading one PDF (default 20 s).
    pub pdf_timeout: Duration,
    /// Which reader turns PDFs into text (default: Poppler's when installed).
    pub pdf_reader: PdfReader,
    /// Address space allowed to the child process of the built-in PDF reader
    /// (default 768 MiB).
    pub pdf_memory_bytes: u64,
    /// The khlint executable that runs the built-in PDF reader in a child process
    /// (default: the running executable; tests name the built binary).
    pub pdf_helper: Option<PathBuf>,
}

impl Limits {
    /// What every reader refuses first: no bytes at all, or more than the file limit.
    pub fn check_input(&self, bytes: &[u8]) -> Result<(), IngestError> {
        if bytes.is_empty() {
            return Err(IngestError::Empty);
        }
        let size = bytes.len() as u64;
        if size > self.max_file_bytes {
            return Err(IngestError::TooLarge {
                size,
                limit: self.max_file_bytes,
            });
        }
        Ok(())
    }

    /// What every reader checks last: the text it produced fits the text budget.
    pub fn check_text(&self, text: &str) -> Result<(), IngestError> {
        if text.len() as u64 > self.max_text_bytes {
            return Err(IngestError::TextTooLarge {
                limit: self.max_text_bytes,
            });
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_part_bytes: 64 * 1024 * 1024,
            max_text_bytes: 64 * 1024 * 1024,
            pdf_timeout: Duration::from_secs(20),
            pdf_reader: PdfReader::Auto,
            pdf_memory_bytes: 768 * 1024 * 1024,
            pdf_helper: None,
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip package (.docx).
    Zip,
    /// `%PDF-`.
    Pdf,
    /// An OLE2 compound file: Word 97 .doc, or an encrypted OOXML package.
    Ole2,
    /// Text (UTF-8, or UTF-16 with a byte order mark).
    Text,
    /// None of the above.
    Binary,
}

/// OLE2 compound file signature.
pub(crate) const OLE2_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Guesses the format from the content (never from the file name).
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&OLE2_MAGIC) {
        return Sniffed::Ole2;
    }
    // A PDF header may follow some junk (the spec allows it within the first 1024 bytes).
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Sniffed::Text;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Sniffed::Binary;
    }
    match std::str::from_utf8(head) {
        Ok(_) => Sniffed::Text,
        // a multi-byte character cut at the end of the sample is fine
        Err(e) if e.error_len().is_none() => Sniffed::Text,
        Err(_) => Sniffed::Binary,
    }
}

/// Whether an OLE2 compound file is an encrypted OOXML package (its directory names
/// the streams "EncryptionInfo" / "EncryptedPackage", in UTF-16LE).
pub(crate) fn ole2_is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let needle2: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
        || bytes
            .windows(needle2.len())
            .any(|w| w == needle2.as_slice())
}

/// Decodes a text file: UTF-8 (BOM stripped), or UTF-32 or UTF-16 with a BOM.
/// Returns `Binary` if the bytes are not valid text, `Empty` if there is no text.
pub fn text_to_string(bytes: &[u8]) -> Result<String, IngestError> {
    // The UTF-32LE BOM begins with the UTF-16LE one: it is tried first.
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE, 0, 0]) {
        decode_utf32(rest, u32::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0, 0, 0xFE, 0xFF]) {
        decode_utf32(rest, u32::from_be_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(rest, u16::from_be_bytes)?
    } else {
        let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if rest.contains(&0) {
            return Err(IngestError::Binary);
        }
        String::from_utf8(rest.to_vec()).map_err(|_| IngestError::Binary)?
    };
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(text)
}

/// UTF-8 with a few invalid bytes (at most one character in a hundred), each decoded as
/// U+FFFD, which the `stray-artifact` rule reports where it is; `None` for anything else.
pub fn lossy_utf8(bytes: &[u8]) -> Option<String> {
    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if rest.contains(&0) {
        return None;
    }
    let text = String::from_utf8_lossy(rest);
    let replaced = text.matches('\u{FFFD}').count();
    (replaced * 100 <= text.chars().count()).then(|| text.into_owned())
}

fn decode_utf32(bytes: &[u8], f: fn([u8; 4]) -> u32) -> Result<String, IngestError> {
    bytes
        .chunks_exact(4)
        .map(|c| char::from_u32(f([c[0], c[1], c[2], c[3]])).ok_or(IngestError::Binary))
        .collect()
}

fn decode_utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> Result<String, IngestError> {
    let units = bytes.chunks_exact(2).map(|c| f([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| IngestError::Binary)
}
