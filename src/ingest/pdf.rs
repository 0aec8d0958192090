//! .pdf -> text, with pdf-extract (pure Rust, in memory) or Poppler's `pdftotext`.
//!
//! pdf-extract (on lopdf) can panic or loop on unusual PDFs: [`pdf_to_text`] runs it on
//! its own thread under `catch_unwind` with a time budget. On timeout the thread is
//! abandoned: it keeps running (and holding its copy of the file) until it ends on its
//! own; Rust offers no way to kill a thread. Its panic message, if any, still goes
//! through the process's panic hook (stderr by default).
//!
//! [`pdf_to_text_poppler`] runs `pdftotext -layout -enc UTF-8 FILE -` in a child process,
//! which is killed when the time budget runs out.
//!
//! Measured on the fixture PDFs (printed by LibreOffice 7 from the pandoc .docx): both
//! readers give NFC text with every Vietnamese diacritic intact and the same reading
//! order; the word sequences are identical on dak-rlap-2024 and differ by one token on
//! lang-giang-2024 (`1X` vs `1 X` in a table column). pdf-extract adds a blank line
//! between paragraphs (460 lines, 95 blank, vs 432/67 for Poppler on dak-rlap) and
//! leaves a trailing space on wrapped lines (216 lines, trimmed here).
//! Speed is similar (30-60 ms per file; Poppler pays a process spawn). Prefer Poppler
//! when installed (cleaner lines, a killable process, mature font/CMap handling), and
//! keep pdf-extract as the in-process fallback.
//!
//! Both normalize form feeds (page breaks) to `"\n"` and drop trailing spaces.

use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::{IngestError, Limits};

/// Converts a PDF (its bytes) to text with pdf-extract, under `catch_unwind` and
/// `limits.pdf_timeout` (see the module docs for what happens on timeout).
pub fn pdf_to_text(bytes: &[u8], limits: &Limits) -> Result<String, IngestError> {
    limits.check_input(bytes)?;
    let owned = bytes.to_vec();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("khlint-pdf-extract".into())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| extract(&owned)));
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(IngestError::Io(e));
    }
    let result = match rx.recv_timeout(limits.pdf_timeout) {
        Ok(Ok(r)) => r,
        Ok(Err(panic)) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(IngestError::Panic(msg))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            return Err(IngestError::Timeout {
                seconds: limits.pdf_timeout.as_secs().max(1),
            })
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(IngestError::Panic("the PDF reader thread died".into()))
        }
    };
    match result {
        Err(IngestError::Pdf(_)) | Err(IngestError::Panic(_)) if has_encrypt_entry(bytes) => {
            Err(IngestError::Encrypted)
        }
        other => other,
    }
}

/// Whether the file's trailer (or xref stream dictionary) names an `/Encrypt` dictionary.
fn has_encrypt_entry(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

fn extract(bytes: &[u8]) -> Result<String, IngestError> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| match e {
        pdf_extract::Error::Decryption(_) => IngestError::Encrypted,
        e => IngestError::Pdf(e.to_string()),
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(IngestError::Encrypted);
    }
    let pages = doc.get_pages().len();
    if pages == 0 {
        return Err(IngestError::Pdf("no pages".into()));
    }
    let mut s = String::new();
    {
        let mut out = pdf_extract::PlainTextOutput::new(&mut s);
        pdf_extract::output_doc(&doc, &mut out).map_err(|e| IngestError::Pdf(e.to_string()))?;
    }
    finish(s, pages)
}

fn finish(text: String, pages: usize) -> Result<String, IngestError> {
    let text = text.replace("\r\n", "\n").replace(['\u{c}', '\r'], "\n");
    // trailing spaces of wrapped lines carry nothing
    let text = text
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    if text.trim().is_empty() {
        return Err(IngestError::NoTextLayer { pages });
    }
    Ok(text)
}

/// Whether Poppler's `pdftotext` can be run (checked once per process).
pub fn pdftotext_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        Command::new("pdftotext")
            .arg("-v")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Converts a PDF file to text with `pdftotext -layout -enc UTF-8 FILE -` (Debian
/// poppler-utils). The child is killed when `limits.pdf_timeout` runs out.
pub fn pdf_to_text_poppler(path: &Path, limits: &Limits) -> Result<String, IngestError> {
    let size = std::fs::metadata(path)?.len();
    if size == 0 {
        return Err(IngestError::Empty);
    }
    if size > limits.max_file_bytes {
        return Err(IngestError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Drain the pipes on their own threads so a large output cannot block the child.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(64 * 1024).read_to_end(&mut buf);
        buf
    });
    let deadline = Instant::now() + limits.pdf_timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(IngestError::Timeout {
                seconds: limits.pdf_timeout.as_secs().max(1),
            });
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let out = out_reader.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    if !status.success() {
        let lower = err.to_lowercase();
        if lower.contains("password") || lower.contains("encrypt") {
            return Err(IngestError::Encrypted);
        }
        let detail = err.lines().next().unwrap_or("").trim().to_string();
        return Err(IngestError::Pdf(format!(
            "pdftotext: {}",
            if detail.is_empty() {
                status.to_string()
            } else {
                detail
            }
        )));
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    // pdftotext ends every page with a form feed
    let pages = text.matches('\u{c}').count().max(1);
    finish(text, pages)
}
