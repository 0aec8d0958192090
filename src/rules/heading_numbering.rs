//! heading-numbering: sibling headings (I, II; 1, 2; a, b) and numbered table rows must
//! follow each other without gaps or repeats.

use super::{Emitter, Rule, RuleContext};
use crate::grammar::heading::{letter_index, to_roman as roman, Marker};
use crate::structure::{Block, Section, Table};

pub struct HeadingNumbering;

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

impl Rule for HeadingNumbering {
    fn name(&self) -> &'static str {
        "heading-numbering"
    }

    fn check(&self, cx: &RuleContext, out: &mut Emitter) {
        siblings(cx, &cx.plan.doc.sections, out);
        for b in &cx.plan.doc.blocks {
            if let Block::Table(t) = b {
                table_rows(cx, t, out);
            }
        }
    }
}

fn report(
    cx: &RuleContext,
    out: &mut Emitter,
    prev: Option<&Marker>,
    m: &Marker,
    (s, e): (usize, usize),
) {
    let found = cx.text()[s..e].trim().to_string();
    let repeated = prev.is_some_and(|p| ordinal(p) == ordinal(m));
    let (msg, expected) = match prev {
        Some(p) => {
            let expected = expected_after(p);
            let what = if repeated {
                cx.t("bị lặp lại", "is repeated")
            } else {
                cx.t(
                    "không liền sau số trước",
                    "does not follow the previous number",
                )
            };
            (
                format!(
                    "{} “{found}” {what}; {} “{expected}”.",
                    cx.t("Số thứ tự", "Number"),
                    cx.t("số đúng là", "expected")
                ),
                expected,
            )
        }
        None => {
            let expected = match m {
                Marker::Letter(c) if c.is_uppercase() => "A)".to_string(),
                Marker::Letter(_) => "a)".to_string(),
                Marker::Roman(_) => "I.".to_string(),
                _ => "1.".to_string(),
            };
            (
                format!(
                    "{} “{found}” {} “{expected}”.",
                    cx.t(
                        "Đề mục đầu tiên cùng cấp đánh số",
                        "The first sibling is numbered"
                    ),
                    cx.t("thay vì", "instead of")
                ),
                expected,
            )
        }
    };
    let desc = format!("{} “{expected}”", cx.t("Đánh số lại thành", "Renumber as"));
    let fix = out.fix(s, e, expected, desc);
    out.emit(s, e, msg).fix = Some(fix);
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
    let found = cx.text()[range.0..range.1].trim().to_string();
    let expected = match (prev, m) {
        (Some(Marker::Arabic(p)), _) => (p + 1).to_string(),
        (Some(Marker::Roman(p)), _) => roman(p + 1),
        (None, Marker::Roman(_)) => "I".into(),
        _ => "1".into(),
    };
    let what = if prev.is_some_and(|p| p == m) {
        cx.t("bị lặp lại", "is repeated")
    } else {
        cx.t(
            "không liền sau dòng trước",
            "does not follow the previous row",
        )
    };
    let msg = format!(
        "{} “{found}” {what}; {} “{expected}”.",
        cx.t("Số thứ tự dòng trong bảng", "Table row number"),
        cx.t("số đúng là", "expected")
    );
    let desc = format!("{} “{expected}”", cx.t("Đánh số lại thành", "Renumber as"));
    let fix = out.fix(range.0, range.1, expected, desc);
    out.emit(range.0, range.1, msg).fix = Some(fix);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, clean_with, CLEAN_PLAN};

    #[test]
    fn silent_on_consecutive_numbers() {
        assert!(check("heading-numbering", CLEAN_PLAN).is_empty());
    }

    #[test]
    fn fires_on_repeat_and_skip_with_fix() {
        let t = clean_with("2. Mục tiêu cụ thể", "1. Mục tiêu cụ thể");
        let d = check("heading-numbering", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("lặp lại"));
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "2.");
        let t = clean_with("IV. KINH PHÍ", "VI. KINH PHÍ");
        let d = check("heading-numbering", &t);
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "IV.");
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
        let d = check("heading-numbering", &t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].fix.as_ref().unwrap().replacement, "2");
    }
}
