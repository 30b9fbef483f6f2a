//! The evaluation as people read it: every status, step, reason and open
//! condition rendered in zh-CN and English, with the citation, the total to
//! the enterprise, and what could add to it. This is the shape the CLI
//! prints as JSON and the browser receives (amounts as strings, to keep
//! decimal exactness across the JavaScript boundary).

use crate::fields::FieldId;
use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::lpr::{self};
use crate::money::Yuan;
use crate::pack::{Document, DocumentStatus, Family, Recipient, Text};
use crate::result::{Evaluation, RuleResult, SizeOutcome, Status, Step};
use crate::scenario::iso_date_opt;
use crate::size::{Size, SIZE_STANDARD};

mod citation;
mod json;
mod phrasebook;

pub use citation::{
    citation, citation_lines, readings, rule_header, rule_notes, shown_notes, RuleClause, RuleHeader,
};
pub use json::{
    InLang, LeanReportView, LeanSize, OutcomeMissing, OutcomeStep, OutcomeToConfirm, RuleOutcomeView,
};
pub use phrasebook::{field_text, step_text};
use phrasebook::{open_text, reason_text, step_kind};

/// The notice every result carries.
pub const NOTICE_ZH: &str = "测算结果仅供参考，以主管部门审核为准";
pub const NOTICE_EN: &str = "Estimates for reference only; the competent department's review decides.";

/// Which languages to render. The page asks for one (the other stays
/// empty), which halves the work on every keystroke; files and tests ask
/// for both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Zh,
    En,
    #[default]
    Both,
}

impl Lang {
    /// Render a text in the languages asked for; the other is left empty
    /// and its closure never runs.
    pub fn bi<'a, Z, E>(self, zh: impl FnOnce() -> Z, en: impl FnOnce() -> E) -> Bi<'a>
    where
        Z: Into<Cow<'a, str>>,
        E: Into<Cow<'a, str>>,
    {
        Bi {
            zh: if self == Lang::En { Cow::Borrowed("") } else { zh().into() },
            en: if self == Lang::Zh { Cow::Borrowed("") } else { en().into() },
        }
    }

    /// A pack text, borrowed.
    pub(crate) fn text<'a>(self, text: &'a Text) -> Bi<'a> {
        self.bi(|| text.zh.as_str(), || text.en.as_str())
    }
}

/// A text in zh-CN and English, zh-CN first (one may be empty, see [`Lang`]:
/// in a full report evaluated for one language the other is the empty string).
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "Text"))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bi<'a> {
    pub zh: Cow<'a, str>,
    pub en: Cow<'a, str>,
}

/// The whole result. Borrows the policy pack's texts rather than copying them.
///
/// Two forms share this shape: the full report ([`Report::new`]: every rule
/// with its name, recipient, notes and citation — the CLI, files, tests) and
/// the lean one ([`Report::lean`], [`LeanReport`]: per rule only what the
/// scenario decides, see [`RuleOutcome`]). The browser page asks for the lean
/// form on every keystroke and takes the rules' static texts from the
/// policy list once: they are more than half of a full report's text.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "ReportOf"))]
#[derive(Debug, Serialize)]
pub struct Report<'p, R = RuleReport<'p>> {
    #[serde(serialize_with = "crate::scenario::iso_date::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub evaluation_date: Date,
    pub enterprise_size: SizeReport<'p>,
    pub results: Vec<R>,
    /// 合计: computed amounts paid to the enterprise (yuan, 2 places).
    pub total_yuan: String,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub total_text: Bi<'p>,
    /// Computed amounts paid to a guarantor or bank, or whose recipient the
    /// text leaves open: not the enterprise's cash.
    #[cfg_attr(feature = "typescript", tsify(type = "Text[]"))]
    pub not_in_total: Vec<Bi<'p>>,
    /// Policies that apply but publish no figure: could add to the total.
    #[cfg_attr(feature = "typescript", tsify(type = "Text[]"))]
    pub could_add: Vec<Bi<'p>>,
    /// The newest LPR announcement the built-in table holds.
    #[serde(serialize_with = "crate::scenario::iso_date::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString"))]
    pub lpr_table_newest: Date,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub notice: Bi<'p>,
}

#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Serialize)]
pub struct SizeReport<'p> {
    /// `large` / `medium` / `small` / `micro`, or absent.
    #[cfg_attr(feature = "typescript", tsify(type = "Size | null"))]
    pub size: Option<&'static str>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub text: Bi<'p>,
    pub citation: &'static str,
    /// Scenario paths still needed to classify.
    pub missing: Vec<&'static str>,
}

#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Serialize)]
pub struct RuleReport<'p> {
    pub rule_id: &'p str,
    pub provision: Option<&'p str>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub name: Bi<'p>,
    pub family: Family,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub family_name: Bi<'p>,
    /// `eligible`, `amount_not_published`, `not_eligible`, `needs_information`,
    /// `outside_effective_dates`.
    #[cfg_attr(feature = "typescript", tsify(type = "RuleStatus"))]
    pub status: &'static str,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub status_text: Bi<'p>,
    pub amount_yuan: Option<String>,
    pub recipient: Recipient,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub recipient_text: Bi<'p>,
    pub counts_in_total: bool,
    #[cfg_attr(feature = "typescript", tsify(type = "Step[]"))]
    pub steps: Vec<StepReport<'p>>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text[]"))]
    pub reasons: Vec<Bi<'p>>,
    #[cfg_attr(feature = "typescript", tsify(type = "MissingField[]"))]
    pub missing: Vec<MissingReport<'p>>,
    #[cfg_attr(feature = "typescript", tsify(type = "ToConfirm[]"))]
    pub to_confirm: Vec<ConfirmReport<'p>>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text[]"))]
    pub notes: Vec<Bi<'p>>,
    /// 本测算采用的解读: the readings the rule takes, each with its alternatives.
    #[cfg_attr(feature = "typescript", tsify(type = "Reading[]"))]
    pub readings: Vec<ReadingReport<'p>>,
    pub citation: Citation<'p>,
}

/// One reading as shown with a result: what is read, the value taken and
/// why, and the other values a portal's pack may choose.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "Reading"))]
#[derive(Debug, Serialize)]
pub struct ReadingReport<'p> {
    pub id: &'static str,
    /// What is read, e.g. the 年度 of an annual cap.
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub name: Bi<'p>,
    /// The label of the value taken.
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub taken: Bi<'p>,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub justification: Bi<'p>,
    /// Every value a portal's pack may choose; `taken` marks the one used.
    #[cfg_attr(feature = "typescript", tsify(type = "Alternative[]"))]
    pub alternatives: Vec<AlternativeReport<'p>>,
}

#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "Alternative"))]
#[derive(Debug, Serialize)]
pub struct AlternativeReport<'p> {
    /// The pack value (`value = "…"` in `[[rules.readings]]`).
    pub value: String,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub label: Bi<'p>,
    pub taken: bool,
}

/// The lean report: per rule only what the scenario decides.
pub type LeanReport<'p> = Report<'p, RuleOutcome<'p>>;

/// What one evaluation decides for one rule: the fields of [`RuleReport`]
/// that depend on the scenario. The others (name, family, recipient, notes,
/// citation) depend on the rule alone. Written by its view
/// ([`LeanReport::in_lang`], `json.rs`): a missing amount, a `false` and an
/// empty list left out (most rules of a profile-only scenario carry a status
/// and one reason, nothing else).
#[derive(Debug)]
pub struct RuleOutcome<'p> {
    pub rule_id: &'p str,
    pub status: &'static str,
    pub status_text: Bi<'p>,
    pub amount_yuan: Option<String>,
    pub counts_in_total: bool,
    pub steps: Vec<StepReport<'p>>,
    pub reasons: Vec<Bi<'p>>,
    pub missing: Vec<MissingReport<'p>>,
    pub to_confirm: Vec<ConfirmReport<'p>>,
    /// The rule's notes this enterprise is shown ([`shown_notes`]): indices
    /// into the rule's notes as the policy list gives them.
    pub notes: Vec<usize>,
}

#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "Step"))]
#[derive(Debug, Serialize)]
/// How an amount was reached: one line per step.
pub struct StepReport<'p> {
    pub kind: &'static str,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub text: Bi<'p>,
}

#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "MissingField"))]
#[derive(Debug, Serialize)]
/// A field to fill in: `field` is the scenario path.
pub struct MissingReport<'p> {
    pub field: String,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub text: Bi<'p>,
}

#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "ToConfirm"))]
#[derive(Debug, Serialize)]
/// 需满足: a condition the calculator cannot verify.
pub struct ConfirmReport<'p> {
    /// The `answers` key for questions; the scenario field for item facts.
    pub key: String,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub text: Bi<'p>,
    /// Set when no answer can settle the item yet (按期还清本息 before the
    /// loan is due): a page shows when, not yes/no buttons.
    #[serde(flatten)]
    pub not_yet: Option<NotYetAnswerable>,
}

/// An open item no answer settles yet: `"answerable": false`, and the first
/// day an answer counts (the day after the loan's end date), or null when
/// the end date is not entered.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Serialize)]
pub struct NotYetAnswerable {
    /// Always `false` when present.
    #[cfg_attr(feature = "typescript", tsify(type = "false"))]
    pub answerable: bool,
    #[serde(serialize_with = "iso_date_opt::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub answerable_from: Option<Date>,
}

#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(missing_as_null))]
#[derive(Debug, Serialize)]
pub struct Citation<'p> {
    pub document_id: &'p str,
    pub title: &'p str,
    pub number: Option<&'p str>,
    pub issuer: &'p str,
    #[serde(serialize_with = "iso_date_opt::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub issued: Option<Date>,
    #[serde(serialize_with = "iso_date_opt::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub effective_from: Option<Date>,
    #[serde(serialize_with = "iso_date_opt::serialize")]
    #[cfg_attr(feature = "typescript", tsify(type = "DateString | null"))]
    pub effective_to: Option<Date>,
    pub status: DocumentStatus,
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub status_text: Bi<'p>,
    pub jurisdiction: String,
    pub clause: &'p str,
    /// 原文摘录
    pub quote: &'p str,
    pub national_basis: Option<&'p str>,
    /// 「牵头单位：…；责任单位：…」 when the clause names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "Text"))]
    pub units: Option<Bi<'p>>,
    /// Clauses of other documents the rule quotes too.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub see_also: Vec<SeeAlso<'p>>,
    pub source: &'p str,
    /// One line: 《title》（number）clause.
    pub text: String,
}

/// A clause of another document, cited beside the rule's own.
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[derive(Debug, Serialize)]
pub struct SeeAlso<'p> {
    pub document_id: &'p str,
    pub clause: &'p str,
    pub quote: &'p str,
    /// One line: 《title》（number）clause, when the document is built in;
    /// otherwise its id and the clause.
    pub text: String,
}

impl<'p> Report<'p> {
    /// The full report: every rule with its static texts and citation.
    pub fn new(evaluation: &Evaluation<'p>, l: Lang) -> Report<'p> {
        let size = match evaluation.size {
            SizeOutcome::Classified(size) => Some(size),
            _ => None,
        };
        Report::with_results(evaluation, l, |r| rule_report(l, r, size))
    }
}

impl<'p> LeanReport<'p> {
    /// The lean report: per rule only what the scenario decides
    /// ([`RuleOutcome`]); join it with the rules by `rule_id`.
    pub fn lean(evaluation: &Evaluation<'p>, l: Lang) -> LeanReport<'p> {
        let size = match evaluation.size {
            SizeOutcome::Classified(size) => Some(size),
            _ => None,
        };
        Report::with_results(evaluation, l, |r| rule_outcome(l, r, size))
    }
}

impl<'p, R> Report<'p, R> {
    fn with_results(
        evaluation: &Evaluation<'p>,
        l: Lang,
        rule: impl Fn(&RuleResult<'p>) -> R,
    ) -> Report<'p, R> {
        let results: Vec<R> = evaluation.results.iter().map(rule).collect();
        let total = evaluation.total_to_enterprise();
        let mut not_in_total = Vec::new();
        let mut could_add = Vec::new();
        for r in &evaluation.results {
            let name = &r.rule.name;
            let recipient = r.rule.recipient;
            match (r.status, r.amount) {
                (Status::Eligible, Some(amount)) if !r.counts_in_total() => not_in_total.push(l.bi(
                    || format!("{}：{} 元，拨付对象：{}", name.zh, Yuan(amount), recipient.name_zh()),
                    || format!("{}: {} yuan, paid to {}", name.en, Yuan(amount), recipient.name_en()),
                )),
                (Status::AmountNotPublished, _) => {
                    let set_by = r.steps.iter().find_map(|s| match s {
                        Step::NotPublished { set_by, .. } => Some(*set_by),
                        _ => None,
                    });
                    could_add.push(l.bi(
                        || format!("{}：金额未公布，{}", name.zh, set_by.map_or("", |s| s.zh.as_str())),
                        || {
                            format!(
                                "{}: no published figure; {}",
                                name.en,
                                set_by.map_or("", |s| s.en.as_str())
                            )
                        },
                    ));
                }
                _ => {}
            }
        }
        Report {
            evaluation_date: evaluation.evaluation_date,
            enterprise_size: size_report(l, &evaluation.size),
            results,
            total_yuan: format!("{total:.2}"),
            total_text: l.bi(
                || format!("可测算的企业补贴合计 {} 元", Yuan(total)),
                || format!("Computed subsidies to the enterprise: {} yuan in total", Yuan(total)),
            ),
            not_in_total,
            could_add,
            lpr_table_newest: lpr::newest_date(),
            notice: l.bi(|| NOTICE_ZH, || NOTICE_EN),
        }
    }
}

fn size_report<'p>(l: Lang, size: &SizeOutcome) -> SizeReport<'p> {
    match size {
        SizeOutcome::Classified(s) => SizeReport {
            size: Some(s.name_en()),
            text: l.bi(
                || format!("企业划型：{}企业", s.name_zh()),
                || format!("Enterprise size: {}", s.name_en()),
            ),
            citation: SIZE_STANDARD,
            missing: vec![],
        },
        SizeOutcome::Missing(metrics) => SizeReport {
            size: None,
            text: l.bi(
                || {
                    format!(
                        "企业划型需补充：{}",
                        metrics.iter().map(|m| m.name_zh()).collect::<Vec<_>>().join("、")
                    )
                },
                || {
                    format!(
                        "To classify the enterprise, enter: {}",
                        metrics.iter().map(|m| m.name_en()).collect::<Vec<_>>().join(", ")
                    )
                },
            ),
            citation: SIZE_STANDARD,
            missing: metrics.iter().map(|m| m.field().path()).collect(),
        },
        SizeOutcome::NoIndustry => SizeReport {
            size: None,
            text: l.bi(|| "企业划型需先选择所属行业", || "Choose the industry to classify the enterprise"),
            citation: SIZE_STANDARD,
            missing: vec![FieldId::Industry.path()],
        },
    }
}

fn status_key<'p>(l: Lang, status: Status, doc: &Document) -> (&'static str, Bi<'p>) {
    match status {
        Status::Eligible => ("eligible", l.bi(|| "符合条件", || "eligible")),
        Status::AmountNotPublished => {
            ("amount_not_published", l.bi(|| "符合条件，金额未公布", || "eligible, amount not published"))
        }
        Status::NotEligible => ("not_eligible", l.bi(|| "不符合条件", || "not eligible")),
        Status::NeedsInformation => {
            ("needs_information", l.bi(|| "需补充信息", || "more information needed"))
        }
        Status::OutsideEffectiveDates => {
            let range = |d: Option<Date>| d.map_or("—".to_string(), |d| d.to_string());
            let (from, to) = (range(doc.effective_from), range(doc.effective_to));
            (
                "outside_effective_dates",
                l.bi(
                    || format!("不在政策有效期内（{from} 至 {to}）"),
                    || format!("outside the policy's effective dates ({from} to {to})"),
                ),
            )
        }
    }
}

fn rule_outcome<'p>(l: Lang, r: &RuleResult<'p>, size: Option<Size>) -> RuleOutcome<'p> {
    let (status, status_text) = status_key(l, r.status, r.document);
    RuleOutcome {
        rule_id: &r.rule.id,
        status,
        status_text,
        amount_yuan: r.amount.map(|a| format!("{a:.2}")),
        counts_in_total: r.counts_in_total(),
        steps: r.steps.iter().map(|s| StepReport { kind: step_kind(s), text: step_text(l, s) }).collect(),
        reasons: r.reasons.iter().map(|reason| reason_text(l, reason, r)).collect(),
        missing: r
            .missing
            .iter()
            .map(|f| MissingReport { field: f.path(), text: field_text(l, f) })
            .collect(),
        to_confirm: r.to_confirm.iter().map(|o| open_text(l, o)).collect(),
        notes: shown_notes(r.document, r.rule, size),
    }
}

fn rule_report<'p>(l: Lang, r: &RuleResult<'p>, size: Option<Size>) -> RuleReport<'p> {
    let doc = r.document;
    let rule = r.rule;
    let o = rule_outcome(l, r, size);
    let notes = rule_notes(l, doc, rule)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| o.notes.contains(i))
        .map(|(_, (note, _))| note)
        .collect();
    let header = rule_header(l, doc, rule);
    RuleReport {
        rule_id: header.rule_id,
        provision: header.provision,
        name: header.name,
        family: rule.family,
        family_name: l.bi(|| rule.family.name_zh(), || rule.family.name_en()),
        status: o.status,
        status_text: o.status_text,
        amount_yuan: o.amount_yuan,
        recipient: rule.recipient,
        recipient_text: l.bi(|| rule.recipient.name_zh(), || rule.recipient.name_en()),
        counts_in_total: o.counts_in_total,
        steps: o.steps,
        reasons: o.reasons,
        missing: o.missing,
        to_confirm: o.to_confirm,
        notes,
        readings: readings(l, &rule.readings),
        citation: header.citation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repaid_on_schedule_is_not_answerable_before_due() {
        // The example's loan runs 2024-03-01 → 2025-03-01, evaluated 2024-12-31:
        // 按期还清本息 can be answered from 2025-03-02, the day after the end date.
        let set = crate::pack::builtin::builtin();
        let example =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenario.json")).unwrap();
        let item = |text: &str| {
            let scenario = crate::input::scenario_from_json(text).unwrap();
            let lean = LeanReport::lean(&crate::evaluate(set, &scenario), Lang::Zh);
            let json: serde_json::Value = serde_json::to_value(lean.in_lang(Lang::Zh)).unwrap();
            let i1 = json["results"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["rule_id"] == "LC-I-1")
                .unwrap()
                .clone();
            let open = i1["to_confirm"].as_array().cloned().unwrap_or_default();
            open.into_iter().find(|c| c["key"] == "loans[0].repaid_on_schedule")
        };
        let open = item(&example).expect("open before due");
        assert_eq!(open["answerable"], false);
        assert_eq!(open["answerable_from"], "2025-03-02");
        // Evaluated the day after the end date, a yes settles it: no open item.
        assert_eq!(item(&example.replace("2024-12-31", "2025-03-02")), None);
        // Evaluated on the end date itself it is still not due.
        let open = item(&example.replace("2024-12-31", "2025-03-01")).expect("open on the end date");
        assert_eq!(open["answerable_from"], "2025-03-02");
    }

    /// In both languages the lean report is the full report less what the
    /// rule alone decides (the policy list gives it once), with a missing
    /// amount, a `false` and an empty list left out; in one, the same with
    /// each `{zh, en}` text replaced by its string.
    #[test]
    fn lean_in_one_language() {
        use serde_json::Value;
        let set = crate::pack::builtin::builtin();
        let example =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenario.json")).unwrap();
        let scenarios = [
            example.clone(),
            // No end date: 按期还清本息 not answerable, and no date yet.
            example.replace("\"end_date\": \"2025-03-01\",", ""),
            example.replace("\"employees\": 120", "\"employees\": 500").replace("48000000 CNY", "300000000 CNY"),
            r#"{"evaluation_date": "2024-12-31", "enterprise": {}}"#.to_string(),
            r#"{"evaluation_date": "2021-10-01", "enterprise": {"region": {"province": "浙江省", "city": "台州市", "county": "临海市"}, "industry": "software", "employees": 10}, "loans": [{}]}"#.to_string(),
        ];
        /// A full report's result as the lean one writes it.
        fn lean_of(mut full: Value) -> Value {
            for result in full["results"].as_array_mut().unwrap() {
                let r = result.as_object_mut().unwrap();
                for key in [
                    "provision",
                    "name",
                    "family",
                    "family_name",
                    "recipient",
                    "recipient_text",
                    "readings",
                    "citation",
                    "notes",
                ] {
                    r.remove(key);
                }
                r.retain(|_, v| {
                    !(v.is_null() || *v == Value::Bool(false) || v.as_array().is_some_and(Vec::is_empty))
                });
            }
            full
        }
        for text in &scenarios {
            let scenario = crate::input::scenario_from_json(text).unwrap();
            let evaluation = crate::evaluate(set, &scenario);
            let lean = LeanReport::lean(&evaluation, Lang::Both);
            let both = serde_json::to_value(lean.in_lang(Lang::Both)).unwrap();
            // The notes: the full report has their texts, the lean one their
            // indices into the policy list's; as many of each.
            let full = serde_json::to_value(Report::new(&evaluation, Lang::Both)).unwrap();
            let count = |r: &Value| r.get("notes").and_then(Value::as_array).map_or(0, Vec::len);
            let counts = |v: &Value| v["results"].as_array().unwrap().iter().map(count).collect::<Vec<_>>();
            assert_eq!(counts(&both), counts(&full));
            let mut without_notes = both.clone();
            without_notes["results"].as_array_mut().unwrap().iter_mut().for_each(|r| {
                r.as_object_mut().unwrap().remove("notes");
            });
            assert_eq!(without_notes, lean_of(full));
            // One language: the same, each {zh, en} text replaced by its string.
            for (l, key) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
                fn one(v: Value, key: &str) -> Value {
                    match v {
                        Value::Object(m) if m.len() == 2 && m.contains_key("zh") && m.contains_key("en") => {
                            m[key].clone()
                        }
                        Value::Object(m) => {
                            Value::Object(m.into_iter().map(|(k, v)| (k, one(v, key))).collect())
                        }
                        Value::Array(a) => Value::Array(a.into_iter().map(|v| one(v, key)).collect()),
                        v => v,
                    }
                }
                let lean = LeanReport::lean(&evaluation, l);
                let written: serde_json::Value = serde_json::to_value(lean.in_lang(l)).unwrap();
                let both =
                    serde_json::to_value(LeanReport::lean(&evaluation, Lang::Both).in_lang(Lang::Both))
                        .unwrap();
                assert_eq!(written, one(both, key));
            }
        }
    }
}
