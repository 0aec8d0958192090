//! The extracted plan: the JSON contract of `khlint extract` (schema in
//! `schema/extraction.schema.json`, generated from these types and tested against output).

use crate::source::Span;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The file formats khlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Txt,
    Md,
    Docx,
    Pdf,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A plan read and analysed: what the rules, renderers and the language server use.
#[derive(Debug, Clone)]
pub struct Plan {
    pub path: String,
    pub format: Format,
    pub source: crate::source::SourceText,
    pub doc: crate::structure::Document,
    /// Profile key of each block (its innermost classified section, inherited downwards).
    pub block_keys: Vec<Option<String>>,
    pub model: Extraction,
    /// The legacy encoding (TCVN3, VNI...) the file was converted from, if any.
    pub legacy_encoding: Option<&'static str>,
    /// For a .docx: where each line of the extracted text (0-based) stands in the Word
    /// file; empty for other formats.
    pub docx_places: Vec<Option<DocxPlace>>,
}

/// Where a line of a .docx's extracted text comes from, as a Word user finds it: the
/// paragraph (counted among the non-empty ones, in reading order, cells included) and,
/// inside a table, the table, row and cell (all 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocxPlace {
    pub paragraph: Option<usize>,
    pub table: Option<usize>,
    pub row: Option<usize>,
    /// None for a row rendered as one `| a | b |` line: the cell is found from the column,
    /// counting grid columns (a cell merged across two counts as two).
    pub cell: Option<usize>,
    /// Bytes at the start of the line that Word draws but does not hold as text (the
    /// automatic number "II. "): a quote to search for starts after them.
    pub generated: usize,
}

/// A finding's place in a .docx: [`DocxPlace`] resolved for the finding's column, and a
/// short quote of the text there to search for in Word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocxLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<usize>,
    pub quote: String,
}

/// The longest quote of a [`DocxLocation`], in words.
const QUOTE_WORDS: usize = 8;

impl Plan {
    /// Where the text at `offset` (a byte of the extracted text) stands in the Word file,
    /// for a .docx; None for other formats and for lines Word holds nowhere (footnotes
    /// gathered at the end).
    pub fn docx_location(&self, offset: usize) -> Option<DocxLocation> {
        // Called for every finding of every file: nothing to scan unless it is a .docx, and
        // the line comes from the source's index, not from counting (a file with many
        // findings on one long line stays linear).
        if self.docx_places.is_empty() {
            return None;
        }
        let text = &self.source.original;
        let offset = offset.min(text.len());
        let line_no = self.source.position(offset).line - 1;
        let place = (*self.docx_places.get(line_no)?)?;
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = &text[line_start..line_end];
        let mut at = (offset - line_start).max(place.generated).min(line.len());
        while !line.is_char_boundary(at) {
            at -= 1;
        }
        let row_line = place.table.is_some() && place.cell.is_none();
        let cell = match row_line {
            // "| a | b |": the bars before the column say which cell it is in
            true => Some(line[..at].matches('|').count().max(1)),
            false => place.cell,
        };
        let mut rest = &line[at..];
        if row_line {
            // a cell's paragraphs are joined by "; " in the row: quote one paragraph
            rest = rest.trim_start_matches(['|', ' ']);
            rest = rest.split(['|', ';']).next().unwrap_or("");
        }
        if rest.trim().is_empty() {
            rest = &line[place.generated.min(line.len())..];
        }
        let quote: Vec<&str> = rest.split_whitespace().take(QUOTE_WORDS).collect();
        Some(DocxLocation {
            paragraph: place.paragraph,
            table: place.table,
            row: place.row,
            cell,
            quote: quote.join(" "),
        })
    }
}

/// Version of this JSON contract; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "1";

/// Where an item is in the user's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, Default)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range in the file's text.
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Extraction {
    pub schema_version: String,
    pub path: String,
    /// txt, md, docx or pdf.
    pub format: String,
    /// For .docx and .pdf, spans point into the extracted text, not the file's bytes.
    pub spans_refer_to: SpansReferTo,
    pub document_type: DocumentType,
    pub header: Header,
    pub citations: Vec<Citation>,
    pub targets: Vec<Target>,
    pub assignments: Vec<Assignment>,
    pub timelines: Vec<Timeline>,
    pub funding: Vec<Funding>,
    pub sections: Vec<SectionNode>,
    pub tables: Vec<TableOut>,
}

/// What the text is: which type of document, and whether the plan rules apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DocumentType {
    /// "Kế hoạch", "Quyết định", "Công văn"... (grammars/structure.toml, `[[document_type]]`);
    /// null when the type cannot be told or the text is not a document.
    pub name: Option<String>,
    /// What told the type.
    pub evidence: Option<TypeEvidence>,
    /// The type of a document issued with this one ("Kế hoạch" after a Quyết định that
    /// issues it).
    pub attached: Option<String>,
    /// Where that document's type line is.
    pub attached_location: Option<Location>,
    /// The attached document is a plan and this one is not (a Quyết định that issues a
    /// Kế hoạch): the plan rules read the plan from `attached_location` on.
    pub carries_plan: bool,
    /// False for a web article or a Q&A page, even one that quotes a template.
    pub is_document: bool,
    /// The plan rules apply: a plan, a document that carries one, or a document whose type
    /// cannot be told (a plan is never skipped for want of a type line).
    pub is_plan: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TypeEvidence {
    /// The type line under the header ("KẾ HOẠCH").
    Heading,
    /// The abbreviation in the number's symbol ("/QĐ-UBND").
    Symbol,
    /// A Công văn's subject line ("V/v ...").
    Subject,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SpansReferTo {
    FileText,
    ExtractedText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Province,
    District,
    Commune,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Header {
    /// "UBND huyện Đắk R'Lấp", as written in the header (or, failing that, in the enacting
    /// sentence of the preamble: see `issuer_from`).
    pub issuer: Option<String>,
    /// "header" or "preamble": where the issuer was read.
    pub issuer_from: Option<String>,
    pub level: Option<Level>,
    /// "706/KH-UBND"; null when the number is blank ("Số: /KH-UBND").
    pub number: Option<String>,
    /// The symbol even when the number is blank: "KH-UBND".
    pub symbol: Option<String>,
    pub place: Option<String>,
    /// ISO date; null when incomplete.
    pub date: Option<String>,
    /// The parts of the date that are present (a draft may have only month and year).
    pub date_parts: Option<DateParts>,
    pub doc_type: Option<String>,
    pub title: Option<String>,
    pub year: Option<i32>,
    pub period: Option<Period>,
    pub signer: Option<String>,
    /// "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
    pub authority: Option<String>,
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is present.
    pub has_motto: bool,
    /// "Độc lập - Tự do - Hạnh phúc" is present.
    pub has_slogan: bool,
    /// Where each field was found (keys are the field names above).
    pub locations: BTreeMap<String, Location>,
}

impl Header {
    /// A plan issued with a decision has no header of its own: its issuer, number, place,
    /// date and signer are the decision's.
    pub fn take_issue_fields_from(&mut self, issuing: &Header) {
        self.issuer.clone_from(&issuing.issuer);
        self.issuer_from.clone_from(&issuing.issuer_from);
        self.level = issuing.level;
        self.number.clone_from(&issuing.number);
        self.symbol.clone_from(&issuing.symbol);
        self.place.clone_from(&issuing.place);
        self.date.clone_from(&issuing.date);
        self.date_parts = issuing.date_parts;
        self.signer.clone_from(&issuing.signer);
        self.authority.clone_from(&issuing.authority);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DateParts {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CitationRole {
    /// In the preamble or a legal-basis section.
    LegalBasis,
    /// Anywhere else in the plan (body, footnotes, tables, appendices).
    Reference,
    /// In a list of related documents added by a web archive: not part of the plan.
    Related,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Citation {
    /// "Quyết định", "Kế hoạch", ...
    pub kind: String,
    /// Normalized identifier: "919/QĐ-TTg".
    pub number: String,
    pub date: Option<String>,
    pub date_parts: Option<DateParts>,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    pub role: CitationRole,
    /// The section key (profile) the citation is in, if any.
    pub section: Option<String>,
    pub line: usize,
    pub column: usize,
    pub span: Span,
    /// Span of the number alone (what a quick fix replaces).
    pub number_span: Span,
    /// Span of the date ("ngày 01/8/2022"), when there is one.
    pub date_span: Option<Span>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Exact,
    Range,
    AtLeast,
    AtMost,
    Percent,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Target {
    pub kind: TargetKind,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// What is counted: "sản phẩm mới".
    pub unit: Option<String>,
    pub qualifier: Option<String>,
    /// The sentence the target is in.
    pub context: String,
    pub text: String,
    #[serde(flatten)]
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgencyRole {
    /// chủ trì
    Lead,
    /// phối hợp
    Support,
    /// thường trực
    Standing,
    /// tham mưu
    Advise,
    /// named as responsible without a stated role
    Responsible,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Assignment {
    /// As written.
    pub agency: String,
    /// Abbreviations expanded, spacing unified: what matching uses.
    pub normalized: String,
    /// Registry id, when the agency is known.
    pub registry_id: Option<String>,
    pub role: AgencyRole,
    pub tasks: Vec<String>,
    #[serde(flatten)]
    pub location: Location,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Timeline {
    pub text: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub recurrence: Option<String>,
    pub approximate: bool,
    pub continuous: bool,
    /// The task (section title or table row) the timeline belongs to.
    pub task: Option<String>,
    /// Profile key of the section it is in ("results" timelines report the past).
    pub section: Option<String>,
    #[serde(flatten)]
    pub location: Location,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Funding {
    /// Amount in đồng, when stated.
    pub amount_vnd: Option<f64>,
    /// "năm" in "200 triệu đồng/năm".
    pub per: Option<String>,
    /// Sources named: "ngân sách tỉnh", "nguồn xã hội hóa".
    pub sources: Vec<String>,
    pub text: String,
    #[serde(flatten)]
    pub location: Location,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SectionNode {
    /// "I.", "1.", "a)", "Phần thứ nhất"; null for an unnumbered heading.
    pub marker: Option<String>,
    pub title: String,
    /// Profile key: purpose, objectives, tasks, funding, organization, legal_basis, results.
    pub key: Option<String>,
    #[serde(flatten)]
    pub location: Location,
    pub children: Vec<SectionNode>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TableOut {
    pub rows: Vec<Vec<String>>,
    /// Header rows repeated after page breaks, dropped from `rows`.
    pub repeated_header_rows: usize,
    #[serde(flatten)]
    pub location: Location,
}
