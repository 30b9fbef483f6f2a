//! The evaluation as people read it: every status, step, reason and open
//! condition rendered in zh-CN and English, with the citation, the total to
//! the enterprise, and what could add to it. This is the shape the CLI
//! prints as JSON and the browser receives (amounts as strings, to keep
//! decimal exactness across the JavaScript boundary).

use rust_decimal::Decimal;
use serde::Serialize;

use crate::lpr::{self, LprSource, Tenor};
use crate::money::{format_number, format_percent, format_yuan};
use crate::pack::{DocumentStatus, Family, GuaranteeFact, ItemKind, LoanFact, Recipient, Text};
use crate::result::{
    CapScope, Evaluation, Field, ItemReason, ItemRef, Open, RateBasis, Reason, RuleResult, SizeOutcome,
    Status, Step,
};
use crate::scenario::IpoStage;
use crate::size::{Size, SIZE_STANDARD};

/// The notice every result carries.
pub const NOTICE_ZH: &str = "测算结果仅供参考，以主管部门审核为准";
pub const NOTICE_EN: &str = "Estimates for reference only; the competent department's review decides.";

fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text { zh: zh.into(), en: en.into() }
}

/// The whole result.
#[derive(Debug, Serialize)]
pub struct Report {
    pub evaluation_date: String,
    pub enterprise_size: SizeReport,
    pub results: Vec<RuleReport>,
    /// 合计: computed amounts paid to the enterprise (yuan, 2 places).
    pub total_yuan: String,
    pub total_text: Text,
    /// Computed amounts paid to a guarantor or bank, or whose recipient the
    /// text leaves open: not the enterprise's cash.
    pub not_in_total: Vec<Text>,
    /// Policies that apply but publish no figure: could add to the total.
    pub could_add: Vec<Text>,
    /// The newest LPR announcement the built-in table holds.
    pub lpr_table_newest: String,
    pub notice: Text,
}

#[derive(Debug, Serialize)]
pub struct SizeReport {
    /// `large` / `medium` / `small` / `micro`, or absent.
    pub size: Option<&'static str>,
    pub text: Text,
    pub citation: &'static str,
    pub missing: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct RuleReport {
    pub rule_id: String,
    pub provision: Option<String>,
    pub name: Text,
    pub family: Family,
    pub family_name: Text,
    /// `eligible`, `amount_not_published`, `not_eligible`, `needs_information`,
    /// `outside_effective_dates`.
    pub status: &'static str,
    pub status_text: Text,
    pub amount_yuan: Option<String>,
    pub recipient: Recipient,
    pub recipient_text: Text,
    pub counts_in_total: bool,
    pub steps: Vec<StepReport>,
    pub reasons: Vec<Text>,
    pub missing: Vec<MissingReport>,
    pub to_confirm: Vec<ConfirmReport>,
    pub notes: Vec<Text>,
    pub citation: Citation,
}

#[derive(Debug, Serialize)]
pub struct StepReport {
    pub kind: &'static str,
    pub text: Text,
}

#[derive(Debug, Serialize)]
pub struct MissingReport {
    pub field: String,
    pub text: Text,
}

#[derive(Debug, Serialize)]
pub struct ConfirmReport {
    /// The `answers` key for questions; the scenario field for item facts.
    pub key: String,
    pub text: Text,
}

#[derive(Debug, Serialize)]
pub struct Citation {
    pub document_id: String,
    pub title: String,
    pub number: Option<String>,
    pub issuer: String,
    pub issued: Option<String>,
    pub effective_from: Option<String>,
    pub effective_to: Option<String>,
    pub status: DocumentStatus,
    pub status_text: Text,
    pub jurisdiction: String,
    pub clause: String,
    pub quote: String,
    pub national_basis: Option<String>,
    pub source: String,
    /// One line: 《title》（number）clause.
    pub text: String,
}

impl Report {
    pub fn new(evaluation: &Evaluation) -> Report {
        let size = match evaluation.size {
            SizeOutcome::Classified(size) => Some(size),
            _ => None,
        };
        let results: Vec<RuleReport> = evaluation.results.iter().map(|r| rule_report(r, size)).collect();
        let total = evaluation.total_to_enterprise();
        let mut not_in_total = Vec::new();
        let mut could_add = Vec::new();
        for r in &evaluation.results {
            let name = &r.rule.name;
            match (r.status, r.amount) {
                (Status::Eligible, Some(amount)) if !r.counts_in_total() => not_in_total.push(t(
                    format!("{}：{} 元，拨付对象：{}", name.zh, format_yuan(amount), r.rule.recipient.name_zh()),
                    format!("{}: {} yuan, paid to {}", name.en, format_yuan(amount), r.rule.recipient.name_en()),
                )),
                (Status::AmountNotPublished, _) => {
                    let set_by = r.steps.iter().find_map(|s| match s {
                        Step::NotPublished { set_by, .. } => Some(*set_by),
                        _ => None,
                    });
                    could_add.push(t(
                        format!("{}：金额未公布，{}", name.zh, set_by.map_or("", |s| s.zh.as_str())),
                        format!("{}: no published figure; {}", name.en, set_by.map_or("", |s| s.en.as_str())),
                    ));
                }
                _ => {}
            }
        }
        Report {
            evaluation_date: evaluation.evaluation_date.to_string(),
            enterprise_size: size_report(&evaluation.size),
            results,
            total_yuan: format!("{:.2}", total),
            total_text: t(
                format!("可测算的企业补贴合计 {} 元", format_yuan(total)),
                format!("Computed subsidies to the enterprise: {} yuan in total", format_yuan(total)),
            ),
            not_in_total,
            could_add,
            lpr_table_newest: lpr::newest_date().to_string(),
            notice: t(NOTICE_ZH, NOTICE_EN),
        }
    }
}

fn size_report(size: &SizeOutcome) -> SizeReport {
    match size {
        SizeOutcome::Classified(s) => SizeReport {
            size: Some(s.name_en()),
            text: t(format!("企业划型：{}企业", s.name_zh()), format!("Enterprise size: {}", s.name_en())),
            citation: SIZE_STANDARD,
            missing: vec![],
        },
        SizeOutcome::Missing(metrics) => SizeReport {
            size: None,
            text: t(
                format!(
                    "企业划型需补充：{}",
                    metrics.iter().map(|m| m.name_zh()).collect::<Vec<_>>().join("、")
                ),
                format!(
                    "To classify the enterprise, enter: {}",
                    metrics.iter().map(|m| m.name_en()).collect::<Vec<_>>().join(", ")
                ),
            ),
            citation: SIZE_STANDARD,
            missing: metrics.iter().map(|m| m.field().to_string()).collect(),
        },
        SizeOutcome::NoIndustry => SizeReport {
            size: None,
            text: t("企业划型需先选择所属行业", "Choose the industry to classify the enterprise"),
            citation: SIZE_STANDARD,
            missing: vec!["enterprise.industry".to_string()],
        },
    }
}

fn status_key(status: Status) -> (&'static str, Text) {
    match status {
        Status::Eligible => ("eligible", t("符合条件", "eligible")),
        Status::AmountNotPublished => {
            ("amount_not_published", t("符合条件，金额未公布", "eligible, amount not published"))
        }
        Status::NotEligible => ("not_eligible", t("不符合条件", "not eligible")),
        Status::NeedsInformation => ("needs_information", t("需补充信息", "more information needed")),
        Status::OutsideEffectiveDates => {
            ("outside_effective_dates", t("不在政策有效期内", "outside the policy's effective dates"))
        }
    }
}

fn rule_report(r: &RuleResult, size: Option<Size>) -> RuleReport {
    let (status, mut status_text) = status_key(r.status);
    let doc = r.document;
    if r.status == Status::OutsideEffectiveDates {
        let range = |d: Option<time::Date>| d.map_or("—".to_string(), |d| d.to_string());
        status_text.zh.push_str(&format!("（{} 至 {}）", range(doc.effective_from), range(doc.effective_to)));
        status_text.en.push_str(&format!(" ({} to {})", range(doc.effective_from), range(doc.effective_to)));
    }
    let mut notes: Vec<Text> = r
        .rule
        .notes
        .iter()
        .filter(|n| n.only_for_sizes.is_empty() || size.is_some_and(|s| n.only_for_sizes.contains(&s)))
        .map(|n| t(n.zh.as_str(), n.en.as_str()))
        .collect();
    if let Some(note) = &r.rule.recipient_note {
        notes.push(note.clone());
    }
    if doc.status != DocumentStatus::InForce {
        notes.insert(
            0,
            t(
                format!("本政策文件状态：{}", doc.status.name_zh()),
                format!("This document is {}", doc.status.name_en()),
            ),
        );
    }
    let number = doc.number.as_deref().map(|n| format!("（{n}）")).unwrap_or_default();
    RuleReport {
        rule_id: r.rule.id.clone(),
        provision: r.rule.provision.clone(),
        name: r.rule.name.clone(),
        family: r.rule.family,
        family_name: t(r.rule.family.name_zh(), r.rule.family.name_en()),
        status,
        status_text,
        amount_yuan: r.amount.map(|a| format!("{a:.2}")),
        recipient: r.rule.recipient,
        recipient_text: t(r.rule.recipient.name_zh(), r.rule.recipient.name_en()),
        counts_in_total: r.counts_in_total(),
        steps: r.steps.iter().map(|s| StepReport { kind: step_kind(s), text: step_text(s) }).collect(),
        reasons: r.reasons.iter().map(|reason| reason_text(reason, r)).collect(),
        missing: r.missing.iter().map(|f| MissingReport { field: f.path(), text: field_text(f) }).collect(),
        to_confirm: r.to_confirm.iter().map(open_text).collect(),
        notes,
        citation: Citation {
            document_id: doc.id.clone(),
            title: doc.title.clone(),
            number: doc.number.clone(),
            issuer: doc.issuer.clone(),
            issued: doc.issued.map(|d| d.to_string()),
            effective_from: doc.effective_from.map(|d| d.to_string()),
            effective_to: doc.effective_to.map(|d| d.to_string()),
            status: doc.status,
            status_text: t(doc.status.name_zh(), doc.status.name_en()),
            jurisdiction: doc.jurisdiction.describe(),
            clause: r.rule.clause.clone(),
            quote: r.rule.quote.clone(),
            national_basis: r.rule.national_basis.clone(),
            source: doc.source.clone(),
            text: format!("《{}》{}{}", doc.title, number, r.rule.clause),
        },
    }
}

fn item_name(item: ItemRef) -> Text {
    let n = item.index + 1;
    match item.kind {
        ItemKind::Loan => t(format!("贷款{n}"), format!("loan {n}")),
        ItemKind::Guarantee => t(format!("担保{n}"), format!("guarantee {n}")),
        ItemKind::EvaluationFee => t(format!("评估费{n}"), format!("evaluation fee {n}")),
        ItemKind::Insurance => t(format!("保单{n}"), format!("insurance policy {n}")),
    }
}

fn y(d: Decimal) -> String {
    format_yuan(d)
}

/// An amount before rounding, for people: at most four decimals, with `…`
/// where more were cut.
fn unrounded(d: Decimal) -> String {
    let short = d.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero);
    let cut = if short == d { "" } else { "…" };
    format!("{}{cut}", format_number(short))
}

fn step_kind(step: &Step) -> &'static str {
    match step {
        Step::AccrualClipped { .. } => "accrual_clipped",
        Step::Lpr { .. } => "lpr",
        Step::InterestSlice { .. } => "interest_slice",
        Step::YearSubtotal { .. } => "year_subtotal",
        Step::BalanceShare { .. } => "balance_share",
        Step::FeeShare { .. } => "fee_share",
        Step::PremiumBase { .. } => "premium_base",
        Step::PremiumShare { .. } => "premium_share",
        Step::StageAmount { .. } => "stage_amount",
        Step::Sum { .. } => "sum",
        Step::Cap { .. } => "cap",
        Step::NoCapPublished => "no_cap_published",
        Step::PaidBound { .. } => "paid_bound",
        Step::Rounding { .. } => "rounding",
        Step::NotPublished { .. } => "not_published",
    }
}

fn stage_name(stage: IpoStage) -> Text {
    match stage {
        IpoStage::TutoringFiled => t("辅导备案", "tutoring filed"),
        IpoStage::ApplicationAccepted => t("申报受理", "application accepted"),
        IpoStage::Listed => t("成功上市", "listed"),
    }
}

/// One step in words, with the actual numbers.
pub fn step_text(step: &Step) -> Text {
    match step {
        Step::AccrualClipped { item, start, end, from, until } => {
            let n = item_name(*item);
            if from == until {
                t(
                    format!("{}：贷款期间 {start} 至 {end} 不在政策有效期内，不计贴息", n.zh),
                    format!("{}: the loan period {start} to {end} lies outside the policy's effective dates; no subsidy accrues", n.en),
                )
            } else {
                let last = until.previous_day().unwrap_or(*until);
                t(
                    format!("{}：贷款期间 {start} 至 {end}，按政策有效期只计 {from} 至 {last} 的天数", n.zh),
                    format!("{}: of the loan period {start} to {end}, only {from} to {last} falls within the policy's effective dates", n.en),
                )
            }
        }
        Step::Lpr { item, quote } => {
            let n = item_name(*item);
            let (tz, te) = match quote.tenor {
                Tenor::OneYear => ("1年期", "1-year"),
                Tenor::FiveYear => ("5年期以上", "5-year-plus"),
            };
            let p = format_percent(quote.percent);
            match quote.source {
                LprSource::UserOverride => t(
                    format!("{}：采用用户输入的{tz}LPR {p}", n.zh),
                    format!("{}: {te} LPR {p} as entered by the user", n.en),
                ),
                LprSource::Table { effective_from, beyond_newest } => {
                    let mut text = t(
                        format!("{}：{} 适用的{tz}LPR为 {p}（{effective_from} 公布）", n.zh, quote.on),
                        format!("{}: {te} LPR in force on {} is {p} (announced {effective_from})", n.en, quote.on),
                    );
                    if beyond_newest {
                        text.zh.push_str(&format!(
                            "；内置数据最新至 {effective_from}，已按最新已知值计算，如LPR已调整请输入当期利率"
                        ));
                        text.en.push_str(&format!(
                            "; the built-in table ends at {effective_from}, so the newest known value was used — enter the current rate if it has changed"
                        ));
                    }
                    text
                }
            }
        }
        Step::InterestSlice { item, year, principal, rate, days, basis, amount } => {
            let n = item_name(*item);
            let (rz, re) = match rate {
                RateBasis::LprShare { lpr_percent, share_percent } => (
                    format!("LPR {} × {}", format_percent(*lpr_percent), format_percent(*share_percent)),
                    format!("LPR {} × {}", format_percent(*lpr_percent), format_percent(*share_percent)),
                ),
                RateBasis::FixedBp(bp) => {
                    (format!("{}BP", format_number(*bp)), format!("{} bp", format_number(*bp)))
                }
            };
            t(
                format!("{} {year}年：本金 {} 元 × {rz} × {days}天 / {basis} = {} 元", n.zh, y(*principal), y(*amount)),
                format!("{} in {year}: principal {} × {re} × {days} days / {basis} = {} yuan", n.en, y(*principal), y(*amount)),
            )
        }
        Step::YearSubtotal { year, amount } => {
            t(format!("{year}年度合计 {} 元", y(*amount)), format!("{year} subtotal {} yuan", y(*amount)))
        }
        Step::BalanceShare { item, balance, share_percent, amount } => {
            let n = item_name(*item);
            t(
                format!("{}：月均贷款余额 {} 元 × {} = {} 元", n.zh, y(*balance), format_percent(*share_percent), y(*amount)),
                format!("{}: monthly-average balance {} × {} = {} yuan", n.en, y(*balance), format_percent(*share_percent), y(*amount)),
            )
        }
        Step::FeeShare { item, fee, share_percent, amount } => {
            let n = item_name(*item);
            t(
                format!("{}：费用 {} 元 × {} = {} 元", n.zh, y(*fee), format_percent(*share_percent), y(*amount)),
                format!("{}: fee {} × {} = {} yuan", n.en, y(*fee), format_percent(*share_percent), y(*amount)),
            )
        }
        Step::PremiumBase { item, premium, insured, ceiling_percent, base } => {
            let n = item_name(*item);
            let c = format_percent(*ceiling_percent);
            t(
                format!(
                    "{}：按费率上限 {c} 计，保费基数 = min(实际保费 {} 元, 保险金额 {} 元 × {c}) = {} 元",
                    n.zh, y(*premium), y(*insured), y(*base)
                ),
                format!(
                    "{}: under the {c} rate ceiling, premium base = min(premium paid {}, insured amount {} × {c}) = {} yuan",
                    n.en, y(*premium), y(*insured), y(*base)
                ),
            )
        }
        Step::PremiumShare { item, base, share_percent, amount } => {
            let n = item_name(*item);
            t(
                format!("{}：保费 {} 元 × {} = {} 元", n.zh, y(*base), format_percent(*share_percent), y(*amount)),
                format!("{}: premium {} × {} = {} yuan", n.en, y(*base), format_percent(*share_percent), y(*amount)),
            )
        }
        Step::StageAmount { stage, fundraising, from, below, amount } => {
            let s = stage_name(*stage);
            let band_zh = match below {
                Some(b) => format!("{} 元至 {} 元以下", y(*from), y(*b)),
                None => format!("{} 元及以上", y(*from)),
            };
            let band_en = match below {
                Some(b) => format!("from {} to below {}", y(*from), y(*b)),
                None => format!("{} or more", y(*from)),
            };
            t(
                format!("{}阶段：募集资金 {} 元，属 {band_zh} 档，补助 {} 元", s.zh, y(*fundraising), y(*amount)),
                format!("{} stage: fundraising {} falls in the band {band_en}: {} yuan", s.en, y(*fundraising), y(*amount)),
            )
        }
        Step::Sum { amount } => t(format!("合计 {} 元", y(*amount)), format!("sum {} yuan", y(*amount))),
        Step::Cap { scope, before, cap, after } => {
            let (sz, se) = match scope {
                CapScope::Item(item) => {
                    let n = item_name(*item);
                    (format!("{}单项最高", n.zh), format!("{} item cap", n.en))
                }
                CapScope::EnterpriseYear(year) => {
                    (format!("{year}年度同一企业最高"), format!("per-enterprise cap for {year}"))
                }
                CapScope::Enterprise => ("单个企业最高".to_string(), "per-enterprise cap".to_string()),
                CapScope::Total => ("累计最高".to_string(), "total cap".to_string()),
            };
            if before > cap {
                t(
                    format!("按公式 {} 元；超过{sz} {} 元 → {} 元", y(*before), y(*cap), y(*after)),
                    format!("by formula {}; above the {se} of {} → {} yuan", y(*before), y(*cap), y(*after)),
                )
            } else {
                t(
                    format!("按公式 {} 元；未超过{sz} {} 元 → {} 元", y(*before), y(*cap), y(*after)),
                    format!("by formula {}; within the {se} of {} → {} yuan", y(*before), y(*cap), y(*after)),
                )
            }
        }
        Step::NoCapPublished => t("文件未规定补贴上限", "the text publishes no cap"),
        Step::PaidBound { before, paid, estimated, after } => {
            let (pz, pe) = if *estimated {
                ("按合同利率估算的应付利息", "interest implied by the contract rate (estimate)")
            } else {
                ("实际支付利息", "interest actually paid")
            };
            if before > paid {
                t(
                    format!("{} 元 超过{pz} {} 元，补贴不超过实际支付 → {} 元", y(*before), y(*paid), y(*after)),
                    format!("{} exceeds the {pe} of {}; a subsidy never exceeds what was paid → {} yuan", y(*before), y(*paid), y(*after)),
                )
            } else {
                t(
                    format!("未超过{pz} {} 元 → {} 元", y(*paid), y(*after)),
                    format!("within the {pe} of {} → {} yuan", y(*paid), y(*after)),
                )
            }
        }
        Step::Rounding { before, after } => {
            let b = unrounded(*before);
            t(
                format!("四舍五入到分：{b} → {} 元", y(*after)),
                format!("rounded half-up to the fen: {b} → {} yuan", y(*after)),
            )
        }
        Step::NotPublished { set_by, cap } => {
            let mut text = t(
                format!("文件未公布具体金额：{}", set_by.zh),
                format!("The text publishes no amount: {}", set_by.en),
            );
            if let Some(cap) = cap {
                text.zh.push_str(&format!("；文件规定最高 {} 元", y(*cap)));
                text.en.push_str(&format!("; the published cap is {} yuan", y(*cap)));
            }
            text
        }
    }
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String, sep: &str) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(sep)
}

fn reason_text(reason: &Reason, r: &RuleResult) -> Text {
    let eligible = matches!(r.status, Status::Eligible | Status::AmountNotPublished | Status::NeedsInformation);
    match reason {
        Reason::OutsideJurisdiction => {
            let j = r.document.jurisdiction.describe();
            t(format!("本政策仅适用于{j}的企业"), format!("this policy applies only to enterprises in {j}"))
        }
        Reason::SizeNotAllowed { actual, allowed } => t(
            format!(
                "企业划型为{}企业，本政策适用于{}企业",
                actual.name_zh(),
                list(allowed, |s| s.name_zh().to_string(), "、")
            ),
            format!(
                "the enterprise is {}; the policy covers {} enterprises",
                actual.name_en(),
                list(allowed, |s| s.name_en().to_string(), ", ")
            ),
        ),
        Reason::LacksQualification(q) => {
            let (z, e) = qualification_name(*q);
            t(format!("需为{z}"), format!("the enterprise must be a {e}"))
        }
        Reason::RevenueAbove { actual, max } => t(
            format!("营业收入（年销售）{} 元，超过 {} 元", y(*actual), y(*max)),
            format!("operating revenue {} exceeds {} yuan", y(*actual), y(*max)),
        ),
        Reason::ExportsAbove { actual, max } => t(
            format!("年出口额 {} 美元，超过 {} 美元", format_number(*actual), format_number(*max)),
            format!("annual exports of US${} exceed US${}", format_number(*actual), format_number(*max)),
        ),
        Reason::ExportsNotAbove { actual, min } => t(
            format!("年出口额 {} 美元，未超过 {} 美元", format_number(*actual), format_number(*min)),
            format!("annual exports of US${} do not exceed US${}", format_number(*actual), format_number(*min)),
        ),
        Reason::IpoStageNotReached { actual, required } => {
            let req = stage_name(*required);
            match actual {
                Some(a) => {
                    let a = stage_name(*a);
                    t(format!("上市进展为{}，尚未达到{}", a.zh, req.zh), format!("IPO stage is {}, not yet {}", a.en, req.en))
                }
                None => t(format!("未填写上市进展，需达到{}", req.zh), format!("no IPO in progress; requires {}", req.en)),
            }
        }
        Reason::NoItems(kind) => {
            let (z, e) = match kind {
                ItemKind::Loan => ("贷款", "loan"),
                ItemKind::Guarantee => ("融资担保", "guarantee"),
                ItemKind::EvaluationFee => ("评估费", "evaluation fee"),
                ItemKind::Insurance => ("保险保单", "insurance policy"),
            };
            t(format!("未填写本政策适用的{z}"), format!("no {e} entered that this policy covers"))
        }
        Reason::NothingAccrues => {
            let range = |d: Option<time::Date>| d.map_or("—".to_string(), |d| d.to_string());
            let (from, to) = (range(r.document.effective_from), range(r.document.effective_to));
            t(
                format!("贷款期间均不在政策有效期（{from} 至 {to}）内"),
                format!("no loan period falls within the policy's effective dates ({from} to {to})"),
            )
        }
        Reason::AnsweredNo(question) => {
            t(format!("不满足：{}", question.zh), format!("not met: {}", question.en))
        }
        Reason::Item { item, why } => {
            let n = item_name(*item);
            let (pz, pe) = if eligible { ("（未计入）", " (not counted)") } else { ("", "") };
            let w = item_reason_text(why);
            t(format!("{}{pz}：{}", n.zh, w.zh), format!("{}{pe}: {}", n.en, w.en))
        }
    }
}

fn qualification_name(q: crate::scenario::Qualification) -> (&'static str, &'static str) {
    use crate::scenario::Qualification::*;
    match q {
        TechEnterprise => ("科技型企业", "technology-based enterprise (科技型企业)"),
    }
}

fn loan_fact_text(fact: LoanFact) -> Text {
    match fact {
        LoanFact::PledgeRegistered => t("已办理知识产权质押登记", "the patent pledge is registered"),
        LoanFact::RepaidOnSchedule => t("按期还清本息", "principal and interest repaid on schedule"),
        LoanFact::CarbonReductionTool => t("纳入人民银行碳减排支持工具", "covered by the PBoC carbon-reduction tool"),
    }
}

fn guarantee_fact_text(fact: GuaranteeFact) -> Text {
    match fact {
        GuaranteeFact::GovernmentBusiness => t("纳入政府性融资担保业务", "government financing-guarantee business"),
        GuaranteeFact::ForPatentPledgeLoan => t("因专利权质押贷款发生", "incurred for a patent-pledge loan"),
    }
}

fn item_reason_text(why: &ItemReason) -> Text {
    match why {
        ItemReason::Collateral { allowed } => t(
            format!("担保方式不含{}", list(allowed, |c| collateral(*c).0.to_string(), "或")),
            format!("not secured by {}", list(allowed, |c| collateral(*c).1.to_string(), " or ")),
        ),
        ItemReason::Lender { actual, allowed } => t(
            format!("贷款机构为{}，本政策要求{}", lender(*actual).0, list(allowed, |l| lender(*l).0.to_string(), "或")),
            format!("lender is {}; the policy requires {}", lender(*actual).1, list(allowed, |l| lender(*l).1.to_string(), " or ")),
        ),
        ItemReason::Purpose { actual, allowed } => t(
            format!("贷款投向为{}，本政策限于{}", purpose(*actual).0, list(allowed, |p| purpose(*p).0.to_string(), "、")),
            format!("loan purpose is {}; the policy covers {}", purpose(*actual).1, list(allowed, |p| purpose(*p).1.to_string(), ", ")),
        ),
        ItemReason::LoanFactNo(fact) => {
            let f = loan_fact_text(*fact);
            t(format!("不满足“{}”", f.zh), format!("not met: {}", f.en))
        }
        ItemReason::GuaranteeFactNo(fact) => {
            let f = guarantee_fact_text(*fact);
            let mut text = t(format!("不满足“{}”", f.zh), format!("not met: {}", f.en));
            if *fact == GuaranteeFact::GovernmentBusiness {
                text.zh.push_str("，不属于政府性融资担保业务");
                text.en.push_str("; not government financing-guarantee business");
            }
            text
        }
        ItemReason::AmountAbove { actual, max } => t(
            format!("单户担保金额 {} 元，超过 {} 元", y(*actual), y(*max)),
            format!("guarantee amount {} exceeds {} yuan", y(*actual), y(*max)),
        ),
        ItemReason::FeeRateAbove { actual_percent, max_percent } => {
            let shown = format_percent(distinct_from(*actual_percent, *max_percent));
            t(
                format!("年化担保费率 {shown}，超过 {}，不属于政策性担保业务", format_percent(*max_percent)),
                format!("annualised fee rate {shown} exceeds {}: not policy guarantee business", format_percent(*max_percent)),
            )
        }
        ItemReason::NotGreenIndustry { .. } => t(
            "不属于降碳减排、节能环保、清洁生产、清洁能源、生态环境、基础设施绿色升级、绿色服务等七类产业",
            "not one of the seven green industry classes",
        ),
        ItemReason::InsuranceKind { actual, allowed } => t(
            format!("险种为{}，本政策限于{}", insurance_kind(*actual).0, list(allowed, |k| insurance_kind(*k).0.to_string(), "、")),
            format!("insurance kind is {}; the policy covers {}", insurance_kind(*actual).1, list(allowed, |k| insurance_kind(*k).1.to_string(), ", ")),
        ),
        ItemReason::InsuranceProduct { .. } => t(
            "投保标的不是首台（套）、首批次或首版次产品",
            "the insured product is not first-set equipment, first-batch material or first-version software",
        ),
    }
}

/// `value` with as few decimals as show it differs from `bound` (2 to 10),
/// so a rate just above a limit never reads as equal to it.
fn distinct_from(value: Decimal, bound: Decimal) -> Decimal {
    (2..=10)
        .map(|dp| value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::ToZero))
        .find(|shown| *shown != bound)
        .unwrap_or(value)
}

fn collateral(c: crate::scenario::Collateral) -> (&'static str, &'static str) {
    use crate::scenario::Collateral::*;
    match c {
        PatentPledge => ("专利权质押", "a patent pledge"),
        FixedAssetMortgage => ("固定资产抵押", "a fixed-asset mortgage"),
        GuaranteeInstitution => ("融资担保", "a guarantee institution"),
        Unsecured => ("信用", "nothing (unsecured)"),
        Other => ("其他", "other collateral"),
    }
}

fn lender(l: crate::scenario::Lender) -> (&'static str, &'static str) {
    use crate::scenario::Lender::*;
    match l {
        LocalLegalPersonBank => ("地方法人银行", "a local legal-person bank"),
        TechBranch => ("科技支行", "a technology sub-branch (科技支行)"),
        OtherBank => ("其他银行", "another bank"),
    }
}

fn purpose(p: crate::scenario::LoanPurpose) -> (&'static str, &'static str) {
    use crate::scenario::LoanPurpose::*;
    match p {
        CleanEnergy => ("清洁能源", "clean energy"),
        EnergySavingEnvironmental => ("节能环保", "energy saving and environmental protection"),
        CarbonReductionTechnology => ("碳减排技术", "carbon-reduction technology"),
        StartupGuaranteed => ("创业担保贷款", "a start-up guaranteed loan"),
        VeteranStartup => ("退役军人创业贷款", "a veteran's start-up loan"),
        General => ("一般生产经营", "general operations"),
    }
}

fn insurance_kind(k: crate::scenario::InsuranceKind) -> (&'static str, &'static str) {
    use crate::scenario::InsuranceKind::*;
    match k {
        QualityGuarantee => ("质量保证保险", "quality-guarantee insurance"),
        ProductLiability => ("产品责任保险", "product-liability insurance"),
        ProductCombined => ("产品综合险", "combined product insurance"),
        ExportCredit => ("出口信用保险", "export credit insurance"),
        Other => ("其他险种", "other insurance"),
    }
}

/// A field's name for people.
pub fn field_text(field: &Field) -> Text {
    let (z, e) = match field.name {
        "enterprise.region" => ("所在地区", "region"),
        "enterprise.region.city" => ("所在城市", "city"),
        "enterprise.region.county" => ("所在县（市、区）", "county"),
        "enterprise.industry" => ("所属行业", "industry"),
        "enterprise.employees" => ("从业人员", "employees"),
        "enterprise.operating_revenue" => ("营业收入", "operating revenue"),
        "enterprise.total_assets" => ("资产总额", "total assets"),
        "enterprise.annual_exports" => ("年出口额（美元）", "annual exports (USD)"),
        "ipo.stage_reached" => ("上市进展阶段", "IPO stage reached"),
        "ipo.planned_fundraising" => ("申请募集资金规模", "planned fundraising"),
        "lpr_override.one_year_percent" => ("当期1年期LPR", "current 1-year LPR"),
        "lpr_override.five_year_percent" => ("当期5年期以上LPR", "current 5-year LPR"),
        "principal" => ("贷款本金", "principal"),
        "monthly_average_balance" => ("月均贷款余额", "monthly-average balance"),
        "start_date" if field.item.is_some_and(|i| i.kind == ItemKind::Insurance) => ("保险起期", "policy start date"),
        "start_date" => ("贷款起始日", "start date"),
        "end_date" => ("贷款到期日", "end date"),
        "interest_paid" => ("实付利息（或合同利率）", "interest paid (or the contract rate)"),
        "collateral" => ("担保方式", "collateral"),
        "lender" => ("贷款机构类型", "lender type"),
        "purpose" => ("贷款投向", "loan purpose"),
        "amount" => ("担保金额", "guarantee amount"),
        "fee" => ("实际支付费用", "fee paid"),
        "fee_rate_percent" => ("年化担保费率", "annualised guarantee fee rate"),
        "term_months" => ("担保期限（月）", "term (months)"),
        "kind" => ("险种", "insurance kind"),
        "premium" => ("实际支付保费", "premium paid"),
        "insured_amount" => ("保险金额", "insured amount"),
        "product" => ("投保产品类别（首台套/首批次/首版次）", "insured product class"),
        "for_patent_pledge_loan" => ("是否因专利权质押贷款发生", "whether it was incurred for a patent-pledge loan"),
        other => (other, other),
    };
    match field.item {
        Some(item) => {
            let n = item_name(item);
            t(format!("请填写{}的{z}", n.zh), format!("enter the {e} of {}", n.en))
        }
        None => t(format!("请填写{z}"), format!("enter the {e}")),
    }
}

fn open_text(open: &Open) -> ConfirmReport {
    match open {
        Open::LoanFact { item, fact } => {
            let n = item_name(*item);
            let f = loan_fact_text(*fact);
            let name = match fact {
                LoanFact::PledgeRegistered => "pledge_registered",
                LoanFact::RepaidOnSchedule => "repaid_on_schedule",
                LoanFact::CarbonReductionTool => "carbon_reduction_tool",
            };
            ConfirmReport {
                key: format!("{}.{name}", item.path()),
                text: t(format!("需满足：{}{}", n.zh, f.zh), format!("to be met: {} — {}", n.en, f.en)),
            }
        }
        Open::GuaranteeFact { item, fact } => {
            let n = item_name(*item);
            let f = guarantee_fact_text(*fact);
            let name = match fact {
                GuaranteeFact::GovernmentBusiness => "government_business",
                GuaranteeFact::ForPatentPledgeLoan => "for_patent_pledge_loan",
            };
            ConfirmReport {
                key: format!("{}.{name}", item.path()),
                text: t(format!("需满足：{}{}", n.zh, f.zh), format!("to be met: {} — {}", n.en, f.en)),
            }
        }
        Open::Question { id, question } => ConfirmReport {
            key: format!("answers.{id}"),
            text: t(format!("需满足：{}", question.zh), format!("to be met: {}", question.en)),
        },
    }
}
