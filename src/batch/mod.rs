//! Batch screening (批量筛查): a list of enterprises, one per row, each
//! screened like a single scenario — 企业划型 (S-1), the five criteria of the
//! 申报清单/推荐清单 (S-2), the policies it qualifies for and the estimated
//! total to the enterprise.
//!
//! This core knows nothing of files, CSV or threads: a [`Header`] is built
//! from the list's header cells, then each row's cells (any [`Cells`]: a
//! slice of strings, a CSV record) go in and a [`Screened`] row comes out.
//! The command line streams CSV through it on all cores ([`stream`], native
//! only); the page's Web Worker can call the same functions through WASM.
//!
//! A row becomes a [`Scenario`] with the same types and the same checks as
//! a single scenario ([`crate::input::check`]); every problem is a
//! [`CellError`] with the row number, the column (its Chinese header) and
//! the reason in Chinese and English. A bad row is reported and every other
//! row is still screened: nothing is dropped.
//!
//! Rows are screened from the structured [`crate::result::Evaluation`], not
//! the rendered report, which keeps a million rows within seconds.

#[cfg(any(feature = "cli", feature = "tools"))]
pub mod csv_list;
pub mod questions;
#[cfg(feature = "cli")]
pub mod stream;

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Deserialize;
use time::{Date, Month};

use crate::conditions::Located;
use crate::input::{self, InputError};
use crate::limits::{quoted, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ERRORS_PER_ROW};
use crate::money::{parse_number, Currency, Money, Yuan};
use crate::pack::{PolicySet, Recipient, Rule};
use crate::result::{SizeOutcome, Status};
use crate::scenario::{
    Enterprise, EvaluationFee, Guarantee, InsuranceKind, InsurancePolicy, Ipo, Loan, LprOverride,
    Qualification, Region, Scenario,
};
use crate::screening::{self, Screening};
use crate::size::Industry;
use questions::QuestionColumn;

/// What a column holds (its position in [`COLUMNS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Name,
    Province,
    City,
    County,
    Industry,
    Employees,
    Revenue,
    Assets,
    Exports,
    Tech,
    LoanPrincipal,
    LoanStart,
    LoanEnd,
    LoanRate,
    Collateral,
    Lender,
    Purpose,
    PledgeRegistered,
    RepaidOnSchedule,
    CarbonTool,
    MonthlyBalance,
    InterestPaid,
    GuaranteeAmount,
    GuaranteeFee,
    GuaranteeRate,
    GuaranteeTerm,
    GovernmentBusiness,
    GuaranteeForPledge,
    GreenIndustry,
    GuaranteeFeeDate,
    EvaluationFee,
    EvaluationFeeForPledge,
    EvaluationFeeDate,
    InsuranceKind,
    InsuranceProduct,
    InsuredAmount,
    Premium,
    InsuranceStart,
    ExportCreditPremium,
    ExportCreditStart,
    IpoStage,
    Fundraising,
    Date,
    S2Compliant,
    S2Premises,
    S2Need,
    S2Credit,
    S2Purpose,
}

/// A column of the list.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub key: Key,
    /// The header, as in the template.
    pub header: &'static str,
    /// The header in English (documentation, messages).
    pub en: &'static str,
    /// The header must be present (the cell may still be empty, except 企业名称).
    pub required: bool,
    /// The template's example row.
    pub example: &'static str,
}

const fn col(
    key: Key,
    header: &'static str,
    en: &'static str,
    required: bool,
    example: &'static str,
) -> Column {
    Column { key, header, en, required, example }
}

/// Every column but the pack's questions ([`questions`]), in template order
/// (`COLUMNS[key as usize].key == key`).
/// The example row is the README's example enterprise, whose single-scenario
/// result (`sme-subsidy evaluate examples/scenario.json`) it reproduces.
pub const COLUMNS: [Column; 48] = [
    col(Key::Name, "企业名称", "enterprise name", true, "聊城某精密轴承有限公司"),
    col(Key::Province, "省", "province", true, "山东省"),
    col(Key::City, "市", "city", false, "聊城市"),
    col(Key::County, "县区", "county/district", false, "东昌府区"),
    col(Key::Industry, "所属行业", "industry", true, "工业"),
    col(Key::Employees, "从业人员", "employees", true, "120"),
    col(Key::Revenue, "营业收入（元）", "operating revenue (yuan)", true, "48,000,000"),
    col(Key::Assets, "资产总额（元）", "total assets (yuan)", true, "60,000,000"),
    col(Key::Exports, "年出口额（美元）", "annual exports (US dollars)", false, "3,200,000"),
    col(Key::Tech, "科技型企业（是/否）", "tech enterprise (yes/no)", false, "是"),
    col(Key::LoanPrincipal, "贷款本金（元）", "loan principal (yuan)", false, "5,000,000"),
    col(Key::LoanStart, "贷款起始日", "loan start date", false, "2024-03-01"),
    col(Key::LoanEnd, "贷款到期日", "loan end date", false, "2025-03-01"),
    col(Key::LoanRate, "合同利率（%）", "contract rate (%)", false, "3.95"),
    col(Key::Collateral, "担保方式", "collateral", false, "专利权质押"),
    col(Key::Lender, "贷款机构类型", "lender type", false, "其他银行"),
    col(Key::Purpose, "贷款投向", "loan purpose", false, "一般生产经营"),
    col(Key::PledgeRegistered, "是否专利权质押登记", "patent pledge registered (yes/no)", false, "是"),
    col(Key::RepaidOnSchedule, "是否按期还本付息", "repaid on schedule (yes/no)", false, "是"),
    col(
        Key::CarbonTool,
        "纳入碳减排支持工具（是/否）",
        "under the PBoC carbon-reduction tool (yes/no)",
        false,
        "",
    ),
    col(Key::MonthlyBalance, "月均贷款余额（元）", "monthly average loan balance (yuan)", false, ""),
    col(Key::InterestPaid, "实际支付利息（元）", "interest actually paid (yuan)", false, ""),
    col(Key::GuaranteeAmount, "担保金额（元）", "guaranteed amount (yuan)", false, "5,000,000"),
    col(Key::GuaranteeFee, "担保费（元）", "guarantee fee paid (yuan)", false, "40,000"),
    col(Key::GuaranteeRate, "年化担保费率（%）", "annualised guarantee fee rate (%)", false, ""),
    col(Key::GuaranteeTerm, "担保期限（月）", "guarantee term (months)", false, "12"),
    col(
        Key::GovernmentBusiness,
        "政府性融资担保业务（是/否）",
        "government financing-guarantee business (yes/no)",
        false,
        "是",
    ),
    col(
        Key::GuaranteeForPledge,
        "担保用于专利权质押贷款（是/否）",
        "guarantee for the patent-pledge loan (yes/no)",
        false,
        "是",
    ),
    col(Key::GreenIndustry, "绿色产业类别", "green industry class", false, ""),
    col(Key::GuaranteeFeeDate, "担保费支付日期", "guarantee fee paid on", false, "2024-04-26"),
    col(Key::EvaluationFee, "评估费（元）", "evaluation fee paid (yuan)", false, "30,000"),
    col(
        Key::EvaluationFeeForPledge,
        "评估费用于专利权质押贷款（是/否）",
        "evaluation fee for the patent-pledge loan (yes/no)",
        false,
        "是",
    ),
    col(Key::EvaluationFeeDate, "评估费支付日期", "evaluation fee paid on", false, "2024-04-26"),
    col(Key::InsuranceKind, "险种", "insurance kind", false, "产品综合险"),
    col(Key::InsuranceProduct, "投保产品类别", "insured product class", false, "首台套"),
    col(Key::InsuredAmount, "保险金额（元）", "insured amount (yuan)", false, "20,000,000"),
    col(Key::Premium, "保费（元）", "annual premium paid (yuan)", false, "700,000"),
    col(Key::InsuranceStart, "保险起期", "insurance start date", false, "2024-06-01"),
    col(
        Key::ExportCreditPremium,
        "出口信用保险保费（元）",
        "export credit insurance premium (yuan)",
        false,
        "45,000",
    ),
    col(
        Key::ExportCreditStart,
        "出口信用保险起期",
        "export credit insurance start date",
        false,
        "2024-06-01",
    ),
    col(Key::IpoStage, "上市进展", "IPO stage reached", false, "辅导备案"),
    col(Key::Fundraising, "申请募集资金（元）", "planned IPO fundraising (yuan)", false, "600,000,000"),
    col(Key::Date, "测算日期", "evaluation date", false, "2024-12-31"),
    col(Key::S2Compliant, "合规持续经营", "compliant, continuing operation (yes/no)", false, "是"),
    col(Key::S2Premises, "固定经营场所", "fixed business premises (yes/no)", false, "是"),
    col(Key::S2Need, "真实融资需求", "genuine financing need (yes/no)", false, "是"),
    col(Key::S2Credit, "信用状况良好", "good credit standing (yes/no)", false, "是"),
    col(Key::S2Purpose, "贷款用途依法合规", "lawful loan purpose (yes/no)", false, "是"),
];

const N: usize = COLUMNS.len();

fn column(key: Key) -> &'static Column {
    &COLUMNS[key as usize]
}

/// The template for a policy set (its questions among the columns): UTF-8
/// with a byte-order mark (so Excel reads the Chinese headers), the header
/// row and one example row.
pub fn template_csv(set: &PolicySet) -> String {
    let questions = questions::question_columns(set);
    let columns = questions::template_columns(&questions);
    let mut s = String::from("\u{feff}");
    let line = |s: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        for (i, c) in cells.enumerate() {
            if i > 0 {
                s.push(',');
            }
            if c.contains([',', '"', '\n', '\r']) {
                s.push('"');
                s.push_str(&c.replace('"', "\"\""));
                s.push('"');
            } else {
                s.push_str(c);
            }
        }
        s.push_str("\r\n");
    };
    line(&mut s, &mut columns.iter().map(|c| c.header()));
    line(&mut s, &mut columns.iter().map(|c| c.example()));
    s
}

/// A cell a spreadsheet would run as a formula made inert, as OWASP's
/// CSV-injection guidance says: text starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading `'`, which Excel and WPS read as
/// "this is text" (and show). A plain number (`-12.5`) stays a number.
/// Every output cell goes through here, so a name or a portal pack's rule
/// name cannot become `=HYPERLINK(…)` in the screened list.
pub fn neutralize_formula(cell: &mut String) {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        cell.insert(0, '\'');
    }
}

/// `-12`, `+3.5`: an optional sign, digits and at most one point.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
}

/// The output columns.
pub const OUTPUT_HEADERS: [&str; 9] = [
    "行号",
    "企业名称",
    "状态",
    "企业划型",
    "五项标准初筛",
    "符合条件的政策",
    "测算合计（元）",
    "可增加",
    "错误",
];

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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CellError {
    pub row: u64,
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

// ---------------------------------------------------------------------------
// Header

/// The list's header: where each column is, and what is wrong with it.
#[derive(Clone, Debug)]
pub struct Header {
    positions: [Option<usize>; N],
    /// The active pack's question columns, and where each is in the list.
    questions: Vec<QuestionColumn>,
    question_positions: Vec<Option<usize>>,
    /// The header cells as given (for messages about short rows).
    names: Vec<String>,
    /// Problems with the header itself; every row reports them.
    problems: Vec<(Cow<'static, str>, String, String)>,
}

/// Headers compare without spaces, with ASCII and full-width brackets alike.
fn normalize_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '％' => '%',
            '／' => '/',
            c => c,
        })
        .collect()
}

impl Header {
    /// The header of a list to screen against `set` (whose questions are columns too).
    pub fn new<C: Cells + ?Sized>(cells: &C, set: &PolicySet) -> Header {
        let mut positions = [None; N];
        let questions = questions::question_columns(set);
        let mut question_positions = vec![None; questions.len()];
        let mut problems = Vec::new();
        let names: Vec<String> =
            (0..cells.count()).map(|i| cells.cell(i).unwrap_or("").trim().to_string()).collect();
        // The fixed columns, then the questions: index k ≥ N is question k − N.
        let wanted: Vec<String> = (COLUMNS.iter().map(|c| normalize_header(c.header)))
            .chain(questions.iter().map(|q| normalize_header(&q.header)))
            .collect();
        for (i, name) in names.iter().enumerate() {
            let given = normalize_header(name);
            if given.is_empty() || given.starts_with("备注") {
                continue; // a blank header or the user's own notes: not ours to read
            }
            // Exact, or the bare name without the bracketed unit/hint (「营业收入」 for
            // 「营业收入（元）」); a different bracket (「营业收入（万元）」) is refused.
            let found = wanted.iter().position(|w| *w == given).or_else(|| {
                (!given.contains('（'))
                    .then(|| wanted.iter().position(|w| w.split('（').next() == Some(given.as_str())))
                    .flatten()
            });
            let at = |k: usize| if k < N { positions[k] } else { question_positions[k - N] };
            match found {
                Some(k) if at(k).is_some() => problems.push((
                    Cow::Owned(quoted(name)),
                    format!("列名重复（第{}列与第{}列），请只保留一列", at(k).unwrap() + 1, i + 1),
                    format!("the column appears twice (columns {} and {}); keep one", at(k).unwrap() + 1, i + 1),
                )),
                Some(k) if k < N => positions[k] = Some(i),
                Some(k) => question_positions[k - N] = Some(i),
                None => problems.push((
                    Cow::Owned(quoted(name)),
                    "无法识别的列名（请按模板检查拼写；不需要的列请删除，或以「备注」开头命名）".to_string(),
                    "unknown column (check the spelling against the template; delete columns you do not need, or start their header with 备注)".to_string(),
                )),
            }
        }
        for c in COLUMNS.iter().filter(|c| c.required) {
            if positions[c.key as usize].is_none() {
                problems.push((
                    Cow::Borrowed(c.header),
                    "表头缺少此必填列（请使用模板的列名）".to_string(),
                    format!(
                        "the header has no such column ({}), which is required; use the template's headers",
                        c.en
                    ),
                ));
            }
        }
        Header { positions, questions, question_positions, names, problems }
    }

    /// The template's columns for this list's pack, in order.
    pub fn template_columns(&self) -> Vec<questions::TemplateColumn<'_>> {
        questions::template_columns(&self.questions)
    }

    /// A header wider than [`MAX_COLUMNS`], refused before any row is read:
    /// the message, in Chinese and English.
    pub fn too_wide(columns: usize) -> Option<String> {
        (columns > MAX_COLUMNS).then(|| {
            format!("表头有{columns}列，超过上限{MAX_COLUMNS}列：请删去多余的列 / the header has {columns} columns, more than the limit of {MAX_COLUMNS}: delete the columns you do not need")
        })
    }

    /// Problems with the header (unknown, duplicate or missing required
    /// columns): `(column, zh, en)`, to be reported once for the list. A
    /// row reports a missing required column as its own error and the
    /// others as one line ([`Header::row_errors`]).
    pub fn problems(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.problems.iter().map(|(c, zh, en)| (c.as_ref(), zh.as_str(), en.as_str()))
    }

    /// The header's problems as errors of row 1, to be reported once for
    /// the list (the command's stderr, the page's message).
    pub fn problem_errors(&self) -> Vec<CellError> {
        self.problems
            .iter()
            .map(|(column, zh, en)| CellError {
                row: 1,
                column: column.clone(),
                zh: zh.clone(),
                en: en.clone(),
            })
            .collect()
    }

    /// What each row says about the header: each missing required column
    /// (at most six), and the unknown or repeated columns as one error naming
    /// the first few, so a header with hundreds of bad columns does not
    /// repeat them in every row.
    fn row_errors(&self, row: u64, errors: &mut Vec<CellError>) {
        let mut others = Vec::new();
        for (column, zh, en) in &self.problems {
            if COLUMNS.iter().any(|c| c.required && c.header == column.as_ref() && !self.has(c.key)) {
                errors.push(CellError { row, column: column.clone(), zh: zh.clone(), en: en.clone() });
            } else {
                others.push(column.as_ref());
            }
        }
        if others.is_empty() {
            return;
        }
        const NAMED: usize = 3;
        let mut names = others.iter().take(NAMED).map(|c| format!("「{c}」")).collect::<Vec<_>>().join("");
        if others.len() > NAMED {
            names.push('…');
        }
        errors.push(CellError {
            row,
            column: Cow::Borrowed(HEADER_COLUMN),
            zh: format!("表头有{}个无法识别或重复的列{names}，此行未筛查：请按模板改正表头（不需要的列请删除，或以「备注」开头命名）", others.len()),
            en: format!("the header has {} unknown or repeated columns {names}; the row was not screened: correct the header against the template (delete columns you do not need, or start their header with 备注)", others.len()),
        });
    }

    /// Whether the list has this column.
    pub fn has(&self, key: Key) -> bool {
        self.positions[key as usize].is_some()
    }

    pub fn width(&self) -> usize {
        self.names.len()
    }
}

// ---------------------------------------------------------------------------
// S-2

/// The columns of the five criteria of seed 003 §二(一), in the order of
/// [`screening::Criterion::ALL`]; the screening itself is
/// [`screening::screen_answers`], the same as `sme-subsidy screen`.
pub const S2_CRITERIA: [Key; 5] =
    [Key::S2Compliant, Key::S2Premises, Key::S2Need, Key::S2Credit, Key::S2Purpose];

fn criteria_names(set: screening::Criteria, out: &mut String) {
    for (i, c) in set.iter().enumerate() {
        if i > 0 {
            out.push('、');
        }
        out.push_str(c.name_zh());
    }
}

// ---------------------------------------------------------------------------
// Screening

/// Options for a list.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The 测算日期 for rows that leave it empty; with `None` it is required.
    pub default_date: Option<Date>,
}

/// A screened row.
#[derive(Debug)]
pub struct Screened<'p> {
    /// Row number in the list (header = 1).
    pub row: u64,
    /// 企业名称 as given.
    pub name: String,
    pub outcome: Result<Outcome<'p>, Vec<CellError>>,
}

/// The screening of a row that read cleanly.
#[derive(Debug)]
pub struct Outcome<'p> {
    /// S-1.
    pub size: SizeOutcome,
    /// S-2.
    pub s2: Screening,
    /// Rules the enterprise qualifies for (computed, or with no published
    /// figure) and rules that need more information, in pack order.
    pub policies: Vec<Hit<'p>>,
    /// Computed subsidies to the enterprise itself, yuan to the fen.
    pub total: Decimal,
}

/// A rule the enterprise qualifies for.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'p> {
    pub rule: &'p Rule,
    pub status: Status,
    pub amount: Option<Decimal>,
    pub counts_in_total: bool,
}

impl Outcome<'_> {
    /// Policies the enterprise qualifies for: computed, or no published figure.
    pub fn eligible(&self) -> impl Iterator<Item = &Hit<'_>> {
        self.policies.iter().filter(|h| matches!(h.status, Status::Eligible | Status::AmountNotPublished))
    }

    /// Policies that could add to the total: they apply but publish no
    /// figure, or they need facts the row does not give.
    pub fn could_add(&self) -> impl Iterator<Item = &Hit<'_>> {
        self.policies
            .iter()
            .filter(|h| matches!(h.status, Status::AmountNotPublished | Status::NeedsInformation))
    }
}

impl Screened<'_> {
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The output row, one string per [`OUTPUT_HEADERS`] column, written
    /// into `cells` (cleared first; reusing them saves allocations).
    pub fn write_cells(&self, cells: &mut [String; 9]) {
        for c in cells.iter_mut() {
            c.clear();
        }
        let _ = write!(cells[0], "{}", self.row);
        cells[1].push_str(&self.name);
        match &self.outcome {
            Err(errors) => {
                cells[2].push_str("error");
                for (i, e) in errors.iter().enumerate() {
                    if i > 0 {
                        cells[8].push('；');
                    }
                    let _ = write!(cells[8], "{e}");
                }
            }
            Ok(o) => {
                cells[2].push_str("ok");
                match &o.size {
                    SizeOutcome::Classified(s) => {
                        cells[3].push_str(s.name_zh());
                        cells[3].push_str("企业");
                    }
                    SizeOutcome::Missing(metrics) => {
                        cells[3].push_str("需补充：");
                        for (i, m) in metrics.iter().enumerate() {
                            if i > 0 {
                                cells[3].push('、');
                            }
                            cells[3].push_str(m.name_zh());
                        }
                    }
                    SizeOutcome::NoIndustry => cells[3].push_str("需填写所属行业"),
                }
                let s2 = &mut cells[4];
                match o.s2.outcome {
                    screening::Outcome::Listable => s2.push_str("符合五项标准"),
                    screening::Outcome::NotListable => {
                        s2.push_str("不符合：");
                        criteria_names(o.s2.failed, s2);
                        if !o.s2.unanswered.is_empty() {
                            s2.push_str("；待补充：");
                            criteria_names(o.s2.unanswered, s2);
                        }
                    }
                    screening::Outcome::Incomplete => {
                        s2.push_str("待补充：");
                        criteria_names(o.s2.unanswered, s2);
                    }
                }
                for (i, h) in o.eligible().enumerate() {
                    let p = &mut cells[5];
                    if i > 0 {
                        p.push('；');
                    }
                    p.push_str(&h.rule.id);
                    p.push(' ');
                    p.push_str(&h.rule.name.zh);
                    match h.amount {
                        Some(a) if h.counts_in_total => {
                            let _ = write!(p, "（{}元）", Yuan(a));
                        }
                        Some(a) => {
                            let to = match h.rule.recipient {
                                Recipient::Unsettled => "拨付对象未明确",
                                Recipient::Guarantor => "拨付担保机构",
                                Recipient::Bank => "拨付银行",
                                Recipient::Enterprise => "拨付企业",
                            };
                            let _ = write!(p, "（{}元，{to}，不计入合计）", Yuan(a));
                        }
                        None => p.push_str("（金额未公布）"),
                    }
                }
                let _ = write!(cells[6], "{:.2}", o.total);
                let n = o.could_add().count();
                let _ = write!(cells[7], "{n}");
                for (i, h) in o.could_add().enumerate() {
                    cells[7].push_str(if i == 0 { "项：" } else { "、" });
                    cells[7].push_str(&h.rule.id);
                    cells[7].push(' ');
                    cells[7].push_str(&h.rule.name.zh);
                    cells[7].push_str(if h.status == Status::NeedsInformation {
                        "（需补充信息）"
                    } else {
                        "（金额未公布）"
                    });
                }
            }
        }
        cells.iter_mut().for_each(neutralize_formula);
    }
}

/// Screens the rows of one list against one policy set. Build once per
/// list; `screen` is `&self` and the screener is `Sync`, so rows may be
/// screened on any number of threads.
pub struct Screener<'p> {
    set: &'p PolicySet,
    header: Header,
    options: Options,
    /// The set's documents that can concern a row, by bit mask (see
    /// [`Screener::documents_for`]); built on first use.
    subsets: Vec<OnceLock<PolicySet>>,
}

/// Up to this many documents, rows are screened against only the documents
/// that can concern them (2^n subsets at most); beyond it, against all.
const MAX_FILTERED_DOCUMENTS: usize = 8;

impl<'p> Screener<'p> {
    /// `header` is [`Header::new`] for the same `set`.
    pub fn new(set: &'p PolicySet, header: Header, options: Options) -> Screener<'p> {
        let n = set.documents.len();
        let subsets = if n <= MAX_FILTERED_DOCUMENTS {
            (0..1usize << n).map(|_| OnceLock::new()).collect()
        } else {
            Vec::new()
        };
        Screener { set, header, options, subsets }
    }

    /// The documents that can give this scenario a result worth listing.
    ///
    /// A document whose effective dates exclude the 测算日期, or whose region
    /// excludes the enterprise, can only answer 不在政策有效期内 or 不符合条件 for
    /// each of its rules, and a batch row lists neither; leaving such
    /// documents out gives the same row (eligible policies, what could add,
    /// total, size) for less work — a 达州 list is not evaluated against
    /// 聊城's eleven rules. A region not given in full stays in (its rules
    /// may ask for it).
    fn documents_for(&self, scenario: &Scenario, located: Located) -> &PolicySet {
        if self.subsets.is_empty() {
            return self.set;
        }
        let date = scenario.evaluation_date;
        let mut mask = 0usize;
        for (i, doc) in self.set.documents.iter().enumerate() {
            let dated = doc.effective_from.is_none_or(|from| date >= from)
                && doc.effective_to.is_none_or(|to| date <= to);
            let place = crate::conditions::jurisdiction(doc, scenario, located);
            if dated && place != crate::conditions::Place::Outside {
                mask |= 1 << i;
            }
        }
        if mask == self.subsets.len() - 1 {
            return self.set;
        }
        self.subsets[mask].get_or_init(|| PolicySet {
            documents: (self.set.documents.iter().enumerate())
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, d)| d.clone())
                .collect(),
            products: Vec::new(),
        })
    }

    /// The scenario a row describes (checked as `input::check` checks a
    /// single scenario), or the row's located errors: for a page that opens
    /// one row of a list in the single-enterprise calculator.
    pub fn scenario<C: Cells + ?Sized>(&self, row: u64, cells: &C) -> Result<Scenario, Vec<CellError>> {
        let (scenario, r) = self.read(row, cells);
        if r.errors.is_empty() {
            Ok(scenario)
        } else {
            Err(r.errors)
        }
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Whether every cell of the row is empty (a blank line in a
    /// spreadsheet export); such rows are skipped and counted apart.
    pub fn is_blank<C: Cells + ?Sized>(cells: &C) -> bool {
        (0..cells.count()).all(|i| cells.cell(i).is_none_or(|c| trim(c).is_empty()))
    }

    /// Screen one row. `row` is its number in the list (header = 1).
    pub fn screen<C: Cells + ?Sized>(&self, row: u64, cells: &C) -> Screened<'_> {
        let (scenario, mut r) = self.read(row, cells);
        let name = r.cell(Key::Name).unwrap_or("").to_string();
        if !r.errors.is_empty() {
            return Screened { row, name, outcome: Err(r.errors) };
        }
        let s2 = screening::screen_answers(S2_CRITERIA.map(|k| r.yes_no(k)));
        let located = crate::conditions::locate(&scenario);
        let set = self.documents_for(&scenario, located);
        let evaluation = crate::engine::evaluate_located(set, &scenario, located);
        let total = evaluation.total_to_enterprise();
        let policies = evaluation
            .results
            .iter()
            .filter(|r| {
                matches!(r.status, Status::Eligible | Status::AmountNotPublished | Status::NeedsInformation)
            })
            .map(|r| Hit {
                rule: r.rule,
                status: r.status,
                amount: r.amount,
                counts_in_total: r.counts_in_total(),
            })
            .collect();
        Screened { row, name, outcome: Ok(Outcome { size: evaluation.size, s2, policies, total }) }
    }

    /// The row's scenario, and the row with every problem found in it.
    fn read<'a, C: Cells + ?Sized>(&'a self, row: u64, cells: &'a C) -> (Scenario, RowReader<'a, C>) {
        let mut r = RowReader::new(&self.header, cells, row);
        self.header.row_errors(row, &mut r.errors);
        r.shape();
        if !r.filled(Key::Name) && self.header.has(Key::Name) {
            r.push(Key::Name, "企业名称不能为空".into(), "the enterprise name must not be empty".into());
        }
        let (scenario, items) = self.build(&mut r);
        if r.errors.is_empty() {
            if let Err(errors) = input::check(&scenario) {
                for e in errors {
                    r.input_error(e, &items);
                }
            }
        }
        // In the list's column order (header problems first).
        let columns = self.header.template_columns();
        let order = |e: &CellError| columns.iter().position(|c| c.header() == e.column).map_or(0, |k| k + 1);
        r.errors.sort_by_key(order);
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
        (scenario, r)
    }

    fn build<C: Cells + ?Sized>(&self, r: &mut RowReader<'_, C>) -> (Scenario, Items) {
        let mut items = Items::default();
        let evaluation_date = match r.date(Key::Date).or(self.options.default_date) {
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

        let province = r.text(Key::Province);
        let city = r.text(Key::City);
        let county = r.text(Key::County);
        let region = match province {
            Some(province) => Some(Region { province, city, county }),
            None => {
                if city.is_some() || county.is_some() {
                    r.push(
                        Key::Province,
                        "填写了市或县区时须填写省".into(),
                        "enter the province when a city or county is given".into(),
                    );
                }
                None
            }
        };
        let enterprise = Enterprise {
            name: None,
            region,
            industry: r.choice(Key::Industry, industry_choices),
            employees: r.count(Key::Employees),
            operating_revenue: r.money(Key::Revenue, Currency::Cny),
            total_assets: r.money(Key::Assets, Currency::Cny),
            annual_exports: r.money(Key::Exports, Currency::Usd),
            qualifications: if r.yes_no(Key::Tech) == Some(true) {
                vec![Qualification::TechEnterprise]
            } else {
                Vec::new()
            },
        };

        let mut loans = Vec::new();
        if r.any(&LOAN_KEYS) {
            loans.push(Loan {
                label: None,
                principal: r.money(Key::LoanPrincipal, Currency::Cny),
                monthly_average_balance: r.money(Key::MonthlyBalance, Currency::Cny),
                start_date: r.date(Key::LoanStart),
                end_date: r.date(Key::LoanEnd),
                contract_rate_percent: r.percent(Key::LoanRate),
                interest_paid: r.money(Key::InterestPaid, Currency::Cny),
                collateral: r
                    .choices(Key::Collateral, || "专利权质押、固定资产抵押、融资担保、信用、其他".into()),
                pledge_registered: r.yes_no(Key::PledgeRegistered),
                lender: r.choice(Key::Lender, || "地方法人银行、科技支行、其他银行".into()),
                purpose: r.choice(Key::Purpose, || {
                    "清洁能源、节能环保、碳减排技术、创业担保贷款、退役军人创业贷款、一般生产经营".into()
                }),
                carbon_reduction_tool: r.yes_no(Key::CarbonTool),
                repaid_on_schedule: r.yes_no(Key::RepaidOnSchedule),
                repayments: Vec::new(),
            });
        }
        let mut guarantees = Vec::new();
        if r.any(&GUARANTEE_KEYS) {
            guarantees.push(Guarantee {
                label: None,
                amount: r.money(Key::GuaranteeAmount, Currency::Cny),
                fee: r.money(Key::GuaranteeFee, Currency::Cny),
                fee_rate_percent: r.percent(Key::GuaranteeRate),
                term_months: r.count(Key::GuaranteeTerm),
                government_business: r.yes_no(Key::GovernmentBusiness),
                for_patent_pledge_loan: r.yes_no(Key::GuaranteeForPledge),
                green_industry: r.choice(Key::GreenIndustry, || {
                    "降碳减排、节能环保、清洁生产、清洁能源、生态环境、基础设施绿色升级、绿色服务、不属于七类".into()
                }),
                fee_paid_date: r.date(Key::GuaranteeFeeDate),
                loan_number: None,
            });
        }
        let mut evaluation_fees = Vec::new();
        if r.any(&[Key::EvaluationFee, Key::EvaluationFeeForPledge, Key::EvaluationFeeDate]) {
            evaluation_fees.push(EvaluationFee {
                label: None,
                fee: r.money(Key::EvaluationFee, Currency::Cny),
                for_patent_pledge_loan: r.yes_no(Key::EvaluationFeeForPledge),
                paid_date: r.date(Key::EvaluationFeeDate),
                loan_number: None,
            });
        }
        let mut insurance = Vec::new();
        if r.any(&INSURANCE_KEYS) {
            items.main_insurance = Some(insurance.len());
            insurance.push(InsurancePolicy {
                label: None,
                kind: r.choice(Key::InsuranceKind, || {
                    "质量保证保险、产品责任保险、产品综合险、出口信用保险、其他".into()
                }),
                product: r.choice(Key::InsuranceProduct, || "首台套、首批次、首版次".into()),
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
        let ipo = if r.any(&[Key::IpoStage, Key::Fundraising]) {
            Some(Ipo {
                stage_reached: r.choice(Key::IpoStage, || "辅导备案、申报受理、成功上市".into()),
                planned_fundraising: r.money(Key::Fundraising, Currency::Cny),
            })
        } else {
            None
        };
        let mut answers = std::collections::BTreeMap::new();
        for (q, question) in self.header.questions.iter().enumerate() {
            if let Some(yes) = r.question(q) {
                answers.insert(question.id.clone(), yes);
            }
        }
        let scenario = Scenario {
            evaluation_date,
            enterprise,
            loans,
            guarantees,
            evaluation_fees,
            insurance,
            ipo,
            lpr_override: LprOverride::default(),
            answers,
        };
        (scenario, items)
    }
}

const LOAN_KEYS: [Key; 12] = [
    Key::LoanPrincipal,
    Key::LoanStart,
    Key::LoanEnd,
    Key::LoanRate,
    Key::Collateral,
    Key::Lender,
    Key::Purpose,
    Key::PledgeRegistered,
    Key::RepaidOnSchedule,
    Key::CarbonTool,
    Key::MonthlyBalance,
    Key::InterestPaid,
];
const GUARANTEE_KEYS: [Key; 8] = [
    Key::GuaranteeAmount,
    Key::GuaranteeFee,
    Key::GuaranteeRate,
    Key::GuaranteeTerm,
    Key::GovernmentBusiness,
    Key::GuaranteeForPledge,
    Key::GreenIndustry,
    Key::GuaranteeFeeDate,
];
const INSURANCE_KEYS: [Key; 5] =
    [Key::InsuranceKind, Key::InsuranceProduct, Key::InsuredAmount, Key::Premium, Key::InsuranceStart];

fn industry_choices() -> String {
    // 农林牧渔业 (also accepted) rather than 农、林、牧、渔业 in a 、-separated list.
    Industry::ALL
        .iter()
        .map(|&i| if i == Industry::Agriculture { "农林牧渔业" } else { i.name_zh() })
        .collect::<Vec<_>>()
        .join("、")
}

/// Which scenario item each row group became (to locate `input::check`'s
/// errors back on their columns).
#[derive(Default)]
struct Items {
    main_insurance: Option<usize>,
    export_insurance: Option<usize>,
}

/// Spaces, including the ideographic space and no-break space, around a cell.
fn trim(s: &str) -> &str {
    let space = |c: char| c.is_whitespace() || c == '\u{feff}';
    let (Some(&first), Some(&last)) = (s.as_bytes().first(), s.as_bytes().last()) else {
        return s;
    };
    // The usual cell: an ASCII letter or digit at both ends, or CJK text.
    let plain = |b: u8| b > b' ' && b < 0x80;
    if plain(first) && plain(last) {
        return s;
    }
    match (s.chars().next(), s.chars().next_back()) {
        (Some(f), Some(l)) if !space(f) && !space(l) => s,
        _ => s.trim_matches(space),
    }
}

struct RowReader<'a, C: ?Sized> {
    header: &'a Header,
    cells: &'a C,
    /// Each column's trimmed cell, `None` when empty or absent: looked up
    /// once per row.
    values: [Option<&'a str>; N],
    row: u64,
    errors: Vec<CellError>,
}

impl<'a, C: Cells + ?Sized> RowReader<'a, C> {
    fn new(header: &'a Header, cells: &'a C, row: u64) -> Self {
        let mut values = [None; N];
        let mut errors = Vec::new();
        for (k, (v, p)) in values.iter_mut().zip(header.positions).enumerate() {
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
    fn cell(&self, key: Key) -> Option<&'a str> {
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

    fn text(&self, key: Key) -> Option<String> {
        self.cell(key).map(str::to_string)
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
    fn yes_no(&mut self, key: Key) -> Option<bool> {
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
    fn choices<T: for<'de> Deserialize<'de>>(&mut self, key: Key, choices: impl Fn() -> String) -> Vec<T> {
        let Some(text) = self.cell(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
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
        out
    }

    /// An error from `input::check`, put back on its column.
    fn input_error(&mut self, e: InputError, items: &Items) {
        let key = field_key(&e.field, items);
        let column: Cow<'static, str> = match key {
            Some(k) => Cow::Borrowed(column(k).header),
            None => Cow::Owned(e.field),
        };
        self.errors.push(CellError { row: self.row, column, zh: e.zh, en: e.en });
    }
}

/// The column a scenario field came from.
fn field_key(field: &str, items: &Items) -> Option<Key> {
    let (list, index, name) = match field.split_once("].") {
        Some((head, name)) => {
            let (list, index) = head.split_once('[')?;
            (list, index.parse::<usize>().ok(), name)
        }
        None => ("", None, field),
    };
    Some(match (list, name) {
        ("", "evaluation_date") => Key::Date,
        ("", "enterprise.region.province") => Key::Province,
        ("", "enterprise.region.city") => Key::City,
        ("", "enterprise.region.county") => Key::County,
        ("", "enterprise.employees") => Key::Employees,
        ("", "enterprise.operating_revenue") => Key::Revenue,
        ("", "enterprise.total_assets") => Key::Assets,
        ("", "enterprise.annual_exports") => Key::Exports,
        ("", "ipo.planned_fundraising") => Key::Fundraising,
        ("loans", "principal") => Key::LoanPrincipal,
        ("loans", "monthly_average_balance") => Key::MonthlyBalance,
        ("loans", "interest_paid") => Key::InterestPaid,
        ("loans", "contract_rate_percent") => Key::LoanRate,
        ("loans", "start_date") => Key::LoanStart,
        ("loans", "end_date") => Key::LoanEnd,
        ("guarantees", "amount") => Key::GuaranteeAmount,
        ("guarantees", "fee") => Key::GuaranteeFee,
        ("guarantees", "fee_rate_percent") => Key::GuaranteeRate,
        ("guarantees", "term_months") => Key::GuaranteeTerm,
        ("evaluation_fees", "fee") => Key::EvaluationFee,
        ("insurance", "premium") if index.is_some() && index == items.export_insurance => {
            Key::ExportCreditPremium
        }
        ("insurance", "premium") => Key::Premium,
        ("insurance", "insured_amount") => Key::InsuredAmount,
        ("insurance", "start_date") if index.is_some() && index == items.export_insurance => {
            Key::ExportCreditStart
        }
        ("insurance", "start_date") => Key::InsuranceStart,
        ("guarantees", "fee_paid_date") => Key::GuaranteeFeeDate,
        ("evaluation_fees", "paid_date") => Key::EvaluationFeeDate,
        _ => return None,
    })
}

/// `1,000,000`, `1,000,000元`, `3200000 美元`, `5000 CNY`: the number and
/// the currency written after it, if any.
fn split_unit(text: &str) -> (&str, Option<Currency>) {
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

fn parse_choice<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Collateral, GreenIndustry, InnovativeProduct, IpoStage, Lender, LoanPurpose};

    #[test]
    fn formula_cells_get_a_quote_and_numbers_stay() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(1)", "'@SUM(1)"),
            ("-1+1", "'-1+1"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "'-"),
            ("-.", "'-."),
            ("-1.2.3", "'-1.2.3"),
            ("-5", "-5"),
            ("+3.5", "+3.5"),
            // Found by the batch_row fuzz target: a number too long for Decimal is still a number.
            ("-8888888888888888888888888888888888", "-8888888888888888888888888888888888"),
            ("聊城", "聊城"),
            ("a=1", "a=1"),
        ];
        for (cell, want) in cases {
            let mut c = cell.to_string();
            neutralize_formula(&mut c);
            assert_eq!(c, want, "{cell:?}");
        }
    }

    #[test]
    fn columns_are_in_key_order() {
        for (i, c) in COLUMNS.iter().enumerate() {
            assert_eq!(c.key as usize, i, "{}", c.header);
        }
    }

    #[test]
    fn dates_in_the_forms_people_write() {
        let d = Date::from_calendar_date(2024, Month::March, 1).unwrap();
        for t in
            ["2024-03-01", "2024/3/1", "2024.03.01", "2024年3月1日", "2024/3/1 0:00", "2024-03-01 00:00:00"]
        {
            assert_eq!(parse_date(t), Some(d), "{t}");
        }
        for t in ["2024-02-30", "2024-3", "24-03-01", "2024-03-01-02", "2024/3/1 9:30", "20240301", "abc"] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }

    #[test]
    fn every_listed_choice_parses() {
        fn all<T: for<'de> Deserialize<'de>>(list: &str) {
            for label in list.split('、') {
                assert!(parse_choice::<T>(label).is_some(), "{label}");
            }
        }
        all::<Industry>(&industry_choices());
        all::<Collateral>("专利权质押、固定资产抵押、融资担保、信用、其他");
        all::<Lender>("地方法人银行、科技支行、其他银行");
        all::<LoanPurpose>("清洁能源、节能环保、碳减排技术、创业担保贷款、退役军人创业贷款、一般生产经营");
        all::<GreenIndustry>(
            "降碳减排、节能环保、清洁生产、清洁能源、生态环境、基础设施绿色升级、绿色服务、不属于七类",
        );
        all::<InsuranceKind>("质量保证保险、产品责任保险、产品综合险、出口信用保险、其他");
        all::<InnovativeProduct>("首台套、首批次、首版次");
        all::<IpoStage>("辅导备案、申报受理、成功上市");
        assert_eq!(
            parse_choice::<InnovativeProduct>("首台（套）"),
            Some(InnovativeProduct::FirstSetEquipment)
        );
        assert_eq!(parse_choice::<Industry>("industry"), Some(Industry::Industry));
    }

    #[test]
    fn the_s2_columns_follow_the_criteria() {
        for (key, c) in S2_CRITERIA.iter().zip(screening::Criterion::ALL) {
            assert_eq!(column(*key).header, c.name_zh());
        }
    }
}
