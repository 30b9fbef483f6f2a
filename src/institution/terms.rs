//! A clause's terms in words (文件要求), for the institution page before
//! anything is computed: R-2's split, R-3's rewards and limits, the part of
//! R-1's payout rate above its last tier. Rendered here, from the pack's
//! parameters, so the page only lays the sentences out.

use crate::money::{Grouped, Percent};
use crate::pack::institution::{CompensationScope, InstitutionCalculation as Calc};
use crate::report::{Bi, Lang};

/// The terms of a calculation, one sentence each (none for R-1, whose
/// tiers are a table, and for the templates that state no terms).
pub fn terms<'p>(l: Lang, calculation: &'p Calc) -> Vec<Bi<'p>> {
    let mut out = Vec::new();
    match calculation {
        Calc::RiskSplit {
            bank_share_min_percent,
            scope,
            grace_days_min,
            deposit_waived,
            payout_rate_tolerance_percent,
        } => {
            let p = Percent(*bank_share_min_percent);
            out.push(l.bi(
                || format!("银行分担比例不低于 {p}；低于时仍按协议比例测算，并标出不符合文件要求。"),
                || format!("The bank bears at least {p}; a lower agreed share is computed as agreed and flagged."),
            ));
            out.push(match scope {
                CompensationScope::PrincipalAndNormalInterest => l.bi(
                    || "代偿范围限于本金和正常利息：罚息、复利和其他费用不予代偿。",
                    || "The payout covers principal and normal interest only: penalty and compound interest and other charges are not compensated.",
                ),
                CompensationScope::NotSpecified => l.bi(
                    || "文件未规定代偿范围：按本金和正常利息分摊；罚息、复利和其他费用按银担协议约定，本测算不予分摊。",
                    || "The text does not set the payout's scope: principal and normal interest are split; other charges are left to the agreement and not split here.",
                ),
            });
            out.push(match grace_days_min {
                Some(n) => l.bi(
                    || format!("代偿宽限期不少于 {n} 天。"),
                    || format!("A grace period of at least {n} days."),
                ),
                None => l.bi(|| "文件未规定代偿宽限期。", || "The text sets no grace period."),
            });
            if *deposit_waived {
                out.push(l.bi(|| "对担保机构免收保证金。", || "No deposit may be asked of the guarantor."));
            }
            if let Some(p) = payout_rate_tolerance_percent.map(Percent) {
                out.push(l.bi(
                    || format!("担保机构代偿率放宽至 {p}。"),
                    || format!("The guarantor's payout rate is tolerated up to {p}."),
                ));
            }
        }
        Calc::PerUnitReward { units } => {
            for u in units {
                let yuan = Grouped(u.yuan);
                out.push(l.bi(
                    || format!("{}：每个 {yuan} 元", u.name.zh),
                    || format!("{}: {yuan} yuan each", u.name.en),
                ));
            }
        }
        Calc::BalanceShareReward {
            ceiling_percent,
            rate_set_by,
            cap_per_institution_yuan,
            categories,
            above_city_average_any_of,
        } => {
            let p = Percent(*ceiling_percent);
            out.push(l.bi(
                || format!("比例上限：不高于 {p}（上限，不是确定比例；测算结果为最高额）。"),
                || format!("Ceiling rate: at most {p} (a ceiling, not the rate applied; the result is a maximum)."),
            ));
            out.push(l.bi(
                || format!("实际比例：{}", rate_set_by.zh),
                || format!("The actual rate: {}", rate_set_by.en),
            ));
            if let Some(cap) = cap_per_institution_yuan.map(Grouped) {
                out.push(l.bi(
                    || format!("单家金融机构最高 {cap} 元。"),
                    || format!("At most {cap} yuan per institution."),
                ));
            }
            for k in categories {
                let cap = k.per_enterprise_balance_cap_yuan.map(Grouped);
                let sales = k.max_annual_sales_yuan.map(Grouped);
                let zh: Vec<String> = (cap.map(|c| format!("单户企业纳入的月均贷款余额不超过 {c} 元")))
                    .into_iter()
                    .chain(sales.map(|s| format!("借款企业年销售收入 {s} 元及以下")))
                    .collect();
                let en: Vec<String> = (cap
                    .map(|c| format!("per enterprise, at most {c} yuan of balance counted")))
                .into_iter()
                .chain(sales.map(|s| format!("borrower's annual sales of {s} yuan or less")))
                .collect();
                out.push(l.bi(
                    || match zh.is_empty() {
                        true => k.name.zh.clone(),
                        false => format!("{}（{}）", k.name.zh, zh.join("；")),
                    },
                    || match en.is_empty() {
                        true => k.name.en.clone(),
                        false => format!("{} ({})", k.name.en, en.join("; ")),
                    },
                ));
            }
            if !above_city_average_any_of.is_empty() {
                out.push(l.bi(
                    || "须年末在保余额超过全市平均，或年度增速超过全市平均（任一即可，「超过」不含相等）。",
                    || "The institution's year-end guarantee balance or its annual growth must be above the city average (either; equal is not above).",
                ));
            }
        }
        Calc::TieredCompensation { .. } | Calc::CappedAward { .. } | Calc::ReferralCheck { .. } => {}
    }
    out
}

/// R-3's rewards per unit, one help line per unit of `units`: 「每个 500,000 元」.
pub fn unit_amounts<'p>(l: Lang, calculation: &Calc) -> Vec<Bi<'p>> {
    let Calc::PerUnitReward { units } = calculation else { return Vec::new() };
    (units.iter().map(|u| Grouped(u.yuan)))
        .map(|yuan| l.bi(|| format!("每个 {yuan} 元"), || format!("{yuan} yuan each")))
        .collect()
}

/// the row under its tiers, 「代偿率超出 8% 的部分」 (not compensated).
pub fn above_top<'p>(l: Lang, calculation: &Calc) -> Option<Bi<'p>> {
    let Calc::TieredCompensation { tiers } = calculation else { return None };
    let top = Percent(tiers.last()?.to_percent);
    Some(l.bi(|| format!("代偿率超出 {top} 的部分"), || format!("The part of the rate above {top}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::builtin::builtin;

    fn rule_terms(id: &str) -> Vec<String> {
        let (_, rule) = builtin().institution_rules().find(|(_, r)| r.id == id).unwrap();
        terms(Lang::Both, &rule.calculation).into_iter().map(|t| format!("{} / {}", t.zh, t.en)).collect()
    }

    /// 温州 (draft) 二、（四）；三、（二）: the bank bears at least 20%, the
    /// payout is principal and normal interest, 30 days' grace, no deposit,
    /// payout rate tolerated up to 5%.
    #[test]
    fn risk_split_terms_in_words() {
        let zh: Vec<String> =
            rule_terms("WZ-R-2").iter().map(|t| t.split(" / ").next().unwrap().to_string()).collect();
        assert_eq!(
            zh,
            [
                "银行分担比例不低于 20%；低于时仍按协议比例测算，并标出不符合文件要求。",
                "代偿范围限于本金和正常利息：罚息、复利和其他费用不予代偿。",
                "代偿宽限期不少于 30 天。",
                "对担保机构免收保证金。",
                "担保机构代偿率放宽至 5%。",
            ]
        );
    }

    /// 临海 item 7: 10万元 per outlet in a 集镇, 20万元 in the 头门港 zone.
    #[test]
    fn per_unit_rewards_in_words() {
        assert_eq!(
            rule_terms("LH-R-3-7"),
            [
                "在集镇新设营业网点：每个 100,000 元 / New outlet in a market town (集镇): 100,000 yuan each",
                "在浙江头门港经济开发区设立营业网点：每个 200,000 元 / Outlet in the Toumen Port Economic Development Zone: 200,000 yuan each",
            ]
        );
        let (_, r7) = builtin().institution_rules().find(|(_, r)| r.id == "LH-R-3-7").unwrap();
        let each: Vec<String> = unit_amounts(Lang::Both, &r7.calculation)
            .into_iter()
            .map(|t| format!("{} / {}", t.zh, t.en))
            .collect();
        assert_eq!(each, ["每个 100,000 元 / 100,000 yuan each", "每个 200,000 元 / 200,000 yuan each"]);
    }

    /// 临海 item 11: 「不高于0.5%」, a ceiling; R-1's last tier ends at 8%.
    #[test]
    fn ceiling_and_above_top() {
        assert!(rule_terms("LH-R-3-11")[0].starts_with(
            "比例上限：不高于 0.5%（上限，不是确定比例；测算结果为最高额）。 / Ceiling rate: at most 0.5%"
        ));
        let (_, r1) = builtin().institution_rules().find(|(_, r)| r.id == "LC-R-1").unwrap();
        let above = above_top(Lang::Both, &r1.calculation).unwrap();
        assert_eq!(
            (above.zh.as_ref(), above.en.as_ref()),
            ("代偿率超出 8% 的部分", "The part of the rate above 8%")
        );
        assert!(terms(Lang::Both, &r1.calculation).is_empty());
    }
}
