//! The phrasebook: every step, reason, open condition and field of a
//! result in words, zh-CN and English, with the actual numbers.

use rust_decimal::Decimal;

use crate::fields::FieldId;
use crate::lpr::{LprSource, Tenor};
use crate::money::{unrounded, Grouped, Percent, Yuan};
use crate::pack::{GuaranteeFact, ItemKind, LoanFact};
use crate::result::{
    CapScope, Field, ItemReason, ItemRef, Open, RateBasis, Reason, RuleResult, Status, Step,
};
use crate::scenario::IpoStage;
use crate::vocabulary::Choice;

use super::{Bi, ConfirmReport, Lang, NotYetAnswerable};

fn item_name<'p>(l: Lang, item: ItemRef) -> Bi<'p> {
    let n = item.index + 1;
    match item.kind {
        ItemKind::Loan => l.bi(|| format!("贷款{n}"), || format!("loan {n}")),
        ItemKind::Guarantee => l.bi(|| format!("担保{n}"), || format!("guarantee {n}")),
        ItemKind::EvaluationFee => l.bi(|| format!("评估费{n}"), || format!("evaluation fee {n}")),
        ItemKind::Insurance => l.bi(|| format!("保单{n}"), || format!("insurance policy {n}")),
    }
}

/// 贷款1的评估费 — one fee kind of one loan.
fn fee_kind_of_loan<'p>(l: Lang, kind: ItemKind, loan_number: Option<usize>) -> Bi<'p> {
    let (kz, ke) = match kind {
        ItemKind::EvaluationFee => ("评估费", "evaluation fees"),
        _ => ("担保费", "guarantee fees"),
    };
    match loan_number {
        Some(n) => l.bi(|| format!("贷款{n}的{kz}"), || format!("the {ke} of loan {n}")),
        None => l.bi(|| kz.to_string(), || format!("the {ke}")),
    }
}

fn y(d: Decimal) -> Yuan {
    Yuan(d)
}

pub(super) fn step_kind(step: &Step) -> &'static str {
    match step {
        Step::AccrualClipped { .. } => "accrual_clipped",
        Step::Lpr { .. } => "lpr",
        Step::InterestSlice { .. } => "interest_slice",
        Step::FutureExcluded { .. } => "future_excluded",
        Step::Projected { .. } => "projected",
        Step::BalanceAverage { .. } => "balance_average",
        Step::FeeGroup { .. } => "fee_group",
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

fn stage_name<'p>(l: Lang, stage: IpoStage) -> Bi<'p> {
    let (zh, en) = term(stage);
    l.bi(|| zh, || en)
}

/// One step in words, with the actual numbers.
pub fn step_text<'p>(l: Lang, step: &Step<'p>) -> Bi<'p> {
    match step {
        Step::AccrualClipped { item, start, end, from, until } => {
            let n = item_name(l, *item);
            if from == until {
                l.bi(|| format!("{}：贷款期间 {start} 至 {end} 不在政策有效期内，不计贴息", n.zh), || format!("{}: the loan period {start} to {end} lies outside the policy's effective dates; no subsidy accrues", n.en))
            } else {
                let last = until.previous_day().unwrap_or(*until);
                l.bi(|| format!("{}：贷款期间 {start} 至 {end}，按政策有效期只计 {from} 至 {last} 的天数", n.zh), || format!("{}: of the loan period {start} to {end}, only {from} to {last} falls within the policy's effective dates", n.en))
            }
        }
        Step::Lpr { item, quote } => {
            let n = item_name(l, *item);
            let (tz, te) = match quote.tenor {
                Tenor::OneYear => ("1年期", "1-year"),
                Tenor::FiveYear => ("5年期以上", "5-year-plus"),
            };
            let p = Percent(quote.percent);
            match quote.source {
                LprSource::UserOverride => l.bi(
                    || format!("{}：采用用户输入的{tz}LPR {p}", n.zh),
                    || format!("{}: {te} LPR {p} as entered by the user", n.en),
                ),
                LprSource::Table { effective_from, beyond_newest } => {
                    let stale = if beyond_newest {
                        l.bi(
                            || format!("；内置数据最新至 {effective_from}，已按最新已知值计算，如LPR已调整请输入当期利率"),
                            || format!("; the built-in table ends at {effective_from}, so the newest known value was used — enter the current rate if it has changed"),
                        )
                    } else {
                        l.bi(|| "", || "")
                    };
                    let (stale_zh, stale_en) = (stale.zh, stale.en);
                    l.bi(
                        || {
                            format!(
                                "{}：{} 适用的{tz}LPR为 {p}（{effective_from} 公布）{stale_zh}",
                                n.zh, quote.on
                            )
                        },
                        || {
                            format!(
                                "{}: {te} LPR in force on {} is {p} (announced {effective_from}){stale_en}",
                                n.en, quote.on
                            )
                        },
                    )
                }
            }
        }
        Step::InterestSlice {
            item,
            year,
            loan_year_from,
            dates,
            principal,
            rate,
            days,
            future_days,
            basis,
            amount,
        } => {
            let n = item_name(l, *item);
            // Each part in the language asked for only.
            let r = match rate {
                RateBasis::LprShare { lpr_percent, share_percent } => {
                    let (lpr, share) = (Percent(*lpr_percent), Percent(*share_percent));
                    l.bi(|| format!("LPR {lpr} × {share}"), || format!("LPR {lpr} × {share}"))
                }
                RateBasis::FixedBp(bp) => l.bi(|| format!("{}BP", Grouped(*bp)), || format!("{} bp", Grouped(*bp))),
            };
            let yr = match loan_year_from {
                Some(d) => l.bi(|| format!("贷款年度（{d}起）"), || format!("in the loan year from {d}")),
                None => l.bi(|| format!("{year}年"), || format!("in {year}")),
            };
            let (d, pz, pe) = match dates {
                Some((a, b)) => {
                    let last = b.previous_day().unwrap_or(*b);
                    (l.bi(|| format!("{a} 至 {last} "), || format!(" {a} to {last}")), "贷款余额", "balance outstanding")
                }
                None => (l.bi(|| "", || ""), "本金", "principal"),
            };
            let f = match *future_days {
                0 => l.bi(|| "", || ""),
                f if f == *days => l.bi(|| "（预计：均在测算日期之后）", || " (projected: all after the evaluation date)"),
                f => l.bi(
                    || format!("（其中{f}天在测算日期之后，为预计）"),
                    || format!(" ({f} of the days are after the evaluation date: projected)"),
                ),
            };
            let (rz, re, yz, ye, dz, de, fz, fe) = (r.zh, r.en, yr.zh, yr.en, d.zh, d.en, f.zh, f.en);
            l.bi(
                || {
                    format!(
                        "{} {yz}：{dz}{pz} {} 元 × {rz} × {days}天 / {basis} = {} 元{fz}",
                        n.zh,
                        y(*principal),
                        y(*amount)
                    )
                },
                || {
                    format!(
                        "{} {ye}{de}: {pe} {} × {re} × {days} days / {basis} = {} yuan{fe}",
                        n.en,
                        y(*principal),
                        y(*amount)
                    )
                },
            )
        }
        Step::FutureExcluded { item, from } => {
            let n = item_name(l, *item);
            l.bi(
                || format!("{}：{from} 起的天数在测算日期之后，本测算只计已发生的利息，未计入", n.zh),
                || format!("{}: the days from {from} are after the evaluation date; only accrued interest is counted", n.en),
            )
        }
        Step::Projected { evaluation_date, accrued, projected } => l.bi(
            || {
                format!(
                    "按公式，截至测算日期 {evaluation_date} 已发生 {} 元；测算日期之后至到期为预计 {} 元（须到期按期还清本息后方可确认）",
                    y(*accrued),
                    y(*projected)
                )
            },
            || {
                format!(
                    "by formula, {} yuan has accrued up to the evaluation date {evaluation_date}; {} yuan to maturity is projected (confirmed only once the loan is repaid on schedule)",
                    y(*accrued),
                    y(*projected)
                )
            },
        ),
        Step::BalanceAverage { item, balance, from, until, loan_days, period_days, average } => {
            let n = item_name(l, *item);
            let last = until.previous_day().unwrap_or(*until);
            l.bi(
                || {
                    format!(
                        "{}：计算期 {from} 至 {last} 共 {period_days} 天，贷款在其中 {loan_days} 天；月均贷款余额 {} 元 × {loan_days} / {period_days} = {} 元",
                        n.zh,
                        y(*balance),
                        y(*average)
                    )
                },
                || {
                    format!(
                        "{}: the period {from} to {last} has {period_days} days, {loan_days} of them with the loan; monthly-average balance {} × {loan_days} / {period_days} = {} yuan",
                        n.en,
                        y(*balance),
                        y(*average)
                    )
                },
            )
        }
        Step::FeeGroup { kind, loan_number, count, amount } => {
            let f = fee_kind_of_loan(l, *kind, *loan_number);
            l.bi(
                || format!("{}共 {count} 笔，合计补助 {} 元，作为一个单项", f.zh, y(*amount)),
                || format!("{}: {count} fees, {} yuan together, one item under the cap", f.en, y(*amount)),
            )
        }
        Step::YearSubtotal { year, loan_year: false, amount } => l.bi(
            || format!("{year}年度合计 {} 元", y(*amount)),
            || format!("{year} subtotal {} yuan", y(*amount)),
        ),
        Step::YearSubtotal { year, loan_year: true, amount } => l.bi(
            || format!("{year}年起的贷款年度合计 {} 元", y(*amount)),
            || format!("loan years from {year}: subtotal {} yuan", y(*amount)),
        ),
        Step::BalanceShare { item, balance, share_percent, amount } => {
            let n = item_name(l, *item);
            l.bi(
                || {
                    format!(
                        "{}：月均贷款余额 {} 元 × {} = {} 元",
                        n.zh,
                        y(*balance),
                        Percent(*share_percent),
                        y(*amount)
                    )
                },
                || {
                    format!(
                        "{}: monthly-average balance {} × {} = {} yuan",
                        n.en,
                        y(*balance),
                        Percent(*share_percent),
                        y(*amount)
                    )
                },
            )
        }
        Step::FeeShare { item, fee, share_percent, amount } => {
            let n = item_name(l, *item);
            l.bi(
                || format!("{}：费用 {} 元 × {} = {} 元", n.zh, y(*fee), Percent(*share_percent), y(*amount)),
                || format!("{}: fee {} × {} = {} yuan", n.en, y(*fee), Percent(*share_percent), y(*amount)),
            )
        }
        Step::PremiumBase { item, premium, insured, ceiling_percent, base } => {
            let n = item_name(l, *item);
            let c = Percent(*ceiling_percent);
            l.bi(|| format!(
                    "{}：按费率上限 {c} 计，保费基数 = min(实际保费 {} 元, 保险金额 {} 元 × {c}) = {} 元",
                    n.zh, y(*premium), y(*insured), y(*base)
                ), || format!(
                    "{}: under the {c} rate ceiling, premium base = min(premium paid {}, insured amount {} × {c}) = {} yuan",
                    n.en, y(*premium), y(*insured), y(*base)
                ))
        }
        Step::PremiumShare { item, base, share_percent, amount } => {
            let n = item_name(l, *item);
            l.bi(
                || {
                    format!(
                        "{}：保费 {} 元 × {} = {} 元",
                        n.zh,
                        y(*base),
                        Percent(*share_percent),
                        y(*amount)
                    )
                },
                || {
                    format!(
                        "{}: premium {} × {} = {} yuan",
                        n.en,
                        y(*base),
                        Percent(*share_percent),
                        y(*amount)
                    )
                },
            )
        }
        Step::StageAmount { stage, fundraising, from, below, amount } => {
            let s = stage_name(l, *stage);
            let band_zh = match below {
                Some(b) => format!("{} 元至 {} 元以下", y(*from), y(*b)),
                None => format!("{} 元及以上", y(*from)),
            };
            let band_en = match below {
                Some(b) => format!("from {} to below {}", y(*from), y(*b)),
                None => format!("{} or more", y(*from)),
            };
            l.bi(
                || {
                    format!(
                        "{}阶段：募集资金 {} 元，属 {band_zh} 档，补助 {} 元",
                        s.zh,
                        y(*fundraising),
                        y(*amount)
                    )
                },
                || {
                    format!(
                        "{} stage: fundraising {} falls in the band {band_en}: {} yuan",
                        s.en,
                        y(*fundraising),
                        y(*amount)
                    )
                },
            )
        }
        Step::Sum { amount } => {
            l.bi(|| format!("合计 {} 元", y(*amount)), || format!("sum {} yuan", y(*amount)))
        }
        Step::Cap { scope, before, cap, after } => {
            let scope = match scope {
                CapScope::Item(item) => {
                    let n = item_name(l, *item);
                    l.bi(|| format!("{}单项最高", n.zh), || format!("{} item cap", n.en))
                }
                CapScope::FeeKindOfLoan { kind, loan_number } => {
                    let f = fee_kind_of_loan(l, *kind, *loan_number);
                    l.bi(|| format!("{}单项最高", f.zh), || format!("item cap for {}", f.en))
                }
                CapScope::PolicyYear(item) => {
                    let n = item_name(l, *item);
                    l.bi(
                        || format!("{}投保年度同一企业最高", n.zh),
                        || format!("per-enterprise cap for the policy year of {}", n.en),
                    )
                }
                CapScope::LoanYear(year) => l.bi(
                    || format!("{year}年起的贷款年度同一企业最高"),
                    || format!("per-enterprise cap for the loan year from {year}"),
                ),
                CapScope::EnterpriseYear(year) => {
                    l.bi(|| format!("{year}年度同一企业最高"), || format!("per-enterprise cap for {year}"))
                }
                CapScope::Enterprise => l.bi(|| "单个企业最高", || "per-enterprise cap"),
                CapScope::Total => l.bi(|| "累计最高", || "total cap"),
            };
            let (sz, se) = (scope.zh, scope.en);
            if before > cap {
                l.bi(
                    || format!("按公式 {} 元；超过{sz} {} 元 → {} 元", y(*before), y(*cap), y(*after)),
                    || {
                        format!(
                            "by formula {}; above the {se} of {} → {} yuan",
                            y(*before),
                            y(*cap),
                            y(*after)
                        )
                    },
                )
            } else {
                l.bi(
                    || format!("按公式 {} 元；未超过{sz} {} 元 → {} 元", y(*before), y(*cap), y(*after)),
                    || {
                        format!(
                            "by formula {}; within the {se} of {} → {} yuan",
                            y(*before),
                            y(*cap),
                            y(*after)
                        )
                    },
                )
            }
        }
        Step::NoCapPublished => l.bi(|| "文件未规定补贴上限", || "the text publishes no cap"),
        Step::PaidBound { before, paid, estimated, after } => {
            let (pz, pe) = if *estimated {
                ("按合同利率估算的应付利息", "interest implied by the contract rate (estimate)")
            } else {
                ("实际支付利息", "interest actually paid")
            };
            if before > paid {
                l.bi(
                    || {
                        format!(
                            "{} 元 超过{pz} {} 元，补贴不超过实际支付 → {} 元",
                            y(*before),
                            y(*paid),
                            y(*after)
                        )
                    },
                    || {
                        format!(
                            "{} exceeds the {pe} of {}; a subsidy never exceeds what was paid → {} yuan",
                            y(*before),
                            y(*paid),
                            y(*after)
                        )
                    },
                )
            } else {
                l.bi(
                    || format!("未超过{pz} {} 元 → {} 元", y(*paid), y(*after)),
                    || format!("within the {pe} of {} → {} yuan", y(*paid), y(*after)),
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
        Step::NotPublished { set_by, cap } => {
            let cap = match cap {
                Some(cap) => {
                    l.bi(|| format!("；文件规定最高 {} 元", y(*cap)), || format!("; the published cap is {} yuan", y(*cap)))
                }
                None => l.bi(|| "", || ""),
            };
            let (cap_zh, cap_en) = (cap.zh, cap.en);
            l.bi(
                || format!("文件未公布具体金额：{}{cap_zh}", set_by.zh),
                || format!("The text publishes no amount: {}{cap_en}", set_by.en),
            )
        }
    }
}

fn list<T>(items: &[T], f: impl Fn(&T) -> String, sep: &str) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(sep)
}

pub(super) fn reason_text<'p>(l: Lang, reason: &Reason<'p>, r: &RuleResult<'p>) -> Bi<'p> {
    let eligible =
        matches!(r.status, Status::Eligible | Status::AmountNotPublished | Status::NeedsInformation);
    match reason {
        Reason::OutsideJurisdiction => {
            let j = r.document.jurisdiction.describe();
            l.bi(
                || format!("本政策仅适用于{j}的企业"),
                || format!("this policy applies only to enterprises in {j}"),
            )
        }
        Reason::SizeNotAllowed { actual, allowed } => l.bi(
            || {
                format!(
                    "企业划型为{}企业，本政策适用于{}企业",
                    actual.name_zh(),
                    list(allowed, |s| s.name_zh().to_string(), "、")
                )
            },
            || {
                format!(
                    "the enterprise is {}; the policy covers {} enterprises",
                    actual.name_en(),
                    list(allowed, |s| s.name_en().to_string(), ", ")
                )
            },
        ),
        Reason::LacksQualification(q) => {
            let (z, e) = term(*q);
            l.bi(|| format!("需为{z}"), || format!("the enterprise must be a {e}"))
        }
        Reason::RevenueAbove { actual, max } => l.bi(
            || format!("营业收入（年销售）{} 元，超过 {} 元", y(*actual), y(*max)),
            || format!("operating revenue {} exceeds {} yuan", y(*actual), y(*max)),
        ),
        Reason::ExportsAbove { actual, max } => l.bi(
            || format!("年出口额 {} 美元，超过 {} 美元", Grouped(*actual), Grouped(*max)),
            || format!("annual exports of US${} exceed US${}", Grouped(*actual), Grouped(*max)),
        ),
        Reason::ExportsNotAbove { actual, min } => l.bi(
            || format!("年出口额 {} 美元，未超过 {} 美元", Grouped(*actual), Grouped(*min)),
            || format!("annual exports of US${} do not exceed US${}", Grouped(*actual), Grouped(*min)),
        ),
        Reason::IpoStageNotReached { actual, required } => {
            let req = stage_name(l, *required);
            match actual {
                Some(a) => {
                    let a = stage_name(l, *a);
                    l.bi(
                        || format!("上市进展为{}，尚未达到{}", a.zh, req.zh),
                        || format!("IPO stage is {}, not yet {}", a.en, req.en),
                    )
                }
                None => l.bi(
                    || format!("未填写上市进展，需达到{}", req.zh),
                    || format!("no IPO in progress; requires {}", req.en),
                ),
            }
        }
        Reason::NoIpo => l.bi(
            || "未填写上市进展：本政策适用于首次公开发行股票（IPO）的企业",
            || "no IPO entered: the policy is for enterprises going for an initial public offering",
        ),
        Reason::ItemOutsidePeriod { item, date } => {
            let n = item_name(l, *item);
            let range = |d: Option<time::Date>| d.map_or("—".to_string(), |d| d.to_string());
            let (from, to) = (range(r.document.effective_from), range(r.document.effective_to));
            let (wz, we) = match item.kind {
                ItemKind::Insurance => ("保险起期", "policy year begins"),
                _ => ("费用支付日期", "fee was paid"),
            };
            l.bi(
                || format!("{}（未计入）：{wz} {date} 不在政策有效期（{from} 至 {to}）内", n.zh),
                || format!("{} (not counted): the {we} on {date}, outside the policy's effective dates ({from} to {to})", n.en),
            )
        }
        Reason::NothingAccrues => {
            let range = |d: Option<time::Date>| d.map_or("—".to_string(), |d| d.to_string());
            let (from, to) = (range(r.document.effective_from), range(r.document.effective_to));
            l.bi(
                || format!("贷款期间均不在政策有效期（{from} 至 {to}）内"),
                || format!("no loan period falls within the policy's effective dates ({from} to {to})"),
            )
        }
        Reason::AnsweredNo(question) => {
            l.bi(|| format!("不满足：{}", question.zh), || format!("not met: {}", question.en))
        }
        Reason::Item { item, why } => {
            let n = item_name(l, *item);
            let (pz, pe) = if eligible { ("（未计入）", " (not counted)") } else { ("", "") };
            let w = item_reason_text(l, why);
            l.bi(|| format!("{}{pz}：{}", n.zh, w.zh), || format!("{}{pe}: {}", n.en, w.en))
        }
    }
}

fn loan_fact_text<'p>(l: Lang, fact: LoanFact) -> Bi<'p> {
    match fact {
        LoanFact::PledgeRegistered => l.bi(|| "已办理知识产权质押登记", || "the patent pledge is registered"),
        LoanFact::RepaidOnSchedule => l.bi(|| "按期还清本息", || "principal and interest repaid on schedule"),
        LoanFact::CarbonReductionTool => {
            l.bi(|| "纳入人民银行碳减排支持工具", || "covered by the PBoC carbon-reduction tool")
        }
    }
}

fn guarantee_fact_text<'p>(l: Lang, fact: GuaranteeFact) -> Bi<'p> {
    match fact {
        GuaranteeFact::GovernmentBusiness => {
            l.bi(|| "纳入政府性融资担保业务", || "government financing-guarantee business")
        }
        GuaranteeFact::ForPatentPledgeLoan => {
            l.bi(|| "因专利权质押贷款发生", || "incurred for a patent-pledge loan")
        }
    }
}

fn item_reason_text<'p>(l: Lang, why: &ItemReason<'p>) -> Bi<'p> {
    match why {
        ItemReason::Collateral { allowed } => l.bi(|| format!("担保方式不含{}", list(allowed, |c| term(*c).0.to_string(), "或")), || format!("not secured by {}", list(allowed, |c| term(*c).1.to_string(), " or "))),
        ItemReason::Lender { actual, allowed } => l.bi(|| format!("贷款机构为{}，本政策要求{}", term(*actual).0, list(allowed, |x| term(*x).0.to_string(), "或")), || format!("lender is {}; the policy requires {}", term(*actual).1, list(allowed, |x| term(*x).1.to_string(), " or "))),
        ItemReason::Purpose { actual, allowed } => l.bi(|| format!("贷款投向为{}，本政策限于{}", term(*actual).0, list(allowed, |p| term(*p).0.to_string(), "、")), || format!("loan purpose is {}; the policy covers {}", term(*actual).1, list(allowed, |p| term(*p).1.to_string(), ", "))),
        ItemReason::LoanFactNo(fact) => {
            let f = loan_fact_text(l, *fact);
            l.bi(|| format!("不满足“{}”", f.zh), || format!("not met: {}", f.en))
        }
        ItemReason::GuaranteeFactNo(fact) => {
            let f = guarantee_fact_text(l, *fact);
            let (more_zh, more_en) = match fact {
                GuaranteeFact::GovernmentBusiness => ("，不属于政府性融资担保业务", "; not government financing-guarantee business"),
                GuaranteeFact::ForPatentPledgeLoan => ("", ""),
            };
            l.bi(|| format!("不满足“{}”{more_zh}", f.zh), || format!("not met: {}{more_en}", f.en))
        }
        ItemReason::AmountAbove { actual, max, borrower_total: false } => l.bi(|| format!("单户担保金额 {} 元，超过 {} 元", y(*actual), y(*max)), || format!("guarantee amount {} exceeds {} yuan", y(*actual), y(*max))),
        ItemReason::AmountAbove { actual, max, borrower_total: true } => l.bi(|| format!("单户担保金额（本企业各笔担保合计）{} 元，超过 {} 元", y(*actual), y(*max)), || format!("the borrower's guarantees together come to {}, above {} yuan", y(*actual), y(*max))),
        ItemReason::FeeRateAbove { actual_percent, max_percent } => {
            let shown = Percent(distinct_from(*actual_percent, *max_percent));
            l.bi(|| format!("年化担保费率 {shown}，超过 {}，不属于政策性担保业务", Percent(*max_percent)), || format!("annualised fee rate {shown} exceeds {}: not policy guarantee business", Percent(*max_percent)))
        }
        ItemReason::NotGreenIndustry { .. } => l.bi(|| "不属于降碳减排、节能环保、清洁生产、清洁能源、生态环境、基础设施绿色升级、绿色服务等七类产业", || "not one of the seven green industry classes"),
        ItemReason::InsuranceKind { actual, allowed } => l.bi(|| format!("险种为{}，本政策限于{}", term(*actual).0, list(allowed, |k| term(*k).0.to_string(), "、")), || format!("insurance kind is {}; the policy covers {}", term(*actual).1, list(allowed, |k| term(*k).1.to_string(), ", "))),
        ItemReason::InsuranceProduct { .. } => l.bi(|| "投保标的不是首台（套）、首批次或首版次产品", || "the insured product is not first-set equipment, first-batch material or first-version software"),
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

/// A choice's label and its English inside a sentence (`vocabulary`).
fn term<C: Choice>(c: C) -> (&'static str, &'static str) {
    let t = c.term();
    (t.zh, t.en_phrase)
}

/// A field's name for people.
pub fn field_text<'p>(l: Lang, field: &Field) -> Bi<'p> {
    let label = field.id.spec().label;
    let (z, e) = (label.zh, label.en);
    match field.item {
        _ if field.unrecognised => l.bi(
            || format!("未能识别所填{z}，请按营业执照上的名称填写（如「临海市」「江北水城旅游度假区」）"),
            || format!("the {e} entered was not recognised: enter it as on the business licence"),
        ),
        Some(item) => {
            let n = item_name(l, item);
            l.bi(|| format!("请填写{}的{z}", n.zh), || format!("enter the {e} of {}", n.en))
        }
        None => l.bi(|| format!("请填写{z}"), || format!("enter the {e}")),
    }
}

pub(super) fn open_text<'p>(l: Lang, open: &Open<'p>) -> ConfirmReport<'p> {
    match open {
        Open::LoanFact { item, fact } => {
            let n = item_name(l, *item);
            let f = loan_fact_text(l, *fact);
            let field = match fact {
                LoanFact::PledgeRegistered => FieldId::LoanPledgeRegistered,
                LoanFact::RepaidOnSchedule => FieldId::LoanRepaidOnSchedule,
                LoanFact::CarbonReductionTool => FieldId::LoanCarbonTool,
            };
            ConfirmReport {
                not_yet: None,
                key: field.at(Some(item.index)),
                text: l
                    .bi(|| format!("需满足：{}{}", n.zh, f.zh), || format!("to be met: {} — {}", n.en, f.en)),
            }
        }
        Open::NotYetDue { item, end } => {
            let n = item_name(l, *item);
            let f = loan_fact_text(l, LoanFact::RepaidOnSchedule);
            let e = match end {
                Some(end) => {
                    l.bi(|| format!("到期日 {end} 尚未届满"), || format!("the end date {end} has not passed"))
                }
                None => l.bi(|| "未填写到期日", || "no end date entered"),
            };
            let (ez, ee) = (e.zh, e.en);
            ConfirmReport {
                // Due once the end date has passed (the condition's test):
                // an answer counts from the day after it.
                not_yet: Some(NotYetAnswerable {
                    answerable: false,
                    answerable_from: end.and_then(|e| e.next_day()),
                }),
                key: FieldId::LoanRepaidOnSchedule.at(Some(item.index)),
                text: l.bi(
                    || format!("需满足：{}{}（{ez}，须到期后确认）", n.zh, f.zh),
                    || format!("to be met: {} — {} ({ee}; it can be confirmed only once due)", n.en, f.en),
                ),
            }
        }
        Open::GuaranteeFact { item, fact } => {
            let n = item_name(l, *item);
            let f = guarantee_fact_text(l, *fact);
            let field = match (fact, item.kind) {
                (GuaranteeFact::GovernmentBusiness, _) => FieldId::GuaranteeGovernmentBusiness,
                (GuaranteeFact::ForPatentPledgeLoan, ItemKind::EvaluationFee) => {
                    FieldId::EvaluationFeeForPledge
                }
                (GuaranteeFact::ForPatentPledgeLoan, _) => FieldId::GuaranteeForPledge,
            };
            ConfirmReport {
                not_yet: None,
                key: field.at(Some(item.index)),
                text: l
                    .bi(|| format!("需满足：{}{}", n.zh, f.zh), || format!("to be met: {} — {}", n.en, f.en)),
            }
        }
        Open::Question { id, question } => ConfirmReport {
            not_yet: None,
            key: format!("answers.{id}"),
            text: l.bi(|| format!("需满足：{}", question.zh), || format!("to be met: {}", question.en)),
        },
    }
}
