//! Checking a policy pack before it is used: structure (by serde, with the
//! failing path) and meaning (rule ids unique, shares within 0–100%, caps
//! positive, item tests that fit the template's items, effective range in
//! order; for institution rules also tiers contiguous from 0% with each
//! boundary on exactly one side, unit and category ids unique). Each error
//! names the file, the rule and the field.

use std::collections::HashSet;
use std::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use super::institution::{InstitutionCalculation as Inst, TierTop};
use super::{Calculation, Condition, CrossReference, Document, InstitutionRule, Units};
use crate::input::{MAX_AMOUNT, MAX_YEAR, MIN_YEAR};
use crate::money::Grouped;

/// A located problem in a policy pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(rename = "PackErrorDetail", missing_as_null) // the browser writes None as null
)]
pub struct PackError {
    /// The file (or the name the portal gave its pack).
    pub file: String,
    /// The rule id, when the problem is inside a rule.
    pub rule: Option<String>,
    /// The field path inside the document or rule.
    pub field: String,
    pub zh: String,
    pub en: String,
    /// 行:列 in the pack's TOML text, when it was read from TOML
    /// (`spans::read_toml`); a JSON pack's errors are located by `field` alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
}

/// A place in a text: line and column, both from 1 (the column in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(at) = self.at {
            write!(f, ":{}:{}", at.line, at.column)?;
        }
        match &self.rule {
            Some(rule) => write!(f, " › rule {} › {}: {} / {}", rule, self.field, self.zh, self.en),
            None => write!(f, " › {}: {} / {}", self.field, self.zh, self.en),
        }
    }
}

impl std::error::Error for PackError {}

/// Deserialize documents with the failing path located, then check them.
/// `file` names the source in every error.
pub fn from_deserializer<'de, D>(de: D, file: &str) -> Result<Vec<Document>, Vec<PackError>>
where
    D: serde::Deserializer<'de>,
    D::Error: fmt::Display,
{
    checked(
        serde_path_to_error::deserialize(de).map_err(|e| (e.path().to_string(), e.inner().to_string())),
        file,
    )
}

/// Documents as read — or where (`[0].rules[2].rate`) and why reading
/// failed — checked for meaning: the one way every reader of packs (the
/// CLI's TOML and JSON, the browser's JSON) accepts or refuses them.
pub fn checked(
    read: Result<Vec<Document>, (String, String)>,
    file: &str,
) -> Result<Vec<Document>, Vec<PackError>> {
    let documents = read.map_err(|(field, message)| {
        vec![PackError {
            file: file.to_string(),
            rule: None,
            field,
            zh: format!("政策包格式错误：{message}"),
            en: format!("the pack is malformed: {message}"),
            at: None,
        }]
    })?;
    let errors = self::documents(&documents, file);
    if errors.is_empty() {
        Ok(documents)
    } else {
        Err(errors)
    }
}

/// The messages for a rule id the pack has used before: enterprise and
/// institution rules share one set of ids, so a result names one rule.
fn repeated_id(ids: &mut HashSet<String>, id: &str) -> Option<(String, String)> {
    (!ids.insert(id.to_string()))
        .then(|| (format!("规则编号 {id} 重复"), format!("rule id {id} is used twice")))
}

/// Every meaning error in these documents.
pub fn documents(documents: &[Document], file: &str) -> Vec<PackError> {
    let mut errors = Vec::new();
    let mut ids = HashSet::new();
    for (d, doc) in documents.iter().enumerate() {
        let mut push = |rule: Option<&str>, field: String, zh: String, en: String| {
            errors.push(PackError {
                file: file.to_string(),
                rule: rule.map(str::to_string),
                field,
                zh,
                en,
                at: None,
            })
        };
        for (field, date) in [
            ("issued", doc.issued),
            ("effective_from", doc.effective_from),
            ("effective_to", doc.effective_to),
        ] {
            if let Some(date) = date.filter(|d| !(MIN_YEAR..=MAX_YEAR).contains(&d.year())) {
                push(
                    None,
                    format!("[{d}].{field}"),
                    format!("日期 {date} 超出范围（{MIN_YEAR}—{MAX_YEAR}年）"),
                    format!("date {date} is out of range ({MIN_YEAR}–{MAX_YEAR})"),
                );
            }
        }
        if let (Some(from), Some(to)) = (doc.effective_from, doc.effective_to) {
            if to < from {
                push(
                    None,
                    format!("[{d}].effective_to"),
                    format!("有效期止 {to} 早于起始 {from}"),
                    format!("effective_to {to} is before effective_from {from}"),
                );
            }
        }
        for (r, rule) in doc.rules.iter().enumerate() {
            let at = |f: &str| format!("[{d}].rules[{r}].{f}");
            let id = Some(rule.id.as_str());
            if let Some((zh, en)) = repeated_id(&mut ids, &rule.id) {
                push(id, at("id"), zh, en);
            }
            if rule.quote.trim().is_empty() {
                push(id, at("quote"), "缺少原文摘录".into(), "the quoted clause is empty".into());
            }
            for (field, zh, en) in units_problems(rule.units.as_ref()) {
                push(id, at(&field), zh, en);
            }
            for (field, zh, en) in cross_reference_problems(&rule.see_also, doc, documents) {
                push(id, at(&field), zh, en);
            }
            let kinds = rule.calculation.item_kinds();
            for (c, condition) in rule.conditions.iter().enumerate() {
                if let Some(scope) = condition.item_scope() {
                    if !scope.iter().any(|k| kinds.contains(k)) {
                        push(
                            id,
                            at(&format!("conditions[{c}]")),
                            "该条件针对的对象（贷款/担保/保单）不在本规则计算范围内".into(),
                            format!("this item test reads {scope:?}, which the calculation does not run over ({kinds:?})"),
                        );
                    }
                }
                if let Condition::Confirm { id: qid, .. } = condition {
                    if qid.trim().is_empty() {
                        push(
                            id,
                            at(&format!("conditions[{c}].id")),
                            "问题编号不能为空".into(),
                            "question id must not be empty".into(),
                        );
                    }
                }
            }
            for (field, zh, en) in super::apply::problems(rule) {
                push(id, at(&field), zh, en);
            }
            for (field, zh, en) in reading_problems(&rule.readings, rule.readings_read()) {
                push(id, at(&field), zh, en);
            }
            for (field, zh, en) in rule_texts(rule) {
                if let Some((zh, en)) = one_language_missing(zh, en) {
                    push(id, at(&field), zh, en);
                }
            }
            for (field, value, bound) in parameters(&rule.calculation) {
                if let Some((_, zh, en)) = bound.check(field.to_string(), value) {
                    push(id, at(&format!("calculation.{field}")), zh, en);
                }
            }
            for (c, condition) in rule.conditions.iter().enumerate() {
                if let Some((field, value, bound)) = condition_parameter(condition) {
                    if let Some((_, zh, en)) = bound.check(field.to_string(), value) {
                        push(id, at(&format!("conditions[{c}].{field}")), zh, en);
                    }
                }
            }
            if let Calculation::StagedGrant { stages, .. } = &rule.calculation {
                for (s, stage) in stages.iter().enumerate() {
                    for (b, band) in stage.bands.iter().enumerate() {
                        if band
                            .fundraising_below_yuan
                            .is_some_and(|below| below <= band.fundraising_from_yuan)
                        {
                            push(
                                id,
                                at(&format!("calculation.stages[{s}].bands[{b}].fundraising_below_yuan")),
                                "募资额区间的上限须大于下限".into(),
                                "fundraising_below_yuan must be above fundraising_from_yuan".into(),
                            );
                        }
                    }
                }
            }
        }
        for (r, rule) in doc.institution_rules.iter().enumerate() {
            let at = |f: &str| format!("[{d}].institution_rules[{r}].{f}");
            let id = Some(rule.id.as_str());
            if let Some((zh, en)) = repeated_id(&mut ids, &rule.id) {
                push(id, at("id"), zh, en);
            }
            for (field, zh, en) in institution_texts(rule) {
                if let Some((zh, en)) = one_language_missing(zh, en) {
                    push(id, at(&field), zh, en);
                }
            }
            for (field, zh, en) in institution_problems(rule) {
                push(id, at(&field), zh, en);
            }
        }
    }
    errors
}

/// Each reading the rule reads is given once, and none it does not read
/// (a reading the engine would ignore is a promise the result cannot keep).
fn reading_problems(readings: &[super::Reading], read: Vec<&'static str>) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, reading) in readings.iter().enumerate() {
        let id = reading.id();
        if !read.contains(&id) {
            out.push(problem(
                format!("readings[{i}].id"),
                format!("本规则的计算与条件不使用解读 {id}"),
                format!("the rule's calculation and conditions do not read `{id}`"),
            ));
        } else if readings[..i].iter().any(|r| r.id() == id) {
            out.push(problem(
                format!("readings[{i}].id"),
                format!("解读 {id} 重复"),
                format!("reading `{id}` is given twice"),
            ));
        }
    }
    for id in read {
        if !readings.iter().any(|r| r.id() == id) {
            out.push(problem(
                "readings".to_string(),
                format!("缺少解读 {id}（本规则的计算或条件依赖它，须写明采用的解读、备选解读及理由）"),
                format!("reading `{id}` is missing (the calculation or a condition reads it: give the value, the alternatives and the justification)"),
            ));
        }
    }
    out
}

/// A text the results show must be given in Chinese and in English: the
/// report is rendered in both.
fn one_language_missing(zh: &str, en: &str) -> Option<(String, String)> {
    let (no_zh, no_en) = (zh.trim().is_empty(), en.trim().is_empty());
    (no_zh || no_en).then(|| {
        let (zh_which, en_which) = match (no_zh, no_en) {
            (true, true) => ("中文和英文", "Chinese and English"),
            (true, false) => ("中文", "Chinese"),
            _ => ("英文", "English"),
        };
        (
            format!("缺少{zh_which}文本：结果以中英文显示，两种都须填写"),
            format!("the {en_which} text is empty: results show both languages, give both"),
        )
    })
}

/// Every text of a rule that its results show: (field, zh, en).
fn rule_texts(rule: &super::Rule) -> Vec<(String, &str, &str)> {
    let mut out = vec![("name".to_string(), rule.name.zh.as_str(), rule.name.en.as_str())];
    if let Some(t) = &rule.recipient_note {
        out.push(("recipient_note".into(), &t.zh, &t.en));
    }
    for (n, note) in rule.notes.iter().enumerate() {
        out.push((format!("notes[{n}]"), &note.zh, &note.en));
    }
    for (c, condition) in rule.conditions.iter().enumerate() {
        if let Condition::Confirm { question, column, .. } = condition {
            out.push((format!("conditions[{c}].question"), &question.zh, &question.en));
            if let Some(t) = column {
                out.push((format!("conditions[{c}].column"), &t.zh, &t.en));
            }
        }
    }
    match &rule.calculation {
        Calculation::StagedGrant { schedule_set_by: t, .. } => {
            out.push(("calculation.schedule_set_by".into(), &t.zh, &t.en))
        }
        Calculation::EligibilityOnly { amount_set_by: t, .. } => {
            out.push(("calculation.amount_set_by".into(), &t.zh, &t.en))
        }
        _ => {}
    }
    out
}

/// Every text of an institution rule that its results show: (field, zh, en).
fn institution_texts(rule: &InstitutionRule) -> Vec<(String, &str, &str)> {
    let mut out = vec![("name".to_string(), rule.name.zh.as_str(), rule.name.en.as_str())];
    if let Some(t) = &rule.recipient_note {
        out.push(("recipient_note".into(), &t.zh, &t.en));
    }
    for (n, t) in rule.notes.iter().enumerate() {
        out.push((format!("notes[{n}]"), &t.zh, &t.en));
    }
    for (c, q) in rule.conditions.iter().enumerate() {
        out.push((format!("conditions[{c}].question"), &q.question.zh, &q.question.en));
    }
    match &rule.calculation {
        Inst::PerUnitReward { units } => {
            for (u, unit) in units.iter().enumerate() {
                out.push((format!("calculation.units[{u}].name"), &unit.name.zh, &unit.name.en));
            }
        }
        Inst::BalanceShareReward { rate_set_by, categories, .. } => {
            out.push(("calculation.rate_set_by".into(), &rate_set_by.zh, &rate_set_by.en));
            for (c, cat) in categories.iter().enumerate() {
                out.push((format!("calculation.categories[{c}].name"), &cat.name.zh, &cat.name.en));
                if let Some(t) = &cat.requirement {
                    out.push((format!("calculation.categories[{c}].requirement"), &t.zh, &t.en));
                }
            }
        }
        _ => {}
    }
    out
}

/// What a pack number can mean, and so its range. Every amount the
/// templates multiply is bounded here and in the input (`input::MAX_AMOUNT`),
/// so no product of the formulas can leave `Decimal`'s range: the largest,
/// principal × rate × days, is at most 10^12 × 10^4 × 40,200 ≈ 4 × 10^20,
/// against `Decimal`'s 7.9 × 10^28.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Bound {
    /// A share of something (比例): above 0, at most 100%.
    Share,
    /// A rate ceiling or threshold in percent: 0 to 100%.
    Percent,
    /// A rate in basis points (基点): above 0, at most 10,000 (100% a year).
    BasisPoints,
    /// A cap or an amount paid, in yuan or dollars: above 0, at most `MAX_AMOUNT`.
    Amount,
    /// A threshold in yuan or dollars: 0 to `MAX_AMOUNT`.
    Threshold,
}

impl Bound {
    /// The problem, when `value` is out of this range: (field, zh, en).
    pub(crate) fn check(self, field: String, value: Decimal) -> Option<Problem> {
        let hundred = Decimal::ONE_HUNDRED;
        let (low_open, high, zh_range, en_range) = match self {
            Bound::Share => (
                true,
                hundred,
                "须大于0且不超过100".to_string(),
                "must be above 0 and at most 100".to_string(),
            ),
            Bound::Percent => {
                (false, hundred, "须在0到100之间".to_string(), "must be between 0 and 100".to_string())
            }
            Bound::BasisPoints => (
                true,
                Decimal::from(10_000),
                "须大于0且不超过10000个基点（年率100%）".to_string(),
                "must be above 0 and at most 10,000 basis points (100% a year)".to_string(),
            ),
            Bound::Amount | Bound::Threshold => {
                let open = matches!(self, Bound::Amount);
                let max = Grouped(MAX_AMOUNT);
                (
                    open,
                    MAX_AMOUNT,
                    format!("须{}且不超过{max}（一万亿）", if open { "大于0" } else { "不小于0" }),
                    format!("must be {} and at most {max}", if open { "above 0" } else { "at least 0" }),
                )
            }
        };
        let low = if low_open { value <= Decimal::ZERO } else { value < Decimal::ZERO };
        if !low && value <= high {
            return None;
        }
        let zh = format!("参数 {field} = {value} 超出合理范围（{zh_range}）");
        let en = format!("{field} = {value} is out of range ({en_range})");
        Some((field, zh, en))
    }
}

/// The numeric parameters of a calculation: (name, value, range).
pub(crate) fn parameters(calc: &Calculation) -> Vec<(&'static str, Decimal, Bound)> {
    let mut out = Vec::new();
    let mut cap = |name, v: &Option<Decimal>| {
        if let Some(v) = v {
            out.push((name, *v, Bound::Amount));
        }
    };
    match calc {
        Calculation::LprShareInterest { share_of_lpr_percent, cap_per_enterprise_year_yuan, .. } => {
            cap("cap_per_enterprise_year_yuan", cap_per_enterprise_year_yuan);
            out.push(("share_of_lpr_percent", *share_of_lpr_percent, Bound::Share));
        }
        Calculation::FixedRateInterest { rate_bp, cap_per_enterprise_year_yuan, .. } => {
            cap("cap_per_enterprise_year_yuan", cap_per_enterprise_year_yuan);
            out.push(("rate_bp", *rate_bp, Bound::BasisPoints));
        }
        Calculation::BalanceShareInterest { share_percent, cap_per_enterprise_yuan } => {
            cap("cap_per_enterprise_yuan", cap_per_enterprise_yuan);
            out.push(("share_percent", *share_percent, Bound::Share));
        }
        Calculation::FeeShare { share_percent, cap_per_item_yuan, .. } => {
            cap("cap_per_item_yuan", cap_per_item_yuan);
            out.push(("share_percent", *share_percent, Bound::Share));
        }
        Calculation::PremiumShare {
            share_percent,
            premium_rate_ceiling_percent,
            cap_per_enterprise_year_yuan,
        } => {
            cap("cap_per_enterprise_year_yuan", cap_per_enterprise_year_yuan);
            out.push(("share_percent", *share_percent, Bound::Share));
            if let Some(c) = premium_rate_ceiling_percent {
                out.push(("premium_rate_ceiling_percent", *c, Bound::Share));
            }
        }
        Calculation::StagedGrant { total_cap_yuan, stages, .. } => {
            cap("total_cap_yuan", total_cap_yuan);
            for stage in stages {
                for band in &stage.bands {
                    out.push(("stages.bands.amount_yuan", band.amount_yuan, Bound::Amount));
                    out.push((
                        "stages.bands.fundraising_from_yuan",
                        band.fundraising_from_yuan,
                        Bound::Threshold,
                    ));
                    if let Some(below) = band.fundraising_below_yuan {
                        out.push(("stages.bands.fundraising_below_yuan", below, Bound::Amount));
                    }
                }
            }
        }
        Calculation::EligibilityOnly { .. } => {}
    }
    out
}

/// The number a condition compares with: (name, value, range).
fn condition_parameter(condition: &Condition) -> Option<(&'static str, Decimal, Bound)> {
    Some(match condition {
        Condition::OperatingRevenueAtMost { yuan } | Condition::GuaranteeAmountAtMost { yuan } => {
            ("yuan", *yuan, Bound::Threshold)
        }
        Condition::AnnualExportsAtMost { usd } | Condition::AnnualExportsAbove { usd } => {
            ("usd", *usd, Bound::Threshold)
        }
        Condition::GuaranteeFeeRateAtMost { percent } => ("percent", *percent, Bound::Percent),
        _ => return None,
    })
}

type Problem = (String, String, String);

fn problem(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Problem {
    (field.into(), zh.into(), en.into())
}

/// A number out of range: above 0 (`positive`) or at least 0, and at most
/// 100 for a percentage (`share`).
fn out_of_range(field: String, value: Decimal, positive: bool, share: bool) -> Option<Problem> {
    if !share {
        return Bound::Amount.check(field, value);
    }
    let low = if positive { value <= Decimal::ZERO } else { value < Decimal::ZERO };
    if !(low || value > Decimal::ONE_HUNDRED) {
        return None;
    }
    let (zh_low, en_low) = if positive { ("大于0", "above 0") } else { ("不小于0", "at least 0") };
    let (zh_hi, en_hi) = if share { ("且不超过100", " and at most 100") } else { ("", "") };
    let zh = format!("参数 {field} = {value} 超出范围（须{zh_low}{zh_hi}）");
    let en = format!("{field} = {value} is out of range (must be {en_low}{en_hi})");
    Some((field, zh, en))
}

/// 牵头单位/责任单位: when given, at least one, and neither blank.
fn units_problems(units: Option<&Units>) -> Vec<Problem> {
    let Some(units) = units else { return Vec::new() };
    let mut out = Vec::new();
    if units.lead.is_none() && units.responsible.is_none() {
        out.push(problem(
            "units",
            "须至少写明牵头单位或责任单位之一",
            "name the lead or the responsible units, or leave units out",
        ));
    }
    for (field, value, zh) in
        [("units.lead", &units.lead, "牵头单位"), ("units.responsible", &units.responsible, "责任单位")]
    {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            out.push(problem(field, format!("{zh}不能为空"), format!("{field} must not be blank")));
        }
    }
    out
}

/// A cross-reference names another document of this pack or of the
/// built-in one, a clause and a quote.
fn cross_reference_problems(refs: &[CrossReference], doc: &Document, documents: &[Document]) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        let at = |f: &str| format!("see_also[{i}].{f}");
        let known = documents.iter().chain(&super::builtin::builtin().documents).any(|d| d.id == r.document);
        if r.document == doc.id || !known {
            out.push(problem(
                at("document"),
                format!("“{}” 不是本政策包或内置政策包中的另一份文件", r.document),
                format!("`{}` is not another document of this pack or of the built-in one", r.document),
            ));
        }
        for (field, value) in [("clause", &r.clause), ("quote", &r.quote)] {
            if value.trim().is_empty() {
                out.push(problem(
                    at(field),
                    "条款位置和原文摘录不能为空",
                    format!("{field} must not be blank"),
                ));
            }
        }
    }
    out
}

/// Meaning errors of one institution rule: (field inside the rule, zh, en).
fn institution_problems(rule: &InstitutionRule) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::new();
    if rule.quote.trim().is_empty() {
        out.push(problem("quote", "缺少原文摘录", "the quoted clause is empty"));
    }
    out.extend(units_problems(rule.units.as_ref()));
    out.extend(reading_problems(&rule.readings, rule.readings_read()));
    let mut questions = HashSet::new();
    for (c, q) in rule.conditions.iter().enumerate() {
        if q.id.trim().is_empty() {
            out.push(problem(
                format!("conditions[{c}].id"),
                "问题编号不能为空",
                "question id must not be empty",
            ));
        } else if !questions.insert(q.id.as_str()) {
            out.push(problem(
                format!("conditions[{c}].id"),
                format!("问题编号 {} 重复", q.id),
                format!("question id {} is used twice", q.id),
            ));
        }
    }
    match &rule.calculation {
        Inst::TieredCompensation { tiers, .. } => {
            if tiers.is_empty() {
                out.push(problem("calculation.tiers", "至少需要一档", "at least one tier is required"));
            }
            for (t, tier) in tiers.iter().enumerate() {
                let at = |f: &str| format!("calculation.tiers[{t}].{f}");
                out.extend(out_of_range(at("share_percent"), tier.share_percent, false, true));
                out.extend(out_of_range(at("from_percent"), tier.from_percent, false, true));
                out.extend(out_of_range(at("to_percent"), tier.to_percent, true, true));
                if tier.to_percent <= tier.from_percent {
                    out.push(problem(
                        at("to_percent"),
                        format!("档位上限 {} 须大于下限 {}", tier.to_percent, tier.from_percent),
                        format!(
                            "to_percent {} must be above from_percent {}",
                            tier.to_percent, tier.from_percent
                        ),
                    ));
                }
                if let Some(next) = tiers.get(t + 1) {
                    if next.from_percent != tier.to_percent {
                        out.push(problem(
                            format!("calculation.tiers[{}].from_percent", t + 1),
                            format!("档位不连续：上一档止于 {}%，本档始于 {}%", tier.to_percent, next.from_percent),
                            format!("tiers are not contiguous: the previous tier ends at {}%, this one starts at {}%", tier.to_percent, next.from_percent),
                        ));
                    }
                }
            }
            if let Some(first) = tiers.first() {
                if !first.from_percent.is_zero() {
                    out.push(problem(
                        "calculation.tiers[0].from_percent",
                        "第一档须从0%开始",
                        "the first tier must start at 0%",
                    ));
                }
            }
            if let Some(last) = tiers.last() {
                if last.top != Some(TierTop::Included) {
                    out.push(problem(
                        format!("calculation.tiers[{}].top", tiers.len() - 1),
                        "最后一档须写明包含其上限（top = \"included\"，只有超出上限的部分不予补偿）",
                        "the last tier must include its top (top = \"included\": only the part above it is excluded)",
                    ));
                }
            }
        }
        Inst::CappedAward { cap_yuan, share_of_cost, .. } => {
            if let Some(cap) = cap_yuan {
                out.extend(out_of_range("calculation.cap_yuan".into(), *cap, true, false));
            }
            if let Some(range) = share_of_cost {
                if cap_yuan.is_some() {
                    out.push(problem(
                        "calculation.share_of_cost",
                        "最高金额与费用比例区间只能填其一",
                        "give cap_yuan or share_of_cost, not both",
                    ));
                }
                out.extend(out_of_range(
                    "calculation.share_of_cost.min_percent".into(),
                    range.min_percent,
                    true,
                    true,
                ));
                out.extend(out_of_range(
                    "calculation.share_of_cost.max_percent".into(),
                    range.max_percent,
                    true,
                    true,
                ));
                if range.max_percent < range.min_percent {
                    out.push(problem(
                        "calculation.share_of_cost.max_percent",
                        "比例区间上限须不低于下限",
                        "max_percent must be at least min_percent",
                    ));
                }
            }
        }
        Inst::ReferralCheck { max_banks_per_batch, decision_days_max } => {
            for (field, v) in [
                ("calculation.max_banks_per_batch", max_banks_per_batch),
                ("calculation.decision_days_max", decision_days_max),
            ] {
                if *v == 0 {
                    out.push(problem(field, format!("{field} 须大于0"), format!("{field} must be above 0")));
                }
            }
        }
        Inst::RiskSplit { bank_share_min_percent, grace_days_min, payout_rate_tolerance_percent, .. } => {
            if let Some(t) = payout_rate_tolerance_percent {
                out.extend(out_of_range("calculation.payout_rate_tolerance_percent".into(), *t, true, true));
            }
            out.extend(out_of_range(
                "calculation.bank_share_min_percent".into(),
                *bank_share_min_percent,
                true,
                true,
            ));
            if *grace_days_min == Some(0) {
                out.push(problem(
                    "calculation.grace_days_min",
                    "代偿宽限期下限须大于0天（文件未规定时请省略）",
                    "grace_days_min must be above 0 (leave it out when the text sets none)",
                ));
            }
        }
        Inst::PerUnitReward { units } => {
            if units.is_empty() {
                out.push(problem(
                    "calculation.units",
                    "至少需要一个奖补对象",
                    "at least one unit is required",
                ));
            }
            let mut seen = HashSet::new();
            for (u, unit) in units.iter().enumerate() {
                out.extend(out_of_range(format!("calculation.units[{u}].yuan"), unit.yuan, true, false));
                if unit.id.trim().is_empty() || !seen.insert(unit.id.as_str()) {
                    out.push(problem(
                        format!("calculation.units[{u}].id"),
                        format!("奖补对象编号 “{}” 为空或重复", unit.id),
                        format!("unit id `{}` is empty or used twice", unit.id),
                    ));
                }
            }
        }
        Inst::BalanceShareReward { ceiling_percent, cap_per_institution_yuan, categories, .. } => {
            out.extend(out_of_range("calculation.ceiling_percent".into(), *ceiling_percent, true, true));
            if let Some(cap) = cap_per_institution_yuan {
                out.extend(out_of_range("calculation.cap_per_institution_yuan".into(), *cap, true, false));
            }
            let mut seen = HashSet::new();
            for (c, cat) in categories.iter().enumerate() {
                let at = |f: &str| format!("calculation.categories[{c}].{f}");
                if let Some(cap) = cat.per_enterprise_balance_cap_yuan {
                    out.extend(out_of_range(at("per_enterprise_balance_cap_yuan"), cap, true, false));
                }
                if let Some(max) = cat.max_annual_sales_yuan {
                    out.extend(out_of_range(at("max_annual_sales_yuan"), max, true, false));
                }
                if cat.id.trim().is_empty() || !seen.insert(cat.id.as_str()) {
                    out.push(problem(
                        at("id"),
                        format!("业务类别编号 “{}” 为空或重复", cat.id),
                        format!("category id `{}` is empty or used twice", cat.id),
                    ));
                }
            }
        }
    }
    out
}
