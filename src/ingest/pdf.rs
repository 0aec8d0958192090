//! .pdf -> text, with pdf-extract (pure Rust, in memory) or Poppler's `pdftotext`.
//!
//! pdf-extract (on lopdf) can panic or loop on unusual PDFs: [`pdf_to_text`] runs it on
//! its own thread under `catch_unwind` with a time budget. On timeout the thread is
//! abandoned: it keeps running (and holding its copy of the file) until it ends on its
//! own; Rust offers no way to kill a thread. Its panic message, if any, still goes
//! through the process's panic hook (stderr by default).
//!
//! [`pdf_to_text_poppler`] runs `pdftotext -layout -enc UTF-8 - -` in a child process fed
//! on stdin, which is killed when the time budget runs out. [`read_pdf`] picks the reader
//! ([`PdfReader`]; by default Poppler when installed).
//!
//! Measured on the fixture PDFs (printed by LibreOffice 7 from the pandoc .docx): both
//! readers give NFC text with every Vietnamese diacritic intact and the same reading
//! order; the word sequences are identical on dak-rlap-2024 and differ by one token on
//! lang-giang-2024 (`1X` vs `1 X` in a table column). pdf-extract adds a blank line
//! between paragraphs (460 lines, 95 blank, vs 432/67 for Poppler on dak-rlap) and
//! leaves a trailing space on wrapped lines (216 lines, trimmed here).
//! Poppler is the faster of the two even with its process spawn (benches/run.sh), has
//! cleaner lines, a killable process and mature font/CMap handling: it is the default
//! when installed, and pdf-extract the in-process fallback.
//!
//! Both normalize form feeds (page breaks) to `"\n"` and drop trailing spaces. Poppler's
//! layout (two columns side by side, running headers, page numbers) is undone by
//! [`super::pdf_layout::reflow`].

use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::OnceLock;

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

/// Which reader turns a PDF into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfReader {
    /// Poppler's `pdftotext` when it is installed, else the built-in reader.
    #[default]
    Auto,
    /// pdf-extract, inside the khlint process.
    Builtin,
    /// Poppler's `pdftotext` (an error for every PDF when it is not installed).
    Poppler,
}

/// Converts a PDF (its bytes) to text with the reader `limits.pdf_reader` names.
pub fn read_pdf(bytes: &[u8], limits: &Limits) -> Result<String, IngestError> {
    let poppler = match limits.pdf_reader {
        PdfReader::Auto => pdftotext_available(),
        PdfReader::Builtin => false,
        PdfReader::Poppler => true,
    };
    match poppler {
        true => pdf_to_text_poppler(bytes, limits),
        false => pdf_to_text(bytes, limits),
    }
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

/// Converts a PDF (its bytes) to text with `pdftotext -layout -enc UTF-8 - -` (Debian
/// poppler-utils), the bytes going in on stdin. The child is killed when
/// `limits.pdf_timeout` runs out.
pub fn pdf_to_text_poppler(bytes: &[u8], limits: &Limits) -> Result<String, IngestError> {
    limits.check_input(bytes)?;
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                IngestError::Pdf("pdftotext is not installed (Debian package poppler-utils)".into())
            }
            _ => IngestError::Io(e),
        })?;
    // Feed stdin on its own thread: pdftotext may write output before it has read all.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = bytes.to_vec();
    let in_writer = std::thread::spawn(move || {
        use std::io::Write;
        // A broken pipe only means pdftotext stopped reading (it reports why on stderr).
        let _ = stdin.write_all(&input);
    });
    // Drain the pipes on their own threads so a large output cannot block the child.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    // The output ends when pdftotext exits (or closes it): waiting for it with a deadline
    // needs no polling of the child.
    let (out_tx, out_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        let _ = out_tx.send(buf);
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(64 * 1024).read_to_end(&mut buf);
        buf
    });
    let out = match out_rx.recv_timeout(limits.pdf_timeout) {
        Ok(out) => out,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(IngestError::Timeout {
                seconds: limits.pdf_timeout.as_secs().max(1),
            });
        }
    };
    let status = child.wait()?;
    let _ = in_writer.join();
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
    finish(super::pdf_layout::reflow(&text), pages)
}
