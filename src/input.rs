//! Reading and checking what the user typed.
//!
//! Every problem is an [`InputError`] that names the field (`loans[0].
//! principal`) and says what is wrong and what to do, in Chinese and in
//! English. Format errors come from serde with their path
//! (`serde_path_to_error`); range errors from [`check`], which runs before
//! any calculation so that the arithmetic after it cannot overflow, divide
//! by zero or go negative. Nothing here panics on any input.

use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;
use time::Date;

use crate::money::{format_number, Currency, Money};
use crate::scenario::Scenario;

/// The largest amount accepted, 一万亿元: not a policy figure, a sanity
/// bound far above any SME's finances that keeps every product of the
/// formulas inside `Decimal`'s range.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1e12

/// Dates outside this range are typing mistakes.
const MIN_YEAR: i32 = 1990;
const MAX_YEAR: i32 = 2100;

/// A located problem with the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// Where: `enterprise.operating_revenue`, `loans[1].end_date`.
    pub field: String,
    /// What is wrong and what to do, in Chinese.
    pub zh: String,
    /// The same in English.
    pub en: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} / {}", self.field, self.zh, self.en)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        InputError { field: field.into(), zh: zh.into(), en: en.into() }
    }

    /// From a serde error with its path: the message is translated for the
    /// common cases and kept verbatim in English.
    pub fn from_serde(path: String, message: &str) -> InputError {
        let quoted = |m: &str| m.split('`').nth(1).unwrap_or("").to_string();
        let mut field = if path == "." { String::new() } else { path };
        let zh = if message.starts_with("missing field") {
            let name = quoted(message);
            field = if field.is_empty() { name.clone() } else { format!("{field}.{name}") };
            format!("缺少必填项 {name}，请填写")
        } else if message.starts_with("unknown field") {
            format!("无法识别的字段 {}（请检查拼写）", quoted(message))
        } else if message.starts_with("unknown variant") {
            let expected = message.split("expected ").nth(1).unwrap_or("").replace('`', "");
            format!("取值 {} 不在可选范围内，可选：{expected}", quoted(message))
        } else if message.contains("no currency") {
            "金额缺少币种，请写成如 \"1000000 CNY\" 或 \"4800000 USD\"".to_string()
        } else if message.contains("not a number") || message.contains("Decimal") {
            "不是有效的数字，请只填写数字".to_string()
        } else if message.contains("invalid value: integer") && message.contains("u32") {
            "须为不小于0的整数，且不超过合理范围".to_string()
        } else if message.contains("invalid type") {
            format!("类型不正确：{}", message.split(", expected").nth(1).map_or("", str::trim))
        } else if ["month", "day", "year", "date", "component", "invalid", "length"]
            .iter()
            .any(|w| message.to_lowercase().contains(w))
        {
            "日期格式应为 YYYY-MM-DD 且为真实存在的日期".to_string()
        } else {
            format!("格式错误：{message}")
        };
        let field = if field.is_empty() { "(scenario)".to_string() } else { field };
        InputError { field, zh, en: message.to_string() }
    }
}

/// Parse a scenario from JSON text, with the failing field located.
#[cfg(not(target_arch = "wasm32"))]
pub fn scenario_from_json(text: &str) -> Result<Scenario, Vec<InputError>> {
    scenario_from(&mut serde_json::Deserializer::from_str(text))
}

/// Deserialize a scenario from any self-describing format (JSON, TOML, a
/// JavaScript object), with the failing field located, then check it.
pub fn scenario_from<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Scenario, Vec<InputError>>
where
    D::Error: fmt::Display,
{
    let scenario: Scenario = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        vec![InputError::from_serde(path, &e.inner().to_string())]
    })?;
    check(&scenario)?;
    Ok(scenario)
}

/// Check ranges and consistency; every problem found, not just the first.
pub fn check(s: &Scenario) -> Result<(), Vec<InputError>> {
    let mut c = Checker::default();
    c.date(|| "evaluation_date".to_string(), s.evaluation_date);
    let e = &s.enterprise;
    if let Some(region) = &e.region {
        if region.province.trim().is_empty() {
            c.push("enterprise.region.province", "省份不能为空", "province must not be empty");
        }
    }
    if let Some(n) = e.employees {
        if n > 10_000_000 {
            c.push("enterprise.employees", "从业人员人数超出合理范围（≤10,000,000）", "employees is out of range (at most 10,000,000)");
        }
    }
    c.money(|| "enterprise.operating_revenue".to_string(), e.operating_revenue, Currency::Cny, false);
    c.money(|| "enterprise.total_assets".to_string(), e.total_assets, Currency::Cny, false);
    c.money(|| "enterprise.annual_exports".to_string(), e.annual_exports, Currency::Usd, false);
    for (i, loan) in s.loans.iter().enumerate() {
        let at = |f: &str| format!("loans[{i}].{f}");
        c.money(|| at("principal"), loan.principal, Currency::Cny, true);
        c.money(|| at("monthly_average_balance"), loan.monthly_average_balance, Currency::Cny, true);
        c.money(|| at("interest_paid"), loan.interest_paid, Currency::Cny, false);
        c.percent(|| at("contract_rate_percent"), loan.contract_rate_percent, false);
        if let Some(d) = loan.start_date {
            c.date(|| at("start_date"), d);
        }
        if let Some(d) = loan.end_date {
            c.date(|| at("end_date"), d);
        }
        if let (Some(start), Some(end)) = (loan.start_date, loan.end_date) {
            if end <= start {
                c.push(
                    at("end_date"),
                    format!("到期日 {end} 须晚于起始日 {start}"),
                    format!("end date {end} must be after the start date {start}"),
                );
            }
        }
    }
    for (i, g) in s.guarantees.iter().enumerate() {
        let at = |f: &str| format!("guarantees[{i}].{f}");
        c.money(|| at("amount"), g.amount, Currency::Cny, true);
        c.money(|| at("fee"), g.fee, Currency::Cny, false);
        c.percent(|| at("fee_rate_percent"), g.fee_rate_percent, true);
        if let Some(m) = g.term_months {
            if m == 0 || m > 600 {
                c.push(at("term_months"), "担保期限须在1至600个月之间", "term must be between 1 and 600 months");
            }
        }
    }
    for (i, f) in s.evaluation_fees.iter().enumerate() {
        c.money(|| format!("evaluation_fees[{i}].fee"), f.fee, Currency::Cny, false);
    }
    for (i, p) in s.insurance.iter().enumerate() {
        let at = |f: &str| format!("insurance[{i}].{f}");
        c.money(|| at("insured_amount"), p.insured_amount, Currency::Cny, true);
        c.money(|| at("premium"), p.premium, Currency::Cny, false);
        if let Some(d) = p.start_date {
            c.date(|| at("start_date"), d);
        }
    }
    if let Some(ipo) = &s.ipo {
        c.money(|| "ipo.planned_fundraising".to_string(), ipo.planned_fundraising, Currency::Cny, true);
    }
    c.percent(|| "lpr_override.one_year_percent".to_string(), s.lpr_override.one_year_percent, false);
    c.percent(|| "lpr_override.five_year_percent".to_string(), s.lpr_override.five_year_percent, false);
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(c.errors)
    }
}

#[derive(Default)]
struct Checker {
    errors: Vec<InputError>,
}

impl Checker {
    fn push(&mut self, field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) {
        self.errors.push(InputError::new(field, zh, en));
    }

    // Field paths are built only when there is something to report: the
    // check runs before every evaluation.
    fn money(&mut self, field: impl FnOnce() -> String, value: Option<Money>, currency: Currency, positive: bool) {
        let Some(m) = value else { return };
        let ok = m.currency == currency
            && !(m.amount.is_sign_negative() && !m.amount.is_zero())
            && !(positive && m.amount.is_zero())
            && m.amount <= MAX_AMOUNT;
        if ok {
            return;
        }
        let field = field();
        if m.currency != currency {
            let (zh_cur, en_cur) = match currency {
                Currency::Cny => ("人民币（CNY）", "yuan (CNY)"),
                Currency::Usd => ("美元（USD）", "US dollars (USD)"),
            };
            self.push(
                field,
                format!("币种应为{zh_cur}，收到 {}", m.currency.code()),
                format!("currency must be {en_cur}, got {}", m.currency.code()),
            );
        } else if m.amount.is_sign_negative() && !m.amount.is_zero() {
            self.push(field, "金额不能为负数", "amount must not be negative");
        } else if positive && m.amount.is_zero() {
            self.push(field, "金额须大于0", "amount must be greater than zero");
        } else if m.amount > MAX_AMOUNT {
            self.push(
                field,
                format!("金额 {} 超出合理范围（不超过一万亿）", format_number(m.amount)),
                format!("amount {} is out of range (at most 1,000,000,000,000)", format_number(m.amount)),
            );
        }
    }

    fn percent(&mut self, field: impl FnOnce() -> String, value: Option<Decimal>, zero_ok: bool) {
        let Some(p) = value else { return };
        let ok = p > Decimal::ZERO && p <= Decimal::ONE_HUNDRED || (p.is_zero() && zero_ok);
        if ok {
            return;
        }
        let field = field();
        if p.is_sign_negative() && !p.is_zero() {
            self.push(field, "比率不能为负数", "rate must not be negative");
        } else if p.is_zero() && !zero_ok {
            self.push(field, "比率须大于0", "rate must be greater than zero");
        } else if p > Decimal::ONE_HUNDRED {
            self.push(
                field,
                format!("比率 {p}% 超出范围：请按百分数填写（如 3.45 表示 3.45%），且不超过100"),
                format!("rate {p}% is out of range: enter a percentage (3.45 means 3.45%), at most 100"),
            );
        }
    }

    fn date(&mut self, field: impl FnOnce() -> String, date: Date) {
        if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
            let field = field();
            self.push(
                field,
                format!("日期 {date} 超出范围（{MIN_YEAR}—{MAX_YEAR}年）"),
                format!("date {date} is out of range ({MIN_YEAR}–{MAX_YEAR})"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_amount_is_one_trillion() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000i64));
    }
}

