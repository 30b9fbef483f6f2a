//! S-2 推荐清单五项标准 (seed 003 二、（一）): the yes/no screening outreach
//! staff run per enterprise after a visit, singly or for a whole list.
//!
//! 「走访后按照“合规持续经营、固定经营场所、真实融资需求、信用状况良好、贷款用途
//! 依法合规”等5项标准进行初筛，形成“申报清单”」
//!
//! All five yes → 可列入申报清单; any no → 不列入, naming the failed ones;
//! otherwise the unanswered ones are listed to ask. None of the five can be
//! verified by the calculator: they are the officer's answers.
//!
//! ```
//! use sme_subsidy::screening::{screen, Outcome, ScreeningAnswers};
//! let mut a = ScreeningAnswers::default();
//! a.compliant_ongoing_operation = Some(true);
//! a.fixed_premises = Some(true);
//! a.genuine_financing_need = Some(true);
//! a.good_credit = Some(false);
//! let s = screen(&a);
//! assert_eq!(s.outcome, Outcome::NotListable);
//! assert_eq!(s.failed.names_zh(), "信用状况良好");
//! assert_eq!(s.unanswered.names_zh(), "贷款用途依法合规"); // still to ask
//! ```

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::input::InputError;
use crate::report::{Bi, Lang};

/// Where the criteria come from.
pub const CITATION: &str =
    "《达州市通川区支持小微企业融资协调工作机制实施方案》（通区府办发〔2024〕23号）二、（一）";
pub const QUOTE: &str = "走访后按照“合规持续经营、固定经营场所、真实融资需求、信用状况良好、贷款用途依法合规”等5项标准进行初筛，形成“申报清单”，提交给区工作专班。";
pub const DOCUMENT_ID: &str = "tongchuan-2024-sme-financing";

/// One of the five criteria.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// 合规持续经营
    CompliantOngoingOperation,
    /// 固定经营场所
    FixedPremises,
    /// 真实融资需求
    GenuineFinancingNeed,
    /// 信用状况良好
    GoodCredit,
    /// 贷款用途依法合规
    LawfulLoanPurpose,
}

impl Criterion {
    /// In the order of the text.
    pub const ALL: [Criterion; 5] = [
        Criterion::CompliantOngoingOperation,
        Criterion::FixedPremises,
        Criterion::GenuineFinancingNeed,
        Criterion::GoodCredit,
        Criterion::LawfulLoanPurpose,
    ];

    /// The field name in the answers.
    pub fn key(self) -> &'static str {
        match self {
            Criterion::CompliantOngoingOperation => "compliant_ongoing_operation",
            Criterion::FixedPremises => "fixed_premises",
            Criterion::GenuineFinancingNeed => "genuine_financing_need",
            Criterion::GoodCredit => "good_credit",
            Criterion::LawfulLoanPurpose => "lawful_loan_purpose",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Criterion::CompliantOngoingOperation => "合规持续经营",
            Criterion::FixedPremises => "固定经营场所",
            Criterion::GenuineFinancingNeed => "真实融资需求",
            Criterion::GoodCredit => "信用状况良好",
            Criterion::LawfulLoanPurpose => "贷款用途依法合规",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Criterion::CompliantOngoingOperation => "operates lawfully and continuously",
            Criterion::FixedPremises => "has fixed business premises",
            Criterion::GenuineFinancingNeed => "has a genuine financing need",
            Criterion::GoodCredit => "has a good credit record",
            Criterion::LawfulLoanPurpose => "the loan's purpose is lawful and compliant",
        }
    }

    /// The question an officer asks.
    pub fn question_zh(self) -> &'static str {
        match self {
            Criterion::CompliantOngoingOperation => "企业是否合规、持续经营（非异常经营、未停业）？",
            Criterion::FixedPremises => "企业是否有固定经营场所？",
            Criterion::GenuineFinancingNeed => "企业是否有真实的融资需求？",
            Criterion::GoodCredit => "企业信用状况是否良好？",
            Criterion::LawfulLoanPurpose => "贷款用途是否依法合规（用于自身生产经营）？",
        }
    }

    pub fn question_en(self) -> &'static str {
        match self {
            Criterion::CompliantOngoingOperation => "Does the enterprise operate lawfully and continuously?",
            Criterion::FixedPremises => "Does the enterprise have fixed business premises?",
            Criterion::GenuineFinancingNeed => "Does the enterprise have a genuine financing need?",
            Criterion::GoodCredit => "Is the enterprise's credit record good?",
            Criterion::LawfulLoanPurpose => {
                "Is the loan's purpose lawful (its own production and operations)?"
            }
        }
    }
}

/// One enterprise's answers; `None` = not answered yet. In JSON each answer
/// is `true`/`false`/`null`, or text such as `"是"`/`"否"`/`""` (see
/// [`parse_answer`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningAnswers {
    /// 企业名称或统一社会信用代码 (optional, for the list).
    #[serde(default)]
    pub enterprise: Option<String>,
    /// 合规持续经营
    #[serde(default, deserialize_with = "answer")]
    pub compliant_ongoing_operation: Option<bool>,
    /// 固定经营场所
    #[serde(default, deserialize_with = "answer")]
    pub fixed_premises: Option<bool>,
    /// 真实融资需求
    #[serde(default, deserialize_with = "answer")]
    pub genuine_financing_need: Option<bool>,
    /// 信用状况良好
    #[serde(default, deserialize_with = "answer")]
    pub good_credit: Option<bool>,
    /// 贷款用途依法合规
    #[serde(default, deserialize_with = "answer")]
    pub lawful_loan_purpose: Option<bool>,
}

impl ScreeningAnswers {
    pub fn get(&self, c: Criterion) -> Option<bool> {
        match c {
            Criterion::CompliantOngoingOperation => self.compliant_ongoing_operation,
            Criterion::FixedPremises => self.fixed_premises,
            Criterion::GenuineFinancingNeed => self.genuine_financing_need,
            Criterion::GoodCredit => self.good_credit,
            Criterion::LawfulLoanPurpose => self.lawful_loan_purpose,
        }
    }

    pub fn set(&mut self, c: Criterion, value: Option<bool>) {
        let slot = match c {
            Criterion::CompliantOngoingOperation => &mut self.compliant_ongoing_operation,
            Criterion::FixedPremises => &mut self.fixed_premises,
            Criterion::GenuineFinancingNeed => &mut self.genuine_financing_need,
            Criterion::GoodCredit => &mut self.good_credit,
            Criterion::LawfulLoanPurpose => &mut self.lawful_loan_purpose,
        };
        *slot = value;
    }
}

/// 初筛结论.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "ScreeningOutcome"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 五项均满足：可列入申报清单
    Listable,
    /// 至少一项不满足：不列入
    NotListable,
    /// 无不满足项，但有未确认项：需向企业核实
    Incomplete,
}

impl Outcome {
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Listable => "listable",
            Outcome::NotListable => "not_listable",
            Outcome::Incomplete => "incomplete",
        }
    }
}

/// A set of criteria, one bit each in the order of [`Criterion::ALL`]
/// (bit 0 = 合规持续经营): `Copy` and allocation-free, for lists of a
/// million rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Criteria(pub u8);

impl Criteria {
    pub fn contains(self, c: Criterion) -> bool {
        self.0 & (1 << c as u8) != 0
    }
    pub fn insert(&mut self, c: Criterion) {
        self.0 |= 1 << c as u8;
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    /// The criteria in the set, in the text's order.
    pub fn iter(self) -> impl Iterator<Item = Criterion> {
        Criterion::ALL.into_iter().filter(move |c| self.contains(*c))
    }
    /// Their names joined, e.g. `合规持续经营、信用状况良好`.
    pub fn names_zh(self) -> String {
        self.iter().map(Criterion::name_zh).collect::<Vec<_>>().join("、")
    }
    pub fn names_en(self) -> String {
        self.iter().map(Criterion::name_en).collect::<Vec<_>>().join("; ")
    }
}

impl Serialize for Criteria {
    /// As the list of criterion keys.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The screening of one enterprise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screening {
    pub outcome: Outcome,
    /// Answered no.
    pub failed: Criteria,
    /// Not answered (listed even when some failed).
    pub unanswered: Criteria,
}

/// Screen one enterprise's five answers, in the order of
/// [`Criterion::ALL`] (`None`: not answered). The per-row entry point for
/// lists: no allocation.
pub fn screen_answers(answers: [Option<bool>; 5]) -> Screening {
    let mut failed = Criteria::default();
    let mut unanswered = Criteria::default();
    for (c, a) in Criterion::ALL.into_iter().zip(answers) {
        match a {
            Some(true) => {}
            Some(false) => failed.insert(c),
            None => unanswered.insert(c),
        }
    }
    let outcome = if !failed.is_empty() {
        Outcome::NotListable
    } else if !unanswered.is_empty() {
        Outcome::Incomplete
    } else {
        Outcome::Listable
    };
    Screening { outcome, failed, unanswered }
}

/// Screen one enterprise.
pub fn screen(a: &ScreeningAnswers) -> Screening {
    screen_answers(Criterion::ALL.map(|c| a.get(c)))
}

/// Screen a list, one result per entry, in order.
pub fn screen_all(list: &[ScreeningAnswers]) -> Vec<Screening> {
    list.iter().map(screen).collect()
}

/// Counts over a screened list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub total: usize,
    pub listable: usize,
    pub not_listable: usize,
    pub incomplete: usize,
}

pub fn summarize(screenings: &[Screening]) -> Summary {
    let mut s = Summary { total: screenings.len(), ..Summary::default() };
    for x in screenings {
        match x.outcome {
            Outcome::Listable => s.listable += 1,
            Outcome::NotListable => s.not_listable += 1,
            Outcome::Incomplete => s.incomplete += 1,
        }
    }
    s
}

/// An answer as people type it in a form or a spreadsheet cell:
/// yes — 是 有 符合 满足 y yes true 1 √ ✓; no — 否 无 不符合 不满足 n no
/// false 0 × ✗; unanswered — empty, 未知 不确定 待核实 ? ？ (case and
/// surrounding spaces ignored). Anything else is an error, not a guess.
pub fn parse_answer(text: &str) -> Result<Option<bool>, String> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "是" | "有" | "符合" | "满足" | "y" | "yes" | "true" | "1" | "√" | "✓" | "✔" => {
            Ok(Some(true))
        }
        "否" | "无" | "不符合" | "不满足" | "n" | "no" | "false" | "0" | "×" | "✗" | "✘" | "x" => {
            Ok(Some(false))
        }
        "" | "未知" | "不确定" | "待核实" | "?" | "？" | "-" | "—" => Ok(None),
        _ => Err(format!(
            "`{}` is not a yes/no answer (是/否, yes/no, true/false, 1/0, or empty)",
            text.trim()
        )),
    }
}

fn answer<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct AnswerVisitor;
    impl<'de> Visitor<'de> for AnswerVisitor {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean, null, or 是/否")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<bool>, E> {
            Ok(Some(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<bool>, E> {
            parse_answer(v).map_err(E::custom)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<bool>, E> {
            match v {
                1 => Ok(Some(true)),
                0 => Ok(Some(false)),
                _ => Err(E::custom(format!(
                    "`{v}` is not a yes/no answer (是/否, yes/no, true/false, 1/0, or empty)"
                ))),
            }
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<bool>, E> {
            self.visit_u64(u64::try_from(v).unwrap_or(u64::MAX))
        }
        fn visit_none<E: de::Error>(self) -> Result<Option<bool>, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<bool>, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Option<bool>, D2::Error> {
            d.deserialize_any(AnswerVisitor)
        }
    }
    d.deserialize_any(AnswerVisitor)
}

/// Parse one enterprise's answers (a JSON object) or a list of them (an
/// array), the failing field located (`[3].good_credit`).
pub fn answers_from_json(text: &str) -> Result<Vec<ScreeningAnswers>, Vec<InputError>> {
    let locate = |prefix: &str, e: serde_path_to_error::Error<serde_json::Error>| {
        let path = e.path().to_string();
        let mut err = InputError::from_serde(path, &e.inner().to_string());
        if err.field == "(scenario)" {
            err.field = if prefix.is_empty() { "(input)".into() } else { prefix.to_string() };
        } else if !prefix.is_empty() {
            err.field = format!("{prefix}.{}", err.field);
        }
        if e.inner().to_string().contains("yes/no answer") {
            err.zh =
                format!("不是有效的是/否回答：请填 是/否、true/false、1/0，未确认请留空（{}）", e.inner());
        }
        err
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let mut err = InputError::from_serde(String::new(), &e.to_string());
        err.field = "(input)".into();
        vec![err]
    })?;
    let items: Vec<(String, serde_json::Value)> = match value {
        serde_json::Value::Array(items) => {
            items.into_iter().enumerate().map(|(i, v)| (format!("[{i}]"), v)).collect()
        }
        one => vec![(String::new(), one)],
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (prefix, value) in items {
        match serde_path_to_error::deserialize::<_, ScreeningAnswers>(value) {
            Ok(a) => out.push(a),
            Err(e) => errors.push(locate(&prefix, e)),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One screening, rendered.
#[derive(Debug, Serialize)]
pub struct ScreeningReport<'a> {
    pub enterprise: Option<&'a str>,
    /// `listable`, `not_listable`, `incomplete`.
    pub outcome: &'static str,
    pub outcome_text: Bi<'a>,
    pub criteria: Vec<CriterionReport<'a>>,
    pub failed: Criteria,
    pub unanswered: Criteria,
    /// What to ask, for the unanswered ones.
    pub to_ask: Vec<Bi<'a>>,
    pub citation: &'static str,
    pub quote: &'static str,
    pub note: Bi<'a>,
}

/// One criterion and its answer.
#[derive(Debug, Serialize)]
pub struct CriterionReport<'a> {
    pub criterion: Criterion,
    pub name: Bi<'a>,
    /// `yes`, `no`, `unanswered`.
    pub answer: &'static str,
}

impl<'a> ScreeningReport<'a> {
    pub fn new(answers: &'a ScreeningAnswers, s: &Screening, l: Lang) -> ScreeningReport<'a> {
        let outcome_text = match s.outcome {
            Outcome::Listable => l.bi(
                || "五项标准均满足：可列入申报清单".to_string(),
                || "All five criteria met: may be put on the application list (申报清单)".to_string(),
            ),
            Outcome::NotListable => l.bi(
                || format!("不满足：{}——不列入申报清单", s.failed.names_zh()),
                || format!("Not met: {} — not put on the application list", s.failed.names_en()),
            ),
            Outcome::Incomplete => l.bi(
                || format!("尚未确认：{}——请向企业核实后再判断", s.unanswered.names_zh()),
                || {
                    format!(
                        "Not yet confirmed: {} — ask the enterprise before deciding",
                        s.unanswered.names_en()
                    )
                },
            ),
        };
        ScreeningReport {
            enterprise: answers.enterprise.as_deref(),
            outcome: s.outcome.key(),
            outcome_text,
            criteria: Criterion::ALL
                .iter()
                .map(|&c| CriterionReport {
                    criterion: c,
                    name: l.bi(|| c.name_zh(), || c.name_en()),
                    answer: match answers.get(c) {
                        Some(true) => "yes",
                        Some(false) => "no",
                        None => "unanswered",
                    },
                })
                .collect(),
            failed: s.failed,
            unanswered: s.unanswered,
            to_ask: s.unanswered.iter().map(|c| l.bi(|| c.question_zh(), || c.question_en())).collect(),
            citation: CITATION,
            quote: QUOTE,
            note: l.bi(
                || "此为走访初筛；申报清单经区工作专班按5项标准审核、行业主管部门确认后形成推荐清单（二、（二））",
                || "This is the first screening after a visit; the district task force reviews the list against the five criteria and the competent departments confirm it into the recommendation list (二、（二）)",
            ),
        }
    }
}
