//! Claim dates, with their precision.
//!
//! Dispatches often give only a month ("date 2018-03") or a weekday
//! ("mercredi"). A date is kept at the precision it was written with and
//! stands for the whole span it names: 2018-03 is every day of March 2018.
//! Two dates can be ordered only when their spans do not overlap; 2018-03
//! and 2018-03-21 cannot, and count as the same time (DESIGN §2).

use std::cmp::Ordering;
use std::fmt;

/// A calendar date given to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ClaimDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl ClaimDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, refusing impossible days.
    pub fn parse(text: &str) -> Result<ClaimDate, String> {
        let shown = || crate::escape::shorten(text);
        let bad = || {
            format!(
                "`{}` is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)",
                shown()
            )
        };
        let mut parts = text.split('-');
        let year_text = parts.next().ok_or_else(bad)?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year_text.parse().map_err(|_| bad())?;
        let mut number = |width: usize| -> Result<Option<u8>, String> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == width && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| bad())
                }
                Some(_) => Err(bad()),
            }
        };
        let month = number(2)?;
        let day = number(2)?;
        if parts.next().is_some() {
            return Err(bad());
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("`{}`: there is no month {m}", shown()));
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return Err(format!("`{}`: there is no day {d} in that month", shown()));
        }
        Ok(ClaimDate { year, month, day })
    }

    /// The date of a day.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<ClaimDate> {
        ClaimDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok()
    }

    /// Today in the local time zone (`TZ`, else the system's; UTC if
    /// neither can be read): what `check` gives a new claim without
    /// `--date`. A desk in Beirut at 1 a.m. files today's date, not
    /// yesterday's in UTC.
    pub fn today() -> ClaimDate {
        let today = jiff::ZonedDateTime::now();
        ClaimDate {
            year: i32::from(today.year()),
            month: u8::try_from(today.month()).ok(),
            day: u8::try_from(today.day()).ok(),
        }
    }

    /// The day `days` after 1970-01-01 (before it, if negative).
    pub fn from_days(days: i64) -> ClaimDate {
        let (year, month, day) = civil_from_days(days);
        ClaimDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// The same date at month precision (`2023-09`).
    pub fn month_of(&self) -> ClaimDate {
        ClaimDate { day: None, ..*self }
    }

    /// First and last day of the span, as days since 1970-01-01.
    pub fn span(&self) -> (i64, i64) {
        let first_month = self.month.unwrap_or(1);
        let last_month = self.month.unwrap_or(12);
        let first_day = self.day.unwrap_or(1);
        let last_day = self
            .day
            .unwrap_or_else(|| days_in_month(self.year, last_month));
        (
            days_from_civil(self.year, first_month, first_day),
            days_from_civil(self.year, last_month, last_day),
        )
    }

    /// `Some(Less)` when this date is entirely before `other`, `Some(Greater)`
    /// when entirely after, `None` when the spans overlap (same time).
    pub fn order(&self, other: &ClaimDate) -> Option<Ordering> {
        let (a_first, a_last) = self.span();
        let (b_first, b_last) = other.span();
        if a_last < b_first {
            Some(Ordering::Less)
        } else if b_last < a_first {
            Some(Ordering::Greater)
        } else {
            None
        }
    }
}

/// Orders two optional dates: an undated claim cannot be ordered.
pub fn order(a: Option<&ClaimDate>, b: Option<&ClaimDate>) -> Option<Ordering> {
    a?.order(b?)
}

impl fmt::Display for ClaimDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

// Howard Hinnant's `days_from_civil` and `civil_from_days`
// (http://howardhinnant.github.io/date_algorithms.html), proleptic Gregorian.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> ClaimDate {
        ClaimDate::parse(s).unwrap()
    }

    #[test]
    fn parses_three_precisions_and_keeps_them() {
        assert_eq!(d("2018").to_string(), "2018");
        assert_eq!(d("2018-03").to_string(), "2018-03");
        assert_eq!(d("2018-03-21").to_string(), "2018-03-21");
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in [
            "2018-02-30",
            "2018-13",
            "2019-02-29",
            "18-03",
            "2018-3",
            "2018-03-21-1",
            "mars",
            "",
        ] {
            assert!(ClaimDate::parse(bad).is_err(), "{bad}");
        }
        assert!(ClaimDate::parse("2020-02-29").is_ok());
    }

    #[test]
    fn dates_of_different_precision_overlap() {
        assert_eq!(d("2018-03").order(&d("2018-03-21")), None);
        assert_eq!(d("2018").order(&d("2018-12-31")), None);
        assert_eq!(
            d("2018-03-19").order(&d("2018-03-21")),
            Some(Ordering::Less)
        );
        assert_eq!(
            d("2018-04").order(&d("2018-03-31")),
            Some(Ordering::Greater)
        );
        assert_eq!(d("2018-03-21").order(&d("2018-03-21")), None);
        assert_eq!(order(None, Some(&d("2018"))), None);
    }

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2018, 3, 21)), (2018, 3, 21));
        assert_eq!(civil_from_days(days_from_civil(2000, 2, 29)), (2000, 2, 29));
    }

    proptest! {
        #[test]
        fn order_is_antisymmetric(a in 1990i32..2030, am in 0u8..13, b in 1990i32..2030, bm in 0u8..13) {
            let mk = |y: i32, m: u8| if m == 0 { d(&format!("{y}")) } else { d(&format!("{y}-{m:02}")) };
            let (x, y) = (mk(a, am), mk(b, bm));
            prop_assert_eq!(x.order(&y), y.order(&x).map(Ordering::reverse));
        }
    }
}
