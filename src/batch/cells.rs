//! A row's cells read into a scenario: numbers, dates, choices and yes/no
//! cells parsed, each problem a [`CellError`] with the row, the column and
//! the reason in Chinese and English, and `input::check`'s errors located
//! back on their columns.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::Deserialize;
use time::{Date, Month};

use crate::fields::{FieldAt, FieldId};
use crate::input::{self, InputError};
use crate::limits::{quoted, MAX_CELL_CHARS, MAX_ERRORS_PER_ROW};
use crate::money::{parse_number, Currency, Money};
use crate::scenario::{
    Collateral, Enterprise, EvaluationFee, GreenIndustry, Guarantee, InnovativeProduct, InsuranceKind,
    InsurancePolicy, Ipo, IpoStage, Lender, Loan, LoanPurpose, LprOverride, Qualification, Region, Scenario,
};
use crate::screening;
use crate::size::Industry;
use crate::vocabulary::Choice;

use super::columns::{column, Header, Key, COLUMNS, GUARANTEE_KEYS, INSURANCE_KEYS, LOAN_KEYS, N};
use super::Screener;

// ---------------------------------------------------------------------------
// Cells and errors

/// One row's cells, by position.
pub trait Cells {
    fn count(&self) -> usize;
    fn cell(&self, i: usize) -> Option<&str>;
}

impl<S: AsRef<str>> Cells for [S] {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(AsRef::as_ref)
    }
}

impl<S: AsRef<str>> Cells for Vec<S> {
    fn count(&self) -> usize {
        self.len()
    }
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(AsRef::as_ref)
    }
}

/// The column named by an error about the header as a whole.
pub const HEADER_COLUMN: &str = "（表头）";
/// The column named by an error about the whole row.
pub const WHOLE_ROW: &str = "（整行）";

/// A located problem in the list: row number (the header is row 1, as a
/// spreadsheet shows it), column header, reason in Chinese and English.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CellError {
    pub row: u64,
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub column: Cow<'static, str>,
    pub zh: String,
    pub en: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "第{}行「{}」：{} / row {}, column {}: {}",
            self.row, self.column, self.zh, self.row, self.column, self.en
        )
    }
}

impl<'p> Screener<'p> {
    /// The row's scenario, and the row with every problem found in it.
    pub(super) fn read<'a, C: Cells + ?Sized>(
        &'a self,
        row: u64,
        cells: &'a C,
    ) -> (Scenario, RowReader<'a, C>) {
        let mut scenario = empty_scenario();
        let r = self.read_into(row, cells, &mut scenario);
        (scenario, r)
    }

    /// [`Self::read`] into a scenario of an earlier row, every field overwritten.
    pub(super) fn read_into<'a, C: Cells + ?Sized>(
        &'a self,
        row: u64,
        cells: &'a C,
        scenario: &mut Scenario,
    ) -> RowReader<'a, C> {
        let mut r = RowReader::new(&self.header, cells, row);
        self.header.row_errors(row, &mut r.errors);
        r.shape();
        if !r.filled(Key::Name) && self.header.has(Key::Name) {
            r.push(Key::Name, "企业名称不能为空".into(), "the enterprise name must not be empty".into());
        }
        let items = self.fill(&mut r, scenario);
        if r.errors.is_empty() {
            if let Err(errors) = input::check(scenario) {
                for e in errors {
                    r.input_error(e, &items);
                }
            }
        }
        // In the list's column order (header problems first); one error or
        // none is in order already, and most rows have none.
        if r.errors.len() > 1 {
            let columns = self.header.template_columns();
            let order =
                |e: &CellError| columns.iter().position(|c| c.header() == e.column).map_or(0, |k| k + 1);
            // Each error's column looked up once, not once per comparison.
            r.errors.sort_by_cached_key(order);
        }
        if r.errors.len() > MAX_ERRORS_PER_ROW {
            let more = r.errors.len() - (MAX_ERRORS_PER_ROW - 1);
            r.errors.truncate(MAX_ERRORS_PER_ROW - 1);
            r.errors.push(CellError {
                row,
                column: Cow::Borrowed(WHOLE_ROW),
                zh: format!("另有{more}处错误未列出"),
                en: format!("{more} more errors not listed"),
            });
        }
        r
    }

    /// Read the row into `s`, every field overwritten, keeping the room of
    /// its strings and lists from the row before (a list of a million rows
    /// allocates for its first rows only).
    fn fill<C: Cells + ?Sized>(&self, r: &mut RowReader<'_, C>, s: &mut Scenario) -> Items {
        let mut items = Items::default();
        s.evaluation_date = match r.date(Key::Date).or(self.options.default_date) {
            Some(d) => d,
            None => {
                if r.cell(Key::Date).is_none() {
                    r.push(
                        Key::Date,
                        "请填写测算日期（YYYY-MM-DD）".into(),
                        "enter the evaluation date (YYYY-MM-DD)".into(),
                    );
                }
                Date::MIN
            }
        };

        let (province, city, county) = (r.cell(Key::Province), r.cell(Key::City), r.cell(Key::County));
        // Destructured, so a field added to the scenario cannot be left
        // holding the row before's value.
        let Enterprise {
            name,
            region: e_region,
            industry,
            employees,
            operating_revenue,
            total_assets,
            annual_exports,
            qualifications,
        } = &mut s.enterprise;
        match province {
            Some(province) => {
                let region = e_region.get_or_insert_with(|| Region {
                    province: String::new(),
                    city: None,
                    county: None,
                });
                set_text(&mut region.province, province);
                set_optional_text(&mut region.city, city);
                set_optional_text(&mut region.county, county);
            }
            None => {
                if city.is_some() || county.is_some() {
                    r.push(
                        Key::Province,
                        "填写了市或县区时须填写省".into(),
                        "enter the province when a city or county is given".into(),
                    );
                }
                *e_region = None;
            }
        }
        *name = None;
        *industry = r.choice(Key::Industry, Industry::cells);
        *employees = r.count(Key::Employees);
        *operating_revenue = r.money(Key::Revenue, Currency::Cny);
        *total_assets = r.money(Key::Assets, Currency::Cny);
        *annual_exports = r.money(Key::Exports, Currency::Usd);
        qualifications.clear();
        if r.yes_no(Key::Tech) == Some(true) {
            qualifications.push(Qualification::TechEnterprise);
        }

        if r.any(&LOAN_KEYS) {
            s.loans.truncate(1);
            if s.loans.is_empty() {
                s.loans.push(Loan::default());
            }
            let Loan {
                label,
                principal,
                monthly_average_balance,
                start_date,
                end_date,
                contract_rate_percent,
                interest_paid,
                collateral,
                pledge_registered,
                lender,
                purpose,
                carbon_reduction_tool,
                repaid_on_schedule,
                repayments,
            } = &mut s.loans[0];
            *label = None;
            *principal = r.money(Key::LoanPrincipal, Currency::Cny);
            *monthly_average_balance = r.money(Key::MonthlyBalance, Currency::Cny);
            *start_date = r.date(Key::LoanStart);
            *end_date = r.date(Key::LoanEnd);
            *contract_rate_percent = r.percent(Key::LoanRate);
            *interest_paid = r.money(Key::InterestPaid, Currency::Cny);
            r.choices_into(Key::Collateral, Collateral::cells, collateral);
            *pledge_registered = r.yes_no(Key::PledgeRegistered);
            *lender = r.choice(Key::Lender, Lender::cells);
            *purpose = r.choice(Key::Purpose, LoanPurpose::cells);
            *carbon_reduction_tool = r.yes_no(Key::CarbonTool);
            *repaid_on_schedule = r.yes_no(Key::RepaidOnSchedule);
            repayments.clear();
        } else {
            s.loans.clear();
        }
        s.guarantees.clear();
        if r.any(&GUARANTEE_KEYS) {
            s.guarantees.push(Guarantee {
                label: None,
                amount: r.money(Key::GuaranteeAmount, Currency::Cny),
                fee: r.money(Key::GuaranteeFee, Currency::Cny),
                fee_rate_percent: r.percent(Key::GuaranteeRate),
                term_months: r.count(Key::GuaranteeTerm),
                government_business: r.yes_no(Key::GovernmentBusiness),
                for_patent_pledge_loan: r.yes_no(Key::GuaranteeForPledge),
                green_industry: r.choice(Key::GreenIndustry, GreenIndustry::cells),
                fee_paid_date: r.date(Key::GuaranteeFeeDate),
                loan_number: None,
            });
        }
        s.evaluation_fees.clear();
        if r.any(&[Key::EvaluationFee, Key::EvaluationFeeForPledge, Key::EvaluationFeeDate]) {
            s.evaluation_fees.push(EvaluationFee {
                label: None,
                fee: r.money(Key::EvaluationFee, Currency::Cny),
                for_patent_pledge_loan: r.yes_no(Key::EvaluationFeeForPledge),
                paid_date: r.date(Key::EvaluationFeeDate),
                loan_number: None,
            });
        }
        let insurance = &mut s.insurance;
        insurance.clear();
        if r.any(&INSURANCE_KEYS) {
            items.main_insurance = Some(insurance.len());
            insurance.push(InsurancePolicy {
                label: None,
                kind: r.choice(Key::InsuranceKind, InsuranceKind::cells),
                product: r.choice(Key::InsuranceProduct, InnovativeProduct::cells),
                insured_amount: r.money(Key::InsuredAmount, Currency::Cny),
                premium: r.money(Key::Premium, Currency::Cny),
                start_date: r.date(Key::InsuranceStart),
            });
        }
        if let Some(premium) = r.money(Key::ExportCreditPremium, Currency::Cny) {
            items.export_insurance = Some(insurance.len());
            insurance.push(InsurancePolicy {
                label: None,
                kind: Some(InsuranceKind::ExportCredit),
                product: None,
                insured_amount: None,
                premium: Some(premium),
                start_date: r.date(Key::ExportCreditStart),
            });
        }
        s.ipo = if r.any(&[Key::IpoStage, Key::Fundraising]) {
            Some(Ipo {
                stage_reached: r.choice(Key::IpoStage, IpoStage::cells),
                planned_fundraising: r.money(Key::Fundraising, Currency::Cny),
            })
        } else {
            None
        };
        s.lpr_override = LprOverride::default();
        // The map holds only this header's question ids: each is set or
        // removed, its key allocated once while the answer stays.
        for (q, question) in self.header.questions.iter().enumerate() {
            match r.question(q) {
                Some(yes) => match s.answers.get_mut(&question.id) {
                    Some(answer) => *answer = yes,
                    None => {
                        s.answers.insert(question.id.clone(), yes);
                    }
                },
                None => {
                    s.answers.remove(&question.id);
                }
            }
        }
        items
    }
}

/// A scenario with nothing entered, for [`Screener::fill`] to overwrite.
pub(super) fn empty_scenario() -> Scenario {
    Scenario {
        evaluation_date: Date::MIN,
        enterprise: Enterprise::default(),
        loans: Vec::new(),
        guarantees: Vec::new(),
        evaluation_fees: Vec::new(),
        insurance: Vec::new(),
        ipo: None,
        lpr_override: LprOverride::default(),
        answers: std::collections::BTreeMap::new(),
    }
}

fn set_text(slot: &mut String, text: &str) {
    slot.clear();
    slot.push_str(text);
}

fn set_optional_text(slot: &mut Option<String>, text: Option<&str>) {
    match (slot.as_mut(), text) {
        (Some(s), Some(text)) => set_text(s, text),
        (None, Some(text)) => *slot = Some(text.to_string()),
        (_, None) => *slot = None,
    }
}

/// Which scenario item each row group became (to locate `input::check`'s
/// errors back on their columns).
#[derive(Default)]
pub(super) struct Items {
    main_insurance: Option<usize>,
    export_insurance: Option<usize>,
}

/// Spaces, including the ideographic space and no-break space, around a cell.
pub(super) fn trim(s: &str) -> &str {
    let space = |c: char| c.is_whitespace() || c == '\u{feff}';
    let (Some(&first), Some(&last)) = (s.as_bytes().first(), s.as_bytes().last()) else {
        return s;
    };
    // The usual cell: an ASCII letter or digit at both ends, or CJK text.
    // A three-byte character led by E4–E9 is in U+4000–U+9FFF, where no
    // space is: read from the bytes, not decoded.
    let b = s.as_bytes();
    let plain = |b: u8| b > b' ' && b < 0x80;
    let cjk_lead = |b: u8| (0xE4..=0xE9).contains(&b);
    let first_plain = plain(first) || cjk_lead(first);
    let last_plain = plain(last) || (b.len() >= 3 && last >= 0x80 && cjk_lead(b[b.len() - 3]));
    if first_plain && last_plain {
        return s;
    }
    match (s.chars().next(), s.chars().next_back()) {
        (Some(f), Some(l)) if !space(f) && !space(l) => s,
        _ => s.trim_matches(space),
    }
}

pub(super) struct RowReader<'a, C: ?Sized> {
    header: &'a Header,
    cells: &'a C,
    /// Each column's trimmed cell, `None` when empty or absent: looked up
    /// once per row.
    values: [Option<&'a str>; N],
    row: u64,
    pub(super) errors: Vec<CellError>,
}

impl<'a, C: Cells + ?Sized> RowReader<'a, C> {
    fn new(header: &'a Header, cells: &'a C, row: u64) -> Self {
        let mut values = [None; N];
        let mut errors = Vec::new();
        for (k, (v, &p)) in values.iter_mut().zip(&header.positions).enumerate() {
            if let Some(c) = p.and_then(|i| cells.cell(i)).map(trim) {
                // Bytes first: only a long cell is counted in characters.
                if c.len() > MAX_CELL_CHARS && c.chars().count() > MAX_CELL_CHARS {
                    errors.push(CellError {
                        row,
                        column: Cow::Borrowed(COLUMNS[k].header),
                        zh: format!("单元格有{}个字符，超过上限{MAX_CELL_CHARS}个", c.chars().count()),
                        en: format!(
                            "the cell has {} characters, more than the limit of {MAX_CELL_CHARS}",
                            c.chars().count()
                        ),
                    });
                } else if !c.is_empty() {
                    *v = Some(c);
                }
            }
        }
        RowReader { header, cells, values, row, errors }
    }

    /// Whether the row has something in this column (a cell refused for
    /// its length counts: it is not empty).
    fn filled(&self, key: Key) -> bool {
        self.header.positions[key as usize]
            .and_then(|i| self.cells.cell(i))
            .is_some_and(|c| !trim(c).is_empty())
    }

    /// The trimmed cell, `None` when empty or when the list has no such column.
    pub(super) fn cell(&self, key: Key) -> Option<&'a str> {
        self.values[key as usize]
    }

    fn any(&self, keys: &[Key]) -> bool {
        keys.iter().any(|k| self.cell(*k).is_some())
    }

    fn push(&mut self, key: Key, zh: String, en: String) {
        self.errors.push(CellError { row: self.row, column: Cow::Borrowed(column(key).header), zh, en });
    }

    /// A row shorter than the header (a cell missing: often a line broken by
    /// an unquoted line break), or with filled cells beyond it (often an
    /// unquoted comma in an amount or a name).
    fn shape(&mut self) {
        let (have, want) = (self.cells.count(), self.header.width());
        if have < want {
            let missing = &self.header.names[have];
            self.errors.push(CellError {
                row: self.row,
                column: Cow::Owned(quoted(missing)),
                zh: format!("此行只有{have}列，表头有{want}列：缺少本列及其后各列（可能是单元格内有未加引号的换行）"),
                en: format!("the row has {have} cells but the header has {want}: this column and those after it are missing (perhaps an unquoted line break inside a cell)"),
            });
        } else if let Some(extra) =
            (want..have).find(|&i| self.cells.cell(i).is_some_and(|c| !trim(c).is_empty()))
        {
            self.errors.push(CellError {
                row: self.row,
                column: Cow::Owned(format!("第{}列", extra + 1)),
                zh: format!("此行有{have}列，多于表头的{want}列（可能是金额或名称中有未加引号的逗号）"),
                en: format!("the row has {have} cells, more than the header's {want} (perhaps an unquoted comma in an amount or a name)"),
            });
        }
    }

    /// A cell that is not a number of this kind, or a number too large to
    /// hold (`1e30`, thirty digits): said as such, not as a typing error.
    fn number_error(&mut self, key: Key, text: &str, number: &str, what_zh: &str, what_en: &str) {
        let (text, out_of_range) = (quoted(text), crate::money::is_number_out_of_range(number));
        let (zh, en) = if out_of_range {
            (format!("「{text}」超出合理范围"), format!("`{text}` is out of range"))
        } else {
            (
                format!("「{text}」不是有效的{what_zh}（只填数字，千位分隔符须每三位一个，小数点用“.”）"),
                format!("`{text}` is not a valid {what_en} (digits only; commas only as thousands separators, a point for decimals)"),
            )
        };
        self.push(key, zh, en);
    }

    /// An amount in the column's currency; a currency word after the number
    /// (元, 美元, CNY, USD) is accepted when it is the column's.
    fn money(&mut self, key: Key, currency: Currency) -> Option<Money> {
        let text = self.cell(key)?;
        let (number, unit) = split_unit(text);
        if let Some(unit) = unit {
            if unit != currency {
                let (zh, en) = match currency {
                    Currency::Cny => ("本列金额以人民币元计", "this column is in yuan (CNY)"),
                    Currency::Usd => ("本列金额以美元计", "this column is in US dollars (USD)"),
                };
                self.push(
                    key,
                    format!("「{text}」的币种不符：{zh}"),
                    format!("`{text}` has the wrong currency: {en}"),
                );
                return None;
            }
        }
        match parse_number(number) {
            Some(amount) => Some(Money { amount, currency }),
            None => {
                if number.contains(['万', '亿']) {
                    let text = quoted(text);
                    self.push(
                        key,
                        format!("「{text}」不是有效的金额：请以元为单位填写完整数字，不用“万”“亿”（如 12.5万 写作 125,000）"),
                        format!("`{text}` is not a valid amount: write the full number in yuan, not 万 or 亿 (12.5万 is 125,000)"),
                    );
                } else {
                    self.number_error(key, text, number, "金额", "amount");
                }
                None
            }
        }
    }

    /// A percentage: `3.95` or `3.95%`.
    fn percent(&mut self, key: Key) -> Option<Decimal> {
        let text = self.cell(key)?;
        let number = text.trim_end_matches(['%', '％']).trim_end();
        match parse_number(number) {
            Some(p) => Some(p),
            None => {
                self.number_error(key, text, number, "百分比数字（如 3.95）", "percentage (e.g. 3.95)");
                None
            }
        }
    }

    /// A whole number (people, months).
    fn count(&mut self, key: Key) -> Option<u32> {
        let text = self.cell(key)?;
        match parse_number(text) {
            Some(n) if n.fract().is_zero() && !n.is_sign_negative() => match u32::try_from(n.trunc()) {
                Ok(n) => Some(n),
                Err(_) => {
                    let text = quoted(text);
                    self.push(key, format!("「{text}」超出合理范围"), format!("`{text}` is out of range"));
                    None
                }
            },
            Some(_) => {
                let text = quoted(text);
                self.push(
                    key,
                    format!("「{text}」须为不小于0的整数"),
                    format!("`{text}` must be a whole number, not negative"),
                );
                None
            }
            None => {
                self.number_error(key, text, text, "整数", "whole number");
                None
            }
        }
    }

    fn date(&mut self, key: Key) -> Option<Date> {
        let text = self.cell(key)?;
        match parse_date(text) {
            Some(d) => Some(d),
            None => {
                let text = quoted(text);
                self.push(
                    key,
                    format!("「{text}」不是有效的日期：请写成 YYYY-MM-DD（如 2024-03-01，也可写 2024/3/1），且为真实存在的日期"),
                    format!("`{text}` is not a valid date: write YYYY-MM-DD (e.g. 2024-03-01, or 2024/3/1), a day that exists"),
                );
                None
            }
        }
    }

    /// 是/否, and the other answers `sme-subsidy screen` takes
    /// ([`screening::parse_answer`]: 符合, yes, 1, √ …; 未知, 待核实 … leave it open).
    pub(super) fn yes_no(&mut self, key: Key) -> Option<bool> {
        let text = self.cell(key)?;
        self.answer(text, Cow::Borrowed(column(key).header))
    }

    /// The answer in question column `q` of the header, as [`Self::yes_no`].
    fn question(&mut self, q: usize) -> Option<bool> {
        let i = self.header.question_positions[q]?;
        let text = trim(self.cells.cell(i)?);
        if text.is_empty() {
            return None;
        }
        self.answer(text, Cow::Owned(self.header.questions[q].header.clone()))
    }

    /// A 是/否 cell of `column`.
    fn answer(&mut self, text: &str, column: Cow<'static, str>) -> Option<bool> {
        match text {
            "是" => return Some(true),
            "否" => return Some(false),
            _ => {}
        }
        match screening::parse_answer(text) {
            Ok(answer) => answer,
            Err(_) => {
                let text = quoted(text);
                self.errors.push(CellError {
                    row: self.row,
                    column,
                    zh: format!("「{text}」应填“是”或“否”"),
                    en: format!("`{text}` should be 是 (yes) or 否 (no)"),
                });
                None
            }
        }
    }

    /// One value of an enum: its Chinese label (the serde alias) or its
    /// English key.
    fn choice<T: for<'de> Deserialize<'de>>(&mut self, key: Key, choices: impl Fn() -> String) -> Option<T> {
        let text = self.cell(key)?;
        match parse_choice::<T>(text) {
            Some(v) => Some(v),
            None => {
                let text = quoted(text);
                let list = choices();
                self.push(
                    key,
                    format!("「{text}」不在可选范围内，可选：{list}"),
                    format!("`{text}` is not one of the choices: {list}"),
                );
                None
            }
        }
    }

    /// Several values separated by 、 + , ; / or spaces.
    fn choices_into<T: for<'de> Deserialize<'de>>(
        &mut self,
        key: Key,
        choices: impl Fn() -> String,
        out: &mut Vec<T>,
    ) {
        out.clear();
        let Some(text) = self.cell(key) else {
            return;
        };
        let mut bad = Vec::new();
        for part in text
            .split(['、', '+', '＋', ',', '，', ';', '；', '/', ' ', '\u{3000}'])
            .map(trim)
            .filter(|p| !p.is_empty())
        {
            match parse_choice::<T>(part) {
                Some(v) => out.push(v),
                None => bad.push(part.to_string()),
            }
        }
        if !bad.is_empty() {
            let (bad, list) = (quoted(&bad.join("、")), choices());
            self.push(
                key,
                format!("「{bad}」不在可选范围内，可选：{list}（多项用“、”分隔）"),
                format!("`{bad}` is not one of the choices: {list} (separate several with 、)"),
            );
        }
    }

    /// An error from `input::check`, put back on its column.
    fn input_error(&mut self, e: InputError, items: &Items) {
        let key = field_key(e.at, items);
        let column: Cow<'static, str> = match key {
            Some(k) => Cow::Borrowed(column(k).header),
            None => Cow::Owned(e.field),
        };
        self.errors.push(CellError { row: self.row, column, zh: e.zh, en: e.en });
    }
}

/// The column a scenario field came from: the column of the field, the
/// export-credit policy's own for its premium and start date.
pub(super) fn field_key(at: Option<FieldAt>, items: &Items) -> Option<Key> {
    let at = at?;
    let export = at.index.is_some() && at.index == items.export_insurance;
    match at.id {
        FieldId::InsurancePremium if export => Some(Key::ExportCreditPremium),
        FieldId::InsuranceStartDate if export => Some(Key::ExportCreditStart),
        id => COLUMNS.iter().find(|c| c.field == Some(id)).map(|c| c.key),
    }
}

/// `1,000,000`, `1,000,000元`, `3200000 美元`, `5000 CNY`: the number and
/// the currency written after it, if any.
pub(super) fn split_unit(text: &str) -> (&str, Option<Currency>) {
    for (suffix, currency) in [
        ("美元", Currency::Usd),
        ("元", Currency::Cny),
        ("CNY", Currency::Cny),
        ("RMB", Currency::Cny),
        ("USD", Currency::Usd),
    ] {
        if let Some(n) = text.strip_suffix(suffix) {
            return (n.trim_end(), Some(currency));
        }
    }
    let n = text.strip_prefix(['¥', '￥']).map(str::trim_start);
    match n {
        Some(n) => (n, Some(Currency::Cny)),
        None => (text, None),
    }
}

pub(super) fn parse_choice<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    use serde::de::value::{Error, StrDeserializer};
    if let Ok(v) = T::deserialize(StrDeserializer::<Error>::new(text)) {
        return Some(v);
    }
    // 首台（套） → 首台套: brackets people add around part of a label.
    if text.contains(['（', '）', '(', ')']) {
        let plain: String = text.chars().filter(|c| !matches!(c, '（' | '）' | '(' | ')')).collect();
        return T::deserialize(StrDeserializer::<Error>::new(&plain)).ok();
    }
    None
}

/// `2024-03-01`, `2024/3/1`, `2024.3.1`, `2024年3月1日`; a midnight time
/// after it (`2024/3/1 0:00`, as spreadsheets export dates) is ignored.
pub fn parse_date(text: &str) -> Option<Date> {
    let (day_part, time_part) = match text.as_bytes().iter().position(|&b| b == b' ' || b == b'T') {
        Some(i) => (&text[..i], Some(text[i + 1..].trim())),
        None => (text, None),
    };
    if let Some(t) = time_part {
        if !t.bytes().all(|c| c == b'0' || c == b':' || c == b'.') {
            return None;
        }
    }
    let day_part = day_part.strip_suffix('日').unwrap_or(day_part);
    // Three runs of digits (4, ≤2, ≤2) between single separators.
    let mut parts = [0u32; 3];
    let mut lens = [0usize; 3];
    let mut n = 0;
    for c in day_part.chars() {
        match c {
            '0'..='9' => {
                if n == 3 || lens[n] == 4 {
                    return None;
                }
                parts[n] = parts[n] * 10 + (c as u32 - '0' as u32);
                lens[n] += 1;
            }
            '-' | '/' | '.' | '年' | '月' if n < 2 && lens[n] > 0 => n += 1,
            _ => return None,
        }
    }
    if n != 2 || lens[0] != 4 || !(1..=2).contains(&lens[1]) || !(1..=2).contains(&lens[2]) {
        return None;
    }
    let month = Month::try_from(parts[1] as u8).ok()?;
    Date::from_calendar_date(parts[0] as i32, month, parts[2] as u8).ok()
}
