//! count-mismatch: a stated count or total that disagrees with what is listed.
//!
//! Two forms: a group row or heading that states a count ("Sản phẩm đánh giá lại (11 sản
//! phẩm)") against the rows of its group, and a "Tổng cộng" row against the column sums.

use super::{Emitter, RuleContext, Violation};
use crate::extract::squash;
use crate::i18n::{number as qty, Lang};
use crate::structure::{Block, Row, Table};
use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// Which count disagrees.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CountMismatch {
    /// A group row states a count its rows do not add up to.
    Group {
        /// The group row's cells joined, whitespace collapsed.
        group: String,
        /// The count as written: "(2 sản phẩm)".
        stated_text: String,
        stated: f64,
        /// What the rows of the group add up to.
        listed: f64,
    },
    /// A total row's cell is not the sum of the numbered rows above it.
    Total { stated: f64, sum: f64 },
}

impl Violation for CountMismatch {
    fn message(&self, lang: Lang) -> String {
        match self {
            CountMismatch::Group {
                group,
                stated_text,
                listed,
                ..
            } => {
                let listed = qty(*listed);
                match lang {
                    Lang::Vi => format!(
                        "Nhóm “{group}” ghi {stated_text} nhưng bảng liệt kê {listed}. \
                         Đếm lại và sửa số lượng hoặc danh sách."
                    ),
                    Lang::En => format!(
                        "The group “{group}” states {stated_text} but the table lists {listed}. \
                         Recount and correct the count or the list."
                    ),
                }
            }
            CountMismatch::Total { stated, sum } => {
                let (stated, sum) = (qty(*stated), qty(*sum));
                match lang {
                    Lang::Vi => format!(
                        "Dòng tổng ghi {stated} nhưng cộng các dòng phía trên được {sum}. \
                         Kiểm tra lại số liệu."
                    ),
                    Lang::En => format!(
                        "The total row states {stated} but the rows above add up to {sum}. \
                         Check the figures."
                    ),
                }
            }
        }
    }
}

fn stated_count() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    // "(10 sản phẩm)", "(01 sản phẩm)", "gồm 5 sản phẩm"
    P.get_or_init(|| {
        Regex::new(r"\((\d{1,4})\s+(sản phẩm|chủ thể|đơn vị|nội dung|nhiệm vụ|xã|huyện)\)").unwrap()
    })
}

/// Words of a total row's first text cell.
const TOTAL_WORDS: &[&str] = &["tổng cộng", "tổng số", "cộng", "tổng"];

fn number(s: &str) -> Option<f64> {
    let t = s.trim().replace('.', "").replace(',', ".");
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    t.parse().ok()
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    for b in &cx.plan.doc.blocks {
        if let Block::Table(t) = b {
            group_counts(cx, t, out);
            totals(cx, t, out);
        }
    }
}

fn cell<'a>(cx: &'a RuleContext, r: &Row, k: usize) -> &'a str {
    r.cells
        .get(k)
        .map_or("", |c| cx.text()[c.start..c.end].trim())
}

/// A group row (first cell a Roman numeral) stating "(N sản phẩm)" heads the rows up to
/// the next group row. Items are counted from the "Tổng số"/"Số lượng" column when there
/// is one, else as rows.
fn group_counts(cx: &RuleContext, t: &Table, out: &mut Emitter) {
    let rows: Vec<&Row> = t.rows.iter().filter(|r| !r.repeated_header).collect();
    let header = rows
        .first()
        .map(|r| {
            (0..r.cells.len())
                .map(|k| cell(cx, r, k).to_lowercase())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let qty_col = header
        .iter()
        .position(|h| h.contains("tổng số") || h.contains("số lượng"));
    let is_group = |r: &Row| {
        let c = cell(cx, r, 0);
        !c.is_empty() && c.chars().all(|ch| "IVXL".contains(ch))
    };
    let mut i = 0;
    while i < rows.len() {
        if !is_group(rows[i]) {
            i += 1;
            continue;
        }
        let g = rows[i];
        let label = g
            .cells
            .iter()
            .map(|c| &cx.text()[c.start..c.end])
            .collect::<Vec<_>>()
            .join(" ");
        let mut j = i + 1;
        let mut items = 0.0;
        while j < rows.len() && !is_group(rows[j]) && !is_total(cx, rows[j]) {
            items += match qty_col {
                Some(q) => number(cell(cx, rows[j], q)).unwrap_or(0.0),
                None => f64::from(u8::from(number(cell(cx, rows[j], 0)).is_some())),
            };
            j += 1;
        }
        if let Some(c) = stated_count().captures(&label) {
            let stated: f64 = c[1].parse().unwrap_or(0.0);
            if (stated - items).abs() > 0.5 {
                let m = c.get(0).unwrap();
                let (s, e) = locate(cx, g, m.as_str());
                let finding = CountMismatch::Group {
                    group: squash(&label),
                    stated_text: c[0].to_string(),
                    stated,
                    listed: items,
                };
                out.emit(s, e, finding);
            }
        }
        i = j;
    }
}

fn is_total(cx: &RuleContext, r: &Row) -> bool {
    let first = r
        .cells
        .iter()
        .map(|c| cx.text()[c.start..c.end].trim())
        .find(|c| !c.is_empty())
        .unwrap_or("")
        .to_lowercase();
    TOTAL_WORDS
        .iter()
        .any(|w| first == *w || first.starts_with(&format!("{w} ")))
}

/// Where `needle` is inside a row (for the diagnostic's span).
fn locate(cx: &RuleContext, r: &Row, needle: &str) -> (usize, usize) {
    let (s, e) = (r.start, r.end);
    match cx.text()[s..e].find(needle) {
        Some(k) => (s + k, s + k + needle.len()),
        None => (s, e),
    }
}

/// A total row: each numeric cell must equal the sum of the numbered rows above it in
/// the same column. Total rows often lose the first (STT) cell, so columns are aligned
/// from the right.
fn totals(cx: &RuleContext, t: &Table, out: &mut Emitter) {
    let rows: Vec<&Row> = t.rows.iter().filter(|r| !r.repeated_header).collect();
    for (ti, total) in rows.iter().enumerate() {
        if !is_total(cx, total) {
            continue;
        }
        let data: Vec<&Row> = rows[..ti]
            .iter()
            .copied()
            .filter(|r| number(cell(cx, r, 0)).is_some())
            .collect();
        if data.len() < 2 {
            continue;
        }
        let width = total.cells.len();
        for (k, c) in total.cells.iter().enumerate() {
            let Some(stated) = number(&cx.text()[c.start..c.end]) else {
                continue;
            };
            let from_right = width - k;
            let sum: f64 = data
                .iter()
                .filter_map(|r| {
                    r.cells
                        .len()
                        .checked_sub(from_right)
                        .and_then(|i| number(cell(cx, r, i)))
                })
                .sum();
            if (stated - sum).abs() > 0.5 {
                out.emit(c.start, c.end, CountMismatch::Total { stated, sum });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CountMismatch;
    use crate::i18n::Lang;
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    const TABLE: &str = "TT\tTên chủ thể\tSản phẩm\tTổng số\nI\tSản phẩm mới (3 sản phẩm)\t\t\n1\tHTX A\tMật ong\t1\n2\tHTX B\tGạo\t1\n\t\tNếp\t1\nII\tSản phẩm nâng hạng (2 sản phẩm)\t\t\n1\tHTX C\tChè\t1\n\nSTT | Huyện | Số lượng |\n1 | Huyện A | 7 |\n2 | Huyện B | 9 |\nTổng cộng | 16 |\n\nIV. KINH PHÍ THỰC HIỆN";

    #[test]
    fn silent_when_counts_agree() {
        assert!(check(RuleId::CountMismatch, CLEAN_PLAN).is_empty());
        let t = clean_with(
            "IV. KINH PHÍ THỰC HIỆN",
            &TABLE.replace("(2 sản phẩm)", "(1 sản phẩm)"),
        );
        let d = check(RuleId::CountMismatch, &t);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn fires_on_group_count_and_total() {
        let t = clean_with(
            "IV. KINH PHÍ THỰC HIỆN",
            &TABLE.replace("Tổng cộng | 16", "Tổng cộng | 17"),
        );
        let d = check(RuleId::CountMismatch, &t);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            d[0].finding,
            Finding::CountMismatch(CountMismatch::Group {
                group: "II Sản phẩm nâng hạng (2 sản phẩm)".into(),
                stated_text: "(2 sản phẩm)".into(),
                stated: 2.0,
                listed: 1.0,
            })
        );
        assert_eq!(
            d[1].finding,
            Finding::CountMismatch(CountMismatch::Total {
                stated: 17.0,
                sum: 16.0
            })
        );
        assert!(d.iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn messages_in_both_languages() {
        let t = clean_with(
            "IV. KINH PHÍ THỰC HIỆN",
            &TABLE.replace("Tổng cộng | 16", "Tổng cộng | 17"),
        );
        let d = check(RuleId::CountMismatch, &t);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Nhóm “II Sản phẩm nâng hạng (2 sản phẩm)” ghi (2 sản phẩm) nhưng bảng liệt kê 1. \
             Đếm lại và sửa số lượng hoặc danh sách."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "The group “II Sản phẩm nâng hạng (2 sản phẩm)” states (2 sản phẩm) but the table \
             lists 1. Recount and correct the count or the list."
        );
        assert_eq!(
            d[1].message(Lang::Vi),
            "Dòng tổng ghi 17 nhưng cộng các dòng phía trên được 16. Kiểm tra lại số liệu."
        );
        assert_eq!(
            d[1].message(Lang::En),
            "The total row states 17 but the rows above add up to 16. Check the figures."
        );
    }
}
