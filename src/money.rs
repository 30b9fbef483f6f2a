//! Money with an explicit currency (币种), the one rounding rule, and the
//! display format.
//!
//! Every amount an enterprise types carries its currency, because the
//! policies mix them: export thresholds are in US dollars (seed 001 item 20)
//! while every subsidy is paid in yuan. A bare number is refused rather than
//! guessed. Amounts are `rust_decimal::Decimal`, never floating point
//! (ground rule 2).

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
/// than read as 123,456). Allocates only when there are separators to drop.
pub fn parse_number(text: &str) -> Option<Decimal> {
    if let Some(d) = parse_plain(text) {
        return Some(d);
    }
    let plain: std::borrow::Cow<str> = if text.contains(',') {
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
        text.replace(',', "").into()
    } else {
        text.into()
    };
    Decimal::from_str(&plain).ok().or_else(|| Decimal::from_scientific(&plain).ok())
}

/// Whether `text` is written as a number — digits, thousands separators
/// every three, a point, an exponent — that [`parse_number`] cannot hold
/// (`1e30`, thirty digits): out of range, not a typing error.
pub fn is_number_out_of_range(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').map_or((mantissa, ""), |(i, f)| (i, f));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let grouped = |s: &str| {
        let mut groups = s.split(',');
        groups.next().is_some_and(|g| (1..=3).contains(&g.len()) && digits(g))
            && groups.all(|g| g.len() == 3 && digits(g))
    };
    let int_ok = digits(int) || grouped(int);
    let shaped =
        !int.is_empty() && int_ok && digits(frac) && exponent.is_none_or(|e| !e.is_empty() && digits(e));
    shaped && parse_number(text).is_none()
}

/// The usual number, read without a general parser (batch lists read
/// millions): unsigned digits, optionally grouped by commas every three,
/// an optional fraction, at most 18 digits. Anything else is left to the
/// general path, so the result is always the same as `Decimal::from_str`'s.
fn parse_plain(text: &str) -> Option<Decimal> {
    let b = text.as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    if int.is_empty() || frac.is_some_and(|f| f.is_empty()) || b.len() > 24 {
        return None;
    }
    if int.contains(&b',') {
        let mut groups = int.split(|&c| c == b',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || !groups.all(|g| g.len() == 3) {
            return None;
        }
    }
    let mut mantissa: u64 = 0;
    for (digits, &c) in int.iter().filter(|&&c| c != b',').chain(frac.unwrap_or(&[])).enumerate() {
        // A 19th digit could overflow the u64: longer numbers take the general path.
        if !c.is_ascii_digit() || digits == 18 {
            return None;
        }
        mantissa = mantissa * 10 + u64::from(c - b'0');
    }
    let scale = frac.map_or(0, |f| f.len() as u32);
    Some(Decimal::from_i128_with_scale(i128::from(mantissa), scale))
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
            // Three capital letters read as a currency code (EUR); other
            // letters are a mistyped number.
            if part.len() == 3 && part.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(format!("unsupported currency `{part}`: use CNY or USD"));
            }
            let value = parse_number(part).ok_or_else(|| {
                if is_number_out_of_range(part) {
                    format!("`{part}` is out of range")
                } else {
                    format!("`{part}` is not a number")
                }
            })?;
            if amount.replace(value).is_some() {
                return Err(format!("`{s}` holds two numbers"));
            }
        }
        match (amount, currency) {
            (Some(amount), Some(currency)) => Ok(Money { amount, currency }),
            (None, _) => Err(format!("`{s}` has no amount")),
            (Some(_), None) => Err(format!("`{s}` has no currency; write e.g. \"{s} CNY\" or \"{s} USD\"")),
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
                Err(E::custom(format!("{v} has no currency; write \"{v} CNY\" or \"{v} USD\"")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                self.visit_u64(v.unsigned_abs()).map_err(|_: E| {
                    E::custom(format!("{v} has no currency; write \"{v} CNY\" or \"{v} USD\""))
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                Err(E::custom(format!("{v} has no currency; write \"{v} CNY\" or \"{v} USD\"")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Money, A::Error> {
                let mut amount: Option<Decimal> = None;
                let mut currency: Option<Currency> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "amount" => amount = Some(map.next_value()?),
                        "currency" => currency = Some(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, &["amount", "currency"])),
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
/// of each policy's calculation (ground rule 2).
pub fn round_to_fen(value: Decimal) -> Decimal {
    let scale = value.scale();
    if scale <= 2 || value.is_zero() {
        return value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    }
    // The same rounding on the 96-bit mantissa as one integer: a division
    // and a comparison instead of rust_decimal's word-by-word passes (every
    // computed amount is rounded, most with twenty-odd decimals).
    let mantissa = value.mantissa().unsigned_abs();
    let unit = 10u128.pow(scale - 2);
    let fen = mantissa / unit;
    let rest = mantissa - fen * unit;
    let fen = if rest >= unit - rest { fen + 1 } else { fen };
    // At most the mantissa, which fits in 96 bits.
    let fen = fen as i128;
    Decimal::from_i128_with_scale(if value.is_sign_negative() { -fen } else { fen }, 2)
}

/// An amount before rounding, for people (steps of the enterprise and the
/// institution calculations alike): at most four decimals, with `…` where
/// more were cut.
pub fn unrounded(d: Decimal) -> String {
    let (short, cut) = cut_to_four(d);
    format!("{}{cut}", Grouped(short))
}

/// A percentage that may be a derived ratio: at most four decimals, `…`
/// where more were cut.
pub fn unrounded_percent(d: Decimal) -> String {
    let (short, cut) = cut_to_four(d);
    format!("{}{cut}", Percent(short))
}

fn cut_to_four(d: Decimal) -> (Decimal, &'static str) {
    let short = d.round_dp_with_strategy(4, RoundingStrategy::ToZero);
    (short, if short == d { "" } else { "…" })
}

/// Yuan for people, with 分: `Yuan(1234567.891)` displays `1,234,567.89`.
/// A `Display` wrapper, so formatting into a message allocates nothing more.
#[derive(Clone, Copy, Debug)]
pub struct Yuan(pub Decimal);

/// A number with thousands separators, trailing zeros dropped:
/// `Grouped(10000000)` displays `10,000,000`.
#[derive(Clone, Copy, Debug)]
pub struct Grouped(pub Decimal);

/// A percentage: `Percent(3.450)` displays `3.45%`.
#[derive(Clone, Copy, Debug)]
pub struct Percent(pub Decimal);

impl fmt::Display for Yuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_grouped(f, round_to_fen(self.0), 2)
    }
}

impl fmt::Display for Grouped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_grouped(f, self.0.normalize(), 0)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0.normalize())
    }
}

/// `value` as its `Display` writes it (`{}`, or `{:.N}` with `precision`):
/// digits, a point, the decimals (cut, or padded with zeros, to the
/// precision). A non-negative value whose mantissa fits in 64 bits, as
/// every amount does, is written from one integer division; others go
/// through rust_decimal's digit-by-digit formatting.
pub fn write_plain(out: &mut impl fmt::Write, value: Decimal, precision: Option<usize>) -> fmt::Result {
    let scale = value.scale() as usize;
    let mantissa = value.mantissa();
    let fits = !value.is_sign_negative() && scale < 20 && u64::try_from(mantissa).is_ok();
    if !fits {
        return match precision {
            Some(p) => write!(out, "{value:.p$}"),
            None => write!(out, "{value}"),
        };
    }
    let mantissa = mantissa as u64;
    let unit = 10u64.pow(scale as u32);
    write!(out, "{}", mantissa / unit)?;
    let shown = precision.unwrap_or(scale);
    if shown == 0 {
        return Ok(());
    }
    out.write_char('.')?;
    // The decimals, most significant first: `scale` of them, then zeros.
    let mut rest = mantissa % unit;
    let mut place = unit;
    for _ in 0..shown {
        place /= 10;
        match rest.checked_div(place) {
            Some(digit) => {
                out.write_char(char::from(b'0' + digit as u8))?;
                rest %= place;
            }
            None => out.write_char('0')?,
        }
    }
    Ok(())
}

/// Write `value` with a comma every three integer digits and at least
/// `min_dp` decimals. Straight from the mantissa's digits into one stack
/// buffer, written at once: every amount of every step goes through here.
fn write_grouped(f: &mut fmt::Formatter<'_>, value: Decimal, min_dp: usize) -> fmt::Result {
    // The mantissa's digits, least significant first (a `Decimal` has at most 29).
    let mut digits = [0u8; 29];
    let mut n = 0;
    let mantissa = value.mantissa().unsigned_abs();
    // Amounts fit 64 bits: their division is a multiplication, 128 bits' a call.
    match u64::try_from(mantissa) {
        Ok(mut m) => loop {
            digits[n] = b'0' + (m % 10) as u8;
            m /= 10;
            n += 1;
            if m == 0 {
                break;
            }
        },
        Err(_) => {
            let mut m = mantissa;
            while m > 0 {
                digits[n] = b'0' + (m % 10) as u8;
                m /= 10;
                n += 1;
            }
        }
    }
    let scale = value.scale() as usize;
    // Integer digits (at least one), then the fraction's.
    let whole = n.saturating_sub(scale).max(1);
    let digit = |i: usize| if i < n { digits[i] } else { b'0' };
    // Sign, 29 digits with 9 commas, a point and the padding.
    let mut out = [0u8; 72];
    let mut len = 0;
    let mut push = |b: u8| {
        out[len] = b;
        len += 1;
    };
    // As `Decimal`'s own Display: a negative zero keeps its sign.
    if value.is_sign_negative() {
        push(b'-');
    }
    for k in (0..whole).rev() {
        push(digit(k + scale));
        if k > 0 && k % 3 == 0 {
            push(b',');
        }
    }
    if scale > 0 || min_dp > 0 {
        push(b'.');
        for k in (0..scale).rev() {
            push(digit(k));
        }
        for _ in scale..min_dp {
            push(b'0');
        }
    }
    f.write_str(std::str::from_utf8(&out[..len]).map_err(|_| fmt::Error)?)
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
        assert!("abc CNY".parse::<Money>().unwrap_err().contains("`abc` is not a number"));
        assert!("5 USD CNY".parse::<Money>().unwrap_err().contains("two currencies"));
        assert!("1000 EUR".parse::<Money>().unwrap_err().contains("unsupported currency `EUR`"));
        assert!("1234,56 CNY".parse::<Money>().is_err());
        assert!("1,0,0 CNY".parse::<Money>().is_err());
        assert_eq!("-1,234.5 CNY".parse::<Money>().unwrap(), Money::cny(dec!(-1234.5)));
    }

    #[test]
    fn a_number_too_large_to_hold_is_out_of_range() {
        for t in [
            "1e30",
            "1E+30",
            "100000000000000000000000000000",
            "-1,000,000,000,000,000,000,000,000,000,000.5",
        ] {
            assert_eq!(parse_number(t), None, "{t}");
            assert!(is_number_out_of_range(t), "{t}");
            let message = format!("{t} CNY").parse::<Money>().unwrap_err();
            assert_eq!(message, format!("`{t}` is out of range"));
        }
        for t in ["12a", "1,23", "1e", "e5", "", "1..2", "万"] {
            assert!(!is_number_out_of_range(t), "{t}");
        }
        assert_eq!(parse_number("1e20"), Some(Decimal::from(100_000_000_000_000_000_000u128)));
    }

    #[test]
    fn the_fast_path_reads_numbers_as_the_general_one() {
        for t in [
            "0",
            "7",
            "007",
            "1.50",
            "1,234",
            "12,345,678.90",
            "999999999999999999",
            "1234567890123456789",
            // Found by the scenario fuzzer: 20 digits and more overflowed the fast path's u64.
            "99999999999999999999999",
            "1,000,000,000,000,000,000,000",
            "0.00000000000000000000001",
            "0.000001",
            "3.",
            ".5",
            "1,23",
            "1,2345",
            ",123",
            "12a",
            "1e6",
            "-5",
            "+5",
            "1.2.3",
            "1,234.5,6",
        ] {
            let general = if t.contains(',') {
                let ok = t.split('.').next().unwrap().split(',').enumerate().all(|(i, g)| {
                    if i == 0 {
                        (1..=3).contains(&g.len())
                    } else {
                        g.len() == 3
                    }
                }) && !t.split_once('.').is_some_and(|(_, f)| f.contains(','));
                if ok {
                    Decimal::from_str(&t.replace(',', "")).ok()
                } else {
                    None
                }
            } else {
                Decimal::from_str(t).ok().or_else(|| Decimal::from_scientific(t).ok())
            };
            let got = parse_number(t);
            assert_eq!(got, general, "{t}");
            if let (Some(a), Some(b)) = (got, general) {
                assert_eq!(a.scale(), b.scale(), "{t}");
            }
        }
    }

    /// A fixed pseudo-random walk (xorshift64), the same on every run.
    fn xorshift(mut x: u64) -> impl FnMut() -> u64 {
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    /// A decimal of 1 to 96 mantissa bits and scale 0 to 28.
    fn random_decimal(next: &mut impl FnMut() -> u64, negative: bool) -> Decimal {
        let bits = 1 + next() % 96;
        let mantissa = (u128::from(next()) << 64 | u128::from(next())) & ((1u128 << bits) - 1);
        let mantissa = if negative { -(mantissa as i128) } else { mantissa as i128 };
        Decimal::from_i128_with_scale(mantissa, (next() % 29) as u32)
    }

    #[test]
    fn plain_digits_as_display_writes_them() {
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for i in 0..20_000u32 {
            let d = random_decimal(&mut next, i % 5 == 0);
            for (precision, want) in
                [(None, format!("{d}")), (Some(2), format!("{d:.2}")), (Some(0), format!("{d:.0}"))]
            {
                let mut got = String::new();
                write_plain(&mut got, d, precision).unwrap();
                assert_eq!(got, want, "{d} {precision:?}");
            }
        }
        for d in [dec!(0), dec!(0.00), dec!(5), dec!(0.05), dec!(69000.00), dec!(1.999), dec!(-0.00)] {
            let mut got = String::new();
            write_plain(&mut got, d, Some(2)).unwrap();
            assert_eq!(got, format!("{d:.2}"), "{d}");
        }
    }

    #[test]
    fn rounds_to_fen_as_rust_decimal_does() {
        // A fixed pseudo-random walk over mantissas, scales and signs.
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for i in 0..20_000u32 {
            let d = random_decimal(&mut next, i % 3 == 0);
            let want = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            let got = round_to_fen(d);
            assert_eq!((got, got.scale(), got.to_string()), (want, want.scale(), want.to_string()), "{d}");
        }
        for d in [
            dec!(0.005),
            dec!(-0.005),
            dec!(0.004999),
            dec!(-0.0000),
            dec!(2.675),
            dec!(1.0050000000000000000000000000),
        ] {
            let want = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            assert_eq!(round_to_fen(d).to_string(), want.to_string(), "{d}");
        }
    }

    #[test]
    fn rounds_half_up_to_fen() {
        assert_eq!(round_to_fen(dec!(0.005)), dec!(0.01));
        assert_eq!(round_to_fen(dec!(0.0049999)), dec!(0.00));
        assert_eq!(round_to_fen(dec!(13266.666666)), dec!(13266.67));
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(Yuan(dec!(69000)).to_string(), "69,000.00");
        assert_eq!(Yuan(dec!(1234567.891)).to_string(), "1,234,567.89");
        assert_eq!(Yuan(dec!(999.5)).to_string(), "999.50");
        assert_eq!(Yuan(dec!(-1234.5)).to_string(), "-1,234.50");
        assert_eq!(Yuan(dec!(0)).to_string(), "0.00");
        assert_eq!(Yuan(dec!(0.05)).to_string(), "0.05");
        // The integer digits of Decimal's own Display, grouped: the same.
        for d in [dec!(-0.004), dec!(-0), dec!(1000), dec!(-999999.999), dec!(12.3456789)] {
            let plain = round_to_fen(d).to_string();
            let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
            assert_eq!(Yuan(d).to_string().replace(',', ""), format!("{whole}.{fraction:0<2}"));
        }
        assert_eq!(Grouped(dec!(0.0001)).to_string(), "0.0001");
        // Past 64 bits of mantissa.
        assert_eq!(Grouped(Decimal::MAX).to_string(), "79,228,162,514,264,337,593,543,950,335");
        assert_eq!(Grouped(dec!(123456789012345678901.5)).to_string(), "123,456,789,012,345,678,901.5");
        assert_eq!(Grouped(dec!(10000000)).to_string(), "10,000,000");
        assert_eq!(Grouped(dec!(5000000.50)).to_string(), "5,000,000.5");
        assert_eq!(Percent(dec!(3.450)).to_string(), "3.45%");
    }
}
