//! The scenario's fields (字段), defined once: each field's path in the
//! scenario (`enterprise.employees`, `loans[].principal`), its name in a
//! report's sentence (「请填写贷款本金」), the batch list's column header where
//! the list has one, and the form's label where the page words it
//! differently (「放款日（合同起始日）」 for 贷款起始日). Reports, input errors,
//! the batch list's headers (`batch::COLUMNS`) and the page's labels
//! (`www/vocabulary.js`, written by [`labels_js`]) all read this table.

use std::fmt::Write as _;

/// A scenario field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldId {
    EvaluationDate,
    EnterpriseName,
    Region,
    Province,
    City,
    County,
    Industry,
    Employees,
    OperatingRevenue,
    TotalAssets,
    AnnualExports,
    Qualifications,
    IpoStage,
    PlannedFundraising,
    LprOneYear,
    LprFiveYear,
    Loans,
    Guarantees,
    EvaluationFees,
    Insurance,
    LoanLabel,
    LoanPrincipal,
    LoanStartDate,
    LoanEndDate,
    LoanContractRate,
    LoanInterestPaid,
    LoanMonthlyBalance,
    LoanCollateral,
    LoanLender,
    LoanPurpose,
    LoanPledgeRegistered,
    LoanRepaidOnSchedule,
    LoanCarbonTool,
    LoanRepayments,
    GuaranteeLabel,
    GuaranteeAmount,
    GuaranteeFee,
    GuaranteeFeePaidDate,
    GuaranteeTerm,
    GuaranteeGovernmentBusiness,
    GuaranteeFeeRate,
    GuaranteeForPledge,
    GuaranteeGreenIndustry,
    GuaranteeLoanNumber,
    EvaluationFeeLabel,
    EvaluationFeeFee,
    EvaluationFeePaidDate,
    EvaluationFeeForPledge,
    EvaluationFeeLoanNumber,
    InsuranceLabel,
    InsuranceKind,
    InsuranceProduct,
    InsurancePremium,
    InsuredAmount,
    InsuranceStartDate,
}

/// A text in Chinese and English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
}

/// One field's entry.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub id: FieldId,
    /// `enterprise.employees`; an item's field with its list (`loans[].principal`).
    pub path: &'static str,
    /// Its name inside a report's sentence (「请填写{}」, 「enter the {}」).
    pub label: Label,
    /// The batch list's column header, where the list has the column.
    pub header: Option<Label>,
    /// The form's label, where it differs from [`FieldSpec::label`] (the
    /// page otherwise shows the label, its English capitalised).
    pub form: Option<Label>,
}

const fn l(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

const fn f(id: FieldId, path: &'static str, label: Label) -> FieldSpec {
    FieldSpec { id, path, label, header: None, form: None }
}

impl FieldSpec {
    const fn header(self, zh: &'static str, en: &'static str) -> FieldSpec {
        FieldSpec { header: Some(l(zh, en)), ..self }
    }
    const fn form(self, zh: &'static str, en: &'static str) -> FieldSpec {
        FieldSpec { form: Some(l(zh, en)), ..self }
    }
}

use FieldId as F;

/// Every field, in [`FieldId`] order (`FIELDS[id as usize].id == id`).
pub const FIELDS: [FieldSpec; 55] = [
    f(F::EvaluationDate, "evaluation_date", l("测算日期", "evaluation date"))
        .header("测算日期", "evaluation date")
        .form("测算日期", "Date of the estimate"),
    f(F::EnterpriseName, "enterprise.name", l("企业名称", "enterprise name"))
        .header("企业名称", "enterprise name")
        .form("企业名称（选填）", "Enterprise name (optional)"),
    f(F::Region, "enterprise.region", l("所在地区", "region")),
    f(F::Province, "enterprise.region.province", l("所在省份", "province")).header("省", "province"),
    f(F::City, "enterprise.region.city", l("所在城市", "city")).header("市", "city"),
    f(F::County, "enterprise.region.county", l("所在县（市、区）", "county"))
        .header("县区", "county/district")
        .form("县（市、区）（选填）", "County or district (optional)"),
    f(F::Industry, "enterprise.industry", l("所属行业", "industry")).header("所属行业", "industry"),
    f(F::Employees, "enterprise.employees", l("从业人员", "employees")).header("从业人员", "employees"),
    f(F::OperatingRevenue, "enterprise.operating_revenue", l("营业收入", "operating revenue"))
        .header("营业收入（元）", "operating revenue (yuan)")
        .form("上年营业收入", "Operating revenue, last year"),
    f(F::TotalAssets, "enterprise.total_assets", l("资产总额", "total assets"))
        .header("资产总额（元）", "total assets (yuan)"),
    f(F::AnnualExports, "enterprise.annual_exports", l("年出口额（美元）", "annual exports (USD)"))
        .header("年出口额（美元）", "annual exports (US dollars)")
        .form("年出口额（美元）", "Annual exports (US dollars)"),
    f(F::Qualifications, "enterprise.qualifications", l("资质", "qualifications"))
        .header("科技型企业（是/否）", "tech enterprise (yes/no)"),
    f(F::IpoStage, "ipo.stage_reached", l("上市进展阶段", "IPO stage reached"))
        .header("上市进展", "IPO stage reached")
        .form("已达到的上市阶段", "IPO stage reached"),
    f(F::PlannedFundraising, "ipo.planned_fundraising", l("申请募集资金规模", "planned fundraising"))
        .header("申请募集资金（元）", "planned IPO fundraising (yuan)"),
    f(F::LprOneYear, "lpr_override.one_year_percent", l("当期1年期LPR", "current 1-year LPR"))
        .form("当期1年期LPR（选填，覆盖内置数据）", "Current 1-year LPR (optional, overrides the table)"),
    f(F::LprFiveYear, "lpr_override.five_year_percent", l("当期5年期以上LPR", "current 5-year LPR")),
    f(F::Loans, "loans", l("本政策适用的贷款", "the loan this policy covers")),
    f(F::Guarantees, "guarantees", l("本政策适用的融资担保", "the guarantee this policy covers")),
    f(F::EvaluationFees, "evaluation_fees", l("本政策适用的评估费", "the evaluation fee this policy covers")),
    f(F::Insurance, "insurance", l("本政策适用的保险保单", "the insurance policy this policy covers")),
    f(F::LoanLabel, "loans[].label", l("贷款名称", "name")).form("贷款名称（选填）", "Name (optional)"),
    f(F::LoanPrincipal, "loans[].principal", l("贷款本金", "principal"))
        .header("贷款本金（元）", "loan principal (yuan)"),
    f(F::LoanStartDate, "loans[].start_date", l("贷款起始日", "start date"))
        .header("贷款起始日", "loan start date")
        .form("放款日（合同起始日）", "Start date"),
    f(F::LoanEndDate, "loans[].end_date", l("贷款到期日", "end date"))
        .header("贷款到期日", "loan end date")
        .form("到期日", "End date"),
    f(F::LoanContractRate, "loans[].contract_rate_percent", l("合同年利率", "contract rate per year"))
        .header("合同利率（%）", "contract rate (%)"),
    f(
        F::LoanInterestPaid,
        "loans[].interest_paid",
        l("实付利息（或合同利率）", "interest paid (or the contract rate)"),
    )
    .header("实际支付利息（元）", "interest actually paid (yuan)")
    .form("实际支付利息", "Interest paid"),
    f(F::LoanMonthlyBalance, "loans[].monthly_average_balance", l("月均贷款余额", "monthly-average balance"))
        .header("月均贷款余额（元）", "monthly average loan balance (yuan)"),
    f(F::LoanCollateral, "loans[].collateral", l("担保方式", "collateral")).header("担保方式", "collateral"),
    f(F::LoanLender, "loans[].lender", l("贷款机构类型", "lender type"))
        .header("贷款机构类型", "lender type")
        .form("贷款机构", "Lender"),
    f(F::LoanPurpose, "loans[].purpose", l("贷款投向", "loan purpose"))
        .header("贷款投向", "loan purpose")
        .form("贷款投向", "Purpose"),
    f(
        F::LoanPledgeRegistered,
        "loans[].pledge_registered",
        l("已办理知识产权质押登记", "patent pledge registered"),
    )
    .header("是否专利权质押登记", "patent pledge registered (yes/no)"),
    f(F::LoanRepaidOnSchedule, "loans[].repaid_on_schedule", l("按期还清本息", "repaid on schedule"))
        .header("是否按期还本付息", "repaid on schedule (yes/no)"),
    f(
        F::LoanCarbonTool,
        "loans[].carbon_reduction_tool",
        l("纳入人民银行碳减排支持工具", "under the PBoC carbon-reduction tool"),
    )
    .header("纳入碳减排支持工具（是/否）", "under the PBoC carbon-reduction tool (yes/no)"),
    f(F::LoanRepayments, "loans[].repayments", l("还款计划", "repayment schedule")),
    f(F::GuaranteeLabel, "guarantees[].label", l("名称", "name")).form("名称（选填）", "Name (optional)"),
    f(F::GuaranteeAmount, "guarantees[].amount", l("担保金额", "guarantee amount"))
        .header("担保金额（元）", "guaranteed amount (yuan)")
        .form("担保金额", "Guaranteed amount"),
    f(F::GuaranteeFee, "guarantees[].fee", l("实际支付费用", "fee paid"))
        .header("担保费（元）", "guarantee fee paid (yuan)")
        .form("实际支付担保费", "Guarantee fee paid"),
    f(F::GuaranteeFeePaidDate, "guarantees[].fee_paid_date", l("费用支付日期", "date the fee was paid"))
        .header("担保费支付日期", "guarantee fee paid on")
        .form("担保费支付日期", "Fee paid on"),
    f(F::GuaranteeTerm, "guarantees[].term_months", l("担保期限（月）", "term (months)"))
        .header("担保期限（月）", "guarantee term (months)")
        .form("担保期限", "Term"),
    f(
        F::GuaranteeGovernmentBusiness,
        "guarantees[].government_business",
        l("纳入政府性融资担保业务", "government financing-guarantee business"),
    )
    .header("政府性融资担保业务（是/否）", "government financing-guarantee business (yes/no)"),
    f(
        F::GuaranteeFeeRate,
        "guarantees[].fee_rate_percent",
        l("年化担保费率", "annualised guarantee fee rate"),
    )
    .header("年化担保费率（%）", "annualised guarantee fee rate (%)")
    .form("年化担保费率（不填则按费用推算）", "Annual fee rate (derived if left empty)"),
    f(F::GuaranteeForPledge, "guarantees[].for_patent_pledge_loan", FOR_PLEDGE)
        .header("担保用于专利权质押贷款（是/否）", "guarantee for the patent-pledge loan (yes/no)")
        .form("为专利权质押贷款提供的担保", "For a patent-pledge loan"),
    f(
        F::GuaranteeGreenIndustry,
        "guarantees[].green_industry",
        l("绿色产业类别（七类之一，或不属于七类）", "green industry class (one of the seven, or none)"),
    )
    .header("绿色产业类别", "green industry class")
    .form("绿色产业类别", "Green industry class"),
    f(F::GuaranteeLoanNumber, "guarantees[].loan_number", LOAN_NUMBER)
        .form(LOAN_NUMBER_FORM.zh, LOAN_NUMBER_FORM.en),
    f(F::EvaluationFeeLabel, "evaluation_fees[].label", l("名称", "name"))
        .form("名称（选填）", "Name (optional)"),
    f(F::EvaluationFeeFee, "evaluation_fees[].fee", l("实际支付费用", "fee paid"))
        .header("评估费（元）", "evaluation fee paid (yuan)")
        .form("实际支付评估费", "Evaluation fee paid"),
    f(F::EvaluationFeePaidDate, "evaluation_fees[].paid_date", l("费用支付日期", "date the fee was paid"))
        .header("评估费支付日期", "evaluation fee paid on")
        .form("评估费支付日期", "Fee paid on"),
    f(F::EvaluationFeeForPledge, "evaluation_fees[].for_patent_pledge_loan", FOR_PLEDGE)
        .header("评估费用于专利权质押贷款（是/否）", "evaluation fee for the patent-pledge loan (yes/no)")
        .form("因专利权质押贷款发生", "For a patent-pledge loan"),
    f(F::EvaluationFeeLoanNumber, "evaluation_fees[].loan_number", LOAN_NUMBER)
        .form(LOAN_NUMBER_FORM.zh, LOAN_NUMBER_FORM.en),
    f(F::InsuranceLabel, "insurance[].label", l("名称", "name")).form("名称（选填）", "Name (optional)"),
    f(F::InsuranceKind, "insurance[].kind", l("险种", "insurance kind"))
        .header("险种", "insurance kind")
        .form("险种", "Kind"),
    f(
        F::InsuranceProduct,
        "insurance[].product",
        l("投保产品类别（首台套/首批次/首版次）", "insured product class"),
    )
    .header("投保产品类别", "insured product class")
    .form("投保的创新产品", "Innovative product insured"),
    f(F::InsurancePremium, "insurance[].premium", l("实际支付保费", "premium paid"))
        .header("保费（元）", "annual premium paid (yuan)")
        .form("实际支付年度保费", "Annual premium paid"),
    f(F::InsuredAmount, "insurance[].insured_amount", l("保险金额", "insured amount"))
        .header("保险金额（元）", "insured amount (yuan)"),
    f(F::InsuranceStartDate, "insurance[].start_date", l("保险起期", "policy start date"))
        .header("保险起期", "insurance start date"),
];

const FOR_PLEDGE: Label = l("是否因专利权质押贷款发生", "whether it was incurred for a patent-pledge loan");
const LOAN_NUMBER: Label = l("对应贷款（第几笔贷款）", "the loan it was paid for (its number)");
const LOAN_NUMBER_FORM: Label = l("对应贷款（第几笔，选填）", "For loan number (optional)");

impl FieldId {
    pub const fn spec(self) -> &'static FieldSpec {
        &FIELDS[self as usize]
    }

    /// The path of an enterprise-level field (`enterprise.employees`), or
    /// an item's field with its list (`loans[].principal`).
    pub const fn path(self) -> &'static str {
        self.spec().path
    }

    /// The field's own name (`principal`), without its list.
    pub fn name(self) -> &'static str {
        let path = self.path();
        path.split_once("[].").map_or(path, |(_, name)| name)
    }

    /// The batch list's column header.
    pub const fn header(self) -> Label {
        match self.spec().header {
            Some(h) => h,
            None => panic!("the field has no batch column"),
        }
    }

    /// The path with the item's index: `loans[0].principal`.
    pub fn at(self, index: Option<usize>) -> String {
        match (index, self.path().split_once("[].")) {
            (Some(i), Some((list, name))) => format!("{list}[{i}].{name}"),
            _ => self.path().to_string(),
        }
    }

    /// The form's label: its own, or the field's with the English capitalised.
    pub fn form_label(self) -> (String, String) {
        let spec = self.spec();
        match spec.form {
            Some(form) => (form.zh.to_string(), form.en.to_string()),
            None => {
                let mut en = spec.label.en.chars();
                let en = en.next().map(|c| c.to_uppercase().chain(en).collect()).unwrap_or_default();
                (spec.label.zh.to_string(), en)
            }
        }
    }
}

/// A field of the input at its place (the item's index, for an item's field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldAt {
    pub id: FieldId,
    pub index: Option<usize>,
}

impl FieldAt {
    pub fn path(self) -> String {
        self.id.at(self.index)
    }
}

/// The page's field labels, by path, for `www/vocabulary.js`.
pub(crate) fn labels_js(out: &mut String) {
    out.push_str("\n/** The form's label of every scenario field, by its path (`loans[].principal`). */\n");
    out.push_str("export const FIELD_LABELS = {\n");
    for spec in &FIELDS {
        let (zh, en) = spec.id.form_label();
        let _ = writeln!(out, "  {:?}: {{ zh: {zh:?}, en: {en:?} }},", spec.path);
    }
    out.push_str("};\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_id_order() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.id as usize, i, "{}", spec.path);
        }
    }

    #[test]
    fn paths_name_their_items() {
        assert_eq!(FieldId::LoanPrincipal.at(Some(2)), "loans[2].principal");
        assert_eq!(FieldId::Employees.at(None), "enterprise.employees");
        assert_eq!(FieldId::InsuranceStartDate.name(), "start_date");
        assert_eq!(FieldId::TotalAssets.form_label(), ("资产总额".to_string(), "Total assets".to_string()));
    }
}
