//! 贷款市场报价利率 (LPR): the published 1-year and 5-year-plus history, and
//! the value in force on a date.
//!
//! Source: 全国银行间同业拆借中心 announcements under authorisation of the
//! People's Bank of China, transcribed in `data/lpr.csv` (extend it only from
//! a cited announcement). A value is in force from its announcement date
//! until the next change. Past the newest entry the table cannot know of
//! later changes, so the quote says the newest known value was used and the
//! user is invited to enter the current rate (ground rules, LPR).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// One announcement: rates in basis points (3.45% → 345).
struct LprRow {
    effective_from: (i32, u8, u8),
    one_year_bp: i64,
    five_year_bp: i64,
}

const LPR_TABLE: &[LprRow] = include!(concat!(env!("OUT_DIR"), "/lpr_table.rs"));

/// The citation every LPR quote carries.
pub const LPR_SOURCE: &str = "全国银行间同业拆借中心受权公布的贷款市场报价利率（LPR）";

/// LPR 期限品种.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tenor {
    /// 1年期
    #[default]
    OneYear,
    /// 5年期以上
    FiveYear,
}

/// Where a quoted rate came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LprSource {
    /// The table's announcement of `effective_from`; `beyond_newest` when the
    /// date asked for is after the table's newest announcement.
    Table { effective_from: Date, beyond_newest: bool },
    /// 用户输入
    UserOverride,
}

/// The LPR used for a calculation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LprQuote {
    pub tenor: Tenor,
    pub on: Date,
    /// percent per year, e.g. 3.45
    pub percent: Decimal,
    pub source: LprSource,
}

fn row_date(row: &LprRow) -> Date {
    let (y, m, d) = row.effective_from;
    Date::from_calendar_date(y, Month::try_from(m).expect("valid month"), d).expect("valid LPR table date")
}

/// The newest announcement the table holds.
pub fn newest_date() -> Date {
    row_date(LPR_TABLE.last().expect("LPR table is not empty"))
}

/// The first announcement (2019-08-20, the LPR reform).
pub fn oldest_date() -> Date {
    row_date(&LPR_TABLE[0])
}

/// The LPR in force on `on`, or the user's figure when given. `None` when
/// `on` is before the table begins and no override was entered.
pub fn quote(on: Date, tenor: Tenor, user_percent: Option<Decimal>) -> Option<LprQuote> {
    if let Some(percent) = user_percent {
        return Some(LprQuote { tenor, on, percent, source: LprSource::UserOverride });
    }
    let key = (on.year(), on.month() as u8, on.day());
    let index = LPR_TABLE.partition_point(|row| row.effective_from <= key);
    let row = LPR_TABLE.get(index.checked_sub(1)?)?;
    let bp = match tenor {
        Tenor::OneYear => row.one_year_bp,
        Tenor::FiveYear => row.five_year_bp,
    };
    Some(LprQuote {
        tenor,
        on,
        percent: Decimal::new(bp, 2),
        source: LprSource::Table {
            effective_from: row_date(row),
            beyond_newest: index == LPR_TABLE.len() && key > row.effective_from,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use time::macros::date;

    #[test]
    fn picks_value_in_force() {
        // 2023-08-21 announcement: 1y 3.45, 5y 4.20; in force until 2024-02-20.
        let q = quote(date!(2024 - 02 - 19), Tenor::OneYear, None).unwrap();
        assert_eq!(q.percent, dec!(3.45));
        assert_eq!(
            q.source,
            LprSource::Table { effective_from: date!(2023 - 08 - 21), beyond_newest: false }
        );
        let q = quote(date!(2024 - 02 - 20), Tenor::FiveYear, None).unwrap();
        assert_eq!(q.percent, dec!(3.95));
    }

    #[test]
    fn before_table_is_none_and_after_is_flagged() {
        assert!(quote(date!(2019 - 08 - 19), Tenor::OneYear, None).is_none());
        let q = quote(date!(2026 - 11 - 21), Tenor::OneYear, None).unwrap();
        assert_eq!(q.percent, dec!(3.00));
        assert_eq!(q.source, LprSource::Table { effective_from: date!(2025 - 05 - 20), beyond_newest: true });
        assert_eq!(newest_date(), date!(2025 - 05 - 20));
    }

    #[test]
    fn override_wins() {
        let q = quote(date!(2019 - 01 - 01), Tenor::OneYear, Some(dec!(2.9))).unwrap();
        assert_eq!(q.percent, dec!(2.9));
        assert_eq!(q.source, LprSource::UserOverride);
    }
}
