//! Dates: "ngày 01/8/2022", "ngày 24 tháng 02 năm 2023", drafts with blank parts
//! ("ngày   tháng 6 năm 2024", "ngày /02/2024"), and month dates ("tháng 6 năm 2024").
//! Grammar: grammars/date.ebnf.

use chrono::NaiveDate;
use nom::{
    branch::alt,
    bytes::complete::{tag_no_case, take_while, take_while_m_n},
    character::complete::{char, multispace0, multispace1, one_of},
    combinator::opt,
    error::{Error, ErrorKind},
    IResult,
};
use serde::Serialize;

use super::{prefix_len_ignore_case, prev_char};

/// A date whose parts may be missing (blank in a draft, or not written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// The calendar date, when all three parts are present and valid.
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }

    pub fn is_complete(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// Every present part is in range (year 1900..=2100, month 1..=12) and the day exists
    /// in the month (a leap year is assumed when the year is missing).
    pub fn is_valid(&self) -> bool {
        if let Some(y) = self.year {
            if !(1900..=2100).contains(&y) {
                return false;
            }
        }
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return false;
            }
        }
        if let Some(d) = self.day {
            let y = self.year.unwrap_or(2000);
            let m = self.month.unwrap_or(1);
            if d == 0 || NaiveDate::from_ymd_opt(y, m, d).is_none() {
                return false;
            }
        }
        true
    }
}

/// A date found in text; `start..end` are byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMatch {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
}

type Res<'a, T> = IResult<&'a str, T>;

fn fail<T>(i: &str) -> Res<'_, T> {
    Err(nom::Err::Error(Error::new(i, ErrorKind::Digit)))
}

/// `min..=max` ASCII digits not followed by another digit.
fn digits(min: usize, max: usize) -> impl Fn(&str) -> Res<'_, u32> {
    move |i: &str| {
        let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit())(i)?;
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return fail(i);
        }
        match d.parse::<u32>() {
            Ok(v) => Ok((rest, v)),
            Err(_) => fail(i),
        }
    }
}

fn year(i: &str) -> Res<'_, i32> {
    let (rest, y) = digits(4, 4)(i)?;
    Ok((rest, y as i32))
}

/// A blank left for a value in a draft: spaces, dots, ellipsis, underscores.
fn blank(i: &str) -> Res<'_, &str> {
    take_while(|c: char| c.is_whitespace() || matches!(c, '.' | '…' | '_'))(i)
}

/// A keyword that is not followed by another letter.
fn word<'a>(w: &'static str) -> impl Fn(&'a str) -> Res<'a, &'a str> {
    move |i: &'a str| {
        let (rest, t) = tag_no_case(w)(i)?;
        if rest.starts_with(char::is_alphanumeric) {
            return fail(i);
        }
        Ok((rest, t))
    }
}

/// D sep M sep YYYY with one separator kind, no spaces: "01/8/2022", "01-8-2022", "01.8.2022".
fn numeric(i: &str) -> Res<'_, PartialDate> {
    let (i, d) = digits(1, 2)(i)?;
    let (i, sep) = one_of("/-.")(i)?;
    let (i, m) = digits(1, 2)(i)?;
    let (i, _) = char(sep)(i)?;
    let (i, y) = year(i)?;
    Ok((
        i,
        PartialDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        },
    ))
}

/// "ngày" then a numeric date.
fn ngay_numeric(i: &str) -> Res<'_, PartialDate> {
    let (i, _) = word("ngày")(i)?;
    let (i, _) = multispace1(i)?;
    numeric(i)
}

/// "ngày /02/2024", "ngày …/…/2024", "ngày 15/ /2024": numeric with blanks.
fn ngay_blank_numeric(i: &str) -> Res<'_, PartialDate> {
    let (i, _) = word("ngày")(i)?;
    let (i, _) = blank(i)?;
    let (i, d) = opt(digits(1, 2))(i)?;
    let (i, _) = blank(i)?;
    let (i, _) = char('/')(i)?;
    let (i, _) = blank(i)?;
    let (i, m) = opt(digits(1, 2))(i)?;
    let (i, _) = blank(i)?;
    let (i, _) = char('/')(i)?;
    let (i, _) = multispace0(i)?;
    let (i, y) = year(i)?;
    Ok((
        i,
        PartialDate {
            year: Some(y),
            month: m,
            day: d,
        },
    ))
}

/// Month then year: " năm 2024", ", năm 2024", "/2024", or a blank year after "năm".
fn month_year_tail(i: &str) -> Res<'_, Option<i32>> {
    let slash = |i| -> Res<'_, Option<i32>> {
        let (i, _) = multispace0(i)?;
        let (i, _) = char('/')(i)?;
        let (i, _) = multispace0(i)?;
        let (i, y) = year(i)?;
        Ok((i, Some(y)))
    };
    let nam = |i| -> Res<'_, Option<i32>> {
        let (i, _) = blank(i)?;
        let (i, _) = opt(char(','))(i)?;
        let (i, _) = multispace0(i)?;
        let (i, _) = word("năm")(i)?;
        // a year, or a blank (draft): keep the blank out of the match
        match (|i| -> Res<'_, i32> {
            let (i, _) = blank(i)?;
            year(i)
        })(i)
        {
            Ok((i, y)) => Ok((i, Some(y))),
            Err(_) => Ok((i, None)),
        }
    };
    alt((slash, nam))(i)
}

/// "ngày 24 tháng 02 năm 2023", "ngày 24 tháng 2, năm 2023", "ngày   tháng 6 năm 2024".
fn ngay_thang_nam(i: &str) -> Res<'_, PartialDate> {
    let (i, _) = word("ngày")(i)?;
    let (i, _) = blank(i)?;
    let (i, d) = opt(digits(1, 2))(i)?;
    let (i, _) = blank(i)?;
    let (i, _) = word("tháng")(i)?;
    let (i, _) = blank(i)?;
    let (i, m) = opt(digits(1, 2))(i)?;
    let (i, y) = month_year_tail(i)?;
    Ok((
        i,
        PartialDate {
            year: y,
            month: m,
            day: d,
        },
    ))
}

/// "tháng 6 năm 2024", "tháng 02/2024".
fn thang_nam(i: &str) -> Res<'_, PartialDate> {
    let (i, _) = word("tháng")(i)?;
    let (i, _) = multispace1(i)?;
    let (i, m) = digits(1, 2)(i)?;
    let (i, y) = month_year_tail(i)?;
    if y.is_none() {
        return fail(i);
    }
    Ok((
        i,
        PartialDate {
            year: y,
            month: Some(m),
            day: None,
        },
    ))
}

fn any_date(i: &str) -> Res<'_, PartialDate> {
    alt((
        ngay_numeric,
        ngay_thang_nam,
        ngay_blank_numeric,
        numeric,
        thang_nam,
    ))(i)
}

/// Parses a date at the start of `input`; `end` is the consumed length.
pub fn parse_date(input: &str) -> Option<DateMatch> {
    let (rest, date) = any_date(input).ok()?;
    let end = input.len() - rest.len();
    // never end in the middle of a longer number or word ("01/8/2022/NQ", "2024a")
    if rest.starts_with(|c: char| c.is_alphanumeric())
        || (rest.starts_with(['/', '.', '-'])
            && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
        || rest.starts_with('/')
    {
        return None;
    }
    Some(DateMatch {
        start: 0,
        end,
        date,
    })
}

/// All dates in a paragraph, non-overlapping, left to right.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        // A date starts with a digit, "ngày" or "tháng": test that before the grammar.
        let starts = match c {
            '0'..='9' => true,
            'n' | 'N' => prefix_len_ignore_case(&text[pos..], "ngày").is_some(),
            't' | 'T' => prefix_len_ignore_case(&text[pos..], "tháng").is_some(),
            _ => false,
        };
        let boundary = || match prev_char(text, pos) {
            None => true,
            Some(p) => !(p.is_alphanumeric() || matches!(p, '/' | '.' | '-' | '_' | '&')),
        };
        if starts && boundary() {
            if let Some(m) = parse_date(&text[pos..]) {
                out.push(DateMatch {
                    start: pos,
                    end: pos + m.end,
                    date: m.date,
                });
                pos += m.end.max(1);
                continue;
            }
        }
        pos += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pd(y: Option<i32>, m: Option<u32>, d: Option<u32>) -> PartialDate {
        PartialDate {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn parse_date_table() {
        let cases: Vec<(&str, usize, PartialDate)> = vec![
            ("ngày 01/8/2022", 0, pd(Some(2022), Some(8), Some(1))),
            ("01/8/2022", 9, pd(Some(2022), Some(8), Some(1))),
            ("01-8-2022", 9, pd(Some(2022), Some(8), Some(1))),
            ("01.8.2022", 9, pd(Some(2022), Some(8), Some(1))),
            (
                "ngày 24 tháng 02 năm 2023",
                0,
                pd(Some(2023), Some(2), Some(24)),
            ),
            (
                "Ngày 24 tháng 2, năm 2023",
                0,
                pd(Some(2023), Some(2), Some(24)),
            ),
            ("ngày   tháng 6 năm 2024", 0, pd(Some(2024), Some(6), None)),
            ("ngày /02/2024", 0, pd(Some(2024), Some(2), None)),
            ("tháng 6 năm 2024", 0, pd(Some(2024), Some(6), None)),
            ("tháng 02/2024", 0, pd(Some(2024), Some(2), None)),
            ("ngày tháng năm 2024", 0, pd(Some(2024), None, None)),
            ("ngày ... tháng ... năm 2024", 0, pd(Some(2024), None, None)),
            (
                "ngày 15 tháng 02/2023",
                0,
                pd(Some(2023), Some(2), Some(15)),
            ),
            ("32/13/2024", 10, pd(Some(2024), Some(13), Some(32))),
            (
                "NGÀY 21\nTHÁNG 02 NĂM 2024",
                0,
                pd(Some(2024), Some(2), Some(21)),
            ),
        ];
        for (text, len, want) in cases {
            let m = parse_date(text).unwrap_or_else(|| panic!("no date in {text:?}"));
            assert_eq!(m.date, want, "{text}");
            let len = if len == 0 { text.len() } else { len };
            assert_eq!(m.end, len, "{text}");
        }
    }

    #[test]
    fn parse_date_negative() {
        for t in [
            "706/KH-UBND",
            "1.000.000",
            "67/2023/NQ-HĐND",
            "01/8",
            "tháng 6",
            "ngày hôm nay",
            "12/2023",
            "1/2",
            "2024",
            "",
            "ngày",
        ] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }

    #[test]
    fn validity() {
        assert!(!pd(Some(2024), Some(13), Some(32)).is_valid());
        assert!(!pd(Some(2023), Some(2), Some(29)).is_valid());
        assert!(pd(Some(2024), Some(2), Some(29)).is_valid());
        assert!(pd(None, Some(2), Some(29)).is_valid());
        assert!(pd(Some(2024), None, None).is_valid());
        assert!(!pd(Some(2024), Some(4), Some(31)).is_valid());
        assert_eq!(
            pd(Some(2022), Some(8), Some(1)).to_naive(),
            NaiveDate::from_ymd_opt(2022, 8, 1)
        );
        assert_eq!(pd(Some(2022), Some(8), None).to_naive(), None);
        assert!(!pd(Some(2022), Some(8), None).is_complete());
    }

    #[test]
    fn find_dates_in_text() {
        let t = "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng; \
                 Kế hoạch 653/KH-UBND ngày 11/11/2022, kinh phí 1.000.000 đồng, \
                 Nghị quyết 67/2023/NQ-HĐND ngày 13/12/2023. Đắk R'Lấp, ngày   tháng 6 năm 2024";
        let ds = find_dates(t);
        let got: Vec<&str> = ds.iter().map(|d| &t[d.start..d.end]).collect();
        assert_eq!(
            got,
            vec![
                "ngày 01/8/2022",
                "ngày 11/11/2022",
                "ngày 13/12/2023",
                "ngày   tháng 6 năm 2024"
            ]
        );
        assert!(find_dates("số 01/12/2023/NQ-HĐND").is_empty());
        assert!(find_dates("1.000.000.000 đồng").is_empty());
        assert!(find_dates("giai đoạn 2021-2025").is_empty());
        // wrapped lines
        let ds = find_dates("ngày 15/09/\n2020 hoặc ngày 24 tháng\n02 năm 2023");
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[0].date, pd(Some(2020), Some(9), Some(15)));
        assert_eq!(ds[1].date, pd(Some(2023), Some(2), Some(24)));
    }
}
