//! heading-numbering: sibling headings (I, II; 1, 2; a, b) and numbered table rows must
//! follow each other without gaps or repeats.

use super::{Applicability, Emitter, RuleContext, Violation};
use crate::grammar::heading::{letter_index, to_roman as roman, Marker};
use crate::i18n::Lang;
use crate::structure::{Block, Section, Table};
use serde::Serialize;

/// A heading or table row numbered out of sequence, with the number it should have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadingNumbering {
    /// What is wrong.
    pub kind: Problem,
    /// The number as written: "1.", "VI.", "3".
    pub found: String,
    /// The number it should have (the fix): "2.", "IV.", "2".
    pub expected: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// The first of its siblings is not numbered 1 (I., a)).
    FirstSibling,
    /// A heading repeats the previous sibling's number.
    RepeatedHeading,
    /// A heading's number does not follow the previous sibling's.
    HeadingGap,
    /// A table row repeats the previous row's number.
    RepeatedRow,
    /// A table row's number does not follow the previous row's (or the first is not 1).
    RowGap,
}

impl Violation for HeadingNumbering {
    fn message(&self, lang: Lang) -> String {
        let (found, expected) = (&self.found, &self.expected);
        match (self.kind, lang) {
            (Problem::FirstSibling, Lang::Vi) => {
                format!("Đề mục đầu tiên cùng cấp đánh số “{found}” thay vì “{expected}”.")
            }
            (Problem::FirstSibling, Lang::En) => {
                format!("The first sibling is numbered “{found}” instead of “{expected}”.")
            }
            (Problem::RepeatedHeading, Lang::Vi) => {
                format!("Số thứ tự “{found}” bị lặp lại; số đúng là “{expected}”.")
            }
            (Problem::RepeatedHeading, Lang::En) => {
                format!("Number “{found}” is repeated; expected “{expected}”.")
            }
            (Problem::HeadingGap, Lang::Vi) => {
                format!("Số thứ tự “{found}” không liền sau số trước; số đúng là “{expected}”.")
            }
            (Problem::HeadingGap, Lang::En) => format!(
                "Number “{found}” does not follow the previous number; expected “{expected}”."
            ),
            (Problem::RepeatedRow, Lang::Vi) => {
                format!("Số thứ tự dòng trong bảng “{found}” bị lặp lại; số đúng là “{expected}”.")
            }
            (Problem::RepeatedRow, Lang::En) => {
                format!("Table row number “{found}” is repeated; expected “{expected}”.")
            }
            (Problem::RowGap, Lang::Vi) => format!(
                "Số thứ tự dòng trong bảng “{found}” không liền sau dòng trước; số đúng là \
                 “{expected}”."
            ),
            (Problem::RowGap, Lang::En) => format!(
                "Table row number “{found}” does not follow the previous row; expected \
                 “{expected}”."
            ),
        }
    }

    fn fix_title(&self, lang: Lang) -> Option<String> {
        let expected = &self.expected;
        Some(match lang {
            Lang::Vi => format!("Đánh số lại thành “{expected}”"),
            Lang::En => format!("Renumber as “{expected}”"),
        })
    }
}

/// The kind of a marker and its number in its own sequence.
fn ordinal(m: &Marker) -> Option<(u8, Vec<u32>)> {
    Some(match m {
        Marker::Part(n) => (0, vec![*n]),
        Marker::Roman(n) => (1, vec![*n]),
        Marker::Arabic(n) => (2, vec![*n]),
        Marker::Dotted(v) => (3, v.clone()),
        Marker::Letter(c) => (4, vec![letter_index(*c)?]),
        Marker::Ordinal(n) => (5, vec![*n]),
        Marker::Bullet(_) => return None,
    })
}

/// Letters follow the Vietnamese sequence (a b c d đ e g h ...); plans also commonly skip
/// "đ" (a b c d e), which is accepted.
fn letter_follows(prev: char, next: char) -> bool {
    let (Some(p), Some(n)) = (letter_index(prev), letter_index(next)) else {
        return false;
    };
    n == p + 1 || (prev == 'd' && next == 'e') || (prev == 'D' && next == 'E')
}

fn follows(prev: &Marker, next: &Marker) -> bool {
    match (prev, next) {
        (Marker::Letter(p), Marker::Letter(n)) => letter_follows(*p, *n),
        (Marker::Dotted(p), Marker::Dotted(n)) => {
            p.len() == n.len()
                && p[..p.len() - 1] == n[..n.len() - 1]
                && n.last() == p.last().map(|l| l + 1).as_ref()
        }
        _ => match (ordinal(prev), ordinal(next)) {
            (Some((_, p)), Some((_, n))) => n[0] == p[0] + 1,
            _ => true,
        },
    }
}

fn first_ok(m: &Marker) -> bool {
    match m {
        Marker::Letter(c) => letter_index(*c) == Some(1),
        Marker::Dotted(v) => v.last() == Some(&1),
        _ => ordinal(m).is_none_or(|(_, n)| n[0] == 1),
    }
}

fn expected_after(prev: &Marker) -> String {
    match prev {
        Marker::Part(n) => format!("Phần {}", n + 1),
        Marker::Roman(n) => format!("{}.", roman(n + 1)),
        Marker::Arabic(n) => format!("{}.", n + 1),
        Marker::Dotted(v) => {
            let mut v = v.clone();
            if let Some(l) = v.last_mut() {
                *l += 1;
            }
            format!(
                "{}.",
                v.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
            )
        }
        Marker::Letter(c) => {
            const SEQ: &str = "abcdđeghiklmnopqrstuvxy";
            let i = letter_index(*c).unwrap_or(1) as usize;
            let n = SEQ.chars().nth(i).unwrap_or('?');
            if c.is_uppercase() {
                format!("{})", n.to_uppercase())
            } else {
                format!("{n})")
            }
        }
        Marker::Ordinal(n) => format!("{}", n + 1),
        Marker::Bullet(b) => b.to_string(),
    }
}

pub(super) fn check(cx: &RuleContext, out: &mut Emitter) {
    siblings(cx, &cx.plan.doc.sections, out);
    for b in &cx.plan.doc.blocks {
        if let Block::Table(t) = b {
            table_rows(cx, t, out);
        }
    }
}

/// A finding over the normalized range `s..e` (a heading's marker with the space after it,
/// or a table cell), with its fix; the renumbering is certain.
fn emit(
    cx: &RuleContext,
    out: &mut Emitter,
    kind: Problem,
    expected: String,
    (s, e): (usize, usize),
) {
    let raw = &cx.text()[s..e];
    let found = raw.trim().to_string();
    // The fix replaces the number alone: the space after "1." is what keeps the heading a
    // heading ("2.Mục tiêu" is not one).
    let at = s + (raw.len() - raw.trim_start().len());
    let fix = out.fix(at, at + found.len(), expected.clone(), Applicability::Safe);
    let finding = HeadingNumbering {
        kind,
        found,
        expected,
    };
    out.emit(s, e, finding).fix = Some(fix);
}

fn report(
    cx: &RuleContext,
    out: &mut Emitter,
    prev: Option<&Marker>,
    m: &Marker,
    range: (usize, usize),
) {
    let repeated = prev.is_some_and(|p| ordinal(p) == ordinal(m));
    let (kind, expected) = match prev {
        Some(p) if repeated => (Problem::RepeatedHeading, expected_after(p)),
        Some(p) => (Problem::HeadingGap, expected_after(p)),
        None => {
            let expected = match m {
                Marker::Letter(c) if c.is_uppercase() => "A)",
                Marker::Letter(_) => "a)",
                Marker::Roman(_) => "I.",
                _ => "1.",
            };
            (Problem::FirstSibling, expected.to_string())
        }
    };
    emit(cx, out, kind, expected, range);
}

fn siblings(cx: &RuleContext, sections: &[Section], out: &mut Emitter) {
    // Compare each heading with the previous sibling of the same kind, and with its
    // position: after "3., 3." a "5." is where it should be, only the repeat is wrong.
    let mut last: Vec<(u8, Marker)> = Vec::new();
    let mut position: Vec<(u8, u32)> = Vec::new();
    for s in sections {
        if let (Some(m), Block::Paragraph(p)) = (&s.marker, &cx.plan.doc.blocks[s.heading]) {
            if let Some((kind, _)) = ordinal(m) {
                let prev = last.iter().find(|(k, _)| *k == kind).map(|(_, m)| m);
                let count = match position.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        position.push((kind, 1));
                        1
                    }
                };
                let at_position = ordinal(m).is_some_and(|(_, n)| n.last() == Some(&count))
                    && !matches!(m, Marker::Letter(_));
                let ok = at_position
                    || match prev {
                        Some(p) => follows(p, m),
                        None => first_ok(m),
                    };
                if !ok {
                    report(cx, out, prev, m, (p.start, p.body_start));
                }
                last.retain(|(k, _)| *k != kind);
                last.push((kind, m.clone()));
            }
        }
        siblings(cx, &s.children, out);
    }
}

/// Numbered rows: the first column counts 1, 2, 3 within groups headed by Roman rows.
fn table_rows(cx: &RuleContext, t: &Table, out: &mut Emitter) {
    let mut prev_num: Option<u32> = None;
    let mut prev_group: Option<u32> = None;
    for r in t.rows.iter().filter(|r| !r.repeated_header) {
        let Some(c) = r.cells.first() else { continue };
        let cell = cx.text()[c.start..c.end].trim().trim_end_matches('.');
        if let Ok(n) = cell.parse::<u32>() {
            let ok = match prev_num {
                Some(p) => n == p + 1,
                None => n == 1,
            };
            if !ok {
                let prev = prev_num.map(Marker::Arabic);
                report_cell(cx, out, prev.as_ref(), &Marker::Arabic(n), (c.start, c.end));
            }
            prev_num = Some(n);
        } else if let Some(g) =
            crate::grammar::heading::parse_marker(&format!("{cell}.")).and_then(|m| {
                match m.marker {
                    Marker::Roman(g)
                        if !cell.is_empty() && cell.chars().all(|ch| "IVXLC".contains(ch)) =>
                    {
                        Some(g)
                    }
                    _ => None,
                }
            })
        {
            let ok = prev_group.map_or(g == 1, |p| g == p + 1);
            if !ok {
                let prev = prev_group.map(Marker::Roman);
                report_cell(cx, out, prev.as_ref(), &Marker::Roman(g), (c.start, c.end));
            }
            prev_group = Some(g);
            prev_num = None;
        }
    }
}

fn report_cell(
    cx: &RuleContext,
    out: &mut Emitter,
    prev: Option<&Marker>,
    m: &Marker,
    range: (usize, usize),
) {
    // Table cells carry bare numbers: "3", "II".
    let expected = match (prev, m) {
        (Some(Marker::Arabic(p)), _) => (p + 1).to_string(),
        (Some(Marker::Roman(p)), _) => roman(p + 1),
        (None, Marker::Roman(_)) => "I".into(),
        _ => "1".into(),
    };
    let kind = if prev.is_some_and(|p| p == m) {
        Problem::RepeatedRow
    } else {
        Problem::RowGap
    };
    emit(cx, out, kind, expected, range);
}

#[cfg(test)]
mod tests {
    use super::{HeadingNumbering, Problem};
    use crate::i18n::Lang;
    use crate::rules::testing::{apply_fixes, check, clean_with, CLEAN_PLAN};
    use crate::rules::{Finding, RuleId};

    fn facts(d: &crate::rules::Diagnostic) -> &HeadingNumbering {
        let Finding::HeadingNumbering(f) = &d.finding else {
            panic!("{d:?}")
        };
        f
    }

    #[test]
    fn silent_on_consecutive_numbers() {
        assert!(check(RuleId::HeadingNumbering, CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_repeat_and_skip_with_fix() {
        let t = clean_with("2. Mục tiêu cụ thể", "1. Mục tiêu cụ thể");
        let d = check(RuleId::HeadingNumbering, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            facts(&d[0]),
            &HeadingNumbering {
                kind: Problem::RepeatedHeading,
                found: "1.".into(),
                expected: "2.".into(),
            }
        );
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "2.");
        assert!(check(RuleId::HeadingNumbering, &apply_fixes(&t, &d)).is_empty());
        let t = clean_with("IV. KINH PHÍ", "VI. KINH PHÍ");
        let d = check(RuleId::HeadingNumbering, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(facts(&d[0]).kind, Problem::HeadingGap);
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "IV.");
        assert!(check(RuleId::HeadingNumbering, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn letters_follow_the_vietnamese_alphabet() {
        assert!(super::letter_follows('d', 'đ'));
        assert!(super::letter_follows('d', 'e'));
        assert!(super::letter_follows('e', 'g'));
        assert!(!super::letter_follows('a', 'c'));
    }

    #[test]
    fn table_rows_are_numbered_within_groups() {
        let t = clean_with(
            "IV. KINH PHÍ THỰC HIỆN",
            "TT\tNội dung\tGhi chú\nI\tNhóm một\t\n1\tA\tx\n2\tB\tx\nII\tNhóm hai\t\n1\tC\tx\n1\tD\tx\n\nIV. KINH PHÍ THỰC HIỆN",
        );
        let d = check(RuleId::HeadingNumbering, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            facts(&d[0]),
            &HeadingNumbering {
                kind: Problem::RepeatedRow,
                found: "1".into(),
                expected: "2".into(),
            }
        );
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "2");
        assert!(check(RuleId::HeadingNumbering, &apply_fixes(&t, &d)).is_empty());
    }

    #[test]
    fn messages_in_both_languages() {
        let t = clean_with("IV. KINH PHÍ", "VI. KINH PHÍ");
        let d = check(RuleId::HeadingNumbering, &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message(Lang::Vi),
            "Số thứ tự “VI.” không liền sau số trước; số đúng là “IV.”."
        );
        assert_eq!(
            d[0].message(Lang::En),
            "Number “VI.” does not follow the previous number; expected “IV.”."
        );
        assert_eq!(d[0].fix_title(Lang::Vi).unwrap(), "Đánh số lại thành “IV.”");
        assert_eq!(d[0].fix_title(Lang::En).unwrap(), "Renumber as “IV.”");
    }
}
