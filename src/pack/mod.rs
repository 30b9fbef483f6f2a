//! Policy packs (政策包): the policies as data.
//!
//! One document (文件) per source text, each holding its rules (条款). A rule
//! quotes the clause it implements, says who receives the money, lists its
//! conditions, and names one calculation template with that clause's
//! parameters. Every ambiguity the text leaves is a named parameter with the
//! pack's default justified in the TOML comment, so a portal that knows
//! better changes data, not code.
//!
//! The built-in pack (`policies/*/pack.toml`) is compiled in; a portal may load
//! its own documents, which replace built-in documents of the same `id` and
//! are validated with errors that name the file, the rule and the field.

pub mod apply;
pub mod builtin;
pub mod compiled;
#[cfg(feature = "studio")]
pub mod edit;
pub mod institution;
#[cfg(feature = "studio")]
pub mod preview;
pub mod product;
#[cfg(feature = "studio")]
pub mod publish;
pub mod reading;
#[cfg(feature = "studio")]
pub mod reference;
#[cfg(feature = "studio")]
pub mod spans;
pub mod validate;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use time::Date;

use crate::scenario::{
    iso_date_opt, Collateral, GreenIndustry, InnovativeProduct, InsuranceKind, IpoStage, Lender, LoanPurpose,
    Qualification,
};
use crate::size::Size;

pub use compiled::Compiled;
pub use institution::{InstitutionCalculation, InstitutionRule};
pub use product::Product;
pub use reading::{
    BalancePeriod, CapYear, Choice, DayCount, EffectivePeriod, FeeCapUnit, FutureInterest,
    GuaranteeAmountScope, LprDate, PremiumCapYear, PrincipalBasis, Reading, ReadingValues, Readings,
};

/// The active policy set: the documents a calculation runs against.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PolicySet {
    pub documents: Vec<Document>,
    /// The built-in products (`policies/products.toml`); a document's own
    /// products are in [`Document::products`].
    #[serde(default)]
    pub products: Vec<Product>,
}

impl PolicySet {
    /// Add a portal's documents; one with the id of a document already in
    /// the set replaces it (so a portal can supply, say, its own 担保费补贴
    /// rate for a rule the built-in pack can only report as 「一定」).
    pub fn merge(&mut self, documents: Vec<Document>) {
        for doc in documents {
            match self.documents.iter_mut().find(|d| d.id == doc.id) {
                Some(existing) => *existing = doc,
                None => self.documents.push(doc),
            }
        }
    }

    pub fn rules(&self) -> impl Iterator<Item = (&Document, &Rule)> {
        self.documents.iter().flat_map(|d| d.rules.iter().map(move |r| (d, r)))
    }

    /// The products of the set: each document's own, then the built-in
    /// products no document's product of the same id replaces.
    pub fn products(&self) -> impl Iterator<Item = &Product> {
        let own = self.documents.iter().flat_map(|d| d.products.iter());
        let replaced = |p: &Product| self.documents.iter().any(|d| d.products.iter().any(|o| o.id == p.id));
        own.chain(self.products.iter().filter(move |p| !replaced(p)))
    }

    /// The product with this id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.products().find(|p| p.id == id)
    }

    /// The institution-facing rules (R-1..R-3), with their documents.
    pub fn institution_rules(&self) -> impl Iterator<Item = (&Document, &InstitutionRule)> {
        self.documents.iter().flat_map(|d| d.institution_rules.iter().map(move |r| (d, r)))
    }
}

/// Bilingual text: zh-CN first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

/// 政策文件.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Stable id, e.g. `liaocheng-2024-fiscal-finance`.
    pub id: String,
    /// 文件标题
    pub title: String,
    /// 文号, e.g. 聊江管办发〔2023〕3号 (absent when the text gives none)
    #[serde(default)]
    pub number: Option<String>,
    /// 发文机关
    pub issuer: String,
    /// 成文/印发日期
    #[serde(default, with = "iso_date_opt")]
    pub issued: Option<Date>,
    /// 施行日期
    #[serde(default, with = "iso_date_opt")]
    pub effective_from: Option<Date>,
    /// 有效期至
    #[serde(default, with = "iso_date_opt")]
    pub effective_to: Option<Date>,
    /// 效力状态
    pub status: DocumentStatus,
    /// 适用地区
    pub jurisdiction: Jurisdiction,
    /// Where the text was taken from.
    pub source: String,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// 面向金融机构的条款 (R-1..R-3), computed by [`crate::institution`],
    /// never by the enterprise engine. Optional, so packs without it load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub institution_rules: Vec<InstitutionRule>,
    /// 银行产品 a portal adds with its document (see [`product`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<Product>,
}

/// 效力状态.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// 现行有效
    InForce,
    /// 失效
    Expired,
    /// 征求意见稿
    Draft,
}

impl DocumentStatus {
    pub fn name_zh(self) -> &'static str {
        match self {
            DocumentStatus::InForce => "现行有效",
            DocumentStatus::Expired => "已失效",
            DocumentStatus::Draft => "征求意见稿",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            DocumentStatus::InForce => "in force",
            DocumentStatus::Expired => "expired",
            DocumentStatus::Draft => "draft for comment",
        }
    }
}

/// 适用地区: each level given must equal the enterprise's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub province: String,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub county: Option<String>,
    /// The area's deepest level on the gazetteer (`None`: a level it does
    /// not know), on first use.
    #[serde(skip)]
    pub(crate) area: Compiled<Option<crate::places::PlaceId>>,
}

impl Jurisdiction {
    pub fn describe(&self) -> String {
        let mut s = self.province.clone();
        for part in [&self.city, &self.county].into_iter().flatten() {
            s.push_str(part);
        }
        s
    }
}

/// 条款: one provision, as a calculation.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Unique in the set, e.g. `LC-I-1`.
    pub id: String,
    /// The provision code (docs/ground-rules.md), e.g. `I-1`.
    #[serde(default)]
    pub provision: Option<String>,
    pub name: Text,
    pub family: Family,
    /// 条款位置, e.g. 二、（四）14.
    pub clause: String,
    /// 原文摘录
    pub quote: String,
    /// 资金拨付对象
    pub recipient: Recipient,
    /// Why that recipient, or what the text leaves open.
    #[serde(default)]
    pub recipient_note: Option<Text>,
    /// A national document the rule rests on, outside the seeds.
    #[serde(default)]
    pub national_basis: Option<String>,
    /// 牵头单位、责任单位, as the clause names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Units>,
    /// Clauses of other documents the rule rests on too (e.g. the conditions
    /// a district's text states for the city's subsidy).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<CrossReference>,
    #[serde(default)]
    pub conditions: Vec<Condition>,
    pub calculation: Calculation,
    /// 本测算采用的解读: every reading of the clause the calculation or the
    /// conditions rest on (see [`reading`]), shown with each result.
    #[serde(default)]
    pub readings: Vec<Reading>,
    /// Shown with the results of this rule.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Which conditions test what, on first use.
    #[serde(skip)]
    pub(crate) plan: Compiled<RulePlan>,
    /// 申报指引 per condition: evidence (参考) and the step that meets a
    /// condition the enterprise can change ([`apply`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guide: Vec<apply::ConditionGuide>,
    /// 申报时限, only where the text gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<apply::Deadline>,
}

/// A rule's conditions sorted by what they test, so an evaluation runs
/// each item only through the tests of its kind.
#[derive(Debug, Default)]
pub(crate) struct RulePlan {
    /// The enterprise-level tests.
    pub enterprise: Vec<usize>,
    /// The item tests, by [`ItemKind`] (its declaration order).
    pub items: [Vec<usize>; 4],
    /// The rule's readings, by kind.
    pub readings: ReadingValues,
}

impl Rule {
    /// The rule's [`RulePlan`].
    pub(crate) fn plan(&self) -> &RulePlan {
        self.plan.get_or_init(|| {
            let mut plan = RulePlan { readings: ReadingValues::of(&self.readings), ..RulePlan::default() };
            for (i, condition) in self.conditions.iter().enumerate() {
                match condition.item_scope() {
                    None => plan.enterprise.push(i),
                    Some(kinds) => kinds.iter().for_each(|&kind| plan.items[kind as usize].push(i)),
                }
            }
            plan
        })
    }
}

/// 牵头单位 and 责任单位 of a clause, each kept as the text prints it
/// (names joined by 「、」 and 「，」, brackets as printed); either may be absent
/// when the clause names only the other.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    /// 牵头单位
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// 责任单位
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
}

impl Units {
    /// 「牵头单位：…；责任单位：…」.
    pub fn line_zh(&self) -> String {
        self.line(("牵头单位：", "责任单位：", "责任单位："), "；")
    }
    /// "Lead: …; responsible: …" (the names stay in Chinese: they are the text's).
    pub fn line_en(&self) -> String {
        self.line(("Lead: ", "responsible: ", "Responsible: "), "; ")
    }
    /// Labels: (lead, responsible after a lead, responsible alone).
    fn line(&self, (lead, responsible, alone): (&str, &str, &str), sep: &str) -> String {
        match (&self.lead, &self.responsible) {
            (Some(l), Some(r)) => format!("{lead}{l}{sep}{responsible}{r}"),
            (Some(l), None) => format!("{lead}{l}"),
            (None, Some(r)) => format!("{alone}{r}"),
            (None, None) => String::new(),
        }
    }
}

/// A clause of another document that a rule quotes too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrossReference {
    /// The other document's `id`.
    pub document: String,
    /// 条款位置 in that document.
    pub clause: String,
    /// 原文摘录 from it.
    pub quote: String,
}

/// A note on a rule, shown with its result — to every enterprise, or only
/// to the sizes it concerns (e.g. the P-2 gap that only a 中型 exporter meets).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub only_for_sizes: Vec<Size>,
}

/// 政策类别.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// 贷款贴息
    Interest,
    /// 担保费（评估费）补贴
    GuaranteeFee,
    /// 保险保费补贴
    Premium,
    /// 上市补助
    Ipo,
    /// 仅资格（无公开金额）
    EligibilityOnly,
    /// 面向金融机构
    Institution,
}

impl Family {
    pub fn name_zh(self) -> &'static str {
        match self {
            Family::Interest => "贷款贴息",
            Family::GuaranteeFee => "担保费补贴",
            Family::Premium => "保险保费补贴",
            Family::Ipo => "上市补助",
            Family::EligibilityOnly => "资格认定",
            Family::Institution => "金融机构奖补",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Family::Interest => "loan interest subsidy",
            Family::GuaranteeFee => "guarantee-fee subsidy",
            Family::Premium => "insurance-premium subsidy",
            Family::Ipo => "IPO grant",
            Family::EligibilityOnly => "eligibility",
            Family::Institution => "institution reward",
        }
    }
}

/// 资金拨付对象 (ground rule 8): only `enterprise` counts as the
/// enterprise's cash in the total.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// 企业
    Enterprise,
    /// 担保机构
    Guarantor,
    /// 银行
    Bank,
    /// 文件未明确（可能拨付银行，以优惠利率惠及企业）
    Unsettled,
}

impl Recipient {
    pub fn name_zh(self) -> &'static str {
        match self {
            Recipient::Enterprise => "企业",
            Recipient::Guarantor => "担保机构",
            Recipient::Bank => "银行",
            Recipient::Unsettled => "文件未明确",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Recipient::Enterprise => "the enterprise",
            Recipient::Guarantor => "the guarantee institution",
            Recipient::Bank => "the bank",
            Recipient::Unsettled => "not settled by the text",
        }
    }
}

/// 适用条件. Enterprise-level tests gate the rule; item tests (loan,
/// guarantee, fee, policy) pick the items the calculation runs over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "test", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// 企业规模 in the list (S-1).
    EnterpriseSize { sizes: Vec<Size> },
    /// Holds a qualification or is on a list.
    Qualification { qualification: Qualification },
    /// 营业收入（年销售）≤ yuan (「及以下」 includes the bound).
    OperatingRevenueAtMost { yuan: Decimal },
    /// 年出口额 ≤ usd.
    AnnualExportsAtMost { usd: Decimal },
    /// 年出口额 > usd.
    AnnualExportsAbove { usd: Decimal },
    /// Has reached at least this IPO stage.
    IpoStageAtLeast { stage: IpoStage },
    /// Is going for an IPO (any stage, or a planned fundraising entered):
    /// 「符合条件首次公开发行股票（IPO）的企业」 names no stage.
    IpoUnderway,
    /// Loan secured by any of these (alone or combined).
    LoanCollateral { any_of: Vec<Collateral> },
    /// Loan from one of these lenders.
    LoanLender { any_of: Vec<Lender> },
    /// Loan used for one of these purposes.
    LoanPurpose { any_of: Vec<LoanPurpose> },
    /// A yes/no fact about the loan; unknown stays 「需满足」.
    LoanFact { fact: LoanFact },
    /// A yes/no fact about the guarantee or fee item; unknown stays 「需满足」.
    GuaranteeFact { fact: GuaranteeFact },
    /// 单户担保金额 ≤ yuan.
    GuaranteeAmountAtMost { yuan: Decimal },
    /// 年化担保费率 ≤ percent.
    GuaranteeFeeRateAtMost { percent: Decimal },
    /// Guarantee for one of the green industry classes.
    GuaranteeGreenIndustry { any_of: Vec<GreenIndustry> },
    /// Insurance of one of these kinds.
    InsuranceKind { any_of: Vec<InsuranceKind> },
    /// Insured product is one of these.
    InsuranceProduct { any_of: Vec<InnovativeProduct> },
    /// A condition the calculator cannot check: asked as a yes/no question,
    /// answered in `scenario.answers[id]`; unanswered stays 「需满足」.
    /// `column`: its header in the batch template (`batch::questions`);
    /// without it, the question and 「（是/否）」.
    Confirm {
        id: String,
        question: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        column: Option<Text>,
    },
}

/// Yes/no facts about a loan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanFact {
    /// 已办理知识产权质押登记
    PledgeRegistered,
    /// 按期还清本息
    RepaidOnSchedule,
    /// 纳入碳减排支持工具
    CarbonReductionTool,
}

/// Yes/no facts about a guarantee or an evaluation fee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeFact {
    /// 纳入政府性融资担保业务
    GovernmentBusiness,
    /// 因专利权质押贷款发生
    ForPatentPledgeLoan,
}

/// The items a rule runs over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 贷款
    Loan,
    /// 担保
    Guarantee,
    /// 评估费
    EvaluationFee,
    /// 保单
    Insurance,
}

/// 计算模板 with the clause's parameters. Units are in the key names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "template", rename_all = "snake_case", deny_unknown_fields)]
pub enum Calculation {
    /// 贴息 = 本金 × LPR × 比例 × 天数 / 计息基准, by calendar year, capped per
    /// enterprise-year, never above interest paid.
    LprShareInterest {
        share_of_lpr_percent: Decimal,
        #[serde(default)]
        cap_per_enterprise_year_yuan: Option<Decimal>,
    },
    /// 贴息 = 本金 × 固定基点 × 天数 / 计息基准.
    FixedRateInterest {
        rate_bp: Decimal,
        #[serde(default)]
        cap_per_enterprise_year_yuan: Option<Decimal>,
    },
    /// 贴息 = 月均贷款余额 × 比例, capped per enterprise.
    BalanceShareInterest {
        share_percent: Decimal,
        #[serde(default)]
        cap_per_enterprise_yuan: Option<Decimal>,
    },
    /// 补助 = 费用 × 比例, capped per item.
    FeeShare {
        items: Vec<ItemKind>,
        share_percent: Decimal,
        #[serde(default)]
        cap_per_item_yuan: Option<Decimal>,
    },
    /// 补贴 = 比例 × min(实际保费, 保险金额 × 费率上限), capped per enterprise-year.
    PremiumShare {
        share_percent: Decimal,
        #[serde(default)]
        premium_rate_ceiling_percent: Option<Decimal>,
        #[serde(default)]
        cap_per_enterprise_year_yuan: Option<Decimal>,
    },
    /// 分阶段补助: amounts by stage and fundraising band, total capped.
    StagedGrant {
        #[serde(default)]
        total_cap_yuan: Option<Decimal>,
        #[serde(default)]
        stages: Vec<GrantStage>,
        /// Who sets the schedule when `stages` is empty.
        schedule_set_by: Text,
    },
    /// Eligibility only: the text publishes no figure.
    EligibilityOnly {
        #[serde(default)]
        items: Option<ItemKind>,
        /// Who sets the amount (「按有关规定」).
        amount_set_by: Text,
    },
}

impl Calculation {
    /// Every item kind the calculation reads.
    pub fn item_kinds(&self) -> &[ItemKind] {
        match self {
            Calculation::FeeShare { items, .. } => items,
            Calculation::LprShareInterest { .. }
            | Calculation::FixedRateInterest { .. }
            | Calculation::BalanceShareInterest { .. } => &[ItemKind::Loan],
            Calculation::PremiumShare { .. } => &[ItemKind::Insurance],
            Calculation::EligibilityOnly { items: Some(k), .. } => std::slice::from_ref(k),
            Calculation::StagedGrant { .. } | Calculation::EligibilityOnly { items: None, .. } => &[],
        }
    }
}

impl Rule {
    /// The guided form's family this rule belongs with (its tab, where its
    /// questions are asked): its own family, or, for eligibility-only
    /// rules, the family of the items it reads (a 创业担保贷款 rule reads
    /// loans, so it sits with 贷款贴息); `other` when it reads none.
    pub fn form_family(&self) -> &'static str {
        match self.family {
            Family::Interest => "interest",
            Family::GuaranteeFee => "guarantee_fee",
            Family::Premium => "premium",
            Family::Ipo => "ipo",
            Family::EligibilityOnly | Family::Institution => match self.calculation {
                Calculation::EligibilityOnly { items: Some(ItemKind::Loan), .. } => "interest",
                Calculation::EligibilityOnly {
                    items: Some(ItemKind::Guarantee | ItemKind::EvaluationFee),
                    ..
                } => "guarantee_fee",
                Calculation::EligibilityOnly { items: Some(ItemKind::Insurance), .. } => "premium",
                _ => "other",
            },
        }
    }

    /// The reading ids this rule's calculation and conditions read: a
    /// checked pack carries each of them, and no other.
    pub fn readings_read(&self) -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = match &self.calculation {
            Calculation::LprShareInterest { cap_per_enterprise_year_yuan: cap, .. } => {
                let mut v = vec![
                    "lpr_tenor",
                    "lpr_date",
                    "day_count",
                    "effective_period",
                    "future_interest",
                    "principal_basis",
                ];
                v.extend(cap.map(|_| "cap_year"));
                v
            }
            Calculation::FixedRateInterest { cap_per_enterprise_year_yuan: cap, .. } => {
                let mut v = vec!["day_count", "effective_period", "future_interest", "principal_basis"];
                v.extend(cap.map(|_| "cap_year"));
                v
            }
            Calculation::BalanceShareInterest { .. } => vec!["balance_period"],
            Calculation::FeeShare { cap_per_item_yuan, .. } => {
                let mut v = vec!["effective_period"];
                v.extend(cap_per_item_yuan.map(|_| "fee_cap_unit"));
                v
            }
            Calculation::PremiumShare { cap_per_enterprise_year_yuan: cap, .. } => {
                let mut v = vec!["effective_period"];
                v.extend(cap.map(|_| "premium_cap_year"));
                v
            }
            Calculation::StagedGrant { .. } | Calculation::EligibilityOnly { .. } => vec![],
        };
        if self.conditions.iter().any(|c| matches!(c, Condition::GuaranteeAmountAtMost { .. })) {
            ids.push("guarantee_amount_scope");
        }
        ids
    }
}

/// One stage of a staged grant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantStage {
    pub stage: IpoStage,
    pub bands: Vec<FundraisingBand>,
}

/// A fundraising band [from, to) and the stage's amount in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundraisingBand {
    pub fundraising_from_yuan: Decimal,
    #[serde(default)]
    pub fundraising_below_yuan: Option<Decimal>,
    pub amount_yuan: Decimal,
}
