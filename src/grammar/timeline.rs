//! Timelines: "Quý II/2022", "Tháng 2,3/2022", "Trước ngày 15/6/2024", "Liên tục trong
//! năm", "2 lần/năm vào khoảng tháng 5 và tháng 10 hàng năm". Grammar:
//! grammars/timeline.ebnf.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Captures;
use serde::Serialize;

use super::citation::find_citations;
use super::date::{find_dates, parse_date};
use super::{collapse_ws, next_char, WordRegex};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// Serialized as "YYYY-MM-DD" (chrono's serde feature is not enabled).
    #[serde(serialize_with = "ser_date")]
    pub from: Option<NaiveDate>,
    #[serde(serialize_with = "ser_date")]
    pub to: Option<NaiveDate>,
    /// "yearly", "quarterly", "monthly", "weekly", "daily", "continuous", "2/year",
    /// "every 6 months".
    pub recurrence: Option<String>,
    pub approximate: bool,
    pub continuous: bool,
    /// The expression, whitespace collapsed.
    pub text: String,
}

fn ser_date<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

fn month_start(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

fn year_span(y: Option<i32>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    match y {
        Some(y) => (month_start(y, 1), month_end(y, 12)),
        None => (None, None),
    }
}

fn num<T: std::str::FromStr>(c: &Captures, i: usize) -> Option<T> {
    c.get(i).and_then(|m| m.as_str().parse().ok())
}

fn quarter_value(s: &str) -> Option<u32> {
    match s.to_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

fn re(s: &str) -> WordRegex {
    WordRegex::new(s).expect("timeline regex")
}

static PREFIX: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s\-+*•–\\]*(?:(?:thời\s+gian|thời\s+hạn|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?\s*:\s*)?(?:thực\s+hiện\s+(?:vào\s+)?)?",
    )
});
static RANGE_MONTH: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)\btừ\s+tháng\s+(\d{1,2})(?:\s*(?:/|năm)\s*(\d{4}))?\s*(?:đến|tới|-|–)\s*(?:hết\s+)?tháng\s+(\d{1,2})(?:\s*(?:/|,?\s*năm)\s*(\d{4}))?",
    )
});
static RANGE_DATE: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)\btừ\s+(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?",
    )
});
static YEAR_RANGE: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:giai\s+đoạn|năm|từ\s+năm)\s+(\d{4})\s*(?:-|–|đến|tới)\s*(?:hết\s+)?(?:năm\s+)?(\d{4})\b",
    )
});
static BEFORE: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:hoàn\s+thành\s+)?(?:trước|chậm\s+nhất|muộn\s+nhất|hạn\s+chót|không\s+quá)(?:\s+(?:vào|là))?\s+",
    )
});
static UNTIL: LazyLock<WordRegex> =
    LazyLock::new(|| re(r"(?i)\b(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+(\d{4})\b|)"));
static HALF: LazyLock<WordRegex> =
    LazyLock::new(|| re(r"(?i)\b(\d{1,2})\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?\b"));
static RECUR_N: LazyLock<WordRegex> =
    LazyLock::new(|| re(r"(?i)\b(\d{1,2})\s+lần\s*/\s*(năm|quý|tháng|tuần)\b"));
static EVERY_N: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:định\s+kỳ\s+(\d{1,2})\s+tháng(?:\s*/\s*lần|\s+một\s+lần)?|(\d{1,2})\s+tháng\s*/\s*lần)",
    )
});
static RECUR_WORD: LazyLock<WordRegex> =
    LazyLock::new(|| re(r"(?i)\b(?:định\s+kỳ\s+)?(?:hàng|hằng)\s+(năm|quý|tháng|tuần|ngày)\b"));
static CONT: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:liên\s+tục|thường\s+xuyên)(?:\s*(?:,|và)\s*(?:liên\s+tục|thường\s+xuyên))?(?:\s+(?:trong|cả|suốt)\s+(?:cả\s+)?năm(?:\s+(\d{4}))?\b)?",
    )
});
static QUARTER: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)\bquý\s+(IV|I{1,3}|[1-4])\b((?:\s*(?:,|và|-|–|đến)\s*(?:quý\s+)?(?:IV|I{1,3}|[1-4])\b)*)(?:\s*(?:/|,?\s*năm)\s*(\d{4})\b)?",
    )
});
static QUARTER_ITEM: LazyLock<WordRegex> = LazyLock::new(|| re(r"(?i)\b(IV|I{1,3}|[1-4])\b"));
static MONTHS: LazyLock<WordRegex> = LazyLock::new(|| {
    re(
        r"(?i)\btháng\s+(\d{1,2})\b((?:\s*(?:,|và|-|–|đến|tới)\s*(?:tháng\s+)?\d{1,2}\b)*)(?:\s*(?:/|,?\s*năm)\s*(\d{4})\b)?",
    )
});
static MONTH_ITEM: LazyLock<WordRegex> = LazyLock::new(|| re(r"\d{1,2}"));
static YEAR: LazyLock<WordRegex> =
    LazyLock::new(|| re(r"(?i)\b(?:(cả|trong|suốt|vào|cuối|đầu|giữa)\s+)?năm(?:\s+(\d{4}))?\b"));
static APPROX: LazyLock<WordRegex> =
    LazyLock::new(|| re(r"(?i)\b(?:dự\s+kiến|khoảng|ước|tùy\s+theo|tuỳ\s+theo)\b"));

#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    recurrence: Option<String>,
    continuous: bool,
}

impl Found {
    fn new(start: usize, end: usize, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Self {
        Found {
            start,
            end,
            from,
            to,
            recurrence: None,
            continuous: false,
        }
    }
}

/// The expression is the whole (prefixed) text or starts right after a lead-in, so bare
/// words like "Thường xuyên" or "Năm 2022" count as a timeline.
fn at_lead(text: &str, lead_end: usize, start: usize) -> bool {
    start <= lead_end || text[lead_end..start].trim().is_empty()
}

fn followed_by_end(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    rest.is_empty() || rest.starts_with(['.', ',', ';', ')', '(', ':'])
}

fn collect(text: &str, dy: Option<i32>, strict: bool) -> Vec<Found> {
    let lead_end = PREFIX.find(text).map_or(0, |m| m.end());
    let mut f: Vec<Found> = Vec::new();

    for c in RANGE_MONTH.captures_iter(text) {
        let m = c.get(0).expect("match");
        let y2: Option<i32> = num(&c, 4).or(dy);
        let y1: Option<i32> = num(&c, 2).or(y2);
        if let (Some(y1), Some(y2), Some(m1), Some(m2)) = (y1, y2, num(&c, 1), num(&c, 3)) {
            f.push(Found::new(
                m.start(),
                m.end(),
                month_start(y1, m1),
                month_end(y2, m2),
            ));
        }
    }
    for c in RANGE_DATE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let y2: Option<i32> = num(&c, 6).or(dy);
        let y1: Option<i32> = num(&c, 3).or(y2);
        let d = |y: Option<i32>, mi: usize, di: usize| {
            NaiveDate::from_ymd_opt(y?, num(&c, mi)?, num(&c, di)?)
        };
        let (a, b) = (d(y1, 2, 1), d(y2, 5, 4));
        if a.is_some() || b.is_some() {
            f.push(Found::new(m.start(), m.end(), a, b));
        }
    }
    for c in YEAR_RANGE.captures_iter(text) {
        let m = c.get(0).expect("match");
        let (a, b): (Option<i32>, Option<i32>) = (num(&c, 1), num(&c, 2));
        if let (Some(a), Some(b)) = (a, b) {
            if a <= b {
                f.push(Found::new(
                    m.start(),
                    m.end(),
                    month_start(a, 1),
                    month_end(b, 12),
                ));
            }
        }
    }
    for m in BEFORE.find_iter(text) {
        let p = m.end();
        if let Some(d) = parse_date(&text[p..]) {
            let dd = d.date;
            let to = match (dd.year.or(dy), dd.month, dd.day) {
                (Some(y), Some(mo), Some(da)) => NaiveDate::from_ymd_opt(y, mo, da),
                (Some(y), Some(mo), None) => month_start(y, mo).and_then(|x| x.pred_opt()),
                _ => None,
            };
            if to.is_some() {
                f.push(Found::new(m.start(), p + d.end, None, to));
            }
        } else if let Some(c) = DAY_MONTH.captures(&text[p..]) {
            // "trước ngày 15/6" (year from the plan)
            let e = p + c.get(0).map_or(0, |x| x.end());
            let nc = next_char(text, e);
            if !nc.is_some_and(|x| x.is_ascii_digit() || x == '/') {
                if let (Some(y), Some(mo), Some(da)) = (dy, num(&c, 2), num(&c, 1)) {
                    let to = NaiveDate::from_ymd_opt(y, mo, da);
                    if to.is_some() {
                        f.push(Found::new(m.start(), e, None, to));
                    }
                }
            }
        }
    }
    for c in UNTIL.captures_iter(text) {
        let m = c.get(0).expect("match");
        if let Some(y) = num::<i32>(&c, 1) {
            f.push(Found::new(m.start(), m.end(), None, month_end(y, 12)));
        } else {
            let p = m.end();
            if let Some(d) = parse_date(&text[p..]) {
                let dd = d.date;
                let to = match (dd.year, dd.month, dd.day) {
                    (Some(y), Some(mo), Some(da)) => NaiveDate::from_ymd_opt(y, mo, da),
                    (Some(y), Some(mo), None) => month_end(y, mo),
                    _ => None,
                };
                if to.is_some() {
                    f.push(Found::new(m.start(), p + d.end, None, to));
                }
            }
        }
    }
    for c in HALF.captures_iter(text) {
        let m = c.get(0).expect("match");
        let n: u32 = num(&c, 1).unwrap_or(0);
        let y: Option<i32> = num(&c, 3).or(dy);
        if (1..=12).contains(&n) {
            let first = c.get(2).is_some_and(|x| x.as_str().to_lowercase() == "đầu");
            let (a, b) = match y {
                Some(y) if first => (month_start(y, 1), month_end(y, n)),
                Some(y) => (month_start(y, 13 - n), month_end(y, 12)),
                None => (None, None),
            };
            f.push(Found::new(m.start(), m.end(), a, b));
        }
    }
    for c in RECUR_N.captures_iter(text) {
        let m = c.get(0).expect("match");
        let n: u32 = num(&c, 1).unwrap_or(0);
        let unit = match c.get(2).map(|x| x.as_str().to_lowercase()).as_deref() {
            Some("năm") => "year",
            Some("quý") => "quarter",
            Some("tháng") => "month",
            _ => "week",
        };
        let mut x = Found::new(m.start(), m.end(), None, None);
        x.recurrence = Some(format!("{n}/{unit}"));
        f.push(x);
    }
    for c in EVERY_N.captures_iter(text) {
        let m = c.get(0).expect("match");
        let n: u32 = num(&c, 1).or_else(|| num(&c, 2)).unwrap_or(0);
        let mut x = Found::new(m.start(), m.end(), None, None);
        x.recurrence = Some(match n {
            1 => "monthly".to_string(),
            3 => "quarterly".to_string(),
            12 => "yearly".to_string(),
            n => format!("every {n} months"),
        });
        f.push(x);
    }
    for c in RECUR_WORD.captures_iter(text) {
        let m = c.get(0).expect("match");
        let r = match c.get(1).map(|x| x.as_str().to_lowercase()).as_deref() {
            Some("năm") => "yearly",
            Some("quý") => "quarterly",
            Some("tháng") => "monthly",
            Some("tuần") => "weekly",
            _ => "daily",
        };
        let mut x = Found::new(m.start(), m.end(), None, None);
        x.recurrence = Some(r.to_string());
        f.push(x);
    }
    for c in CONT.captures_iter(text) {
        let m = c.get(0).expect("match");
        let has_year_phrase = m.as_str().to_lowercase().contains("năm");
        if strict
            && !(has_year_phrase
                || at_lead(text, lead_end, m.start()) && followed_by_end(text, m.end()))
        {
            continue;
        }
        let (a, b) = year_span(num(&c, 1).or(dy));
        let mut x = Found::new(m.start(), m.end(), a, b);
        x.continuous = true;
        x.recurrence = Some("continuous".to_string());
        f.push(x);
    }
    for c in QUARTER.captures_iter(text) {
        let m = c.get(0).expect("match");
        let mut qs: Vec<u32> = c
            .get(1)
            .and_then(|x| quarter_value(x.as_str()))
            .into_iter()
            .collect();
        if let Some(rest) = c.get(2) {
            qs.extend(
                QUARTER_ITEM
                    .find_iter(rest.as_str())
                    .filter_map(|x| quarter_value(x.as_str())),
            );
        }
        let y: Option<i32> = num(&c, 3).or(dy);
        let (lo, hi) = (qs.iter().min().copied(), qs.iter().max().copied());
        let (a, b) = match (y, lo, hi) {
            (Some(y), Some(lo), Some(hi)) => (month_start(y, lo * 3 - 2), month_end(y, hi * 3)),
            _ => (None, None),
        };
        f.push(Found::new(m.start(), m.end(), a, b));
    }
    for c in MONTHS.captures_iter(text) {
        let m = c.get(0).expect("match");
        let mut ms: Vec<u32> = num(&c, 1).into_iter().collect();
        if let Some(rest) = c.get(2) {
            ms.extend(
                MONTH_ITEM
                    .find_iter(rest.as_str())
                    .filter_map(|x| x.as_str().parse::<u32>().ok()),
            );
        }
        if ms.iter().any(|&x| !(1..=12).contains(&x)) {
            continue;
        }
        let y: Option<i32> = num(&c, 3).or(dy);
        let (lo, hi) = (ms.iter().min().copied(), ms.iter().max().copied());
        let (a, b) = match (y, lo, hi) {
            (Some(y), Some(lo), Some(hi)) => (month_start(y, lo), month_end(y, hi)),
            _ => (None, None),
        };
        f.push(Found::new(m.start(), m.end(), a, b));
    }
    for d in find_dates(text) {
        if let Some(nd) = d.date.to_naive() {
            f.push(Found::new(d.start, d.end, Some(nd), Some(nd)));
        }
    }
    for c in YEAR.captures_iter(text) {
        let m = c.get(0).expect("match");
        let prefix = c.get(1).map(|x| x.as_str().to_lowercase());
        let y: Option<i32> = num(&c, 2);
        // "năm 2021-2025" is a range (handled above)
        let after = text[m.end()..].trim_start();
        if after.starts_with(['-', '–']) && y.is_some() {
            continue;
        }
        if y.is_none()
            && !prefix
                .as_deref()
                .is_some_and(|p| matches!(p, "trong" | "cả" | "suốt" | "cuối" | "đầu" | "giữa"))
        {
            continue;
        }
        if strict && prefix.is_none() && !at_lead(text, lead_end, m.start()) {
            continue;
        }
        let y = y.or(dy);
        let (a, b) = match (prefix.as_deref(), y) {
            (Some("cuối"), Some(y)) => (month_start(y, 10), month_end(y, 12)),
            (Some("đầu"), Some(y)) => (month_start(y, 1), month_end(y, 3)),
            (Some("giữa"), Some(y)) => (month_start(y, 5), month_end(y, 8)),
            (_, y) => year_span(y),
        };
        f.push(Found::new(m.start(), m.end(), a, b));
    }

    // a citation's number and date ("Quyết định số 919/QĐ-TTg ngày 01/8/2022") are not
    // timelines
    if f.is_empty() {
        return f;
    }
    let cited: Vec<(usize, usize)> = find_citations(text)
        .iter()
        .map(|c| {
            (
                c.number_start,
                c.date.as_ref().map_or(c.number_end, |d| d.end),
            )
        })
        .collect();
    f.retain(|x| !cited.iter().any(|&(a, b)| x.start < b && a < x.end));

    // leftmost, then longest; no overlaps
    f.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Found> = Vec::new();
    for x in f {
        if out.last().is_none_or(|l| x.start >= l.end) {
            out.push(x);
        }
    }
    out
}

static DAY_MONTH: LazyLock<WordRegex> =
    LazyLock::new(|| re(r"(?i)^(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})"));

fn approximate_near(text: &str, start: usize, end: usize) -> bool {
    let mut s = start.saturating_sub(24);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    APPROX.is_match(&text[s..end])
}

fn to_timeline(text: &str, x: &Found) -> Timeline {
    Timeline {
        from: x.from,
        to: x.to,
        recurrence: x.recurrence.clone(),
        approximate: approximate_near(text, x.start, x.end),
        continuous: x.continuous,
        text: collapse_ws(&text[x.start..x.end]),
    }
}

/// Timeline expressions inside a longer sentence, with their byte spans. Bare words that
/// are only a timeline when they stand alone ("Thường xuyên", "Năm 2022") count only at
/// the start of the text (after a "Thời gian thực hiện:" lead-in).
pub fn find_timelines(text: &str, default_year: Option<i32>) -> Vec<(usize, usize, Timeline)> {
    collect(text, default_year, true)
        .iter()
        .map(|x| (x.start, x.end, to_timeline(text, x)))
        .collect()
}

static ANY_YEAR: LazyLock<WordRegex> = LazyLock::new(|| re(r"\b(19|20)\d\d\b"));

/// Parses a whole timeline cell or clause, merging its parts: the union of their date
/// ranges, the first recurrence, continuous/approximate when any part is. `default_year`
/// (the plan's year) fills in a missing year when the text names no year at all; otherwise
/// the first year in the text does ("Liên tục trong năm, tập trung quý II/2022").
pub fn parse_timeline(text: &str, default_year: Option<i32>) -> Option<Timeline> {
    let dy = ANY_YEAR
        .find(text)
        .and_then(|m| m.as_str().parse::<i32>().ok())
        .or(default_year);
    let found = collect(text, dy, false);
    if found.is_empty() {
        return None;
    }
    let from = found.iter().filter_map(|x| x.from).min();
    let to = found.iter().filter_map(|x| x.to).max();
    let continuous = found.iter().any(|x| x.continuous);
    // a specific recurrence ("2/year") wins over "continuous"
    let recurrence = found
        .iter()
        .filter_map(|x| x.recurrence.clone())
        .find(|r| r != "continuous")
        .or_else(|| continuous.then(|| "continuous".to_string()));
    Some(Timeline {
        from,
        to,
        recurrence,
        approximate: APPROX.is_match(text),
        continuous,
        text: collapse_ws(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[allow(clippy::type_complexity)]
    #[test]
    fn parse_timeline_table() {
        let cases: Vec<(
            &str,
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<&str>,
            bool,
            bool,
        )> = vec![
            (
                "Liên tục trong năm",
                d(2024, 1, 1),
                d(2024, 12, 31),
                Some("continuous"),
                false,
                true,
            ),
            (
                "Thường xuyên",
                d(2024, 1, 1),
                d(2024, 12, 31),
                Some("continuous"),
                false,
                true,
            ),
            (
                "Năm 2022",
                d(2022, 1, 1),
                d(2022, 12, 31),
                None,
                false,
                false,
            ),
            (
                "Cả năm 2024",
                d(2024, 1, 1),
                d(2024, 12, 31),
                None,
                false,
                false,
            ),
            (
                "Quý II/2022",
                d(2022, 4, 1),
                d(2022, 6, 30),
                None,
                false,
                false,
            ),
            (
                "Quý II, III, IV/2022",
                d(2022, 4, 1),
                d(2022, 12, 31),
                None,
                false,
                false,
            ),
            (
                "Quý I năm 2024",
                d(2024, 1, 1),
                d(2024, 3, 31),
                None,
                false,
                false,
            ),
            (
                "Tháng 01/2022",
                d(2022, 1, 1),
                d(2022, 1, 31),
                None,
                false,
                false,
            ),
            (
                "Tháng 2,3/2022",
                d(2022, 2, 1),
                d(2022, 3, 31),
                None,
                false,
                false,
            ),
            (
                "Tháng 5-6/2022",
                d(2022, 5, 1),
                d(2022, 6, 30),
                None,
                false,
                false,
            ),
            (
                "Từ tháng 3 đến tháng 10/2024",
                d(2024, 3, 1),
                d(2024, 10, 31),
                None,
                false,
                false,
            ),
            (
                "Dự kiến tháng 11/2022",
                d(2022, 11, 1),
                d(2022, 11, 30),
                None,
                true,
                false,
            ),
            (
                "Trước ngày 15/6/2024",
                None,
                d(2024, 6, 15),
                None,
                false,
                false,
            ),
            (
                "Trong tháng 7/2024",
                d(2024, 7, 1),
                d(2024, 7, 31),
                None,
                false,
                false,
            ),
            (
                "6 tháng đầu năm 2024",
                d(2024, 1, 1),
                d(2024, 6, 30),
                None,
                false,
                false,
            ),
            (
                "6 tháng cuối năm",
                d(2024, 7, 1),
                d(2024, 12, 31),
                None,
                false,
                false,
            ),
            (
                "2 lần/năm vào khoảng tháng 5 và tháng 10 hàng năm",
                d(2024, 5, 1),
                d(2024, 10, 31),
                Some("2/year"),
                true,
                false,
            ),
            ("Hàng năm", None, None, Some("yearly"), false, false),
            ("Hằng quý", None, None, Some("quarterly"), false, false),
            (
                "Định kỳ hằng tháng",
                None,
                None,
                Some("monthly"),
                false,
                false,
            ),
            (
                "Ngày 15/6/2024",
                d(2024, 6, 15),
                d(2024, 6, 15),
                None,
                false,
                false,
            ),
            (
                "Trước 30/11/2024",
                None,
                d(2024, 11, 30),
                None,
                false,
                false,
            ),
            (
                "Đến hết năm 2024",
                None,
                d(2024, 12, 31),
                None,
                false,
                false,
            ),
            (
                "giai đoạn 2021-2025",
                d(2021, 1, 1),
                d(2025, 12, 31),
                None,
                false,
                false,
            ),
            (
                "Thời gian thực hiện: Trong quý II/2022.",
                d(2022, 4, 1),
                d(2022, 6, 30),
                None,
                false,
                false,
            ),
            (
                "- Thời gian: Thường xuyên trong năm.",
                d(2024, 1, 1),
                d(2024, 12, 31),
                Some("continuous"),
                false,
                true,
            ),
            (
                "Liên tục trong năm, tập trung quý II, III/2022",
                d(2022, 1, 1),
                d(2022, 12, 31),
                Some("continuous"),
                false,
                true,
            ),
            (
                "Thực hiện vào Quý III, IV/2022 (theo kế hoạch của tỉnh)",
                d(2022, 7, 1),
                d(2022, 12, 31),
                None,
                false,
                false,
            ),
            ("Trước ngày 15/6", None, d(2024, 6, 15), None, false, false),
            (
                "Tháng 12/2021",
                d(2021, 12, 1),
                d(2021, 12, 31),
                None,
                false,
                false,
            ),
            (
                "Từ ngày 01/3 đến ngày 30/6/2024",
                d(2024, 3, 1),
                d(2024, 6, 30),
                None,
                false,
                false,
            ),
        ];
        for (text, from, to, rec, approx, cont) in cases {
            let t =
                parse_timeline(text, Some(2024)).unwrap_or_else(|| panic!("no timeline: {text:?}"));
            assert_eq!((t.from, t.to), (from, to), "{text}");
            assert_eq!(t.recurrence.as_deref(), rec, "{text}");
            assert_eq!(t.approximate, approx, "{text}");
            assert_eq!(t.continuous, cont, "{text}");
        }
        // no default year: the text's own year is used
        let t = parse_timeline("Liên tục trong năm, tập trung quý II, III/2022", None).unwrap();
        assert_eq!(t.from, d(2022, 1, 1));
    }

    #[test]
    fn not_timelines() {
        for t in [
            "",
            "Phòng NN&PTNT",
            "Tổ chức tập huấn",
            "20 sản phẩm",
            "706/KH-UBND",
        ] {
            assert_eq!(parse_timeline(t, Some(2024)), None, "{t:?}");
        }
    }

    #[test]
    fn find_in_sentences() {
        let t = "Các xã tổ chức đánh giá trước ngày 30/9/2024 và báo cáo kết quả.";
        let f = find_timelines(t, Some(2024));
        assert_eq!(f.len(), 1);
        assert_eq!(&t[f[0].0..f[0].1], "trước ngày 30/9/2024");
        assert_eq!(f[0].2.to, d(2024, 9, 30));
        // prose use of "thường xuyên" and "năm 2024" is not a timeline
        let t = "phối hợp thường xuyên với các cơ quan; Kế hoạch OCOP năm 2024 trong quý III/2024";
        let f = find_timelines(t, Some(2024));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].2.text, "quý III/2024");
        let t = "Thời gian thực hiện: Liên tục trong năm.";
        let f = find_timelines(t, Some(2024));
        assert_eq!(f.len(), 1);
        assert!(f[0].2.continuous);
        // a citation's date is not a timeline; "vào năm sau" is not a year
        let t = "theo Quyết định số 148/QĐ-TTg ngày 24/02/2023, nộp lại vào năm sau";
        assert!(find_timelines(t, Some(2024)).is_empty());
        let t = "+ Đợt 01: Trước ngày 15/6/2024.";
        let f = find_timelines(t, None);
        assert_eq!(f[0].2.to, d(2024, 6, 15));
    }
}
