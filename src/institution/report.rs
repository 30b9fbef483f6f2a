//! An institution result as people read it: status, amount (or maximum),
//! the split, every step, flag, reason and open condition in zh-CN and
//! English, the notes and the citation. Same conventions as
//! [`crate::report`]: amounts as strings with two decimals, texts rendered
//! only in the languages asked for.

use rust_decimal::Decimal;
use serde::Serialize;
use time::Date;

use super::{Flag, InstitutionResult, Open, Reason, Status, Step};
use crate::money::{unrounded, unrounded_percent as pct, Percent, Yuan};
use crate::pack::institution::{
    BalanceCategory, CityMeasure, CompensationScope, CompensationTier, InstitutionCalculation, TierBounds,
};
use crate::pack::{DocumentStatus, Recipient};
use crate::report::{
    readings, rule_header, Bi, Citation, ConfirmReport, Lang, ReadingReport, StepReport, NOTICE_EN, NOTICE_ZH,
};

/// One institution result, rendered (the CLI's JSON). Amounts: yuan with
/// two decimals.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Serialize)]
pub struct InstitutionReport<'p> {
    /// The template, as the input's `calculator` key names it.
    #[cfg_attr(feature = "typescript", tsify(type = "InstitutionCalculator"))]
    pub calculator: &'static str,
    pub rule_id: &'p str,
    pub provision: Option<&'p str>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub name: Bi<'p>,
    #[serde(serialize_with = "crate::scenario::iso_date::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub date: Date,
    #[cfg_attr(feature = "typescript", tsify(type = "InstitutionStatus"))]
    pub status: Status,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub status_text: Bi<'p>,
    /// Yuan with 2 places: the amount, or the maximum when
    /// `amount_is_maximum`; null without one.
    pub amount_yuan: Option<String>,
    /// True for a ceiling rate (「不高于」): the figure is a maximum, not the amount.
    pub amount_is_maximum: bool,
    /// One line: what is paid, by whom, to whom.
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub summary: Bi<'p>,
    pub recipient: Recipient,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub recipient_text: Bi<'p>,
    /// R-2 only: who bears what.
    #[cfg_attr(feature = "typescript", tsify(type = "InstitutionSplit | null"))]
    pub split: Option<SplitReport>,
    #[cfg_attr(feature = "typescript", tsify(type = "Step[]"))]
    pub steps: Vec<StepReport<'p>>,
    /// Agreed terms that do not meet the clause (computed anyway).
    #[cfg_attr(feature = "typescript", tsify(type = "InstitutionFlag[]"))]
    pub flags: Vec<FlagReport<'p>>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text[]"))]
    pub reasons: Vec<Bi<'p>>,
    /// 需满足: `key` is `answers.<id>` or the input field to fill in.
    #[cfg_attr(feature = "typescript", tsify(type = "ToConfirm[]"))]
    pub to_confirm: Vec<ConfirmReport<'p>>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text[]"))]
    pub notes: Vec<Bi<'p>>,
    /// 本测算采用的解读: the readings the rule takes, each with its alternatives.
    #[cfg_attr(feature = "typescript", tsify(type = "Reading[]"))]
    pub readings: Vec<ReadingReport<'p>>,
    pub citation: Citation<'p>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub notice: Bi<'p>,
}

/// R-2's figures, yuan with 2 places.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "InstitutionSplit"))]
#[derive(Debug, Serialize)]
pub struct SplitReport {
    pub covered_yuan: String,
    pub guarantor_pays_yuan: String,
    pub bank_bears_yuan: String,
    pub excluded_yuan: String,
    pub left_to_agreement_yuan: String,
}

/// An agreed term that does not meet the clause (a [`Flag`]).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "InstitutionFlag"))]
#[derive(Debug, Serialize)]
pub struct FlagReport<'p> {
    /// One per [`Flag`] variant.
    #[cfg_attr(
        feature = "typescript",
        tsify(
            type = "\"bank_share_below_minimum\" | \"grace_below_minimum\" | \"deposit_required\" | \"payout_rate_above_tolerance\" | \"too_many_banks\" | \"decision_late\" | \"decision_overdue\""
        )
    )]
    pub kind: &'static str,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub text: Bi<'p>,
}

fn y(d: Decimal) -> Yuan {
    Yuan(d)
}

fn fen(d: Decimal) -> String {
    format!("{d:.2}")
}

impl<'p> InstitutionReport<'p> {
    pub fn new(r: &InstitutionResult<'p>, l: Lang) -> InstitutionReport<'p> {
        let doc = r.document;
        let rule = r.rule;
        let range = |d: Option<Date>| d.map_or("—".to_string(), |d| d.to_string());
        let (from, to) = (range(doc.effective_from), range(doc.effective_to));
        let status_text = match r.status {
            Status::Computed if !r.flags.is_empty() => l.bi(
                || "已测算（协议条款不符合文件要求，见提示）",
                || "computed (the agreement does not meet the text; see the flags)",
            ),
            Status::Computed => l.bi(|| "已测算", || "computed"),
            Status::Ceiling => l.bi(
                || "最高额（文件只规定比例上限，实际比例另定）",
                || "maximum (the text sets only a ceiling rate; the actual rate is set separately)",
            ),
            Status::NotEligible => l.bi(|| "不符合条件", || "not eligible"),
            Status::AmountNotPublished => {
                l.bi(|| "符合条件，金额未公布", || "applicable; the text publishes no amount")
            }
            Status::Checked if !r.flags.is_empty() => l.bi(
                || "已核对：不符合文件要求（见提示）",
                || "checked: does not meet the text (see the flags)",
            ),
            Status::Checked => l.bi(|| "已核对：符合文件要求", || "checked: meets the text"),
            Status::OutsideEffectiveDates => l.bi(
                || format!("不在政策有效期内（{from} 至 {to}）"),
                || format!("outside the policy's effective dates ({from} to {to})"),
            ),
        };
        let recipient = rule.recipient;
        let (rate_set_by, award_set_by) = match &rule.calculation {
            InstitutionCalculation::BalanceShareReward { rate_set_by, .. } => (Some(rate_set_by), None),
            InstitutionCalculation::CappedAward { amount_set_by, .. } => (None, Some(amount_set_by)),
            _ => (None, None),
        };
        let summary = match (r.status, r.amount, r.split) {
            (Status::Ceiling, Some(a), _) if let Some(by) = award_set_by => {
                l.bi(
                    || format!("最高 {} 元，拨付{}；文件只规定最高额，实际金额：{}", y(a), recipient.name_zh(), by.zh),
                    || format!("At most {} yuan, paid to {}; the text sets only the maximum; the amount: {}", y(a), recipient.name_en(), by.en),
                )
            }
            (Status::AmountNotPublished, _, _) => {
                let by = award_set_by.map_or(("", ""), |t| (t.zh.as_str(), t.en.as_str()));
                l.bi(
                    || format!("符合条件，文件未公布金额：{}", by.0),
                    || format!("Applicable; the text publishes no amount: {}", by.1),
                )
            }
            (Status::Computed, Some(_), Some(s)) => {
                let (ez, ee) = if !s.excluded.is_zero() {
                    (format!("，不予代偿 {} 元", y(s.excluded)), format!("; {} yuan not compensated", y(s.excluded)))
                } else if !s.left_to_agreement.is_zero() {
                    (format!("，另有 {} 元按协议约定", y(s.left_to_agreement)), format!("; {} yuan left to the agreement", y(s.left_to_agreement)))
                } else {
                    (String::new(), String::new())
                };
                l.bi(
                    || format!("担保机构代偿 {} 元，银行承担 {} 元{ez}", y(s.guarantor_pays), y(s.bank_bears)),
                    || format!("The guarantor pays {} yuan, the bank bears {} yuan{ee}", y(s.guarantor_pays), y(s.bank_bears)),
                )
            }
            (Status::Computed, Some(a), None) => l.bi(
                || format!("{} {} 元，拨付{}", rule.name.zh, y(a), recipient.name_zh()),
                || format!("{}: {} yuan, paid to {}", rule.name.en, y(a), recipient.name_en()),
            ),
            (Status::Ceiling, Some(a), _) => l.bi(
                || format!("最高 {} 元，拨付{}；这是按比例上限算出的最高额，不是确定金额：{}", y(a), recipient.name_zh(), rate_set_by.map_or("", |t| t.zh.as_str())),
                || format!("At most {} yuan, paid to {}; a maximum at the ceiling rate, not a certain amount: {}", y(a), recipient.name_en(), rate_set_by.map_or("", |t| t.en.as_str())),
            ),
            _ => l.bi(|| "不测算金额", || "no amount"),
        };
        let mut notes: Vec<Bi> = Vec::new();
        if doc.status != DocumentStatus::InForce {
            notes.push(l.bi(
                || format!("本政策文件状态：{}（有效期 {from} 至 {to}）", doc.status.name_zh()),
                || format!("This document is {} (effective {from} to {to})", doc.status.name_en()),
            ));
        }
        notes.extend(rule.notes.iter().map(|n| l.text(n)));
        notes.extend(rule.recipient_note.iter().map(|n| l.text(n)));
        let header = rule_header(l, doc, rule);
        InstitutionReport {
            calculator: rule.calculation.template(),
            rule_id: header.rule_id,
            provision: header.provision,
            name: header.name,
            date: r.date,
            status: r.status,
            status_text,
            amount_yuan: r.amount.map(fen),
            amount_is_maximum: r.status == Status::Ceiling,
            summary,
            recipient,
            recipient_text: l.bi(|| recipient.name_zh(), || recipient.name_en()),
            split: r.split.map(|s| SplitReport {
                covered_yuan: fen(s.covered),
                guarantor_pays_yuan: fen(s.guarantor_pays),
                bank_bears_yuan: fen(s.bank_bears),
                excluded_yuan: fen(s.excluded),
                left_to_agreement_yuan: fen(s.left_to_agreement),
            }),
            steps: r.steps.iter().map(|s| StepReport { kind: step_kind(s), text: step_text(l, s) }).collect(),
            flags: r.flags.iter().map(|f| flag_report(l, f, r)).collect(),
            reasons: r.reasons.iter().map(|x| reason_text(l, x)).collect(),
            to_confirm: r.to_confirm.iter().map(|o| open_report(l, o)).collect(),
            notes,
            readings: readings(l, &rule.readings),
            citation: header.citation,
            notice: l.bi(|| NOTICE_ZH, || NOTICE_EN),
        }
    }
}

fn step_kind(step: &Step) -> &'static str {
    match step {
        Step::RateGiven { .. } => "rate_given",
        Step::RateDerived { .. } => "rate_derived",
        Step::TierChosen { .. } => "tier_chosen",
        Step::Excess { .. } => "excess_excluded",
        Step::TierShare { .. } => "tier_share",
        Step::Band { .. } => "band",
        Step::Sum { .. } => "sum",
        Step::Covered { .. } => "covered",
        Step::Charges { .. } => "charges",
        Step::GuarantorShare { .. } => "guarantor_share",
        Step::BankShare { .. } => "bank_share",
        Step::BankShareAtLeast { .. } => "bank_share_at_least",
        Step::GraceAtLeast { .. } => "grace_at_least",
        Step::Unit { .. } => "unit",
        Step::Line { .. } => "line",
        Step::LineExcluded { .. } => "line_excluded",
        Step::EnterpriseCap { .. } => "enterprise_cap",
        Step::BalanceTotal { .. } => "balance_total",
        Step::CityAverageMet { .. } => "city_average_met",
        Step::CeilingRate { .. } => "ceiling_rate",
        Step::InstitutionCap { .. } => "institution_cap",
        Step::Rounding { .. } => "rounding",
        Step::DepositWaived => "deposit_waived",
        Step::PayoutRateWithinTolerance { .. } => "payout_rate_within_tolerance",
        Step::AwardCap { .. } => "award_cap",
        Step::AwardNotPublished => "not_published",
        Step::CostShareRange { .. } => "cost_share_range",
        Step::BanksWithinLimit { .. } => "banks_within_limit",
        Step::DecidedInTime { .. } => "decided_in_time",
        Step::DecisionDue { .. } => "decision_due",
    }
}

/// A tier's range: `1%（含）至3%（不含）` / `1% (incl.) to 3% (excl.)`.
pub fn tier_range<'p>(l: Lang, t: &CompensationTier, b: TierBounds) -> Bi<'p> {
    let inc = |b: bool| {
        if b {
            ("含", "incl.")
        } else {
            ("不含", "excl.")
        }
    };
    let (fz, fe) = inc(b.includes_from);
    let (tz, te) = inc(b.includes_to);
    let (from, to) = (Percent(t.from_percent), Percent(t.to_percent));
    l.bi(|| format!("{from}（{fz}）至{to}（{tz}）"), || format!("{from} ({fe}) to {to} ({te})"))
}

fn category_suffix<'p>(l: Lang, k: Option<&BalanceCategory>) -> Bi<'p> {
    match k {
        Some(k) => l.bi(|| format!("（{}）", k.name.zh), || format!(" ({})", k.name.en)),
        None => l.bi(|| "", || ""),
    }
}

fn measure_text(m: CityMeasure) -> (&'static str, &'static str) {
    match m {
        CityMeasure::YearEndGuaranteeBalance => ("年末在保余额", "year-end guarantee balance"),
        CityMeasure::AnnualGrowth => ("年度增速", "annual growth"),
    }
}

fn measure_value(m: CityMeasure, v: Decimal) -> (String, String) {
    match m {
        CityMeasure::YearEndGuaranteeBalance => (format!("{} 元", y(v)), format!("{} yuan", y(v))),
        CityMeasure::AnnualGrowth => (pct(v), pct(v)),
    }
}

/// One step in words, with the actual numbers.
pub fn step_text<'p>(l: Lang, step: &Step<'p>) -> Bi<'p> {
    match step {
        Step::RateGiven { rate_percent } => {
            let r = pct(*rate_percent);
            l.bi(|| format!("代偿率（填写）{r}"), || format!("payout rate as entered: {r}"))
        }
        Step::RateDerived { payout, base, rate_percent } => {
            let r = pct(*rate_percent);
            l.bi(
                || format!("代偿率 = 代偿额 {} 元 / 分母 {} 元 = {r}", y(*payout), y(*base)),
                || format!("payout rate = payout {} / base {} = {r}", y(*payout), y(*base)),
            )
        }
        Step::TierChosen { index, tier, bounds, rate_percent } => {
            let r = pct(*rate_percent);
            let n = index + 1;
            let range = tier_range(l, tier, *bounds);
            let s = Percent(tier.share_percent);
            if *rate_percent > tier.to_percent {
                l.bi(
                    || format!("代偿率 {r} 超出最后一档上限 {}：计入部分按第{n}档（{}）补偿比例 {s}", Percent(tier.to_percent), range.zh),
                    || format!("the payout rate {r} is above the last tier's top {}: the counted part at tier {n} ({}), share {s}", Percent(tier.to_percent), range.en),
                )
            } else {
                l.bi(
                    || format!("代偿率 {r} 属于第{n}档（{}），补偿比例 {s}", range.zh),
                    || format!("the payout rate {r} falls in tier {n} ({}), share {s}", range.en),
                )
            }
        }
        Step::Excess { rate_percent, top_percent, payout, counted, excluded } => {
            let (r, t) = (pct(*rate_percent), Percent(*top_percent));
            let (c, e) = (unrounded(*counted), unrounded(*excluded));
            l.bi(
                || format!("代偿率超出 {t} 的部分不予补偿：计入代偿额 = {} 元 × {t} / {r} = {c} 元，不予补偿 {e} 元", y(*payout)),
                || format!("the part of the rate above {t} is not compensated: counted payout = {} × {t} / {r} = {c}; {e} yuan excluded", y(*payout)),
            )
        }
        Step::TierShare { counted, share_percent, amount } => {
            let (c, a, s) = (unrounded(*counted), unrounded(*amount), Percent(*share_percent));
            l.bi(
                || format!("补偿 = 计入的代偿额 {c} 元 × {s} = {a} 元"),
                || format!("compensation = counted payout {c} × {s} = {a} yuan"),
            )
        }
        Step::Band { index, tier, upper_percent, portion, share_percent, amount } => {
            let n = index + 1;
            let (f, u, s) = (Percent(tier.from_percent), pct(*upper_percent), Percent(*share_percent));
            let (p, a) = (unrounded(*portion), unrounded(*amount));
            l.bi(
                || format!("第{n}档：代偿率 {f} 至 {u} 对应的代偿额 {p} 元 × {s} = {a} 元"),
                || format!("tier {n}: the payout attributable to rates {f} to {u}, {p} × {s} = {a} yuan"),
            )
        }
        Step::Sum { amount } => {
            let a = unrounded(*amount);
            l.bi(|| format!("合计 {a} 元"), || format!("sum {a} yuan"))
        }
        Step::Covered { principal, normal_interest, covered } => l.bi(
            || {
                format!(
                    "代偿范围：本金 {} 元 + 正常利息 {} 元 = {} 元",
                    y(*principal),
                    y(*normal_interest),
                    y(*covered)
                )
            },
            || {
                format!(
                    "covered: principal {} + normal interest {} = {} yuan",
                    y(*principal),
                    y(*normal_interest),
                    y(*covered)
                )
            },
        ),
        Step::Charges { penalty, compound, other, total, scope } => {
            let parts = [
                (penalty, "罚息", "penalty interest"),
                (compound, "复利", "compound interest"),
                (other, "其他费用", "other charges"),
            ];
            let zh: Vec<String> =
                parts.iter().filter_map(|(v, z, _)| v.map(|v| format!("{z} {} 元", y(v)))).collect();
            let en: Vec<String> =
                parts.iter().filter_map(|(v, _, e)| v.map(|v| format!("{e} {}", y(v)))).collect();
            let t = y(*total);
            match scope {
                CompensationScope::PrincipalAndNormalInterest => l.bi(
                    || format!("{}，合计 {t} 元：代偿范围限于本金和正常利息，不予代偿", zh.join("、")),
                    || format!("{}, {t} yuan in all: the payout covers principal and normal interest only, so these are not compensated", en.join(", ")),
                ),
                CompensationScope::NotSpecified => l.bi(
                    || format!("{}，合计 {t} 元：文件未规定代偿范围，按银担合作协议约定，本测算不予分摊", zh.join("、")),
                    || format!("{}, {t} yuan in all: the text does not set the payout's scope; the agreement decides, and this estimate does not split them", en.join(", ")),
                ),
            }
        }
        Step::GuarantorShare { covered, guarantor_percent, amount } => {
            let (g, a) = (Percent(*guarantor_percent), unrounded(*amount));
            l.bi(
                || {
                    format!(
                        "担保机构代偿 = {} 元 × (100% − 银行分担比例) = {} 元 × {g} = {a} 元",
                        y(*covered),
                        y(*covered)
                    )
                },
                || {
                    format!(
                        "guarantor pays = {} × (100% − bank share) = {} × {g} = {a} yuan",
                        y(*covered),
                        y(*covered)
                    )
                },
            )
        }
        Step::BankShare { covered, guarantor_pays, amount } => l.bi(
            || {
                format!(
                    "银行承担 = {} 元 − 担保机构代偿 {} 元 = {} 元",
                    y(*covered),
                    y(*guarantor_pays),
                    y(*amount)
                )
            },
            || {
                format!(
                    "bank bears = {} − guarantor's {} = {} yuan",
                    y(*covered),
                    y(*guarantor_pays),
                    y(*amount)
                )
            },
        ),
        Step::BankShareAtLeast { agreed_percent, minimum_percent } => {
            let (a, m) = (Percent(*agreed_percent), Percent(*minimum_percent));
            l.bi(
                || format!("协议约定银行分担比例 {a}，不低于文件要求的 {m}"),
                || format!("the agreed bank share {a} meets the required minimum of {m}"),
            )
        }
        Step::GraceAtLeast { days, minimum } => l.bi(
            || format!("协议约定代偿宽限期 {days} 天，不少于文件要求的 {minimum} 天"),
            || format!("the agreed grace period of {days} days meets the required minimum of {minimum} days"),
        ),
        Step::Unit { unit, count, amount } => l.bi(
            || format!("{}：{count} × {} 元 = {} 元", unit.name.zh, y(unit.yuan), y(*amount)),
            || format!("{}: {count} × {} = {} yuan", unit.name.en, y(unit.yuan), y(*amount)),
        ),
        Step::Line { index, category, balance } => {
            let n = index + 1;
            let k = category_suffix(l, *category);
            l.bi(
                || format!("第{n}行{}：月均贷款余额 {} 元", k.zh, y(*balance)),
                || format!("line {n}{}: monthly-average balance {} yuan", k.en, y(*balance)),
            )
        }
        Step::LineExcluded { index, sales, max } => {
            let n = index + 1;
            l.bi(
                || format!("第{n}行（未计入）：借款企业年销售收入 {} 元，超过 {} 元", y(*sales), y(*max)),
                || {
                    format!(
                        "line {n} (not counted): the borrower's annual sales of {} exceed {} yuan",
                        y(*sales),
                        y(*max)
                    )
                },
            )
        }
        Step::EnterpriseCap { enterprise, category, before, cap, after } => {
            let k = category_suffix(l, *category);
            if before > cap {
                l.bi(
                    || format!("{enterprise}{}：月均余额合计 {} 元，超过单户企业上限 {} 元 → 计入 {} 元", k.zh, y(*before), y(*cap), y(*after)),
                    || format!("{enterprise}{}: balance {} exceeds the per-enterprise limit of {} → {} yuan counted", k.en, y(*before), y(*cap), y(*after)),
                )
            } else {
                l.bi(
                    || format!("{enterprise}{}：月均余额合计 {} 元，未超过单户企业上限 {} 元 → 计入 {} 元", k.zh, y(*before), y(*cap), y(*after)),
                    || format!("{enterprise}{}: balance {} within the per-enterprise limit of {} → {} yuan counted", k.en, y(*before), y(*cap), y(*after)),
                )
            }
        }
        Step::BalanceTotal { amount } => l.bi(
            || format!("计入的月均贷款余额合计 {} 元", y(*amount)),
            || format!("counted monthly-average balance: {} yuan", y(*amount)),
        ),
        Step::CityAverageMet { measure, actual, average } => {
            let (mz, me) = measure_text(*measure);
            let (a, b) = (measure_value(*measure, *actual), measure_value(*measure, *average));
            l.bi(
                || format!("{mz} {}，超过全市平均 {}", a.0, b.0),
                || format!("{me} of {} is above the city average of {}", a.1, b.1),
            )
        }
        Step::CeilingRate { balance, ceiling_percent, amount } => {
            let (c, a) = (Percent(*ceiling_percent), unrounded(*amount));
            l.bi(
                || format!("最高额 = {} 元 × 比例上限 {c}（文件规定「不高于{c}」，非确定比例）= {a} 元", y(*balance)),
                || format!("maximum = {} × the ceiling rate {c} (the text says 'at most {c}', not a set rate) = {a} yuan", y(*balance)),
            )
        }
        Step::InstitutionCap { before, cap, after } => {
            let (b, a) = (unrounded(*before), unrounded(*after));
            if before > cap {
                l.bi(
                    || format!("按公式 {b} 元；超过单家金融机构最高 {} 元 → {a} 元", y(*cap)),
                    || format!("by formula {b}; above the per-institution cap of {} → {a} yuan", y(*cap)),
                )
            } else {
                l.bi(
                    || format!("按公式 {b} 元；未超过单家金融机构最高 {} 元 → {a} 元", y(*cap)),
                    || format!("by formula {b}; within the per-institution cap of {} → {a} yuan", y(*cap)),
                )
            }
        }
        Step::Rounding { before, after } => {
            let b = unrounded(*before);
            l.bi(
                || format!("四舍五入到分：{b} → {} 元", y(*after)),
                || format!("rounded half-up to the fen: {b} → {} yuan", y(*after)),
            )
        }
        Step::DepositWaived => l.bi(
            || "银行未要求担保机构缴存保证金，符合「免收保证金」",
            || "the bank asks the guarantor for no deposit, as the text requires",
        ),
        Step::PayoutRateWithinTolerance { rate_percent, tolerance_percent } => {
            let (r, t) = (pct(*rate_percent), Percent(*tolerance_percent));
            l.bi(
                || format!("担保机构代偿率 {r}，未超过放宽后的 {t}"),
                || format!("the guarantor's payout rate {r} is within the relaxed {t}"),
            )
        }
        Step::AwardCap { cap } => l.bi(
            || format!("文件规定最高 {} 元：这是上限，不是确定金额", y(*cap)),
            || format!("the text sets at most {} yuan: a maximum, not the amount", y(*cap)),
        ),
        Step::CostShareRange { cost, min_percent, max_percent, low, high } => {
            let (a, b) = (Percent(*min_percent), Percent(*max_percent));
            let (lo, hi) = (unrounded(*low), unrounded(*high));
            l.bi(
                || format!("{} 元 × {a}—{b} = {lo}—{hi} 元：比例由另行制定的办法确定，按上限 {b} 计为最高额", y(*cost)),
                || format!("{} × {a}–{b} = {lo}–{hi} yuan: the share is set by rules to be made; the top {b} gives the maximum", y(*cost)),
            )
        }
        Step::AwardNotPublished => l.bi(
            || "文件规定「按规定」补偿或奖励，未公布金额或比例",
            || "the text pays 'per the rules' and publishes no amount or rate",
        ),
        Step::BanksWithinLimit { count, max } => l.bi(
            || format!("同一批次推送 {count} 家银行，不超过 {max} 家"),
            || format!("{count} banks in the batch, within the limit of {max}"),
        ),
        Step::DecidedInTime { days, max } => l.bi(
            || format!("收齐申请材料后第 {days} 日作出授信决定，在 {max} 日内"),
            || format!("the credit decision came {days} days after the application was complete, within {max} days"),
        ),
        Step::DecisionDue { deadline, max } => l.bi(
            || format!("尚未作出授信决定：应在收齐材料 {max} 日内、即 {deadline} 前（含当日）作出"),
            || format!("no credit decision yet: due within {max} days of the complete application, by {deadline} inclusive"),
        ),
    }
}

fn flag_report<'p>(l: Lang, flag: &Flag, r: &InstitutionResult<'p>) -> FlagReport<'p> {
    let source = match r.document.number.as_deref() {
        Some(n) => n.to_string(),
        None => format!("《{}》", r.document.title),
    };
    let clause = r.rule.clause.as_str();
    match flag {
        Flag::BankShareBelowMinimum { agreed_percent, minimum_percent, bank_at_minimum } => {
            let (a, m) = (Percent(*agreed_percent), Percent(*minimum_percent));
            FlagReport {
                kind: "bank_share_below_minimum",
                text: l.bi(
                    || format!("不符合文件要求：协议约定银行分担比例 {a}，低于{source} {clause} 要求的不低于 {m}；按 {m} 计，银行应至少承担 {} 元。以上按协议比例测算", y(*bank_at_minimum)),
                    || format!("Does not meet the text: the agreed bank share of {a} is below the minimum of {m} in {source} {clause}; at {m} the bank would bear at least {} yuan. The split above uses the agreed share", y(*bank_at_minimum)),
                ),
            }
        }
        Flag::DepositRequired { deposit } => FlagReport {
            kind: "deposit_required",
            text: l.bi(
                || format!("不符合文件要求：银行要求担保机构缴存保证金 {} 元，{source} {clause} 要求对担保机构免收保证金", y(*deposit)),
                || format!("Does not meet the text: the bank asks the guarantor for a deposit of {} yuan; {source} {clause} requires it waived", y(*deposit)),
            ),
        },
        Flag::PayoutRateAboveTolerance { rate_percent, tolerance_percent } => {
            let (r, t) = (pct(*rate_percent), Percent(*tolerance_percent));
            FlagReport {
                kind: "payout_rate_above_tolerance",
                text: l.bi(
                    || format!("担保机构代偿率 {r}，超过{source} {clause} 放宽后的 {t}"),
                    || format!("The guarantor's payout rate {r} is above the {t} that {source} {clause} tolerates"),
                ),
            }
        }
        Flag::TooManyBanks { count, max } => FlagReport {
            kind: "too_many_banks",
            text: l.bi(
                || format!("不符合文件要求：同一批次推送 {count} 家银行，{source} {clause} 规定同一家企业同一批次推送不超过 {max} 家"),
                || format!("Does not meet the text: {count} banks in one batch; {source} {clause} allows at most {max} per enterprise and batch"),
            ),
        },
        Flag::DecisionLate { days, max } => FlagReport {
            kind: "decision_late",
            text: l.bi(
                || format!("不符合文件要求：收齐申请材料后第 {days} 日才作出授信决定，{source} {clause} 要求 {max} 日内"),
                || format!("Does not meet the text: the credit decision came {days} days after the application was complete; {source} {clause} requires it within {max} days"),
            ),
        },
        Flag::DecisionOverdue { deadline, max } => FlagReport {
            kind: "decision_overdue",
            text: l.bi(
                || format!("不符合文件要求：已过 {deadline}（收齐材料后 {max} 日），仍未作出授信决定（{source} {clause}）"),
                || format!("Does not meet the text: {deadline} ({max} days after the complete application) has passed with no credit decision ({source} {clause})"),
            ),
        },
        Flag::GraceBelowMinimum { days, minimum } => FlagReport {
            kind: "grace_below_minimum",
            text: l.bi(
                || format!("不符合文件要求：协议约定代偿宽限期 {days} 天，短于{source} {clause} 要求的不少于 {minimum} 天"),
                || format!("Does not meet the text: the agreed grace period of {days} days is shorter than the minimum of {minimum} days in {source} {clause}"),
            ),
        },
    }
}

fn reason_text<'p>(l: Lang, reason: &Reason<'p>) -> Bi<'p> {
    match reason {
        Reason::AnsweredNo(q) => {
            l.bi(|| format!("不满足：{}", q.question.zh), || format!("not met: {}", q.question.en))
        }
        Reason::NotAboveCityAverage { measures } => {
            let zh: Vec<String> = measures
                .iter()
                .map(|(m, a, b)| {
                    format!(
                        "{} {} 未超过全市平均 {}",
                        measure_text(*m).0,
                        measure_value(*m, *a).0,
                        measure_value(*m, *b).0
                    )
                })
                .collect();
            let en: Vec<String> = measures
                .iter()
                .map(|(m, a, b)| {
                    format!(
                        "{} of {} is not above the city average of {}",
                        measure_text(*m).1,
                        measure_value(*m, *a).1,
                        measure_value(*m, *b).1
                    )
                })
                .collect();
            l.bi(
                || format!("{}：不满足「超过全市平均」的条件", zh.join("，")),
                || format!("{}: the 'above the city average' condition is not met", en.join("; ")),
            )
        }
    }
}

fn open_report<'p>(l: Lang, open: &Open<'p>) -> ConfirmReport<'p> {
    match open {
        Open::Question(q) => ConfirmReport {
            not_yet: None,
            key: format!("answers.{}", q.id),
            text: l.bi(|| format!("需满足：{}", q.question.zh), || format!("to be met: {}", q.question.en)),
        },
        Open::GraceDays { minimum } => ConfirmReport {
            not_yet: None,
            key: "grace_days".into(),
            text: l.bi(
                || format!("需满足：代偿宽限期不少于{minimum}天（请填写协议约定的宽限期 grace_days）"),
                || {
                    format!(
                        "to be met: a grace period of at least {minimum} days (enter the agreed grace_days)"
                    )
                },
            ),
        },
        Open::CityAverage { unknown } => {
            let zh: Vec<&str> = unknown.iter().map(|m| measure_text(*m).0).collect();
            let en: Vec<&str> = unknown.iter().map(|m| measure_text(*m).1).collect();
            ConfirmReport {
                not_yet: None,
                key: "city_comparison".into(),
                text: l.bi(
                    || format!("需满足：年末在保余额超过全市平均在保余额，或年度增速超过全市平均增速（请填写本机构及全市平均的{}）", zh.join("、")),
                    || format!("to be met: a year-end guarantee balance above the city average, or annual growth above the city average (enter the institution's and the city average {})", en.join(" and ")),
                ),
            }
        }
        Open::Requirement { category } => {
            let req = category.requirement.as_ref();
            ConfirmReport {
                not_yet: None,
                key: format!("category.{}", category.id),
                text: l.bi(
                    || format!("需满足（{}）：{}", category.name.zh, req.map_or("", |t| t.zh.as_str())),
                    || format!("to be met ({}): {}", category.name.en, req.map_or("", |t| t.en.as_str())),
                ),
            }
        }
        Open::Deposit => ConfirmReport {
            not_yet: None,
            key: "deposit".into(),
            text: l.bi(
                || "需满足：银行对担保机构免收保证金（请填写银行要求的保证金 deposit，无则填0）",
                || "to be met: the bank asks the guarantor for no deposit (enter the deposit asked, 0 if none)",
            ),
        },
        Open::MaterialsComplete { max } => ConfirmReport {
            not_yet: None,
            key: "materials_complete".into(),
            text: l.bi(
                || format!("需满足：银行在收齐企业申请材料 {max} 日内作出是否授信的决定（请填写收齐材料之日 materials_complete）"),
                || format!("to be met: the bank decides within {max} days of the complete application (enter materials_complete)"),
            ),
        },
        Open::SalesUnknown { index, max } => {
            let n = index + 1;
            ConfirmReport {
                not_yet: None,
                key: format!("lines[{index}].annual_sales"),
                text: l.bi(
                    || format!("需满足：第{n}行借款企业年销售收入不超过 {} 元（请填写 annual_sales）", y(*max)),
                    || format!("to be met: line {n}'s borrower has annual sales of at most {} yuan (enter annual_sales)", y(*max)),
                ),
            }
        }
    }
}
