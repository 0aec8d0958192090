//! Timelines: "Thời gian thực hiện: Quý II/2024", dates in task sentences, schedule
//! columns of tables and `X` marks under month columns, each linked to its task.

use std::sync::LazyLock;

use regex::Regex;

use super::tables::{column_headers, row_subject};
use super::{squash, Context};
use crate::grammar::prefix_len_ignore_case;
use crate::grammar::timeline::{find_timelines, parse_timeline, Timeline as Parsed};
use crate::model::Timeline;
use crate::structure::{Block, Zone};

/// Labels that introduce a schedule ("Thời gian thực hiện:", "Tiến độ:").
const LABELS: &[&str] = &["thời gian", "thời hạn", "tiến độ"];

fn is_label(s: &str) -> bool {
    let s = s.trim_start_matches(['-', '+', '*', '•', ' ']);
    LABELS
        .iter()
        .any(|w| prefix_len_ignore_case(s, w).is_some())
}

fn to_model(
    t: Parsed,
    task: Option<String>,
    section: Option<&str>,
    location: crate::model::Location,
) -> Timeline {
    let iso = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    Timeline {
        text: squash(&t.text),
        from: iso(t.from),
        to: iso(t.to),
        recurrence: t.recurrence,
        approximate: t.approximate,
        continuous: t.continuous,
        task,
        section: section.map(str::to_string),
        location,
    }
}

/// Words a schedule in running text has: a bare "năm 2024" or "giai đoạn 2021-2025" is
/// context, not a schedule.
const SCHEDULE_WORDS: &[&str] = &[
    "tháng",
    "quý",
    "ngày",
    "trước",
    "hoàn thành",
    "dự kiến",
    "/",
];

fn has_schedule_word(text: &str) -> bool {
    // One case-insensitive automaton over the words, not a lowercase copy per paragraph.
    static ANY: LazyLock<Regex> = LazyLock::new(|| {
        let words: Vec<String> = SCHEDULE_WORDS.iter().map(|w| regex::escape(w)).collect();
        Regex::new(&format!("(?i:{})", words.join("|"))).expect("schedule words regex")
    });
    ANY.is_match(text)
}

pub(super) fn extract(cx: &Context, year: Option<i32>) -> Vec<Timeline> {
    let text = cx.text();
    let mut out = Vec::new();
    for (i, b) in cx.doc.blocks.iter().enumerate() {
        if !matches!(cx.doc.zones[i], Zone::Body | Zone::Appendix) {
            continue;
        }
        match b {
            Block::Paragraph(p) => {
                let para = &text[p.body_start..p.end];
                let labelled = is_label(para);
                // Most paragraphs name no schedule: skip the timeline grammar for them.
                if !labelled && !has_schedule_word(para) {
                    continue;
                }
                for (s, e, t) in find_timelines(para, year) {
                    if labelled || has_schedule_word(&t.text) {
                        let loc = cx.location(p.body_start + s, p.body_start + e);
                        out.push(to_model(t, cx.section_title(i), cx.key(i), loc));
                    }
                }
            }
            Block::Table(t) => {
                let (heads, data) = column_headers(cx, t);
                for r in t.rows.iter().skip(data).filter(|r| !r.repeated_header) {
                    let task = row_subject(cx, r);
                    for (k, c) in r.cells.iter().enumerate() {
                        let cell = squash(&text[c.start..c.end]);
                        let head = heads.get(k).map_or("", String::as_str);
                        let parsed = if cell.eq_ignore_ascii_case("x") {
                            // An X under a month column: the column is the schedule.
                            parse_timeline(head, year)
                        } else if is_label(head) {
                            parse_timeline(&cell, year)
                        } else {
                            None
                        };
                        if let Some(tl) = parsed {
                            out.push(to_model(
                                tl,
                                task.clone(),
                                cx.key(i),
                                cx.location(c.start, c.end),
                            ));
                        }
                    }
                }
            }
        }
    }
    out
}
