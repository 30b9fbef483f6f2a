//! R-3 临海金融机构奖补 (seed 004, 临政办发〔2021〕47号, expired):
//!
//! - [`per_unit`]: a fixed amount per unit — item 7 new outlets (10万 in a
//!   集镇, 20万 in the 头门港经济开发区), item 8 特色支行 (10万 each), item 11
//!   首保客户 (500 元 each);
//! - [`balance_share`]: 「不高于0.5%」 of a monthly-average balance — item 11
//!   信保 risk compensation (≤ 1,000,000 per institution, only for an
//!   institution above the city average in balance or growth) and item 15
//!   risk compensation (per-enterprise balance counted up to 10,000,000 for
//!   首贷户 and 科技型企业 loans).
//!
//! 「不高于0.5%」 is a ceiling, not a rate: the result is a *maximum*
//! (status `Ceiling`), and says who sets the actual rate (item 15: 「以总额
//! 控制的方式设立风险补偿金」 — the fund's budget).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{BalanceShareInput, Checker, Open, Outcome, PerUnitInput, Reason, Status, Step};
use crate::pack::institution::{BalanceCategory, CityMeasure, InstitutionCalculation, PerEnterpriseCap};
use crate::pack::{InstitutionRule, Readings};

/// A sanity bound on a count: a million outlets or customers.
const MAX_COUNT: u32 = 1_000_000;

pub(crate) fn per_unit<'p>(
    rule: &'p InstitutionRule,
    input: &PerUnitInput,
    c: &mut Checker,
) -> Option<Outcome<'p>> {
    let InstitutionCalculation::PerUnitReward { units } = &rule.calculation else {
        return None;
    };
    let mut out = Outcome::new(Status::Computed);
    let ids = || units.iter().map(|u| u.id.as_str()).collect::<Vec<_>>();
    if input.counts.is_empty() {
        c.push(
            "counts",
            format!("请填写数量，可填：{}", ids().join("、")),
            format!("enter the counts; the units are: {}", ids().join(", ")),
        );
    }
    for (key, count) in &input.counts {
        if !units.iter().any(|u| &u.id == key) {
            c.push(
                format!("counts.{key}"),
                format!("条款 {} 没有奖补对象 {key}，可填：{}", rule.id, ids().join("、")),
                format!("rule {} has no unit `{key}`; its units: {}", rule.id, ids().join(", ")),
            );
        } else if *count > MAX_COUNT {
            c.push(
                format!("counts.{key}"),
                "数量超出合理范围（不超过1,000,000）",
                "count is out of range (at most 1,000,000)",
            );
        }
    }
    if !c.errors.is_empty() {
        return Some(out);
    }
    let mut sum = Decimal::ZERO;
    for unit in units {
        let Some(&count) = input.counts.get(&unit.id) else {
            continue;
        };
        // A portal's amount times a count can exceed Decimal: refuse, never panic.
        let Some(amount) =
            unit.yuan.checked_mul(Decimal::from(count)).and_then(|a| sum.checked_add(a).map(|s| (a, s)))
        else {
            c.push(
                format!("counts.{}", unit.id),
                "金额超出可计算范围",
                "the amount is out of the computable range",
            );
            return Some(out);
        };
        out.steps.push(Step::Unit { unit, count, amount: amount.0 });
        sum = amount.1;
    }
    if out.steps.len() > 1 {
        out.steps.push(Step::Sum { amount: sum });
    }
    out.amount = Some(out.round(sum));
    Some(out)
}

/// A balance line after its checks.
struct CheckedLine<'p, 'i> {
    index: usize,
    category: Option<&'p BalanceCategory>,
    balance: Decimal,
    sales: Option<Decimal>,
    enterprise: Option<&'i str>,
}

pub(crate) fn balance_share<'p>(
    rule: &'p InstitutionRule,
    input: &BalanceShareInput,
    c: &mut Checker,
) -> Option<Outcome<'p>> {
    let InstitutionCalculation::BalanceShareReward {
        ceiling_percent,
        cap_per_institution_yuan,
        categories,
        above_city_average_any_of,
        ..
    } = &rule.calculation
    else {
        return None;
    };
    let per_enterprise_cap: PerEnterpriseCap = rule.readings.reading();
    let mut out = Outcome::new(Status::Ceiling);
    let cat_ids = || categories.iter().map(|k| k.id.as_str()).collect::<Vec<_>>();
    if input.lines.is_empty() {
        c.push("lines", "请至少填写一行月均贷款余额", "enter at least one line of monthly-average balance");
    }
    // Check every line, and resolve its category.
    let mut lines: Vec<CheckedLine<'p, '_>> = Vec::new();
    for (i, line) in input.lines.iter().enumerate() {
        let at = |f: &str| format!("lines[{i}].{f}");
        let balance = c.yuan(&at("monthly_average_balance"), &line.monthly_average_balance, false);
        let sales = line.annual_sales.as_ref().map(|m| c.yuan(&at("annual_sales"), m, false));
        let category = match (&line.category, categories.is_empty()) {
            (None, true) => None,
            (Some(k), true) => {
                c.push(
                    at("category"),
                    format!("条款 {} 不分业务类别，请删去 category（收到 {k}）", rule.id),
                    format!("rule {} has no categories: leave category out (got `{k}`)", rule.id),
                );
                None
            }
            (None, false) => {
                c.push(
                    at("category"),
                    format!("请填写业务类别，可选：{}", cat_ids().join("、")),
                    format!("enter the category; one of: {}", cat_ids().join(", ")),
                );
                None
            }
            (Some(k), false) => match categories.iter().find(|x| &x.id == k) {
                Some(x) => Some(x),
                None => {
                    c.push(
                        at("category"),
                        format!("业务类别 {k} 不在可选范围内，可选：{}", cat_ids().join("、")),
                        format!("unknown category `{k}`; one of: {}", cat_ids().join(", ")),
                    );
                    None
                }
            },
        };
        let enterprise = line.enterprise.as_deref().map(str::trim).filter(|e| !e.is_empty());
        if category.is_some_and(|k| k.per_enterprise_balance_cap_yuan.is_some()) && enterprise.is_none() {
            c.push(
                at("enterprise"),
                "该类别有单户企业余额上限，请填写借款企业（名称或统一社会信用代码）",
                "this category limits the balance per enterprise: enter the borrowing enterprise (name or credit code)",
            );
        }
        if line.enterprise.as_deref().is_some_and(|e| e.trim().is_empty()) {
            c.push(
                at("enterprise"),
                "借款企业不能为空：请填写或删去该项",
                "enterprise must not be empty: fill it in or leave it out",
            );
        }
        lines.push(CheckedLine { index: i, category, balance, sales, enterprise });
    }
    let city = &input.city_comparison;
    let mut measures: Vec<(CityMeasure, Option<(Decimal, Decimal)>)> = Vec::new();
    for measure in above_city_average_any_of {
        let pair = match measure {
            CityMeasure::YearEndGuaranteeBalance => {
                let a = city
                    .year_end_guarantee_balance
                    .as_ref()
                    .map(|m| c.yuan("city_comparison.year_end_guarantee_balance", m, false));
                let b = city
                    .city_average_year_end_guarantee_balance
                    .as_ref()
                    .map(|m| c.yuan("city_comparison.city_average_year_end_guarantee_balance", m, false));
                a.zip(b)
            }
            CityMeasure::AnnualGrowth => {
                let a = city
                    .annual_growth_percent
                    .map(|p| c.percent("city_comparison.annual_growth_percent", p, true));
                let b = city
                    .city_average_annual_growth_percent
                    .map(|p| c.percent("city_comparison.city_average_annual_growth_percent", p, true));
                a.zip(b)
            }
        };
        measures.push((*measure, pair));
    }
    if !c.errors.is_empty() {
        return Some(out);
    }

    // 「超过全市平均」: strictly above, on any one measure.
    if !measures.is_empty() {
        match measures.iter().find(|(_, p)| p.is_some_and(|(a, avg)| a > avg)) {
            Some(&(measure, Some((actual, average)))) => {
                out.steps.push(Step::CityAverageMet { measure, actual, average })
            }
            _ if measures.iter().all(|(_, p)| p.is_some()) => {
                let mut not = Outcome::new(Status::NotEligible);
                not.reasons.push(Reason::NotAboveCityAverage {
                    measures: measures.iter().filter_map(|(m, p)| p.map(|(a, avg)| (*m, a, avg))).collect(),
                });
                return Some(not);
            }
            _ => out.to_confirm.push(Open::CityAverage {
                unknown: measures.iter().filter(|(_, p)| p.is_none()).map(|(m, _)| *m).collect(),
            }),
        }
    }

    // Lines: excluded by sales, or counted; capped ones grouped per enterprise.
    let mut total = Decimal::ZERO;
    // (enterprise, category id or "" across categories) → (category, sum, cap)
    let mut groups: BTreeMap<(String, String), (Option<&'p BalanceCategory>, Decimal, Decimal)> =
        BTreeMap::new();
    let mut used: Vec<&'p BalanceCategory> = Vec::new();
    for CheckedLine { index, category, balance, sales, enterprise } in lines {
        if let Some(k) = category {
            if !used.iter().any(|u| u.id == k.id) {
                used.push(k);
            }
            if let Some(max) = k.max_annual_sales_yuan {
                match sales {
                    Some(s) if s > max => {
                        out.steps.push(Step::LineExcluded { index, sales: s, max });
                        continue;
                    }
                    Some(_) => {}
                    None => out.to_confirm.push(Open::SalesUnknown { index, max }),
                }
            }
        }
        out.steps.push(Step::Line { index, category, balance });
        match (category.and_then(|k| k.per_enterprise_balance_cap_yuan), enterprise) {
            (Some(cap), Some(e)) => {
                let key = match per_enterprise_cap {
                    PerEnterpriseCap::PerCategory => {
                        (e.to_string(), category.map_or(String::new(), |k| k.id.clone()))
                    }
                    PerEnterpriseCap::AcrossCategories => (e.to_string(), String::new()),
                };
                let shown = match per_enterprise_cap {
                    PerEnterpriseCap::PerCategory => category,
                    PerEnterpriseCap::AcrossCategories => None,
                };
                let entry = groups.entry(key).or_insert((shown, Decimal::ZERO, cap));
                entry.1 += balance;
                entry.2 = entry.2.min(cap);
            }
            _ => total += balance,
        }
    }
    for ((enterprise, _), (category, before, cap)) in groups {
        let after = before.min(cap);
        out.steps.push(Step::EnterpriseCap { enterprise, category, before, cap, after });
        total += after;
    }
    out.steps.push(Step::BalanceTotal { amount: total });
    for k in used {
        if k.requirement.is_some() {
            out.to_confirm.push(Open::Requirement { category: k });
        }
    }

    let maximum = total * ceiling_percent / Decimal::ONE_HUNDRED;
    out.steps.push(Step::CeilingRate { balance: total, ceiling_percent: *ceiling_percent, amount: maximum });
    let mut amount = maximum;
    if let Some(cap) = cap_per_institution_yuan {
        let after = amount.min(*cap);
        out.steps.push(Step::InstitutionCap { before: amount, cap: *cap, after });
        amount = after;
    }
    out.amount = Some(out.round(amount));
    Some(out)
}
