//! .pdf -> text, with pdf-extract (pure Rust) or Poppler's `pdftotext`, each in a child
//! process.
//!
//! pdf-extract (on lopdf) can panic, loop, recurse until the stack overflows or allocate
//! without bound on hostile PDFs, and a thread cannot be killed: [`pdf_to_text`] runs it
//! in a child process (the khlint executable again, hidden command `__read-pdf`, see
//! [`serve_child`]). [`pdf_to_text_poppler`] runs `pdftotext -layout -enc UTF-8 - -`.
//! Both children are fed on stdin, get `limits.pdf_memory_bytes` of address space, no
//! core dumps and a CPU limit, and are killed when `limits.pdf_timeout` runs out: nothing
//! a PDF does outlives its budget or takes the batch down. Their output is read up to the
//! text budget. [`read_pdf`] picks the reader ([`PdfReader`]; by default Poppler when
//! installed).
//!
//! Measured on the fixture PDFs (printed by LibreOffice 7 from the pandoc .docx): both
//! readers give NFC text with every Vietnamese diacritic intact and the same reading
//! order; the word sequences are identical on dak-rlap-2024 and differ by one token on
//! lang-giang-2024 (`1X` vs `1 X` in a table column). pdf-extract adds a blank line
//! between paragraphs (460 lines, 95 blank, vs 432/67 for Poppler on dak-rlap) and
//! leaves a trailing space on wrapped lines (216 lines, trimmed here).
//! Poppler is the faster of the two even with its process spawn (benches/run.sh), has
//! cleaner lines and mature font/CMap handling: it is the default when installed, and
//! pdf-extract the fallback.
//!
//! Both normalize form feeds (page breaks) to `"\n"` and drop trailing spaces. Poppler's
//! layout (two columns side by side, running headers, page numbers) is undone by
//! [`super::pdf_layout::reflow`]. Poppler's
//! layout (two columns side by side, running headers, page numbers) is undone by
//! [`super::pdf_layout::reflow`].

use std::io::{Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::OnceLock;

use super::{IngestError, Limits};

/// The hidden command that runs the built-in reader in a child process.
pub const CHILD_COMMAND: &str = "__read-pdf";

/// Converts a PDF (its bytes) to text with pdf-extract, in a child process under the
/// limits (see the module docs).
pub fn pdf_to_text(bytes: &[u8], limits: &Limits) -> Result<String, IngestError> {
    limits.check_input(bytes)?;
    let program = match &limits.pdf_helper {
        Some(p) => p.clone(),
        None => std::env::current_exe()?,
    };
    let mut cmd = Command::new(program);
    cmd.arg(CHILD_COMMAND);
    let out = run_child(cmd, bytes, limits)?;
    if !out.status.success() {
        return Err(IngestError::Pdf(crash_detail(&out, limits)));
    }
    let Some(newline) = out.stdout.iter().position(|&b| b == b'\n') else {
        return Err(IngestError::Pdf(crash_detail(&out, limits)));
    };
    let (tag, rest) = out.stdout.split_at(newline);
    let rest = String::from_utf8_lossy(&rest[1..]).into_owned();
    let result = match tag {
        b"text" => return Ok(rest),
        b"encrypted" => Err(IngestError::Encrypted),
        b"no-text-layer" => Err(IngestError::NoTextLayer {
            pages: rest.trim().parse().unwrap_or(0),
        }),
        b"pdf" => Err(IngestError::Pdf(rest)),
        b"panic" => Err(IngestError::Panic(rest)),
        _ => Err(IngestError::Pdf(crash_detail(&out, limits))),
    };
    match result {
        Err(IngestError::Pdf(_)) | Err(IngestError::Panic(_)) if has_encrypt_entry(bytes) => {
            Err(IngestError::Encrypted)
        }
        other => other,
    }
}

/// Why the built-in reader's child gave no answer, from its exit and its stderr.
fn crash_detail(out: &ChildOutput, limits: &Limits) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    if err.contains("overflowed its stack") {
        "the built-in reader overflowed its stack (the PDF draws itself recursively)".into()
    } else if err.contains("memory allocation") {
        format!(
            "the built-in reader needed more than {} MiB of memory",
            limits.pdf_memory_bytes >> 20
        )
    } else if out.stdout.len() as u64 > limits.max_text_bytes {
        format!(
            "more text than the limit of {} MiB",
            limits.max_text_bytes >> 20
        )
    } else {
        format!("the built-in reader stopped ({})", out.status)
    }
}

/// The child side of [`pdf_to_text`]: reads a PDF on `input`, writes to `output` a tag
/// line (`text`, `encrypted`, `no-text-layer`, `pdf`, `panic`), then the text or the
/// error's detail.
pub fn serve_child(mut input: impl Read, mut output: impl Write) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let (tag, body) = match extract_guarded(&bytes) {
        Ok(text) => ("text", text),
        Err(IngestError::Encrypted) => ("encrypted", String::new()),
        Err(IngestError::NoTextLayer { pages }) => ("no-text-layer", pages.to_string()),
        Err(IngestError::Panic(detail)) => ("panic", detail),
        Err(e) => ("pdf", pdf_detail(e)),
    };
    writeln!(output, "{tag}")?;
    output.write_all(body.as_bytes())?;
    output.flush()
}

fn pdf_detail(e: IngestError) -> String {
    match e {
        IngestError::Pdf(detail) => detail,
        other => other.to_string(),
    }
}

/// pdf-extract under `catch_unwind`: a panic becomes `IngestError::Panic`.
fn extract_guarded(bytes: &[u8]) -> Result<String, IngestError> {
    catch_unwind(AssertUnwindSafe(|| extract(bytes))).unwrap_or_else(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        Err(IngestError::Panic(msg))
    })
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
/// poppler-utils) in a child process under the limits.
pub fn pdf_to_text_poppler(bytes: &[u8], limits: &Limits) -> Result<String, IngestError> {
    limits.check_input(bytes)?;
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-layout", "-enc", "UTF-8", "-", "-"]);
    let out = run_child(cmd, bytes, limits).map_err(|e| match e {
        IngestError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            IngestError::Pdf("pdftotext is not installed (Debian package poppler-utils)".into())
        }
        e => e,
    })?;
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        let lower = err.to_lowercase();
        if lower.contains("password") || lower.contains("encrypt") {
            return Err(IngestError::Encrypted);
        }
        let detail = err.lines().next().unwrap_or("").trim().to_string();
        return Err(IngestError::Pdf(format!(
            "pdftotext: {}",
            if detail.is_empty() {
                out.status.to_string()
            } else {
                detail
            }
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    limits.check_text(&text)?;
    // pdftotext ends every page with a form feed
    let pages = text.matches('\u{c}').count().max(1);
    finish(super::pdf_layout::reflow(&text), pages)
}

/// What a reader's child process gave.
struct ChildOutput {
    status: std::process::ExitStatus,
    /// At most the text budget and one line more.
    stdout: Vec<u8>,
    /// Its first 64 KiB.
    stderr: Vec<u8>,
}

/// Runs a reader's child process: `bytes` on its stdin, its memory, CPU time and core
/// dumps limited, killed when `limits.pdf_timeout` runs out.
fn run_child(mut cmd: Command, bytes: &[u8], limits: &Limits) -> Result<ChildOutput, IngestError> {
    use std::os::unix::process::CommandExt;
    let memory = limits.pdf_memory_bytes;
    // The CPU limit backs up the timeout should the parent itself be stopped.
    let cpu = limits.pdf_timeout.as_secs().saturating_add(2);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: the closure runs in the forked child before exec and only calls
    // setrlimit, which is async-signal-safe; it allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            set_limit(libc::RLIMIT_AS, memory)?;
            set_limit(libc::RLIMIT_CPU, cpu)?;
            set_limit(libc::RLIMIT_CORE, 0)
        });
    }
    let mut child = cmd.spawn()?;
    // Feed stdin on its own thread: the reader may write output before it has read all.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = bytes.to_vec();
    let in_writer = std::thread::spawn(move || {
        // A broken pipe only means the reader stopped reading (it says why on stderr).
        let _ = stdin.write_all(&input);
    });
    // Drain the pipes on their own threads so a large output cannot block the child.
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let cap = limits.max_text_bytes.saturating_add(64 * 1024);
    // The output ends when the child exits (or closes it): waiting for it with a deadline
    // needs no polling of the child.
    let (out_tx, out_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stdout).take(cap).read_to_end(&mut buf);
        let _ = out_tx.send(buf);
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(64 * 1024).read_to_end(&mut buf);
        // keep draining so the child never blocks on a full pipe
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        buf
    });
    let stdout = match out_rx.recv_timeout(limits.pdf_timeout) {
        Ok(out) => out,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(IngestError::Timeout {
                seconds: limits.pdf_timeout.as_secs().max(1),
            });
        }
    };
    if stdout.len() as u64 >= cap {
        // Over the text budget: the rest is not wanted.
        let _ = child.kill();
        let _ = child.wait();
        return Err(IngestError::TextTooLarge {
            limit: limits.max_text_bytes,
        });
    }
    let status = child.wait()?;
    let _ = in_writer.join();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(ChildOutput {
        status,
        stdout,
        stderr,
    })
}

/// Sets a resource limit of the calling process (soft and hard).
fn set_limit(resource: libc::__rlimit_resource_t, value: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: value as libc::rlim_t,
        rlim_max: value as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct we pass and touches no Rust memory.
    if unsafe { libc::setrlimit(resource, &limit) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}
