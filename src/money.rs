//! Money with an explicit currency (币种), the one rounding rule, and the
//! display format.
//!
//! Every amount an enterprise types carries its currency, because the
//! policies mix them: export thresholds are in US dollars (seed 001 item 20)
//! while every subsidy is paid in yuan. A bare number is refused rather than
//! guessed. Amounts are `rust_decimal::Decimal`, never floating point
//! (POLICY_BRIEF rule 2).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// 币种. Only the two currencies the policies use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    /// 人民币（元）
    #[serde(rename = "CNY", alias = "元", alias = "RMB")]
    Cny,
    /// 美元
    #[serde(rename = "USD", alias = "美元")]
    Usd,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
        }
    }
}

/// An amount in a stated currency, written `"1000000 CNY"` or
/// `{ "amount": "1000000", "currency": "CNY" }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn cny(amount: Decimal) -> Money {
        Money { amount, currency: Currency::Cny }
    }
    pub fn usd(amount: Decimal) -> Money {
        Money { amount, currency: Currency::Usd }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency.code())
    }
}

/// A number as people write it: commas only as thousands separators
/// (`1,234,567.8`), never as a decimal comma (`1234,56` is refused rather
/// than read as 123,456).
fn parse_number(text: &str) -> Option<Decimal> {
    let plain = if text.contains(',') {
        let (int, frac) = text.split_once('.').map_or((text, None), |(i, f)| (i, Some(f)));
        let digits = int.trim_start_matches(['-', '+']);
        let mut groups = digits.split(',');
        let first = groups.next()?;
        let grouped = (1..=3).contains(&first.len())
            && groups.all(|g| g.len() == 3)
            && digits.chars().all(|c| c.is_ascii_digit() || c == ',');
        if !grouped || frac.is_some_and(|f| f.contains(',')) {
            return None;
        }
        text.replace(',', "")
    } else {
        text.to_string()
    };
    Decimal::from_str(&plain).ok().or_else(|| Decimal::from_scientific(&plain).ok())
}

/// Parse `"1000000 CNY"`, `"CNY 1000000"`, `"1,000,000 CNY"`.
impl FromStr for Money {
    type Err = String;
    fn from_str(s: &str) -> Result<Money, String> {
        let mut amount = None;
        let mut currency = None;
        for part in s.split_whitespace() {
            let this = match part {
                "CNY" | "RMB" | "元" => Some(Currency::Cny),
                "USD" | "美元" => Some(Currency::Usd),
                _ => None,
            };
            if let Some(this) = this {
                if currency.replace(this).is_some() {
                    return Err(format!("`{s}` has two currencies"));
                }
                continue;
            }
            if part.chars().all(|c| c.is_alphabetic()) {
                return Err(format!("unsupported currency `{part}`: use CNY or USD"));
            }
            let value = parse_number(part).ok_or_else(|| format!("`{part}` is not a number"))?;
            if amount.replace(value).is_some() {
                return Err(format!("`{s}` holds two numbers"));
            }
        }
        match (amount, currency) {
            (Some(amount), Some(currency)) => Ok(Money { amount, currency }),
            (None, _) => Err(format!("`{s}` has no amount")),
            (Some(_), None) => Err(format!(
                "`{s}` has no currency; write e.g. \"{s} CNY\" or \"{s} USD\""
            )),
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        struct MoneyVisitor;
        impl<'de> Visitor<'de> for MoneyVisitor {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount with its currency, e.g. \"1000000 CNY\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                Err(E::custom(format!(
                    "{v} has no currency; write \"{v} CNY\" or \"{v} USD\""
                )))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                self.visit_u64(v.unsigned_abs()).map_err(|_: E| {
                    E::custom(format!("{v} has no currency; write \"{v} CNY\" or \"{v} USD\""))
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                Err(E::custom(format!(
                    "{v} has no currency; write \"{v} CNY\" or \"{v} USD\""
                )))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Money, A::Error> {
                let mut amount: Option<Decimal> = None;
                let mut currency: Option<Currency> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "amount" => amount = Some(map.next_value()?),
                        "currency" => currency = Some(map.next_value()?),
                        other => {
                            return Err(de::Error::unknown_field(other, &["amount", "currency"]))
                        }
                    }
                }
                Ok(Money {
                    amount: amount.ok_or_else(|| de::Error::missing_field("amount"))?,
                    currency: currency.ok_or_else(|| de::Error::missing_field("currency"))?,
                })
            }
        }
        deserializer.deserialize_any(MoneyVisitor)
    }
}

/// 四舍五入到分: half away from zero at two places, applied once at the end
/// of each policy's calculation (POLICY_BRIEF rule 2).
pub fn round_to_fen(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `1234567.891` → `"1,234,567.89"`: yuan for people, with 分.
pub fn format_yuan(value: Decimal) -> String {
    group_thousands(&round_to_fen(value).to_string(), 2)
}

/// A number with thousands separators and at most `max_dp` decimals kept as
/// given (trailing zeros trimmed unless `max_dp` is 2 for money).
pub fn format_number(value: Decimal) -> String {
    let normalized = value.normalize().to_string();
    group_thousands(&normalized, 0)
}

fn group_thousands(text: &str, min_dp: usize) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int_part, frac_part) = match unsigned.split_once('.') {
        Some((i, f)) => (i, f.to_string()),
        None => (unsigned, String::new()),
    };
    let mut frac = frac_part;
    while frac.len() < min_dp {
        frac.push('0');
    }
    let digits: Vec<char> = int_part.chars().collect();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(*c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// A percentage for people: `3.45` → `"3.45%"`.
pub fn format_percent(percent: Decimal) -> String {
    format!("{}%", percent.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn parses_both_spellings() {
        assert_eq!("1,000,000 CNY".parse::<Money>().unwrap(), Money::cny(dec!(1000000)));
        assert_eq!("USD 4800000".parse::<Money>().unwrap(), Money::usd(dec!(4800000)));
        assert!("1000000".parse::<Money>().unwrap_err().contains("no currency"));
        assert!("12a CNY".parse::<Money>().unwrap_err().contains("not a number"));
        assert!("5 USD CNY".parse::<Money>().unwrap_err().contains("two currencies"));
        assert!("1000 EUR".parse::<Money>().unwrap_err().contains("unsupported currency `EUR`"));
        assert!("1234,56 CNY".parse::<Money>().is_err());
        assert!("1,0,0 CNY".parse::<Money>().is_err());
        assert_eq!("-1,234.5 CNY".parse::<Money>().unwrap(), Money::cny(dec!(-1234.5)));
    }

    #[test]
    fn rounds_half_up_to_fen() {
        assert_eq!(round_to_fen(dec!(0.005)), dec!(0.01));
        assert_eq!(round_to_fen(dec!(0.0049999)), dec!(0.00));
        assert_eq!(round_to_fen(dec!(13266.666666)), dec!(13266.67));
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(format_yuan(dec!(69000)), "69,000.00");
        assert_eq!(format_yuan(dec!(1234567.891)), "1,234,567.89");
        assert_eq!(format_yuan(dec!(999.5)), "999.50");
        assert_eq!(format_number(dec!(10000000)), "10,000,000");
        assert_eq!(format_percent(dec!(3.450)), "3.45%");
    }
}
