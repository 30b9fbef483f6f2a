//! The list's columns: what each holds, its Chinese header, the template
//! with its example row, the output columns, and the header as read (where
//! each column is, what is wrong with it).

use std::borrow::Cow;

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
}

pub(super) const fn col(
    key: Key,
    header: &'static str,
    en: &'static str,
    required: bool,
    example: &'static str,
) -> Column {
    Column { key, header, en, required, example }
}

/// Every column, in template order (`COLUMNS[key as usize].key == key`).
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
