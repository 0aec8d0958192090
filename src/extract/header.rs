//! Header: issuing body, number, place and date, document type, title, year or period,
//! and the signature block of the closing.

use super::{squash, Context};
use crate::grammar::date::{find_dates, parse_date};
use crate::grammar::prefix_len_ignore_case;
use crate::model::{DateParts, Header, Level, Period};
use crate::structure::{Block, Zone};
use crate::vocab::{contains_any, starts_with_any, Vocab};
use regex::Regex;
use std::sync::OnceLock;

/// One line of the header or closing, wherever it came from (paragraph line or table cell).
struct Item {
    start: usize,
    end: usize,
}

fn items(cx: &Context, zones: &[Zone]) -> Vec<Item> {
    let text = cx.text();
    let mut out = Vec::new();
    for (i, b) in cx.doc.blocks.iter().enumerate() {
        if !zones.contains(&cx.doc.zones[i]) {
            continue;
        }
        match b {
            Block::Paragraph(p) => {
                let mut at = p.start;
                for line in text[p.start..p.end].split('\n') {
                    out.push(Item {
                        start: at,
                        end: at + line.len(),
                    });
                    at += line.len() + 1;
                }
            }
            Block::Table(t) => {
                for c in t.rows.iter().flat_map(|r| &r.cells) {
                    out.push(Item {
                        start: c.start,
                        end: c.end,
                    });
                }
            }
        }
    }
    out
}

struct Patterns {
    number: Regex,
    place_date: Regex,
    year: Regex,
    period: Regex,
    enacting_issuer: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // "Số: 706/KH-UBND", "Số:   /KH-UBND", "Số 12 /KH-UBND", "Số: 87/2025/QĐ-UBND"
        number: Regex::new(r"(?i)^\s*số(?:\s*hiệu)?\s*:?\s*(\d*)\s*/\s*(?:((?:19|20)\d\d)\s*/\s*)?([\p{Lu}\p{Ll}0-9&]+(?:\s*-\s*[\p{Lu}\p{Ll}0-9&]+)*)")
            .unwrap(),
        // "Ninh Thuận, ngày 21 tháng 02 năm 2024"
        place_date: Regex::new(r"([\p{L}][\p{L}'’ .\-]*?)\s*,\s*(ngày\b.*)$").unwrap(),
        year: Regex::new(r"(?i)\bnăm\s+((?:19|20)\d\d)\b").unwrap(),
        period: Regex::new(r"(?i)(?:giai\s+đoạn\s+)?((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)").unwrap(),
        // "Ủy ban nhân dân huyện Đắk R'Lấp ban hành", "UBND tỉnh ban hành"
        // The body and unit words are grammars/structure.toml's `issuer_body` and
        // `unit_level`.
        enacting_issuer: {
            let v = Vocab::get();
            let alternatives = |words: Vec<String>| {
                let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
                escaped.join("|")
            };
            let bodies = alternatives(v.issuer_body.iter().map(|b| b.to_lowercase()).collect());
            let units = alternatives(v.unit_words(&[]).map(str::to_string).collect());
            Regex::new(&format!(
                r"(?i:({bodies})\s+({units}))((?:\s+[\p{{Lu}}][\p{{L}}'’\-]*)*)"
            ))
            .unwrap()
        },
    })
}

/// "ĐẮK R'LẤP" -> "Đắk R'Lấp".
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

fn level_of(unit: &str) -> Option<Level> {
    let up = unit.to_uppercase();
    let v = Vocab::get();
    let level = v
        .unit_level
        .iter()
        .filter(|u| u.words.iter().any(|w| up.starts_with(w.as_str())))
        .max_by_key(|u| {
            u.words
                .iter()
                .filter(|w| up.starts_with(w.as_str()))
                .map(|w| w.len())
                .max()
        })?;
    match level.level.as_str() {
        "province" => Some(Level::Province),
        "district" => Some(Level::District),
        "commune" => Some(Level::Commune),
        _ => None,
    }
}

/// Splits "HUYỆN ĐẮK R'LẤP" into the unit word and the name.
fn split_unit(line: &str) -> Option<(String, String)> {
    let up = line.trim().to_uppercase();
    let v = Vocab::get();
    let word = v
        .unit_level
        .iter()
        .flat_map(|u| &u.words)
        .filter(|w| up.starts_with(w.as_str()) && up[w.len()..].starts_with(' '))
        .max_by_key(|w| w.len())?;
    let name = line.trim()[word.len()..].trim();
    Some((word.to_lowercase(), title_case(name)))
}

pub(super) fn extract(cx: &Context) -> Header {
    let text = cx.text();
    let v = Vocab::get();
    let p = patterns();
    let mut h = Header::default();
    let head = items(cx, &[Zone::Header]);
    // Web copies wrap every field mid-phrase ("CỘNG HÒA XÃ HỘI / CHỦ NGHĨA VIỆT NAM",
    // "Số: / 7360/KH-UBND", "Lai Châu, ngày / 19 tháng 11 năm 2025"): a field is read from
    // its first line joined with as few of the next ones as it needs.
    for (k, it) in head.iter().enumerate() {
        let line = &text[it.start..it.end];
        let span = |w: usize| (it.start, head[k + w - 1].end);
        if !h.has_slogan
            && field_lines(text, &head, k, |j| contains_any(j, &v.motto_slogan)).is_some()
        {
            h.has_slogan = true;
        }
        if !h.has_motto {
            if let Some(w) = field_lines(text, &head, k, |j| contains_any(j, &v.motto)) {
                h.has_motto = true;
                let (s, e) = span(w);
                h.locations.insert("motto".into(), cx.location(s, e));
            }
        }
        // Issuing body: "ỦY BAN NHÂN DÂN" then "HUYỆN X" (or both on one line).
        let body_len = |j: &str| {
            v.issuer_body
                .iter()
                .filter_map(|b| prefix_len_ignore_case(j, b))
                .max()
        };
        let body_lines = match h.issuer {
            None => field_lines(text, &head, k, |j| body_len(j).is_some()),
            Some(_) => None,
        };
        if let Some(w) = body_lines {
            let (first, _) = joined(text, &head, k, w).unwrap_or_default();
            let rest = first[body_len(&first).unwrap_or(0)..].trim();
            let (s, e) = span(w);
            let unit = split_unit(rest).map(|u| (u, s, e)).or_else(|| {
                let next = head.get(k + w)?;
                split_unit(&text[next.start..next.end]).map(|u| (u, s, next.end))
            });
            match unit {
                Some(((word, name), s, e)) => {
                    h.level = level_of(&word);
                    h.issuer = Some(format!("UBND {word} {name}").trim().to_string());
                    h.locations.insert("issuer".into(), cx.location(s, e));
                }
                None => {
                    h.issuer = Some("UBND".into());
                    h.locations.insert("issuer".into(), cx.location(s, e));
                }
            }
            h.issuer_from = Some("header".into());
        }
        // "Số:" alone on its line, the number on the next.
        let number_at = (1..=2)
            .find(|&w| joined(text, &head, k, w).is_some_and(|(j, _)| p.number.is_match(&j)));
        if let Some((j, at)) = number_at.and_then(|w| joined(text, &head, k, w)) {
            let c = p.number.captures(&j).unwrap();
            let (n, sym) = (c.get(1).unwrap(), c.get(3).unwrap());
            let symbol: String = sym
                .as_str()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            h.symbol = Some(symbol.clone());
            if !n.as_str().is_empty() {
                let year = c
                    .get(2)
                    .map(|y| format!("{}/", y.as_str()))
                    .unwrap_or_default();
                h.number = Some(format!("{}/{year}{symbol}", n.as_str()));
            }
            h.locations.insert(
                "number".into(),
                cx.location(it.start, end_at(text, &at, c.get(0).unwrap().end())),
            );
        }
        if let Some(c) = p.place_date.captures(line) {
            // "Sơn / La, ngày 14 ...": the place begun on the line above.
            let from = match k.checked_sub(1) {
                Some(prev)
                    if line[..c.get(1).unwrap().start()].trim().is_empty()
                        && is_place_fragment(&text[head[prev].start..head[prev].end]) =>
                {
                    prev
                }
                _ => k,
            };
            // "Bắc Ninh, ngày 20 / tháng 11 năm 2025": the date goes on below.
            let lines = |w: usize| joined(text, &head, from, k - from + w);
            let complete = |w: usize| {
                lines(w).is_some_and(|(j, _)| {
                    p.place_date
                        .captures(&j)
                        .and_then(|c| parse_date(c.get(2).unwrap().as_str()))
                        .is_some_and(|d| d.date.year.is_some())
                })
            };
            let w = (1..=MAX_FIELD_LINES).find(|&w| complete(w)).unwrap_or(1);
            let (j, at) = lines(w).unwrap_or_default();
            if let Some(c) = p.place_date.captures(&j) {
                place_date(cx, &mut h, &j, &at, &c);
            }
        }
    }
    // Document type and title.
    let title_items = items(cx, &[Zone::Title]);
    let mut title_parts = Vec::new();
    let mut title_start = None;
    let mut title_end = 0;
    let mut skip_next = false;
    for (k, it) in title_items.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let raw = &text[it.start..it.end];
        let mut start = it.start + (raw.len() - raw.trim_start().len());
        let mut line = text[start..it.end].trim_end();
        // "KẾ / HOẠCH" wrapped over two lines.
        let wrapped = (h.doc_type.is_none() && title_parts.is_empty())
            .then(|| joined(text, &title_items, k, 2))
            .flatten()
            .and_then(|(j, _)| {
                let j = j.to_uppercase();
                v.header.doc_types.iter().find(|d| **d == j)
            });
        if let Some(d) = wrapped {
            h.doc_type = Some(d.clone());
            h.locations.insert(
                "doc_type".into(),
                cx.location(start, title_items[k + 1].end),
            );
            skip_next = true;
            continue;
        }
        if h.doc_type.is_none() && title_parts.is_empty() {
            // "KẾ HOẠCH" alone, or run into the title when a converter joined the lines.
            if let Some((d, len)) = v.type_line(line) {
                h.doc_type = Some(d.to_string());
                let end = start + len;
                h.locations
                    .insert("doc_type".into(), cx.location(start, end));
                let rest = &line[len..];
                start = end + (rest.len() - rest.trim_start().len());
                line = rest.trim_start();
            }
        }
        if line.is_empty() {
            continue;
        }
        title_start.get_or_insert(start);
        title_end = it.end;
        title_parts.push(line);
    }
    if let Some(s) = title_start {
        let title = squash(&title_parts.join(" "));
        h.locations
            .insert("title".into(), cx.location(s, title_end));
        if let Some(c) = p.period.captures(&title) {
            let (a, b) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
            if a <= b {
                h.period = Some(Period { from: a, to: b });
            }
        }
        // "... đến năm 2030": a horizon, not the year 2030. The plan runs from its own year
        // to it; without a readable date its start is unknown, and so is its period.
        let horizon = horizon_year(&title);
        if h.period.is_none() {
            if let Some(to) = horizon {
                let issued = h.date_parts.and_then(|d| d.year).filter(|from| *from <= to);
                h.period = issued.map(|from| Period { from, to });
            }
        }
        if h.period.is_none() && horizon.is_none() {
            h.year = p.year.captures(&title).and_then(|c| c[1].parse().ok());
        }
        h.title = Some(title);
    }
    enacting_issuer(cx, &mut h);
    signature(cx, &mut h);
    h
}

/// The year of a title's horizon ("đến năm 2030", words in grammars/structure.toml).
fn horizon_year(title: &str) -> Option<i32> {
    let lower = title.to_lowercase();
    Vocab::get().header.horizon.iter().find_map(|w| {
        let w = w.to_lowercase();
        let at = lower.find(&w)? + w.len();
        let year: String = lower[at..]
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        (year.len() == 4).then(|| year.parse().ok()).flatten()
    })
}

/// Lines a wrapped header field spans at most.
const MAX_FIELD_LINES: usize = 3;

/// Header lines `k..k + w` joined, whitespace runs squashed to one space, with the offset
/// in `text` of each byte of the joined string.
fn joined(text: &str, head: &[Item], k: usize, w: usize) -> Option<(String, Vec<usize>)> {
    let items = head.get(k..k + w)?;
    let mut s = String::new();
    let mut at = Vec::new();
    for it in items {
        let mut gap = !s.is_empty();
        for (i, c) in text[it.start..it.end].char_indices() {
            if c.is_whitespace() {
                gap = !s.is_empty();
                continue;
            }
            let o = it.start + i;
            if gap {
                s.push(' ');
                at.push(o);
                gap = false;
            }
            s.push(c);
            at.extend(o..o + c.len_utf8());
        }
    }
    Some((s, at))
}

/// The offset in the text just after byte `e - 1` of a joined string.
fn end_at(text: &str, at: &[usize], e: usize) -> usize {
    let mut o = e
        .checked_sub(1)
        .and_then(|i| at.get(i))
        .map_or(0, |o| o + 1);
    while !text.is_char_boundary(o) {
        o += 1;
    }
    o
}

/// How many lines from line `k` a field needs for `found` to hold, when the field starts
/// on line `k` (not when it lies wholly on the lines after).
fn field_lines(text: &str, head: &[Item], k: usize, found: impl Fn(&str) -> bool) -> Option<usize> {
    (1..=MAX_FIELD_LINES).find(|&w| {
        joined(text, head, k, w).is_some_and(|(j, _)| found(&j))
            && (w == 1 || !joined(text, head, k + 1, w - 1).is_some_and(|(j, _)| found(&j)))
    })
}

/// The first words of a place name wrapped before its ", ngày" ("Sơn", "Thành phố Hồ
/// Chí"): a few words, the first capitalised, letters only, not all capitals.
fn is_place_fragment(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    (1..=5).contains(&words)
        && line.chars().next().is_some_and(char::is_uppercase)
        && line.chars().all(|c| c.is_alphabetic() || c == ' ')
        && line.chars().any(char::is_lowercase)
}

/// Place and date from a joined "Ninh Thuận, ngày 21 tháng 02 năm 2024" line.
fn place_date(cx: &Context, h: &mut Header, line: &str, at: &[usize], c: &regex::Captures) {
    let p = patterns();
    let text = cx.text();
    let place = c.get(1).unwrap();
    let date = c.get(2).unwrap();
    // "Số: /KH-UBND Lạng Giang, ngày ..." : the place follows the number.
    let (ps, pe) = match p.number.find(line) {
        Some(m) if m.end() <= place.end() => (m.end().max(place.start()), place.end()),
        _ => (place.start(), place.end()),
    };
    let raw = &line[ps..pe];
    let place_text = raw.trim();
    if !place_text.is_empty() {
        h.place = Some(place_text.to_string());
        let s = ps + (raw.len() - raw.trim_start().len());
        h.locations.insert(
            "place".into(),
            cx.location(at[s], end_at(text, at, s + place_text.len())),
        );
    }
    if let Some(d) = parse_date(date.as_str()) {
        set_date(h, &d.date);
        h.locations.insert(
            "date".into(),
            cx.location(at[date.start()], end_at(text, at, date.start() + d.end)),
        );
    }
}

fn set_date(h: &mut Header, d: &crate::grammar::date::PartialDate) {
    h.date_parts = Some(DateParts {
        year: d.year,
        month: d.month,
        day: d.day,
    });
    h.date = d.to_naive().map(|d| d.format("%Y-%m-%d").to_string());
}

/// When the header names no unit, the enacting sentence often does ("Ủy ban nhân dân
/// huyện Đắk R'Lấp ban hành Kế hoạch").
fn enacting_issuer(cx: &Context, h: &mut Header) {
    if h.issuer.as_deref().is_some_and(|i| i != "UBND") {
        return;
    }
    let v = Vocab::get();
    for (_, para) in cx.paragraphs(&[Zone::Preamble]) {
        let t = &cx.text()[para.start..para.end];
        let lower = t.to_lowercase();
        let Some(enact_at) = v
            .preamble
            .enacting
            .iter()
            .filter_map(|w| lower.find(&w.to_lowercase()))
            .min()
        else {
            continue;
        };
        // The body named last before "ban hành Kế hoạch" is the one enacting it; a body
        // after "của" is the issuer of a cited document.
        let found = patterns()
            .enacting_issuer
            .captures_iter(t)
            .filter(|c| {
                c.get(0).is_some_and(|m| {
                    m.end() <= enact_at
                        && !t[..m.start()].trim_end().to_lowercase().ends_with("của")
                })
            })
            .last();
        if let Some(c) = found {
            let unit = c[2].to_lowercase();
            let name = squash(c.get(3).map_or("", |m| m.as_str()));
            let name = if name.is_empty() {
                h.place.clone().unwrap_or_default()
            } else {
                name
            };
            h.level = level_of(&unit.to_uppercase());
            h.issuer = Some(format!("UBND {unit} {name}").trim().to_string());
            if h.issuer_from.is_none() {
                h.issuer_from = Some("preamble".into());
            }
            let m = c.get(0).unwrap();
            h.locations.insert(
                "issuer".into(),
                cx.location(para.start + m.start(), para.start + m.end()),
            );
            return;
        }
    }
}

/// The signature block: authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
/// "PHÓ CHỦ TỊCH") and the signer's name after them.
fn signature(cx: &Context, h: &mut Header) {
    let v = Vocab::get();
    let text = cx.text();
    let closing = items(cx, &[Zone::Closing]);
    let mut authority: Vec<&str> = Vec::new();
    let mut auth_start = None;
    for it in &closing {
        let line = text[it.start..it.end].trim();
        if starts_with_any(line, &v.closing.authority)
            || v.closing.signer_titles.iter().any(|t| line == t)
        {
            authority.push(line);
            auth_start.get_or_insert(it.start);
            continue;
        }
        if auth_start.is_some() && h.signer.is_none() && is_person_name(line) {
            h.signer = Some(line.to_string());
            h.locations
                .insert("signer".into(), cx.location(it.start, it.end));
        }
    }
    if let Some(s) = auth_start {
        h.authority = Some(authority.join(" / "));
        h.locations.insert("authority".into(), cx.location(s, s));
    }
}

/// "Trịnh Minh Hoàng", "Lê Văn A": 2 to 5 capitalised words, not all capitals.
fn is_person_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(char::is_alphabetic)
        })
        && words
            .iter()
            .any(|w| w.chars().skip(1).any(char::is_lowercase))
        && find_dates(line).is_empty()
}

#[cfg(test)]
mod tests {
    use crate::model::{Format, Header, Plan};
    use crate::registry::Registry;

    fn header(text: &str, format: Format) -> Header {
        Plan::from_text("t", text.to_string(), format, &Registry::embedded())
            .model
            .header
    }

    const BODY: &str = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\n\
        I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n";

    /// Web copy (09daab284f92e2dd.md): `|` lines for the columns, bold and italic, the
    /// motto and the date wrapped.
    #[test]
    fn web_copy_with_wrapped_motto_and_date() {
        let text = format!(
            "|\n**UỶ BAN NHÂN DÂN**\nTỈNH BẮC NINH\n-------\n|\n**CỘNG HÒA XÃ HỘI\n\
             CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n|\n\
             Số: 141/KH-UBND\n|\n*Bắc Ninh, ngày 20\ntháng 11 năm 2025*\n|\n\n** **\n\n\
             **KẾ HOẠCH**\n\nNÂNG CAO NĂNG LỰC CHO ĐỘI NGŨ CÁN BỘ\n\n{BODY}"
        );
        let h = header(&text, Format::Md);
        assert_eq!(h.issuer.as_deref(), Some("UBND tỉnh Bắc Ninh"));
        assert_eq!(h.number.as_deref(), Some("141/KH-UBND"));
        assert_eq!(h.place.as_deref(), Some("Bắc Ninh"));
        assert_eq!(h.date.as_deref(), Some("2025-11-20"));
        assert!(h.has_motto && h.has_slogan);
        assert_eq!(h.doc_type.as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(h.locations["date"].line, 14);
    }

    /// 31786b0833a4130d.md and 2f6f80b9918e52de.md: the body and the place wrapped.
    #[test]
    fn wrapped_issuing_body_and_place() {
        let text = format!(
            "|\n**ỦY BAN NHÂN\nDÂN **\nTHÀNH PHỐ HÀ NỘI\n--------\n|\n**CỘNG HÒA XÃ\n\
             HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n|\n\
             Số: 310/KH-UBND\n|\n*Thành phố Hồ Chí\nMinh, ngày 24 tháng 11 năm 2025*\n|\n\n\n\
             **KẾ HOẠCH**\n\nPHÁT TRIỂN HẠ TẦNG 5G\n\n{BODY}"
        );
        let h = header(&text, Format::Md);
        assert_eq!(h.issuer.as_deref(), Some("UBND thành phố Hà Nội"));
        assert_eq!(h.place.as_deref(), Some("Thành phố Hồ Chí Minh"));
        assert_eq!(h.date.as_deref(), Some("2025-11-24"));
        assert!(h.has_motto);
    }

    /// web-official/31786b0833a4130d.md: "... ĐẾN NĂM 2030" is a horizon: the plan runs
    /// from its own year, not in 2030 alone.
    #[test]
    fn a_horizon_in_the_title_is_a_period_from_the_plans_year() {
        let dated = format!(
            "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 310/KH-UBND\nHà Nội, ngày 24 tháng 11 năm 2025\n\
             KẾ HOẠCH\nPHÁT TRIỂN HẠ TẦNG 5G, IOT ĐẾN NĂM 2030\n{BODY}"
        );
        let h = header(&dated, Format::Txt);
        assert_eq!(
            h.period,
            Some(crate::model::Period {
                from: 2025,
                to: 2030
            })
        );
        assert_eq!(h.year, None);
        let undated = dated.replace("ngày 24 tháng 11 năm 2025", "ngày    tháng    năm");
        let h = header(&undated, Format::Txt);
        assert_eq!((h.period, h.year), (None, None), "no start, no period");
    }

    /// web-excerpts/027.txt: every field wrapped after its first word.
    #[test]
    fn fields_wrapped_after_one_word() {
        let text = format!(
            "ỦY\nBAN NHÂN DÂN\nTỈNH SƠN LA\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố:\n203/KH-UBND\n|\nSơn\n\
             La, ngày 14 tháng 8 năm 2023\n|\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN\n{BODY}"
        );
        let h = header(&text, Format::Txt);
        assert_eq!(h.issuer.as_deref(), Some("UBND tỉnh Sơn La"));
        assert_eq!(h.number.as_deref(), Some("203/KH-UBND"));
        assert_eq!(h.place.as_deref(), Some("Sơn La"));
        assert_eq!(h.date.as_deref(), Some("2023-08-14"));
        assert!(h.has_motto && h.has_slogan);
    }

    /// web-excerpts/006.txt: the document type wrapped ("KẾ / HOẠCH").
    #[test]
    fn wrapped_document_type() {
        let text = format!(
            "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ\nNGHĨA VIỆT NAM\n\
             Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 2134/KH-UBND\n|\n\
             Quảng Nam, ngày 08\ntháng 4 năm 2022\n|\nKẾ\nHOẠCH\n\
             TRIỂN KHAI CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM\nNĂM 2022\n{BODY}"
        );
        let h = header(&text, Format::Txt);
        assert_eq!(h.doc_type.as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(
            h.title.as_deref(),
            Some("TRIỂN KHAI CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM NĂM 2022")
        );
        assert_eq!(h.number.as_deref(), Some("2134/KH-UBND"));
        assert_eq!(h.date.as_deref(), Some("2022-04-08"));
        assert!(h.has_motto);
    }

    /// web-excerpts/013.txt: the page's title and metadata table before the header.
    #[test]
    fn header_after_the_pages_own_lines() {
        let text = format!(
            "Kế hoạch 180/KH-UBND thực hiện Chương trình OCOP tỉnh Bắc Kạn năm 2024\n\
             Số hiệu | 180/KH-UBND |\nNgày ban hành | 22/03/2024 |\nLoại văn bản | Kế hoạch |\n\
             ỦY BAN NHÂN\nDÂN |\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM |\nSố: 180/KH-UBND |\n\
             Bắc Kạn, ngày 22 tháng 3 năm 2024 |\nTHỰC HIỆN CHƯƠNG TRÌNH OCOP TỈNH BẮC KẠN NĂM 2024\n\
             {BODY}"
        );
        let h = header(&text, Format::Txt);
        assert_eq!(h.number.as_deref(), Some("180/KH-UBND"));
        assert_eq!(h.place.as_deref(), Some("Bắc Kạn"));
        assert_eq!(h.date.as_deref(), Some("2024-03-22"));
        assert!(h.has_motto);
        assert_eq!(h.issuer_from.as_deref(), Some("header"));
    }
}
