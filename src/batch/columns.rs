//! The list's columns: what each holds, its Chinese header, the template
//! with its example row, the output columns, and the header as read (where
//! each column is, what is wrong with it).

use std::borrow::Cow;

use crate::fields::FieldId;
use crate::limits::{quoted, MAX_COLUMNS};

use crate::pack::PolicySet;

use super::cells::{CellError, Cells, HEADER_COLUMN};
use super::questions::{self, QuestionColumn};

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
    /// The scenario field the column fills, whose header it takes.
    pub field: Option<FieldId>,
}

pub(super) const fn col(
    key: Key,
    header: &'static str,
    en: &'static str,
    required: bool,
    example: &'static str,
) -> Column {
    Column { key, header, en, required, example, field: None }
}

/// The column of a scenario field: its header is the field's ([`crate::fields`]).
const fn of(key: Key, field: FieldId, required: bool, example: &'static str) -> Column {
    let h = field.header();
    Column { key, header: h.zh, en: h.en, required, example, field: Some(field) }
}

/// Every column, in template order (`COLUMNS[key as usize].key == key`).
/// The example row is the README's example enterprise, whose single-scenario
/// result (`sme-subsidy evaluate examples/scenario.json`) it reproduces.
pub const COLUMNS: [Column; 48] = [
    of(Key::Name, FieldId::EnterpriseName, true, "聊城某精密轴承有限公司"),
    of(Key::Province, FieldId::Province, true, "山东省"),
    of(Key::City, FieldId::City, false, "聊城市"),
    of(Key::County, FieldId::County, false, "东昌府区"),
    of(Key::Industry, FieldId::Industry, true, "工业"),
    of(Key::Employees, FieldId::Employees, true, "120"),
    of(Key::Revenue, FieldId::OperatingRevenue, true, "48,000,000"),
    of(Key::Assets, FieldId::TotalAssets, true, "60,000,000"),
    of(Key::Exports, FieldId::AnnualExports, false, "3,200,000"),
    of(Key::Tech, FieldId::Qualifications, false, "是"),
    of(Key::LoanPrincipal, FieldId::LoanPrincipal, false, "5,000,000"),
    of(Key::LoanStart, FieldId::LoanStartDate, false, "2024-03-01"),
    of(Key::LoanEnd, FieldId::LoanEndDate, false, "2025-03-01"),
    of(Key::LoanRate, FieldId::LoanContractRate, false, "3.95"),
    of(Key::Collateral, FieldId::LoanCollateral, false, "专利权质押"),
    of(Key::Lender, FieldId::LoanLender, false, "其他银行"),
    of(Key::Purpose, FieldId::LoanPurpose, false, "一般生产经营"),
    of(Key::PledgeRegistered, FieldId::LoanPledgeRegistered, false, "是"),
    of(Key::RepaidOnSchedule, FieldId::LoanRepaidOnSchedule, false, "是"),
    of(Key::CarbonTool, FieldId::LoanCarbonTool, false, ""),
    of(Key::MonthlyBalance, FieldId::LoanMonthlyBalance, false, ""),
    of(Key::InterestPaid, FieldId::LoanInterestPaid, false, ""),
    of(Key::GuaranteeAmount, FieldId::GuaranteeAmount, false, "5,000,000"),
    of(Key::GuaranteeFee, FieldId::GuaranteeFee, false, "40,000"),
    of(Key::GuaranteeRate, FieldId::GuaranteeFeeRate, false, ""),
    of(Key::GuaranteeTerm, FieldId::GuaranteeTerm, false, "12"),
    of(Key::GovernmentBusiness, FieldId::GuaranteeGovernmentBusiness, false, "是"),
    of(Key::GuaranteeForPledge, FieldId::GuaranteeForPledge, false, "是"),
    of(Key::GreenIndustry, FieldId::GuaranteeGreenIndustry, false, ""),
    of(Key::GuaranteeFeeDate, FieldId::GuaranteeFeePaidDate, false, "2024-04-26"),
    of(Key::EvaluationFee, FieldId::EvaluationFeeFee, false, "30,000"),
    of(Key::EvaluationFeeForPledge, FieldId::EvaluationFeeForPledge, false, "是"),
    of(Key::EvaluationFeeDate, FieldId::EvaluationFeePaidDate, false, "2024-04-26"),
    of(Key::InsuranceKind, FieldId::InsuranceKind, false, "产品综合险"),
    of(Key::InsuranceProduct, FieldId::InsuranceProduct, false, "首台套"),
    of(Key::InsuredAmount, FieldId::InsuredAmount, false, "20,000,000"),
    of(Key::Premium, FieldId::InsurancePremium, false, "700,000"),
    of(Key::InsuranceStart, FieldId::InsuranceStartDate, false, "2024-06-01"),
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
    of(Key::IpoStage, FieldId::IpoStage, false, "辅导备案"),
    of(Key::Fundraising, FieldId::PlannedFundraising, false, "600,000,000"),
    of(Key::Date, FieldId::EvaluationDate, false, "2024-12-31"),
    col(Key::S2Compliant, "合规持续经营", "compliant, continuing operation (yes/no)", false, "是"),
    col(Key::S2Premises, "固定经营场所", "fixed business premises (yes/no)", false, "是"),
    col(Key::S2Need, "真实融资需求", "genuine financing need (yes/no)", false, "是"),
    col(Key::S2Credit, "信用状况良好", "good credit standing (yes/no)", false, "是"),
    col(Key::S2Purpose, "贷款用途依法合规", "lawful loan purpose (yes/no)", false, "是"),
];

pub(super) const N: usize = COLUMNS.len();

pub(super) fn column(key: Key) -> &'static Column {
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
// Header

/// The list's header: where each column is, and what is wrong with it.
#[derive(Clone, Debug)]
pub struct Header {
    pub(super) positions: [Option<usize>; N],
    /// The active pack's question columns, and where each is in the list.
    pub(super) questions: Vec<QuestionColumn>,
    pub(super) question_positions: Vec<Option<usize>>,
    /// The header cells as given (for messages about short rows).
    pub(super) names: Vec<String>,
    /// Problems with the header itself; every row reports them.
    problems: Vec<(Cow<'static, str>, String, String)>,
}

/// Headers compare without spaces, with ASCII and full-width brackets alike.
pub(super) fn normalize_header(h: &str) -> String {
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
    pub(super) fn row_errors(&self, row: u64, errors: &mut Vec<CellError>) {
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

/// The columns of the five criteria of seed 003 §二(一), in the order of
/// [`screening::Criterion::ALL`]; the screening itself is
/// [`screening::screen_answers`], the same as `sme-subsidy screen`.
pub const S2_CRITERIA: [Key; 5] =
    [Key::S2Compliant, Key::S2Premises, Key::S2Need, Key::S2Credit, Key::S2Purpose];

pub(super) const LOAN_KEYS: [Key; 12] = [
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
pub(super) const GUARANTEE_KEYS: [Key; 8] = [
    Key::GuaranteeAmount,
    Key::GuaranteeFee,
    Key::GuaranteeRate,
    Key::GuaranteeTerm,
    Key::GovernmentBusiness,
    Key::GuaranteeForPledge,
    Key::GreenIndustry,
    Key::GuaranteeFeeDate,
];
pub(super) const INSURANCE_KEYS: [Key; 5] =
    [Key::InsuranceKind, Key::InsuranceProduct, Key::InsuredAmount, Key::Premium, Key::InsuranceStart];
