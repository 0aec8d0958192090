//! Errors of the document readers, with messages for civil servants (Vietnamese by
//! default) that say what is wrong and what to do about it.

use crate::i18n::Lang;

/// Why a document could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{}", self.message(Lang::En))]
    Io(#[from] std::io::Error),
    /// The file is larger than the configured limit.
    #[error("{}", self.message(Lang::En))]
    TooLarge { size: u64, limit: u64 },
    /// The reader produced more text than the text budget.
    #[error("{}", self.message(Lang::En))]
    TextTooLarge { limit: u64 },
    /// Not a regular file: a folder, a FIFO, a device or a socket (never opened).
    #[error("{}", self.message(Lang::En))]
    NotAFile { kind: &'static str },
    /// The file is empty or contains no text at all.
    #[error("{}", self.message(Lang::En))]
    Empty,
    /// Not text and not a known document format.
    #[error("{}", self.message(Lang::En))]
    Binary,
    /// A corrupt or truncated .docx (not a readable zip package).
    #[error("{}", self.message(Lang::En))]
    NotAZip(String),
    /// A required part of the package is missing (e.g. `word/document.xml`).
    #[error("{}", self.message(Lang::En))]
    MissingPart(String),
    /// A part of the package inflates past the limit (zip bomb protection).
    #[error("{}", self.message(Lang::En))]
    PartTooLarge { part: String, limit: u64 },
    /// Malformed XML in a part (also: nesting deeper than the limit).
    #[error("{}", self.message(Lang::En))]
    Xml { part: String, message: String },
    /// A Word 97-2003 `.doc` file (OLE2 compound file).
    #[error("{}", self.message(Lang::En))]
    LegacyDoc,
    /// An encrypted PDF or a password-protected Word file.
    #[error("{}", self.message(Lang::En))]
    Encrypted,
    /// A PDF whose pages have no text layer (a scan).
    #[error("{}", self.message(Lang::En))]
    NoTextLayer { pages: usize },
    /// The PDF reader failed.
    #[error("{}", self.message(Lang::En))]
    Pdf(String),
    /// Reading took longer than the time budget.
    #[error("{}", self.message(Lang::En))]
    Timeout { seconds: u64 },
    /// The reader panicked (a bug in a dependency on this file); the run goes on.
    #[error("{}", self.message(Lang::En))]
    Panic(String),
}

fn mib(bytes: u64) -> String {
    let m = bytes as f64 / (1024.0 * 1024.0);
    if m >= 10.0 {
        format!("{m:.0} MiB")
    } else {
        format!("{m:.1} MiB")
    }
}

impl IngestError {
    /// A short stable name of the error kind (for JSON output and statistics).
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Io(_) => "io",
            IngestError::TooLarge { .. } => "too-large",
            IngestError::TextTooLarge { .. } => "text-too-large",
            IngestError::NotAFile { .. } => "not-a-file",
            IngestError::Empty => "empty",
            IngestError::Binary => "binary",
            IngestError::NotAZip(_) => "not-a-zip",
            IngestError::MissingPart(_) => "missing-part",
            IngestError::PartTooLarge { .. } => "part-too-large",
            IngestError::Xml { .. } => "xml",
            IngestError::LegacyDoc => "legacy-doc",
            IngestError::Encrypted => "encrypted",
            IngestError::NoTextLayer { .. } => "no-text-layer",
            IngestError::Pdf(_) => "pdf",
            IngestError::Timeout { .. } => "timeout",
            IngestError::Panic(_) => "panic",
        }
    }

    /// The message shown to the user: what is wrong and what to do.
    /// The caller adds the file name.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            IngestError::Io(e) => match lang {
                Lang::Vi => format!("Không đọc được tệp: {e}. Hãy kiểm tra đường dẫn và quyền truy cập."),
                Lang::En => format!("Cannot read the file: {e}. Check the path and permissions."),
            },
            IngestError::TooLarge { size, limit } => match lang {
                Lang::Vi => format!(
                    "Tệp quá lớn ({}, giới hạn {}): hãy kiểm tra lại tệp, hoặc tăng giới hạn nếu đây đúng là văn bản cần kiểm tra.",
                    mib(*size),
                    mib(*limit)
                ),
                Lang::En => format!(
                    "File too large ({}, limit {}): check the file, or raise the limit if it really is a plan.",
                    mib(*size),
                    mib(*limit)
                ),
            },
            IngestError::TextTooLarge { limit } => match lang {
                Lang::Vi => format!(
                    "Văn bản đọc ra từ tệp vượt quá {} (tệp có thể độc hại hoặc hỏng, ví dụ một đoạn đánh số rất dài lặp lại ở mọi đoạn): tệp không được xử lý.",
                    mib(*limit)
                ),
                Lang::En => format!(
                    "The text read from the file exceeds {} (a malicious or corrupt file, e.g. a huge numbering text repeated in every paragraph): not processed.",
                    mib(*limit)
                ),
            },
            IngestError::NotAFile { kind } => match lang {
                Lang::Vi => format!(
                    "Không phải tệp thông thường ({}): không đọc; hãy chỉ định tệp văn bản (.docx, .pdf, .txt, .md).",
                    match *kind {
                        "directory" => "thư mục",
                        "fifo" => "đường ống có tên (FIFO)",
                        "device" => "thiết bị",
                        "socket" => "socket",
                        other => other,
                    }
                ),
                Lang::En => format!(
                    "Not a regular file ({}): not read; name a document file (.docx, .pdf, .txt, .md).",
                    match *kind {
                        "fifo" => "a named pipe (FIFO)",
                        "device" => "a device",
                        "socket" => "a socket",
                        other => other,
                    }
                ),
            },
            IngestError::Empty => lang
                .pick(
                    "Tệp rỗng, không có nội dung văn bản: hãy kiểm tra lại tệp đã nộp.",
                    "The file is empty (no text): check the submitted file.",
                )
                .to_string(),
            IngestError::Binary => lang
                .pick(
                    "Tệp không phải văn bản và không thuộc định dạng được hỗ trợ (.docx, .pdf, .txt, .md): hãy lưu văn bản dưới dạng .docx hoặc .pdf rồi kiểm tra lại.",
                    "Not a text file nor a supported format (.docx, .pdf, .txt, .md): save the document as .docx or .pdf and check it again.",
                )
                .to_string(),
            IngestError::NotAZip(detail) => match lang {
                Lang::Vi => format!(
                    "Tệp .docx bị hỏng hoặc không đầy đủ ({detail}): hãy mở bằng Word/LibreOffice và lưu lại, hoặc xin lại tệp gốc."
                ),
                Lang::En => format!(
                    "The .docx file is corrupt or truncated ({detail}): open it in Word/LibreOffice and save it again, or ask for the original file."
                ),
            },
            IngestError::MissingPart(part) => match lang {
                Lang::Vi => format!(
                    "Tệp .docx thiếu thành phần {part}: tệp không phải văn bản Word hợp lệ; hãy mở bằng Word/LibreOffice và lưu lại dưới dạng .docx."
                ),
                Lang::En => format!(
                    "The .docx file lacks the part {part}: it is not a valid Word document; open it in Word/LibreOffice and save it as .docx."
                ),
            },
            IngestError::PartTooLarge { part, limit } => match lang {
                Lang::Vi => format!(
                    "Thành phần {part} của tệp .docx khi giải nén vượt quá {} (có thể là tệp độc hại hoặc hỏng): tệp không được xử lý.",
                    mib(*limit)
                ),
                Lang::En => format!(
                    "The part {part} of the .docx inflates past {} (a malicious or corrupt file): not processed.",
                    mib(*limit)
                ),
            },
            IngestError::Xml { part, message } => match lang {
                Lang::Vi => format!(
                    "Nội dung XML của {part} bị lỗi ({message}): hãy mở tệp bằng Word/LibreOffice và lưu lại."
                ),
                Lang::En => format!(
                    "Malformed XML in {part} ({message}): open the file in Word/LibreOffice and save it again."
                ),
            },
            IngestError::LegacyDoc => lang
                .pick(
                    "Tệp Word 97-2003 (.doc) chưa được hỗ trợ: hãy mở bằng Word và \"Lưu thành\" .docx, hoặc chuyển đổi bằng lệnh `libreoffice --headless --convert-to docx TỆP.doc`, rồi kiểm tra lại.",
                    "Word 97-2003 (.doc) files are not supported: open it in Word and \"Save as\" .docx, or convert it with `libreoffice --headless --convert-to docx FILE.doc`, then check again.",
                )
                .to_string(),
            IngestError::Encrypted => lang
                .pick(
                    "Tệp được đặt mật khẩu (mã hóa): hãy gỡ mật khẩu (mở tệp và lưu lại không đặt mật khẩu) hoặc xin bản không mã hóa, rồi kiểm tra lại.",
                    "The file is password-protected (encrypted): remove the password (open and save it without one) or ask for an unencrypted copy, then check again.",
                )
                .to_string(),
            IngestError::NoTextLayer { pages } => match lang {
                Lang::Vi => format!(
                    "Tệp PDF ({pages} trang) không có lớp văn bản (có thể là bản quét): hãy nhận dạng chữ (OCR) trước, ví dụ bằng ocrmypdf, rồi kiểm tra lại."
                ),
                Lang::En => format!(
                    "The PDF ({pages} pages) has no text layer (probably a scan): run OCR first, e.g. with ocrmypdf, then check again."
                ),
            },
            IngestError::Pdf(detail) => match lang {
                Lang::Vi => format!(
                    "Không đọc được tệp PDF ({detail}): hãy thử xuất lại PDF từ văn bản gốc, hoặc nộp bản .docx."
                ),
                Lang::En => format!(
                    "Cannot read the PDF ({detail}): export the PDF again from the original, or submit the .docx."
                ),
            },
            IngestError::Timeout { seconds } => match lang {
                Lang::Vi => format!(
                    "Đọc tệp quá {seconds} giây nên đã dừng: tệp có thể bị hỏng hoặc quá phức tạp; hãy thử bản .docx hoặc xuất lại PDF."
                ),
                Lang::En => format!(
                    "Reading took more than {seconds} s and was stopped: the file may be corrupt or too complex; try the .docx or export the PDF again."
                ),
            },
            IngestError::Panic(detail) => match lang {
                Lang::Vi => format!(
                    "Lỗi nội bộ khi đọc tệp ({detail}): tệp đã được bỏ qua; hãy thử bản .docx hoặc xuất lại PDF, và báo lỗi cho nhóm phát triển."
                ),
                Lang::En => format!(
                    "Internal error while reading the file ({detail}): skipped; try the .docx or export the PDF again, and report the bug."
                ),
            },
        }
    }
}
