//! The scenario (测算情形): one enterprise's profile and financing facts, as
//! the user enters them.
//!
//! Every fact a policy asks about has a field here, named as a policy
//! officer would name it. Facts the user may not know are `Option`: a rule
//! that needs a missing fact answers 「需补充信息」 and names the field, and a
//! yes/no fact the calculator cannot verify (按期还本付息, 名单库) stays open
//! as a 「需满足」 item rather than being assumed. Unknown keys are refused so
//! that a typo is reported, not silently ignored.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::money::Money;
use crate::size::Industry;

/// `YYYY-MM-DD`, parsed by hand: `time`'s format-description machinery
/// would add some 20 KB to the browser download for this one format.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let month = time::Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(number(0..4)?).ok()?, month, u8::try_from(number(8..10)?).ok()?)
        .ok()
}

/// Dates in scenarios and packs: `YYYY-MM-DD` (time's `Display` writes the same).
pub mod iso_date {
    use serde::{de, Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_iso_date(&text)
            .ok_or_else(|| de::Error::custom(format!("`{text}` is not a real date in the form YYYY-MM-DD")))
    }
}

/// Optional dates in the same `YYYY-MM-DD` form.
pub mod iso_date_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::iso_date::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super::iso_date")] Date);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|w| w.0))
    }
}

/// 测算情形.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// 测算日期: the date the estimate is made for; decides which policies
    /// are in their effective period.
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub evaluation_date: Date,
    /// 企业基本情况
    pub enterprise: Enterprise,
    /// 贷款
    #[serde(default)]
    pub loans: Vec<Loan>,
    /// 融资担保
    #[serde(default)]
    pub guarantees: Vec<Guarantee>,
    /// 评估费（如知识产权评估）
    #[serde(default)]
    pub evaluation_fees: Vec<EvaluationFee>,
    /// 保险保单
    #[serde(default)]
    pub insurance: Vec<InsurancePolicy>,
    /// 上市（IPO）进展
    #[serde(default)]
    pub ipo: Option<Ipo>,
    /// 用户输入的LPR（覆盖内置历史数据）
    #[serde(default)]
    pub lpr_override: LprOverride,
    /// 「需满足」问题的回答: question id → yes/no.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, boolean>"))]
    pub answers: BTreeMap<String, bool>,
}

/// 企业基本情况.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    /// 企业名称 (only shown back; never needed)
    #[serde(default)]
    pub name: Option<String>,
    /// 所在地区
    #[serde(default)]
    pub region: Option<Region>,
    /// 所属行业（2011年划型标准的行业门类）
    #[serde(default)]
    pub industry: Option<Industry>,
    /// 从业人员（人）
    #[serde(default)]
    pub employees: Option<u32>,
    /// 营业收入（上年度，元）; also read as 年销售额 where a policy says 年销售.
    #[serde(default)]
    pub operating_revenue: Option<Money>,
    /// 资产总额（元）
    #[serde(default)]
    pub total_assets: Option<Money>,
    /// 年出口额（美元）
    #[serde(default)]
    pub annual_exports: Option<Money>,
    /// 资质: 科技型企业 … (official lists the calculator cannot check,
    /// such as 名单库, are asked as 「需满足」 questions instead)
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
}

/// 所在地区: names as on the business licence, e.g. 山东省 / 聊城市 / 东昌府区.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// 省
    pub province: String,
    /// 市
    #[serde(default)]
    pub city: Option<String>,
    /// 县（市、区）
    #[serde(default)]
    pub county: Option<String>,
}

/// 资质与名单.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualification {
    /// 科技型企业
    #[serde(alias = "科技型企业")]
    TechEnterprise,
}

/// 贷款.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Loan {
    /// 贷款名称或编号 (for the user's reference)
    #[serde(default)]
    pub label: Option<String>,
    /// 贷款本金
    #[serde(default)]
    pub principal: Option<Money>,
    /// 月均贷款余额
    #[serde(default)]
    pub monthly_average_balance: Option<Money>,
    /// 合同起始日（放款日）
    #[serde(default, with = "iso_date_opt")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub start_date: Option<Date>,
    /// 到期日（结清日）
    #[serde(default, with = "iso_date_opt")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub end_date: Option<Date>,
    /// 合同年利率（%），e.g. 3.45
    #[serde(default)]
    pub contract_rate_percent: Option<Decimal>,
    /// 实际支付利息
    #[serde(default)]
    pub interest_paid: Option<Money>,
    /// 担保方式
    #[serde(default)]
    pub collateral: Vec<Collateral>,
    /// 已办理知识产权质押登记
    #[serde(default)]
    pub pledge_registered: Option<bool>,
    /// 贷款机构类型
    #[serde(default)]
    pub lender: Option<Lender>,
    /// 贷款投向
    #[serde(default)]
    pub purpose: Option<LoanPurpose>,
    /// 纳入人民银行碳减排支持工具
    #[serde(default)]
    pub carbon_reduction_tool: Option<bool>,
    /// 按期还清本息
    #[serde(default)]
    pub repaid_on_schedule: Option<bool>,
    /// 还款计划: principal repaid before the end date (an amortising loan),
    /// so the outstanding balance, not the whole principal, earns subsidy.
    #[serde(default)]
    pub repayments: Vec<Repayment>,
}

/// 还本: principal repaid on a date; the balance is lower from that day.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repayment {
    /// 还本日期
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub date: Date,
    /// 归还本金
    pub principal: Money,
}

/// 担保方式.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collateral {
    /// 专利权质押
    #[serde(alias = "专利权质押")]
    PatentPledge,
    /// 固定资产抵押
    #[serde(alias = "固定资产抵押")]
    FixedAssetMortgage,
    /// 融资担保机构保证
    #[serde(alias = "融资担保")]
    GuaranteeInstitution,
    /// 信用（无担保）
    #[serde(alias = "信用")]
    Unsecured,
    /// 其他
    #[serde(alias = "其他")]
    Other,
}

/// 贷款机构类型.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lender {
    /// 地方法人银行
    #[serde(alias = "地方法人银行")]
    LocalLegalPersonBank,
    /// 科技支行
    #[serde(alias = "科技支行")]
    TechBranch,
    /// 其他银行业金融机构
    #[serde(alias = "其他银行")]
    OtherBank,
}

/// 贷款投向.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanPurpose {
    /// 清洁能源
    #[serde(alias = "清洁能源")]
    CleanEnergy,
    /// 节能环保
    #[serde(alias = "节能环保")]
    EnergySavingEnvironmental,
    /// 碳减排技术
    #[serde(alias = "碳减排技术")]
    CarbonReductionTechnology,
    /// 创业担保贷款
    #[serde(alias = "创业担保贷款")]
    StartupGuaranteed,
    /// 退役军人创业贷款
    #[serde(alias = "退役军人创业贷款")]
    VeteranStartup,
    /// 一般生产经营
    #[serde(alias = "一般生产经营")]
    General,
}

/// 融资担保.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guarantee {
    #[serde(default)]
    pub label: Option<String>,
    /// 担保金额（单户）
    #[serde(default)]
    pub amount: Option<Money>,
    /// 实际支付担保费
    #[serde(default)]
    pub fee: Option<Money>,
    /// 年化担保费率（%）; derived from fee, amount and term when absent.
    #[serde(default)]
    pub fee_rate_percent: Option<Decimal>,
    /// 担保期限（月）
    #[serde(default)]
    pub term_months: Option<u32>,
    /// 纳入政府性融资担保业务
    #[serde(default)]
    pub government_business: Option<bool>,
    /// 为专利权质押贷款提供的担保
    #[serde(default)]
    pub for_patent_pledge_loan: Option<bool>,
    /// 绿色产业类别（七类之一，或不属于七类）
    #[serde(default)]
    pub green_industry: Option<GreenIndustry>,
    /// 担保费支付日期 (decides whether the fee falls in a policy's effective period)
    #[serde(default, with = "iso_date_opt")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub fee_paid_date: Option<Date>,
    /// 对应贷款: the loan the guarantee is for, numbered as the result names
    /// loans (1 = 贷款1, the first in `loans`); asked for when several fees
    /// of one kind could share a per-loan cap.
    #[serde(default)]
    pub loan_number: Option<usize>,
}

/// 绿色产业七类 (seed 001 item 11).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GreenIndustry {
    /// 降碳减排
    #[serde(alias = "降碳减排")]
    CarbonReduction,
    /// 节能环保
    #[serde(alias = "节能环保")]
    EnergySavingEnvironmental,
    /// 清洁生产
    #[serde(alias = "清洁生产")]
    CleanProduction,
    /// 清洁能源
    #[serde(alias = "清洁能源")]
    CleanEnergy,
    /// 生态环境
    #[serde(alias = "生态环境")]
    Ecology,
    /// 基础设施绿色升级
    #[serde(alias = "基础设施绿色升级")]
    GreenInfrastructure,
    /// 绿色服务
    #[serde(alias = "绿色服务")]
    GreenServices,
    /// 不属于上述七类
    #[serde(alias = "不属于七类")]
    NotGreen,
}

/// 评估费.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationFee {
    #[serde(default)]
    pub label: Option<String>,
    /// 实际支付评估费
    #[serde(default)]
    pub fee: Option<Money>,
    /// 因专利权质押贷款发生
    #[serde(default)]
    pub for_patent_pledge_loan: Option<bool>,
    /// 评估费支付日期 (decides whether the fee falls in a policy's effective period)
    #[serde(default, with = "iso_date_opt")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub paid_date: Option<Date>,
    /// 对应贷款: the loan the evaluation was for (1 = 贷款1), as for guarantees.
    #[serde(default)]
    pub loan_number: Option<usize>,
}

/// 保险保单.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InsurancePolicy {
    #[serde(default)]
    pub label: Option<String>,
    /// 险种
    #[serde(default)]
    pub kind: Option<InsuranceKind>,
    /// 投保的创新产品类别（首台套等）
    #[serde(default)]
    pub product: Option<InnovativeProduct>,
    /// 保险金额
    #[serde(default)]
    pub insured_amount: Option<Money>,
    /// 实际支付年度保费
    #[serde(default)]
    pub premium: Option<Money>,
    /// 保险起期 (decides the 投保年度)
    #[serde(default, with = "iso_date_opt")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub start_date: Option<Date>,
}

/// 险种.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InsuranceKind {
    /// 质量保证保险
    #[serde(alias = "质量保证保险")]
    QualityGuarantee,
    /// 产品责任保险
    #[serde(alias = "产品责任保险")]
    ProductLiability,
    /// 产品综合险
    #[serde(alias = "产品综合险")]
    ProductCombined,
    /// 出口信用保险
    #[serde(alias = "出口信用保险")]
    ExportCredit,
    /// 其他
    #[serde(alias = "其他")]
    Other,
}

/// 首台（套）、首批次、首版次.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InnovativeProduct {
    /// 首台（套）技术装备及关键核心零部件
    #[serde(alias = "首台套")]
    FirstSetEquipment,
    /// 首批次新材料
    #[serde(alias = "首批次")]
    FirstBatchMaterial,
    /// 首版次软件
    #[serde(alias = "首版次")]
    FirstVersionSoftware,
}

/// 上市（IPO）进展.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ipo {
    /// 已达到的阶段
    #[serde(default)]
    pub stage_reached: Option<IpoStage>,
    /// 申请募集资金规模
    #[serde(default)]
    pub planned_fundraising: Option<Money>,
}

/// 上市阶段, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IpoStage {
    /// 辅导备案
    #[serde(alias = "辅导备案")]
    TutoringFiled,
    /// 申报受理
    #[serde(alias = "申报受理")]
    ApplicationAccepted,
    /// 成功上市
    #[serde(alias = "成功上市")]
    Listed,
}

/// LPR entered by the user, percent per year; used instead of the table.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LprOverride {
    /// 1年期LPR（%）
    #[serde(default)]
    pub one_year_percent: Option<Decimal>,
    /// 5年期以上LPR（%）
    #[serde(default)]
    pub five_year_percent: Option<Decimal>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn iso_dates_parse_strictly() {
        assert_eq!(parse_iso_date("2024-02-29"), Some(date!(2024 - 02 - 29)));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024/01/01",
            "20240101",
            "2024-1-01",
            "2024-01-01x",
            "２０２４-01-01",
            "",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        assert_eq!(date!(2024 - 04 - 20).to_string(), "2024-04-20");
    }
}
