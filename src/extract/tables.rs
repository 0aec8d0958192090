//! Tables as rows of cell texts, page-break header repeats dropped.

use super::{squash, Context};
use crate::model::TableOut;
use crate::structure::Block;

pub(super) fn extract(cx: &Context) -> Vec<TableOut> {
    cx.doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if !t.rows.is_empty() => Some(TableOut {
                rows: t
                    .rows
                    .iter()
                    .filter(|r| !r.repeated_header && !r.cells.is_empty())
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| squash(&cx.text()[c.start..c.end]))
                            .collect()
                    })
                    .collect(),
                repeated_header_rows: t.rows.iter().filter(|r| r.repeated_header).count(),
                location: cx.location(t.start(), t.end()),
            }),
            _ => None,
        })
        .collect()
}

/// Column titles of a table and the index of its first data row. A second header row
/// (first cell empty, as under a merged "Lộ trình" title) is merged into the first.
pub(super) fn column_headers(cx: &Context, t: &crate::structure::Table) -> (Vec<String>, usize) {
    let cell = |r: &crate::structure::Row, k: usize| {
        r.cells
            .get(k)
            .map_or(String::new(), |c| squash(&cx.text()[c.start..c.end]))
    };
    let Some(first) = t.rows.first() else {
        return (Vec::new(), 0);
    };
    let width = t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut heads: Vec<String> = (0..width).map(|k| cell(first, k)).collect();
    let mut data = 1;
    if let Some(second) = t.rows.get(1) {
        if cell(second, 0).is_empty() {
            for (k, h) in heads.iter_mut().enumerate() {
                let below = cell(second, k);
                if !below.is_empty() {
                    *h = if h.is_empty() {
                        below
                    } else {
                        format!("{h} {below}")
                    };
                }
            }
            data = 2;
        }
    }
    (heads, data)
}

/// The cell that says what a row is about: the longest text cell.
pub(super) fn row_subject(cx: &Context, r: &crate::structure::Row) -> Option<String> {
    r.cells
        .iter()
        .map(|c| squash(&cx.text()[c.start..c.end]))
        .filter(|s| s.chars().any(char::is_alphabetic))
        .max_by_key(|s| s.chars().count())
}
