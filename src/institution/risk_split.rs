//! R-2 银担风险分担: the loss of a defaulted guaranteed loan, split between
//! the guarantee institution and the bank.
//!
//! - 000 三、（二）: 「原则上银行金融机构承担不低于20%的风险责任」;
//! - 002 二、（四）: 「银行机构风险分担比例不少于20%」「对担保机构提供免收保证金、
//!   代偿宽限期不少于30天、代偿范围限于本金和正常利息」; 三、（二）: 「落实融资
//!   担保代偿率放宽至5%」 — the guarantor's payout rate tolerated up to 5%.
//!
//! The split runs on the agreement as entered: the agreement, not the
//! calculator, governs who actually bears the loss. A bank share below the
//! clause's minimum, or a grace period shorter than its minimum, is
//! therefore a *flag* on a computed result — 「不符合文件要求」 with the
//! clause and the bank's amount at the minimum — not an input error, which
//! would leave the user with no figure for a loan that has already
//! defaulted. (Shares outside 0–100% are input errors.)
//!
//! Rounding: the guarantor's payout is rounded half-up to the fen; the
//! bank bears the rest, so the two add up to the covered amount exactly.

use rust_decimal::Decimal;

use super::{fen, Checker, Flag, Open, Outcome, RiskSplitInput, Split, Status, Step};
use crate::money::round_to_fen;
use crate::pack::institution::{CompensationScope, InstitutionCalculation};
use crate::pack::InstitutionRule;

/// A sanity bound on the grace period: ten years.
const MAX_GRACE_DAYS: u32 = 3650;

pub(crate) fn calculate<'p>(
    rule: &'p InstitutionRule,
    input: &RiskSplitInput,
    c: &mut Checker,
) -> Option<Outcome<'p>> {
    let InstitutionCalculation::RiskSplit {
        bank_share_min_percent,
        scope,
        grace_days_min,
        deposit_waived,
        payout_rate_tolerance_percent,
    } = &rule.calculation
    else {
        return None;
    };
    let mut out = Outcome::new(Status::Computed);
    let principal = c.yuan("outstanding_principal", &input.outstanding_principal, true);
    let interest = c.yuan("normal_interest", &input.normal_interest, true);
    let mut charge = |field: &str, m: &Option<crate::money::Money>| {
        m.as_ref().map_or(Decimal::ZERO, |m| c.yuan(field, m, true))
    };
    let penalty = charge("penalty_interest", &input.penalty_interest);
    let compound = charge("compound_interest", &input.compound_interest);
    let other = charge("other_charges", &input.other_charges);
    let share = c.percent("bank_share_percent", input.bank_share_percent, false);
    let deposit = input.deposit.as_ref().map(|m| c.yuan("deposit", m, true));
    let payout_rate =
        input.guarantor_payout_rate_percent.map(|p| c.percent("guarantor_payout_rate_percent", p, false));
    if input.grace_days.is_some_and(|d| d > MAX_GRACE_DAYS) {
        c.push(
            "grace_days",
            "代偿宽限期超出合理范围（不超过3650天）",
            "grace_days is out of range (at most 3650)",
        );
    }
    if !c.errors.is_empty() {
        return Some(out);
    }

    let covered = principal + interest;
    out.steps.push(Step::Covered { principal, normal_interest: interest, covered });
    let charges = penalty + compound + other;
    if input.penalty_interest.is_some() || input.compound_interest.is_some() || input.other_charges.is_some()
    {
        out.steps.push(Step::Charges {
            penalty: input.penalty_interest.map(|_| penalty),
            compound: input.compound_interest.map(|_| compound),
            other: input.other_charges.map(|_| other),
            total: charges,
            scope: *scope,
        });
    }

    let guarantor_percent = Decimal::ONE_HUNDRED - share;
    let raw = covered * guarantor_percent / Decimal::ONE_HUNDRED;
    out.steps.push(Step::GuarantorShare { covered, guarantor_percent, amount: raw });
    let guarantor = out.round(raw);
    let bank = covered - guarantor;
    out.steps.push(Step::BankShare { covered, guarantor_pays: guarantor, amount: bank });

    if share < *bank_share_min_percent {
        let bank_at_minimum = covered
            - round_to_fen(covered * (Decimal::ONE_HUNDRED - bank_share_min_percent) / Decimal::ONE_HUNDRED);
        out.flags.push(Flag::BankShareBelowMinimum {
            agreed_percent: share,
            minimum_percent: *bank_share_min_percent,
            bank_at_minimum,
        });
    } else {
        out.steps
            .push(Step::BankShareAtLeast { agreed_percent: share, minimum_percent: *bank_share_min_percent });
    }
    if let Some(minimum) = *grace_days_min {
        match input.grace_days {
            Some(days) if days < minimum => out.flags.push(Flag::GraceBelowMinimum { days, minimum }),
            Some(days) => out.steps.push(Step::GraceAtLeast { days, minimum }),
            None => out.to_confirm.push(Open::GraceDays { minimum }),
        }
    }

    if *deposit_waived {
        match deposit {
            Some(d) if d > Decimal::ZERO => out.flags.push(Flag::DepositRequired { deposit: fen(d) }),
            Some(_) => out.steps.push(Step::DepositWaived),
            None => out.to_confirm.push(Open::Deposit),
        }
    }
    // 「放宽至5%」: 5% itself is within it. Not entered: nothing to say.
    if let (Some(tolerance), Some(rate)) = (payout_rate_tolerance_percent, payout_rate) {
        let (rate_percent, tolerance_percent) = (rate, *tolerance);
        if rate > *tolerance {
            out.flags.push(Flag::PayoutRateAboveTolerance { rate_percent, tolerance_percent });
        } else {
            out.steps.push(Step::PayoutRateWithinTolerance { rate_percent, tolerance_percent });
        }
    }

    let (excluded, left_to_agreement) = match scope {
        CompensationScope::PrincipalAndNormalInterest => (charges, Decimal::ZERO),
        CompensationScope::NotSpecified => (Decimal::ZERO, charges),
    };
    out.split = Some(Split {
        covered: fen(covered),
        guarantor_pays: guarantor,
        bank_bears: fen(bank),
        excluded: fen(excluded),
        left_to_agreement: fen(left_to_agreement),
    });
    out.amount = Some(guarantor);
    Some(out)
}
