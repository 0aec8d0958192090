//! Extraction: from the structure of a plan to the model of `crate::model`.
//!
//! Each submodule fills one part of the model; they share [`Context`], which knows how to
//! turn normalized offsets into locations in the user's file.

mod assignments;
mod citations;
mod document_type;
mod funding;
mod header;
mod tables;
mod targets;
mod timelines;

use crate::model::{Extraction, Format, Location, Plan, SpansReferTo, SCHEMA_VERSION};
use crate::registry::Registry;
use crate::source::{Flavor, SourceText};
use crate::structure::{self, Block, Document, Section, Zone};

impl Plan {
    /// Analyses a decoded text. Markdown presentation is stripped when the text is
    /// Markdown by extension or by look (`**bold**`, `# heading` lines).
    pub fn from_text(path: &str, original: String, format: Format, registry: &Registry) -> Plan {
        let flavor = if format == Format::Md || looks_like_markdown(&original) {
            Flavor::Markdown
        } else {
            Flavor::Plain
        };
        let source = SourceText::new(original, flavor);
        let doc = structure::parse(&source.text);
        let block_keys = block_keys(&source.text, &doc, registry);
        let cx = Context {
            source: &source,
            doc: &doc,
            block_keys: &block_keys,
            registry,
        };
        let header = header::extract(&cx);
        // A schedule without a year ("Quý II") belongs to the plan's year; in a plan for a
        // period it recurs, so it gets no date.
        let default_year = header.year.or(match header.period {
            Some(_) => None,
            None => header.date_parts.and_then(|d| d.year),
        });
        let citations = citations::extract(&cx, header.number.as_deref());
        let document_type = document_type::classify(&cx, &header);
        let model = Extraction {
            schema_version: SCHEMA_VERSION.to_string(),
            path: path.to_string(),
            format: format.name().to_string(),
            spans_refer_to: match format {
                Format::Txt | Format::Md => SpansReferTo::FileText,
                Format::Docx | Format::Pdf => SpansReferTo::ExtractedText,
            },
            document_type,
            citations,
            targets: targets::extract(&cx),
            assignments: assignments::extract(&cx),
            timelines: timelines::extract(&cx, default_year),
            funding: funding::extract(&cx),
            sections: section_nodes(&cx, &doc.sections),
            tables: tables::extract(&cx),
            header,
        };
        Plan {
            path: path.to_string(),
            format,
            source,
            doc,
            block_keys,
            model,
            legacy_encoding: None,
            docx_places: Vec::new(),
        }
    }

    /// Location of a normalized range.
    pub fn location(&self, start: usize, end: usize) -> Location {
        location(&self.source, start, end)
    }

    /// Text of a normalized range, wrapped lines joined.
    pub fn text(&self, start: usize, end: usize) -> String {
        squash(&self.source.text[start..end])
    }
}

/// Lines with Markdown markup that make a .txt file be read as Markdown (its markup is
/// then stripped for parsing; the stray-artifact rule still reports it in a .txt).
const MARKDOWN_LINES: usize = 2;

fn looks_like_markdown(text: &str) -> bool {
    text.lines()
        .take(400)
        .filter(|l| {
            l.contains("**") || l.starts_with("# ") || l.starts_with("## ") || l.contains("<sup>")
        })
        .count()
        >= MARKDOWN_LINES
}

pub(crate) fn location(source: &SourceText, start: usize, end: usize) -> Location {
    let span = source.span(start, end);
    let pos = source.position(span.start);
    Location {
        line: pos.line,
        column: pos.column,
        span,
    }
}

/// Collapses whitespace runs (wrapped lines) into single spaces: the grammars' own.
pub(crate) use crate::grammar::collapse_ws as squash;

pub(crate) struct Context<'a> {
    pub source: &'a SourceText,
    pub doc: &'a Document,
    pub block_keys: &'a [Option<String>],
    pub registry: &'a Registry,
}

impl Context<'_> {
    pub fn text(&self) -> &str {
        &self.source.text
    }
    pub fn location(&self, start: usize, end: usize) -> Location {
        location(self.source, start, end)
    }
    /// Paragraphs of the given zones, with their block index.
    pub fn paragraphs<'b>(
        &'b self,
        zones: &'b [Zone],
    ) -> impl Iterator<Item = (usize, &'b structure::Paragraph)> + 'b {
        self.doc
            .blocks
            .iter()
            .enumerate()
            .filter(move |(i, _)| zones.contains(&self.doc.zones[*i]))
            .filter_map(|(i, b)| match b {
                Block::Paragraph(p) => Some((i, p)),
                Block::Table(_) => None,
            })
    }
    pub fn key(&self, block: usize) -> Option<&str> {
        self.block_keys[block].as_deref()
    }
    /// Title of the innermost section containing a block.
    pub fn section_title(&self, block: usize) -> Option<String> {
        fn find(sections: &[Section], block: usize) -> Option<&Section> {
            let s = sections
                .iter()
                .find(|s| s.heading <= block && block < s.blocks_end)?;
            find(&s.children, block).or(Some(s))
        }
        let s = find(&self.doc.sections, block)?;
        Some(squash(&self.text()[s.title_start..s.title_end]))
    }
}

fn block_keys(text: &str, doc: &Document, registry: &Registry) -> Vec<Option<String>> {
    /// A heading longer than this is a numbered paragraph, not a section title.
    const MAX_TITLE_WORDS: usize = 20;
    // A section takes its own key only where its parent has none or is a "Phần" (a
    // container of sections): "c) Yêu cầu" under the tasks stays a task.
    fn walk(
        text: &str,
        sections: &[Section],
        inherited: Option<&str>,
        container: bool,
        registry: &Registry,
        out: &mut [Option<String>],
    ) {
        for s in sections {
            let title = squash(&text[s.title_start..s.title_end]);
            let own = if inherited.is_none() || container {
                (title.split_whitespace().count() <= MAX_TITLE_WORDS)
                    .then(|| registry.classify_heading(&title))
                    .flatten()
            } else {
                None
            };
            let key = own.or(inherited);
            for k in out.iter_mut().take(s.blocks_end).skip(s.heading) {
                *k = key.map(str::to_string);
            }
            let is_part = matches!(s.marker, Some(crate::grammar::Marker::Part(_)));
            walk(text, &s.children, key, is_part, registry, out);
        }
    }
    let mut out = vec![None; doc.blocks.len()];
    walk(text, &doc.sections, None, true, registry, &mut out);
    out
}

fn section_nodes(cx: &Context, sections: &[Section]) -> Vec<crate::model::SectionNode> {
    sections
        .iter()
        .map(|s| {
            let start = cx.doc.blocks[s.heading].start();
            let marker = match &cx.doc.blocks[s.heading] {
                Block::Paragraph(p) if s.marker.is_some() => {
                    Some(cx.text()[p.start..p.body_start].trim().to_string())
                }
                _ => None,
            };
            crate::model::SectionNode {
                marker,
                title: squash(&cx.text()[s.title_start..s.title_end]),
                key: cx.key(s.heading).map(str::to_string),
                location: cx.location(start, s.title_end.max(start)),
                children: section_nodes(cx, &s.children),
            }
        })
        .collect()
}
