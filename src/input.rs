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

use crate::fields::{FieldAt, FieldId};
use crate::money::{Currency, Grouped, Money};
use crate::pack::{Condition, PolicySet};
use crate::scenario::{Collateral, Lender, LoanPurpose, Scenario};
use crate::vocabulary::Choice;

/// The largest amount accepted, 一万亿元: not a policy figure, a sanity
/// bound far above any SME's finances that keeps every product of the
/// formulas inside `Decimal`'s range.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 1e12

/// Dates outside this range are typing mistakes.
pub const MIN_YEAR: i32 = 1990;
pub const MAX_YEAR: i32 = 2100;

/// A located problem with the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "InputErrorDetail"))]
pub struct InputError {
    /// Where: `enterprise.operating_revenue`, `loans[1].end_date`.
    pub field: String,
    /// What is wrong and what to do, in Chinese.
    pub zh: String,
    /// The same in English.
    pub en: String,
    /// The field, where the check names one of the vocabulary's (the batch
    /// list puts the error back on its column by it).
    #[serde(skip)]
    pub at: Option<FieldAt>,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} / {}", self.field, self.zh, self.en)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        InputError { field: field.into(), zh: zh.into(), en: en.into(), at: None }
    }

    /// From a serde error with its path: translated for people, the English
    /// original kept.
    pub fn from_serde(path: String, message: &str) -> InputError {
        let mut field = if path == "." { String::new() } else { path };
        // serde_json appends the position; keep it, in both languages.
        let (text, position) = match message.rsplit_once(" at line ") {
            Some((text, pos)) => {
                let (line, column) = pos.split_once(" column ").unwrap_or((pos, ""));
                (text, format!("（第{line}行第{column}列）"))
            }
            None => (message, String::new()),
        };
        let zh = translate(text, &mut field);
        let field = if field.is_empty() { "(scenario)".to_string() } else { field };
        InputError { field, zh: format!("{zh}{position}"), en: message.to_string(), at: None }
    }
}

/// The first `…` quoted in a serde message.
fn quoted(message: &str) -> &str {
    message.split('`').nth(1).unwrap_or("")
}

/// Every `…` quoted after `from` in a serde message, joined for people.
fn quoted_list(message: &str, sep: &str) -> String {
    message.split('`').skip(1).step_by(2).collect::<Vec<_>>().join(sep)
}

/// What serde expected, in Chinese.
fn expected_zh(expected: &str, field: &str) -> String {
    let e = expected.trim();
    if e.contains("u32") || e.contains("u64") {
        "不小于0的整数".into()
    } else if e.contains("Decimal") {
        "数字（如 \"3.45\"）".into()
    } else if e.contains("amount with its currency") {
        "带币种的金额（如 \"1000000 CNY\"）".into()
    } else if e.contains("boolean") {
        "是/否（true 或 false）".into()
    } else if e.contains("Date") || e.contains("date") {
        "日期（YYYY-MM-DD）".into()
    } else if e.contains("sequence") {
        "列表".into()
    } else if e.contains("variant") {
        match choices_zh(field) {
            Some(choices) => format!("以下取值之一：{choices}"),
            None => "可选取值之一".into(),
        }
    } else if e.contains("string") {
        "文本".into()
    } else if e.starts_with("struct") || e.contains("map") {
        "对象（{…}）".into()
    } else {
        e.into()
    }
}

/// What serde got, in Chinese.
fn unexpected_zh(got: &str) -> String {
    let g = got.trim();
    let value = quoted(g);
    if g.starts_with("integer") || g.starts_with("floating point") {
        format!("数字 {value}")
    } else if g.starts_with("string") {
        format!("文本 {}", g.trim_start_matches("string").trim())
    } else if g.starts_with("boolean") {
        format!("布尔值 {value}")
    } else if g.starts_with("sequence") {
        "列表".into()
    } else if g.starts_with("map") {
        "对象".into()
    } else if g.starts_with("null") || g.starts_with("unit") {
        "空值".into()
    } else {
        g.into()
    }
}

/// The allowed values of an enum field, for the message.
fn choices_zh(field: &str) -> Option<String> {
    let last = field.rsplit('.').next()?.split('[').next()?;
    let choices = match last {
        "industry" => crate::size::Industry::ALL.iter().map(|i| i.name_zh()).collect::<Vec<_>>().join("、"),
        "collateral" => Collateral::keys_and_labels(),
        "lender" => Lender::keys_and_labels(),
        "purpose" => LoanPurpose::keys_and_labels(),
        _ => return None,
    };
    Some(choices)
}

fn translate(text: &str, field: &mut String) -> String {
    if text.starts_with("missing field") {
        let name = quoted(text);
        *field = if field.is_empty() { name.to_string() } else { format!("{field}.{name}") };
        return format!("缺少必填项 {name}，请填写");
    }
    if text.starts_with("unknown field") {
        let (name, rest) = (quoted(text), text.split_once("expected").map_or("", |x| x.1));
        return format!("无法识别的字段 {name}（请检查拼写），可用字段：{}", quoted_list(rest, "、"));
    }
    if text.starts_with("duplicate field") {
        return format!("字段 {} 重复出现，请只保留一个", quoted(text));
    }
    if text.starts_with("unknown variant") {
        let rest = text.split_once("expected").map_or("", |x| x.1);
        return format!("取值 {} 不在可选范围内，可选：{}", quoted(text), quoted_list(rest, "、"));
    }
    if let Some(rest) = text.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        return format!("类型不正确：应为{}，收到{}", expected_zh(expected, field), unexpected_zh(got));
    }
    if let Some(rest) = text.strip_prefix("invalid value: ") {
        let (got, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        if expected.contains("u32") {
            return format!("须为不小于0的整数（人数），收到{}", unexpected_zh(got));
        }
        if expected.contains("Decimal") {
            // `string "1e30"`, `floating point `1e+30``: the number as written.
            let number = got.split(['"', '`']).nth(1).unwrap_or("");
            return if crate::money::is_number_out_of_range(number) {
                format!("{} 超出合理范围", unexpected_zh(got))
            } else {
                format!("{} 不是有效的数字", unexpected_zh(got))
            };
        }
        return format!("取值无效：应为{}，收到{}", expected_zh(expected, field), unexpected_zh(got));
    }
    if text.starts_with("invalid length") {
        let expected = text.split_once("expected").map_or("", |x| x.1);
        return format!("结构不正确：应为{}", expected_zh(expected, field));
    }
    // Our own money messages (money.rs).
    if text.contains("has no currency") {
        return "金额缺少币种，请写成如 \"1000000 CNY\" 或 \"4800000 USD\"".into();
    }
    if text.contains("unsupported currency") {
        return format!("不支持的币种 {}，请使用 CNY（人民币）或 USD（美元）", quoted(text));
    }
    if text.contains("has two currencies") {
        return "金额只能有一个币种".into();
    }
    if text.contains("holds two numbers") {
        return "金额中只能有一个数字".into();
    }
    if text.contains("has no amount") {
        return "金额缺少数字".into();
    }
    if text.contains("is out of range") {
        return format!("{} 超出合理范围", quoted(text));
    }
    if text.contains("is not a number") {
        return format!("{} 不是有效的数字（千位分隔符须每三位一个，小数点用“.”）", quoted(text));
    }
    // serde_json, for 1e400 and for what the browser cannot write as JSON
    // (NaN, Infinity: see `wasm::json_text`).
    if text.starts_with("number out of range") {
        return "数字超出可计算范围（或不是有限的数，如 NaN、Infinity）".into();
    }
    // time's date parser.
    if text.contains("form YYYY-MM-DD") {
        return "日期格式应为 YYYY-MM-DD，且为真实存在的日期".into();
    }
    // serde_json's syntax errors.
    if [
        "expected value",
        "EOF while parsing",
        "trailing",
        "expected `",
        "key must be",
        "control character",
        "invalid escape",
        "invalid number",
    ]
    .iter()
    .any(|w| text.contains(w))
    {
        // serde_json answers an enum given a number with "expected value".
        if let Some(choices) = choices_zh(field) {
            return format!("取值无效，应为以下取值之一：{choices}");
        }
        return "JSON 格式错误，请检查引号、逗号和括号".into();
    }
    format!("格式错误：{text}")
}

/// Parse a scenario from JSON text, with the failing field located.
#[cfg(not(target_arch = "wasm32"))]
pub fn scenario_from_json(text: &str) -> Result<Scenario, Vec<InputError>> {
    scenario_from(&mut serde_json::Deserializer::from_str(without_bom(text)))
}

/// The text without a leading UTF-8 byte-order mark, which Windows editors
/// (Notepad, Excel's 「UTF-8」) write and JSON and TOML parsers refuse.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
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
    c.date(at(FieldId::EvaluationDate), s.evaluation_date);
    let e = &s.enterprise;
    if let Some(region) = &e.region {
        if region.province.trim().is_empty() {
            c.push(at(FieldId::Province), "省份不能为空", "province must not be empty");
        }
        for (field, value) in [(FieldId::City, &region.city), (FieldId::County, &region.county)] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                let name = field.name().rsplit('.').next().unwrap_or_default();
                c.push(
                    at(field),
                    "地区名称不能为空：请填写或删去该项",
                    format!("{name} must not be empty: fill it in or leave it out"),
                );
            }
        }
    }
    if let Some(n) = e.employees {
        if n > 10_000_000 {
            c.push(
                at(FieldId::Employees),
                "从业人员人数超出合理范围（≤10,000,000）",
                "employees is out of range (at most 10,000,000)",
            );
        }
    }
    c.money(at(FieldId::OperatingRevenue), e.operating_revenue, Currency::Cny, false);
    c.money(at(FieldId::TotalAssets), e.total_assets, Currency::Cny, false);
    c.money(at(FieldId::AnnualExports), e.annual_exports, Currency::Usd, false);
    for (i, loan) in s.loans.iter().enumerate() {
        let at = |id| FieldAt { id, index: Some(i) };
        c.money(at(FieldId::LoanPrincipal), loan.principal, Currency::Cny, true);
        c.money(at(FieldId::LoanMonthlyBalance), loan.monthly_average_balance, Currency::Cny, true);
        c.money(at(FieldId::LoanInterestPaid), loan.interest_paid, Currency::Cny, false);
        c.percent(at(FieldId::LoanContractRate), loan.contract_rate_percent, false);
        if let Some(d) = loan.start_date {
            c.date(at(FieldId::LoanStartDate), d);
        }
        if let Some(d) = loan.end_date {
            c.date(at(FieldId::LoanEndDate), d);
        }
        if let (Some(start), Some(end)) = (loan.start_date, loan.end_date) {
            if end <= start {
                c.push(
                    at(FieldId::LoanEndDate),
                    format!("到期日 {end} 须晚于起始日 {start}"),
                    format!("end date {end} must be after the start date {start}"),
                );
            }
        }
        let mut repaid = rust_decimal::Decimal::ZERO;
        for (k, r) in loan.repayments.iter().enumerate() {
            let at = |name| Path::Repayment { loan: i, repayment: k, name };
            c.money(at("principal"), Some(r.principal), Currency::Cny, true);
            c.date(at("date"), r.date);
            repaid += r.principal.amount;
            let inside =
                loan.start_date.is_none_or(|s| r.date > s) && loan.end_date.is_none_or(|e| r.date <= e);
            if !inside {
                c.push(
                    at("date"),
                    format!("还本日期 {} 须在贷款起始日之后、到期日之前（含到期日）", r.date),
                    format!(
                        "repayment date {} must be after the start date and on or before the end date",
                        r.date
                    ),
                );
            }
        }
        if let Some(p) = loan.principal {
            if repaid > p.amount {
                c.push(
                    at(FieldId::LoanRepayments),
                    format!("还款计划合计归还本金 {repaid} 元，超过贷款本金 {} 元", p.amount),
                    format!(
                        "the schedule repays {repaid} yuan, more than the principal of {} yuan",
                        p.amount
                    ),
                );
            }
        }
    }
    let loan_number = |c: &mut Checker, field: Path, n: Option<usize>| {
        if n == Some(0) {
            c.push(
                field,
                "对应贷款的序号从1开始（1 = 第一笔贷款）",
                "the loan number starts at 1 (1 = the first loan)",
            );
        }
    };
    for (i, g) in s.guarantees.iter().enumerate() {
        let at = |id| FieldAt { id, index: Some(i) };
        c.money(at(FieldId::GuaranteeAmount), g.amount, Currency::Cny, true);
        c.money(at(FieldId::GuaranteeFee), g.fee, Currency::Cny, false);
        c.percent(at(FieldId::GuaranteeFeeRate), g.fee_rate_percent, true);
        if let Some(m) = g.term_months {
            if m == 0 || m > 600 {
                c.push(
                    at(FieldId::GuaranteeTerm),
                    "担保期限须在1至600个月之间",
                    "term must be between 1 and 600 months",
                );
            }
        }
        if let Some(d) = g.fee_paid_date {
            c.date(at(FieldId::GuaranteeFeePaidDate), d);
        }
        loan_number(&mut c, at(FieldId::GuaranteeLoanNumber).into(), g.loan_number);
    }
    for (i, f) in s.evaluation_fees.iter().enumerate() {
        let at = |id| FieldAt { id, index: Some(i) };
        c.money(at(FieldId::EvaluationFeeFee), f.fee, Currency::Cny, false);
        if let Some(d) = f.paid_date {
            c.date(at(FieldId::EvaluationFeePaidDate), d);
        }
        loan_number(&mut c, at(FieldId::EvaluationFeeLoanNumber).into(), f.loan_number);
    }
    for (i, p) in s.insurance.iter().enumerate() {
        let at = |id| FieldAt { id, index: Some(i) };
        c.money(at(FieldId::InsuredAmount), p.insured_amount, Currency::Cny, true);
        c.money(at(FieldId::InsurancePremium), p.premium, Currency::Cny, false);
        if let Some(d) = p.start_date {
            c.date(at(FieldId::InsuranceStartDate), d);
        }
    }
    if let Some(ipo) = &s.ipo {
        c.money(at(FieldId::PlannedFundraising), ipo.planned_fundraising, Currency::Cny, true);
    }
    c.percent(at(FieldId::LprOneYear), s.lpr_override.one_year_percent, false);
    c.percent(at(FieldId::LprFiveYear), s.lpr_override.five_year_percent, false);
    if c.errors.is_empty() {
        Ok(())
    } else {
        Err(c.errors)
    }
}

/// Every `answers` key must be a question of the active policy set, so a
/// mistyped key is reported instead of leaving its question silently open.
pub fn check_answers(s: &Scenario, set: &PolicySet) -> Result<(), Vec<InputError>> {
    let known: Vec<&str> = set
        .rules()
        .flat_map(|(_, rule)| rule.conditions.iter())
        .filter_map(|c| match c {
            Condition::Confirm { id, .. } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let errors: Vec<InputError> = s
        .answers
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .map(|k| {
            InputError::new(
                format!("answers.{k}"),
                format!("没有编号为 {k} 的问题（请检查拼写），可回答：{}", known.join("、")),
                format!(
                    "no question has the id {k} (check the spelling); the questions are: {}",
                    known.join(", ")
                ),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// An enterprise-level field of the vocabulary.
fn at(id: FieldId) -> FieldAt {
    FieldAt { id, index: None }
}

/// Where a checked value is: a field of the vocabulary, or a part of one
/// (a repayment of a loan's schedule, on no column of its own). Paths are
/// written only when there is something to report: the check runs before
/// every evaluation.
enum Path {
    Field(FieldAt),
    Repayment { loan: usize, repayment: usize, name: &'static str },
}

impl From<FieldAt> for Path {
    fn from(at: FieldAt) -> Path {
        Path::Field(at)
    }
}

#[derive(Default)]
struct Checker {
    errors: Vec<InputError>,
}

impl Checker {
    fn push(&mut self, field: impl Into<Path>, zh: impl Into<String>, en: impl Into<String>) {
        let error = match field.into() {
            Path::Field(at) => InputError { at: Some(at), ..InputError::new(at.path(), zh, en) },
            Path::Repayment { loan, repayment, name } => {
                let path = format!("{}[{repayment}].{name}", FieldId::LoanRepayments.at(Some(loan)));
                InputError::new(path, zh, en)
            }
        };
        self.errors.push(error);
    }

    fn money(&mut self, field: impl Into<Path>, value: Option<Money>, currency: Currency, positive: bool) {
        let Some(m) = value else { return };
        let ok = m.currency == currency
            && m.amount >= Decimal::ZERO
            && !(positive && m.amount.is_zero())
            && m.amount <= MAX_AMOUNT;
        if ok {
            return;
        }
        let field = field.into();
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
        } else if m.amount < Decimal::ZERO {
            self.push(field, "金额不能为负数", "amount must not be negative");
        } else if positive && m.amount.is_zero() {
            self.push(field, "金额须大于0", "amount must be greater than zero");
        } else if m.amount > MAX_AMOUNT {
            self.push(
                field,
                format!("金额 {} 超出合理范围（不超过一万亿）", Grouped(m.amount)),
                format!("amount {} is out of range (at most 1,000,000,000,000)", Grouped(m.amount)),
            );
        }
    }

    fn percent(&mut self, field: impl Into<Path>, value: Option<Decimal>, zero_ok: bool) {
        let Some(p) = value else { return };
        let ok = p > Decimal::ZERO && p <= Decimal::ONE_HUNDRED || (p.is_zero() && zero_ok);
        if ok {
            return;
        }
        let field = field.into();
        if p < Decimal::ZERO {
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

    fn date(&mut self, field: impl Into<Path>, date: Date) {
        if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
            let field = field.into();
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

    /// Errors name the field by its path, a vocabulary field carrying its id
    /// (the batch list's column) and a repayment its place in the schedule.
    #[test]
    fn errors_are_located_by_the_field_ids() {
        let errors = scenario_from_json(
            r#"{"evaluation_date": "2024-12-31", "enterprise": {"employees": 20000000},
                "loans": [{"principal": "0 CNY", "start_date": "2024-03-01", "end_date": "2025-03-01",
                           "repayments": [{"date": "2026-01-01", "principal": "1 CNY"}]}]}"#,
        )
        .unwrap_err();
        let found: Vec<(&str, Option<FieldAt>)> = errors.iter().map(|e| (e.field.as_str(), e.at)).collect();
        assert_eq!(
            found,
            [
                ("enterprise.employees", Some(FieldAt { id: FieldId::Employees, index: None })),
                ("loans[0].principal", Some(FieldAt { id: FieldId::LoanPrincipal, index: Some(0) })),
                ("loans[0].repayments[0].date", None),
                // 1 yuan repaid of a principal of 0.
                ("loans[0].repayments", Some(FieldAt { id: FieldId::LoanRepayments, index: Some(0) })),
            ]
        );
    }

    #[test]
    fn max_amount_is_one_trillion() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000i64));
    }
}
